import { act, screen } from "@testing-library/react";
import type { Root } from "react-dom/client";
import { MESSAGES } from "../../src/i18n";
import { startTaskpane } from "../../src/taskpane/start-taskpane";

// The real factory uses import.meta.url, which only webpack understands; the entry's wiring is what is tested here.
jest.mock("../../src/worker/create-rfm-worker", () => ({
  createRfmWorker: () => {
    throw new Error("no worker in tests");
  },
}));

jest.setTimeout(30_000);

interface OfficeStandIn {
  onReady: () => Promise<{ host: unknown; platform: unknown }>;
  HostType: { Excel: string };
  context: Record<string, unknown>;
}

const globals = globalThis as unknown as Record<string, unknown>;
let root: Root | undefined;

async function start(office: OfficeStandIn | undefined, excel: unknown) {
  if (office) globals.Office = office;
  if (excel) globals.Excel = excel;
  const container = document.createElement("div");
  document.body.append(container);
  await act(async () => {
    root = await startTaskpane(container);
  });
}

function officeWith(host: string | null, context: Record<string, unknown>): OfficeStandIn {
  return { HostType: { Excel: "Excel" }, context, onReady: () => Promise.resolve({ host, platform: null }) };
}

afterEach(() => {
  act(() => root?.unmount());
  document.body.innerHTML = "";
  delete globals.Office;
  delete globals.Excel;
});

describe("task-pane entry", () => {
  test("without Office at all it shows the open-in-Excel notice", async () => {
    await start(undefined, undefined);
    expect(screen.getByRole("heading", { name: MESSAGES.en["app.title"] })).toBeInTheDocument();
    expect(screen.getByText(MESSAGES.en["app.openInExcel"])).toBeInTheDocument();
  });

  test("outside Office (host null, no Excel, no display language) it shows the notice without crashing", async () => {
    await start(officeWith(null, {}), undefined);
    expect(screen.getByText(MESSAGES.en["app.openInExcel"])).toBeInTheDocument();
  });

  test("a Simplified Chinese Office shows the notice in 简体中文", async () => {
    await start(officeWith(null, { displayLanguage: "zh-CN" }), undefined);
    expect(screen.getByRole("heading", { name: MESSAGES["zh-Hans"]["app.title"] })).toBeInTheDocument();
  });

  test("in Excel it renders the pane in Office's display language, dark theme included", async () => {
    await start(officeWith("Excel", { displayLanguage: "zh-TW", officeTheme: { bodyBackgroundColor: "#262626" } }), {});
    const t = MESSAGES["zh-Hant"];
    expect(screen.getByRole("heading", { name: t["app.title"] })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: t["source.useSelection"] })).toBeInTheDocument();
  });
});
