/**
 * The demo's own features around the pane: loading CSV and XLSX files as new sheets (typed as Excel would hold
 * them), and opening on 100,000 synthetic rows through the URL, with the grid drawing only the rows in view.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { utils, write } from "@e965/xlsx";
import type { SimCellValue } from "../../src/workbook-sim/model";
import { useBrowserSession } from "./browser";
import { cellLocator, openDemo, readCells, workbookState } from "./demo-page";

const e2e = useBrowserSession();
let folder: string;

beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-demo-files-"));
});

afterAll(() => {
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

/** Number formats of a rectangle of a sheet ("General" where none). */
async function readFormats(
  page: import("playwright-core").Page,
  sheetName: string,
  rows: number,
  columns: number,
): Promise<string[][]> {
  return page.evaluate(
    ({ name, rowCount, columnCount }) => {
      const sim = (window as unknown as { __workbookSim: import("../../src/workbook-sim").WorkbookSim }).__workbookSim;
      const sheet = sim.workbook.sheets.find((s) => s.name === name);
      if (!sheet) throw new Error(`No sheet ${name}`);
      return Array.from({ length: rowCount }, (_r, r) =>
        Array.from({ length: columnCount }, (_c, c) => sheet.numberFormats[r]?.[c] ?? "General"),
      );
    },
    { name: sheetName, rowCount: rows, columnCount: columns },
  );
}

async function loadThroughButton(page: import("playwright-core").Page, file: string): Promise<void> {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Load CSV / XLSX file" }).click();
  await (await chooser).setFiles(file);
  await page.getByRole("tab", { name: path.basename(file).replace(/\.[^.]+$/, "") }).waitFor();
}

describe("the demo workbook", () => {
  it("reads a CSV: ids stay text, dates become serials with a date format, amounts become numbers", async () => {
    const { page, errors } = await openDemo(e2e);
    const file = path.join(folder, "订单 2024.csv");
    fs.writeFileSync(
      file,
      '订单号,客户,日期,金额,地区\nSO1,00123,2024-01-05,"1,234.50",华东\nSO2,00124,2024/02/06 13:05,99.5,华北\n',
    );
    await loadThroughButton(page, file);
    const state = await workbookState(page);
    expect(state.selection).toEqual({
      sheetName: "订单 2024",
      rect: { row: 0, column: 0, rowCount: 3, columnCount: 5 },
    });
    const values = await readCells(page, "订单 2024", { row: 0, column: 0, rowCount: 3, columnCount: 5 });
    // 2024-01-05 is serial 45296; 13:05 is 785/1440 of a day.
    const expected: SimCellValue[][] = [
      ["订单号", "客户", "日期", "金额", "地区"],
      ["SO1", "00123", 45296, 1234.5, "华东"],
      ["SO2", "00124", 45328 + 785 / 1440, 99.5, "华北"],
    ];
    expect(values.map((row) => row.map((v) => (typeof v === "number" ? Math.round(v * 1e9) / 1e9 : v)))).toEqual(
      expected.map((row) => row.map((v) => (typeof v === "number" ? Math.round(v * 1e9) / 1e9 : v))),
    );
    const formats = await readFormats(page, "订单 2024", 3, 5);
    expect(formats[1]?.[2]).toMatch(/yyyy-mm-dd/);
    expect(formats[2]?.[2]).toMatch(/hh:mm/);
    await page.locator('#grid [data-r="1"][data-c="2"]', { hasText: "2024-01-05" }).waitFor();
    expect(errors).toEqual([]);
  }, 60_000);

  it("reads an XLSX: date cells keep their serial and format, numeric ids become text", async () => {
    const { page, errors } = await openDemo(e2e);
    const sheet = utils.aoa_to_sheet(
      [
        ["Order ID", "Customer ID", "Order Date", "Sales"],
        [1001, 501, new Date(Date.UTC(2024, 0, 5)), 19.99],
        [1002, 502, new Date(Date.UTC(2024, 1, 6)), 5],
      ],
      { cellDates: false, UTC: true } as Parameters<typeof utils.aoa_to_sheet>[1],
    );
    const book = utils.book_new();
    utils.book_append_sheet(book, sheet, "Orders");
    const file = path.join(folder, "orders.xlsx");
    fs.writeFileSync(file, write(book, { type: "buffer", bookType: "xlsx" }) as Buffer);
    await loadThroughButton(page, file);
    const values = await readCells(page, "orders", { row: 0, column: 0, rowCount: 3, columnCount: 4 });
    expect(values).toEqual([
      ["Order ID", "Customer ID", "Order Date", "Sales"],
      ["1001", "501", 45296, 19.99],
      ["1002", "502", 45328, 5],
    ]);
    const formats = await readFormats(page, "orders", 3, 4);
    expect(formats[1]?.[2]).not.toBe("General");
    expect(errors).toEqual([]);
  }, 60_000);

  it("opens on 100,000 synthetic rows from the URL, selected, and draws only the rows in view", async () => {
    const { page, errors } = await openDemo(e2e, "en-US");
    await page.goto(`${e2e.server.url}demo.html?lang=en-US&rows=100000`);
    await page.locator("#container").getByRole("button", { name: "Use selection" }).waitFor({ timeout: 30_000 });
    const state = await workbookState(page);
    expect(state.selection?.rect).toEqual({ row: 0, column: 0, rowCount: 100_001, columnCount: 5 });
    await (await cellLocator(page, 100_000, 4)).waitFor();
    expect(await page.locator("#grid .grid-row").count()).toBeLessThan(200);
    expect(await page.getByRole("textbox", { name: "Name Box" }).inputValue()).toBe("A1:E100001");
    expect(errors).toEqual([]);
  }, 90_000);
});
