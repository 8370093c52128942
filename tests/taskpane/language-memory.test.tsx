/**
 * The language chosen in the pane survives a reload (localStorage, taskpane/language-preference.ts) and the browser
 * demo's own toolbar follows it (the pane announces it on <html lang>; demo/demo-text.ts follows).
 */
import fs from "fs";
import path from "path";
import { act, screen, waitFor } from "@testing-library/react";
import type { Root } from "react-dom/client";
import { MESSAGES } from "../../src/i18n";
import { demoText, followPageLanguage, translateDemoPage } from "../../src/demo/demo-text";
import { startTaskpane } from "../../src/taskpane/start-taskpane";
import { choose, renderPane } from "./render-pane";

jest.mock("../../src/worker/create-rfm-worker", () => ({
  createRfmWorker: () => {
    throw new Error("no worker in tests");
  },
}));

jest.setTimeout(60_000);

const globals = globalThis as unknown as Record<string, unknown>;

afterEach(() => {
  localStorage.clear();
  document.documentElement.lang = "";
  delete globals.Office;
  delete globals.Excel;
});

/** Starts the pane as the add-in's entry does, with an Office whose display language is `displayLanguage`. */
async function startInExcel(displayLanguage: string): Promise<Root> {
  globals.Office = {
    HostType: { Excel: "Excel" },
    context: { displayLanguage },
    onReady: () => Promise.resolve({ host: "Excel", platform: null }),
  };
  globals.Excel = {};
  const container = document.createElement("div");
  document.body.append(container);
  let root: Root | undefined;
  await act(async () => {
    root = await startTaskpane(container);
  });
  return root!;
}

describe("the pane's language across reloads", () => {
  test("a language chosen in the switch is used at the next start, over Office's display language", async () => {
    const { user, view } = renderPane({ language: "en" });
    await choose(user, "Language", "简体中文");
    expect(document.documentElement.lang).toBe("zh-Hans");
    view.unmount();

    const root = await startInExcel("en-US");
    const zh = MESSAGES["zh-Hans"];
    expect(screen.getByRole("heading", { name: zh["app.title"] })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: zh["source.useSelection"] })).toBeInTheDocument();
    act(() => root.unmount());
  });

  test("without an earlier choice the pane starts in Office's display language", async () => {
    const root = await startInExcel("zh-TW");
    expect(screen.getByRole("heading", { name: MESSAGES["zh-Hant"]["app.title"] })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("zh-Hant");
    act(() => root.unmount());
  });

  test("something else stored under the key is ignored", async () => {
    localStorage.setItem("rfm-segments.language", "fr");
    const root = await startInExcel("en-US");
    expect(screen.getByRole("heading", { name: MESSAGES.en["app.title"] })).toBeInTheDocument();
    act(() => root.unmount());
  });
});

describe("the demo page's toolbar", () => {
  const demoBody = /<body>([\s\S]*)<\/body>/.exec(
    fs.readFileSync(path.resolve(__dirname, "../../src/demo/demo.html"), "utf8"),
  )![1]!;

  test("follows the language chosen in the pane, in all three languages", async () => {
    document.body.innerHTML = demoBody;
    translateDemoPage(document, "en");
    const stop = followPageLanguage(document, (language) => translateDemoPage(document, language));
    const loadFile = () => document.getElementById("load-file")!.textContent;
    expect(loadFile()).toBe(MESSAGES.en["demo.loadFile"]);

    const { user } = renderPane({ language: "en" });
    await choose(user, "Language", "简体中文");
    await waitFor(() => expect(loadFile()).toBe("加载 CSV / XLSX 文件"));
    expect(document.getElementById("demo-title")!.textContent).toBe("RFM 客户分群 · 浏览器演示");
    expect(document.title).toBe(MESSAGES["zh-Hans"]["demo.pageTitle"]);
    expect(document.getElementById("name-box")!.title).toBe("输入区域（如 A1:F5000）后按 Enter");
    // The Name box keeps its name, as Excel's own is found by it.
    expect(document.getElementById("name-box")!.getAttribute("aria-label")).toBe("Name Box");

    await choose(user, "语言", "繁體中文");
    await waitFor(() => expect(loadFile()).toBe("載入 CSV / XLSX 檔案"));
    expect(document.getElementById("workbook")!.getAttribute("aria-label")).toBe("活頁簿");
    stop();
  });

  test("the status line's words come from the catalogue in each language", () => {
    const size = demoText("zh-Hant")("demo.size", { rows: 5, columns: 3 });
    expect(demoText("zh-Hant")("demo.statusSelection", { sheet: "銷售", rows: "101", size })).toBe(
      "銷售 · 101 列 · 已選取 5 列 × 3 欄",
    );
    expect(demoText("en")("demo.statusSelection", { sheet: "Sales", rows: "101", size: "5R × 3C" })).toBe(
      "Sales · 101 rows · selection 5R × 3C",
    );
  });
});
