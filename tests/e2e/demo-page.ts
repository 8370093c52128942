/**
 * Driving the browser demo (dist/demo.html) from the tests: opening it, selecting cells with the mouse or the Name
 * box, driving the pane, and reading the in-browser workbook's model back through `window.__workbookSim`.
 */
import type { Locator, Page } from "playwright-core";
import { MESSAGES, type Language } from "../../src/i18n";
import type { CellRect, SimCellValue, WorkbookModel } from "../../src/workbook-sim/model";
import type { WorkbookSim } from "../../src/workbook-sim";
import { artefactPath, openPage, type BrowserSession } from "./browser";

export interface DemoPage {
  page: Page;
  errors: string[];
  pane: Locator;
}

/** Opens demo.html (Office display language `locale`) and waits for the pane to render. */
export async function openDemo(
  { browser, server }: BrowserSession,
  locale = "en-US",
  viewport = { width: 1400, height: 900 },
): Promise<DemoPage> {
  const url = `${server.url}demo.html?lang=${encodeURIComponent(locale)}`;
  const { page, errors } = await openPage(browser, viewport);
  await page.goto(url);
  const pane = page.locator("#container");
  await pane
    .getByRole("button", { name: MESSAGES.en["source.useSelection"] })
    .or(pane.getByRole("button", { name: MESSAGES["zh-Hans"]["source.useSelection"] }))
    .first()
    .waitFor({ timeout: 30_000 });
  return { page, errors, pane };
}

export interface WorkbookState {
  sheets: { id: string; name: string }[];
  activeSheetId: string;
  selection: { sheetName: string; rect: CellRect } | null;
  tables: { name: string; sheetName: string; rect: CellRect; showHeaders: boolean }[];
  pivots: {
    name: string;
    sheetName: string;
    rowFields: string[];
    columnFields: string[];
    dataFields: string[];
    resultRows: number;
  }[];
  charts: { name: string; sheetName: string; type: string; title: string; seriesCount: number; pointCount: number }[];
}

/** The workbook's structure (not its cells), from the sim's data model. */
export async function workbookState(page: Page): Promise<WorkbookState> {
  return page.evaluate(() => {
    const sim = (window as unknown as { __workbookSim: WorkbookSim }).__workbookSim;
    const model: WorkbookModel = sim.workbook;
    const sheetName = (id: string): string => model.sheets.find((s) => s.id === id)?.name ?? `?${id}`;
    const selection = model.selection;
    return {
      sheets: model.sheets.map((s) => ({ id: s.id, name: s.name })),
      activeSheetId: model.activeSheetId,
      selection: selection ? { sheetName: sheetName(selection.sheetId), rect: selection.rect } : null,
      tables: model.tables.map((t) => ({
        name: t.name,
        sheetName: sheetName(t.sheetId),
        rect: t.rect,
        showHeaders: t.showHeaders,
      })),
      pivots: model.pivotTables.map((p) => ({
        name: p.name,
        sheetName: sheetName(p.sheetId),
        rowFields: p.rowFields,
        columnFields: p.columnFields,
        dataFields: p.dataFields.map((d) => d.name),
        resultRows: p.result.length,
      })),
      charts: model.charts.map((c) => ({
        name: c.name,
        sheetName: sheetName(c.sheetId),
        type: String(c.type),
        title: c.title,
        seriesCount: c.series.length,
        pointCount: c.series[0]?.values.length ?? 0,
      })),
    };
  });
}

/** Dense cell values of a rectangle of a sheet ("" for empty cells). */
export async function readCells(page: Page, sheetName: string, rect: CellRect): Promise<SimCellValue[][]> {
  return page.evaluate(
    ({ name, area }) => {
      const sim = (window as unknown as { __workbookSim: WorkbookSim }).__workbookSim;
      const sheet = sim.workbook.sheets.find((s) => s.name === name);
      if (!sheet) throw new Error(`No sheet ${name}`);
      const out: SimCellValue[][] = [];
      for (let r = area.row; r < area.row + area.rowCount; r++) {
        const row: SimCellValue[] = [];
        for (let c = area.column; c < area.column + area.columnCount; c++) row.push(sheet.rows[r]?.[c] ?? "");
        out.push(row);
      }
      return out;
    },
    { name: sheetName, area: rect },
  );
}

/** A selection as workbookState reports it. */
export function selectionOf(sheetName: string, rect: CellRect): { sheetName: string; rect: CellRect } {
  return { sheetName, rect };
}

/** Scrolls the grid so that row `row` (0-based) is in view and returns the cell's locator. */
export async function cellLocator(page: Page, row: number, column: number): Promise<Locator> {
  await page.locator("#grid").evaluate(
    (grid, top) => {
      grid.scrollTop = Math.max(0, top);
    },
    row * 22 - 100,
  );
  const cell = page.locator(`#grid [data-r="${row}"][data-c="${column}"]`);
  await cell.waitFor();
  return cell;
}

/** Selects a rectangle with a click on one corner and a shift-click on the other, as a user would. */
export async function selectWithMouse(
  page: Page,
  from: { row: number; column: number },
  to: { row: number; column: number },
): Promise<void> {
  await (await cellLocator(page, from.row, from.column)).click();
  await (await cellLocator(page, to.row, to.column)).click({ modifiers: ["Shift"] });
}

/** Selects a rectangle by dragging the mouse from one cell to another (both must be in view). */
export async function dragSelect(
  page: Page,
  from: { row: number; column: number },
  to: { row: number; column: number },
): Promise<void> {
  const start = await (await cellLocator(page, from.row, from.column)).boundingBox();
  const end = await page.locator(`#grid [data-r="${to.row}"][data-c="${to.column}"]`).boundingBox();
  if (!start || !end) throw new Error("Cells to drag between are not on screen");
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2 + end.width / 2, (start.y + end.y) / 2 + end.height / 2, { steps: 3 });
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 3 });
  await page.mouse.up();
}

/** Types an address into the Name box and presses Enter. */
export async function selectWithNameBox(page: Page, address: string): Promise<void> {
  const nameBox = page.getByRole("textbox", { name: "Name Box" });
  await nameBox.fill(address);
  await nameBox.press("Enter");
}

/** The text a pane control shows: a native select's chosen option, an input's value, or the element's text. */
export async function shownValue(control: Locator): Promise<string> {
  return control.evaluate((element) => {
    if (element instanceof HTMLSelectElement) return element.selectedOptions[0]?.textContent ?? "";
    if (element instanceof HTMLInputElement) return element.value;
    return element.textContent ?? "";
  });
}

/** Clicks Use selection and waits until the pane reports what it read. */
export async function useSelection(pane: Locator, language: Language): Promise<void> {
  await pane.getByRole("button", { name: MESSAGES[language]["source.useSelection"] }).click();
  await pane.getByRole("button", { name: MESSAGES[language]["run.button"] }).waitFor();
}

/** Runs the analysis and waits for the results view. */
export async function runAnalysis(pane: Locator, language: Language): Promise<void> {
  const run = pane.getByRole("button", { name: MESSAGES[language]["run.button"] });
  await run.click();
  await pane.getByRole("heading", { name: MESSAGES[language]["results.heading"] }).waitFor({ timeout: 60_000 });
}

/**
 * Saves a screenshot under test-results/ (gitignored). The tests never write the tracked docs/screenshots/:
 * `npm run screenshots` runs demo.test.ts and copies the README's pictures from test-results/ there.
 */
export async function saveScreenshot(target: Page | Locator, name: string): Promise<string> {
  const file = artefactPath(name);
  await target.screenshot({ path: file });
  return file;
}
