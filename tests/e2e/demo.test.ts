/**
 * The whole add-in flow in the browser demo: the unmodified task pane over the in-browser workbook. Each test reads
 * the workbook back from the sim's model and checks it against an independent computation of the sample file.
 * A console error or uncaught exception on the page fails the test.
 */
import type { Page } from "playwright-core";
import { MESSAGES, workbookLabels, type Language, type MessageKey } from "../../src/i18n";
import type { SimCellValue } from "../../src/workbook-sim/model";
import { useBrowserSession } from "./browser";
import {
  cellLocator,
  dragSelect,
  openDemo,
  readCells,
  runAnalysis,
  saveScreenshot,
  selectWithMouse,
  selectWithNameBox,
  selectionOf,
  shownValue,
  useSelection,
  workbookState,
  type WorkbookState,
} from "./demo-page";
import { readSample, referenceRfm } from "./sample-reference";

const sample = readSample();
const reference = referenceRfm(sample);
const SAMPLE_COLUMNS = 5;
const sampleRect = { row: 0, column: 0, rowCount: sample.length + 1, columnCount: SAMPLE_COLUMNS };

const e2e = useBrowserSession();

function columnOf(header: SimCellValue[], name: string): number {
  const index = header.indexOf(name);
  if (index < 0) throw new Error(`No column "${name}" in ${JSON.stringify(header)}`);
  return index;
}

/** Checks every output of a run on the whole sample, in `language`. */
async function checkSampleOutputs(page: Page, language: Language, before: SimCellValue[][]): Promise<WorkbookState> {
  const labels = workbookLabels(language);
  const state = await workbookState(page);
  const names = state.sheets.map((s) => s.name);
  expect(names).toEqual(expect.arrayContaining(["Sales", labels.sheets.customers, labels.sheets.summary]));

  // The customer table: one row per scored customer, with the independently computed scores and segment.
  const table = state.tables.find((t) => t.sheetName === labels.sheets.customers);
  expect(table).toBeDefined();
  if (!table) return state;
  expect(table.showHeaders).toBe(true);
  expect(table.rect.rowCount - 1).toBe(reference.size);
  const cells = await readCells(page, labels.sheets.customers, table.rect);
  const header = cells[0] ?? [];
  const c = labels.customerColumns;
  const at = {
    customer: columnOf(header, c.customer),
    frequency: columnOf(header, c.frequency),
    recency: columnOf(header, c.recency),
    monetary: columnOf(header, c.monetary),
    r: columnOf(header, c.r),
    f: columnOf(header, c.f),
    m: columnOf(header, c.m),
    segment: columnOf(header, c.segment),
  };
  const seen = new Set<string>();
  const differences: string[] = [];
  for (const row of cells.slice(1)) {
    const id = String(row[at.customer]);
    seen.add(id);
    const expected = reference.get(id);
    if (!expected) {
      differences.push(`${id}: not expected`);
      continue;
    }
    const actual = [
      row[at.recency],
      row[at.frequency],
      Math.round(Number(row[at.monetary]) * 100),
      row[at.r],
      row[at.f],
      row[at.m],
      row[at.segment],
    ];
    const wanted = [
      expected.recency,
      expected.frequency,
      expected.monetaryCents,
      expected.r,
      expected.f,
      expected.m,
      labels.segmentNames[expected.segment],
    ];
    if (JSON.stringify(actual) !== JSON.stringify(wanted))
      differences.push(`${id}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(wanted)}`);
  }
  expect(differences.slice(0, 10)).toEqual([]);
  expect(seen.size).toBe(reference.size);

  // A few well-known customers of the sample, spelled out: the biggest spender and the most frequent buyer.
  const bySpend = [...reference.values()].sort((a, b) => b.monetaryCents - a.monetaryCents)[0];
  const byFrequency = [...reference.values()].sort((a, b) => b.frequency - a.frequency)[0];
  for (const known of [bySpend, byFrequency]) {
    const row = cells.find((r) => String(r[at.customer]) === known?.id);
    expect(row?.[at.segment]).toBe(labels.segmentNames[known?.segment ?? ""]);
  }

  // Segment and tier columns beside the source rows; the source cells themselves are untouched.
  const sales = await readCells(page, "Sales", { ...sampleRect, columnCount: SAMPLE_COLUMNS + 2 });
  expect(sales[0]?.[SAMPLE_COLUMNS]).toBe(labels.sourceColumns.segment);
  expect(sales[0]?.[SAMPLE_COLUMNS + 1]).toBe(labels.sourceColumns.tier);
  const wrongRows: number[] = [];
  sample.forEach((line, i) => {
    const expected = reference.get(line.customer);
    if (expected && sales[i + 1]?.[SAMPLE_COLUMNS] !== labels.segmentNames[expected.segment]) wrongRows.push(i + 2);
  });
  expect(wrongRows.slice(0, 10)).toEqual([]);
  expect(sales.map((row) => row.slice(0, SAMPLE_COLUMNS))).toEqual(before);

  // The summary sheet: a PivotTable and the three charts, titled in the chosen language.
  const pivots = state.pivots.filter((p) => p.sheetName === labels.sheets.summary);
  expect(pivots.length).toBeGreaterThanOrEqual(1);
  expect(pivots[0]?.resultRows).toBeGreaterThan(2);
  const charts = state.charts.filter((chart) => chart.sheetName === labels.sheets.summary);
  // The others: the largest moves, when the run compared with 90 days earlier (the default), and the forecast's
  // check against the past (the sample has enough repeat buyers and history).
  const movesPrefix = labels.compare?.movesChart.split("{date}")[0] ?? "\u0000";
  const holdoutChart = labels.forecast!.holdoutChart.replace("{days}", "90");
  const named = charts.map((chart) => chart.title).filter((title) => !title.startsWith(movesPrefix));
  expect(named.sort()).toEqual(
    [labels.charts.customersPerSegment, labels.charts.pareto, labels.charts.revenueShare, holdoutChart].sort(),
  );
  expect(charts.length - named.length).toBeLessThanOrEqual(1);
  for (const chart of charts) expect(chart.pointCount).toBeGreaterThan(1);
  return state;
}

describe("the browser demo", () => {
  it("segments the sample sales: select, Use selection, check the mapping, run, and read the workbook", async () => {
    const { page, errors, pane } = await openDemo(e2e, "en-US");
    const en = MESSAGES.en;
    // The demo opens with the sample's data range selected; select it again with the mouse as a user would.
    await dragSelect(page, { row: 2, column: 1 }, { row: 5, column: 3 });
    expect((await workbookState(page)).selection).toEqual(
      selectionOf("Sales", { row: 2, column: 1, rowCount: 4, columnCount: 3 }),
    );
    await selectWithMouse(page, { row: 0, column: 0 }, { row: sample.length, column: SAMPLE_COLUMNS - 1 });
    expect((await workbookState(page)).selection).toEqual(selectionOf("Sales", sampleRect));
    expect(await page.getByRole("textbox", { name: "Name Box" }).inputValue()).toBe(`A1:E${sample.length + 1}`);
    const before = await readCells(page, "Sales", sampleRect);

    await useSelection(pane, "en");
    await pane
      .getByText(new RegExp(`${sample.length.toLocaleString("en-US")}|${sample.length}`))
      .first()
      .waitFor();
    // The guessed mapping: customer, date, amount and order id from the header names.
    const guessed: [string, string][] = [
      [en["mapping.customer"], "Customer ID"],
      [en["mapping.date"], "Invoice Date"],
      [en["mapping.amount"], "Amount"],
      [en["mapping.orderId"], "Invoice No"],
    ];
    for (const [label, header] of guessed) {
      expect(await shownValue(pane.getByLabel(label, { exact: true }).first())).toContain(header);
    }

    await runAnalysis(pane, "en");
    await checkSampleOutputs(page, "en", before);

    // The pane's results view: the segments with counts, and no skipped rows for this clean sample.
    await pane.getByText(en["results.noneSkipped"]).waitFor();
    const labels = workbookLabels("en");
    const champions = [...reference.values()].filter((c) => c.segment === "champions").length;
    await pane
      .getByText(labels.segmentNames.champions ?? "Champions", { exact: true })
      .first()
      .waitFor();
    expect(await pane.textContent()).toContain(String(champions));

    // Screenshots for the README: the pane's results, the summary sheet's tables and PivotTable, and its charts.
    await page.setViewportSize({ width: 1920, height: 1000 });
    await pane
      .getByRole("heading", { name: en["results.heading"] })
      .evaluate((heading) => heading.scrollIntoView({ block: "start" }));
    await saveScreenshot(page.locator("#pane"), "demo-pane-results.png");
    await page.getByRole("tab", { name: labels.sheets.summary }).click();
    await page.locator("figure.chart").nth(2).waitFor();
    // The three summary charts, the forecast's check against the past, and the largest moves when the run
    // compared with an earlier date (the default).
    expect(await page.locator("figure.chart svg").count()).toBeGreaterThanOrEqual(4);
    await saveScreenshot(page.locator("#workbook"), "demo-summary-sheet.png");
    // Tall enough for the three stacked charts.
    await page.setViewportSize({ width: 1920, height: 1300 });
    const firstChart = page.locator("figure.chart").first();
    await firstChart.evaluate((chart) => chart.scrollIntoView({ block: "start", inline: "start" }));
    await page.locator("#grid").evaluate((grid) => {
      grid.scrollLeft = Math.max(0, grid.scrollLeft - 60);
      grid.scrollTop = 0;
    });
    await saveScreenshot(page.locator("#workbook"), "demo-summary-charts.png");
    // The customer table, and the source rows with their segment columns beside them.
    await page.setViewportSize({ width: 1920, height: 700 });
    await page.getByRole("tab", { name: labels.sheets.customers }).click();
    await page.locator("#grid").evaluate((grid) => {
      grid.scrollLeft = 0;
      grid.scrollTop = 0;
    });
    await saveScreenshot(page.locator("#workbook"), "demo-customer-sheet.png");
    await page.getByRole("tab", { name: "Sales" }).click();
    await page.locator("#grid").evaluate((grid) => {
      grid.scrollLeft = 0;
      grid.scrollTop = 0;
    });
    await saveScreenshot(page.locator("#workbook"), "demo-segment-columns.png");
    expect(errors).toEqual([]);
  }, 180_000);

  it("writes sheet and segment names in Chinese when the pane is switched to 简体中文", async () => {
    const { page, errors, pane } = await openDemo(e2e, "en-US");
    const language = pane.getByLabel(MESSAGES.en["app.language"]).first();
    await language.click();
    const option = page.getByRole("option", { name: "简体中文" });
    if (await language.evaluate((element) => element instanceof HTMLSelectElement))
      await language.selectOption({ label: "简体中文" });
    else await option.click();
    await pane.getByRole("button", { name: MESSAGES["zh-Hans"]["source.useSelection"] }).waitFor();
    await selectWithNameBox(page, `A1:E${sample.length + 1}`);
    const before = await readCells(page, "Sales", sampleRect);
    await useSelection(pane, "zh-Hans");
    await runAnalysis(pane, "zh-Hans");
    const state = await checkSampleOutputs(page, "zh-Hans", before);
    const labels = workbookLabels("zh-Hans");
    expect(labels.sheets.customers).toMatch(/[\u4e00-\u9fff]/);
    expect(state.sheets.map((s) => s.name)).toContain(labels.sheets.customers);
    await pane
      .getByRole("heading", { name: MESSAGES["zh-Hans"]["results.heading"] })
      .evaluate((heading) => heading.scrollIntoView({ block: "start" }));
    await saveScreenshot(page, "demo-zh-hans.png");
    // The demo's own toolbar and status line follow the pane's language, and the choice survives a reload (the
    // URL still says lang=en-US, Office's display language; the user's choice wins).
    const zh = MESSAGES["zh-Hans"];
    await expect(page.locator("#load-file").textContent()).resolves.toBe(zh["demo.loadFile"]);
    await page.reload();
    await pane.getByRole("button", { name: zh["source.useSelection"] }).waitFor({ timeout: 30_000 });
    await expect(page.locator("#demo-title").textContent()).resolves.toBe(zh["demo.title"]);
    await expect(page.locator("#load-file").textContent()).resolves.toBe(zh["demo.loadFile"]);
    await expect(page.locator("#demo-status").textContent()).resolves.toMatch(
      /^Sales · [\d,]+ 行 · 已选 [\d,]+ 行 × \d+ 列$/,
    );
    expect(errors).toEqual([]);
  }, 180_000);

  it("reports blank customers, text amounts and #N/A dates by row number and leaves the cells alone", async () => {
    const { page, errors, pane } = await openDemo(e2e, "en-US");
    const rows: SimCellValue[][] = [
      ["Order", "Customer", "Date", "Amount", "Region"],
      ["A1", "C001", 45292, 120.5, "North"],
      ["A2", "", 45293, 80, "North"],
      ["A3", "C002", 45294, "abc", "South"],
      ["A4", "C003", "#N/A", 55, "South"],
      ["A5", "C001", 45300, 42, "North"],
      ["A6", "C002", 45301, 19.99, "South"],
      ["A7", "C004", 45302, 300, "East"],
    ];
    const address = await page.evaluate(
      (data) =>
        (
          window as unknown as { __demo: { loadRows(rows: SimCellValue[][], options: object): string } }
        ).__demo.loadRows(data, {
          name: "Bad rows",
          columnFormats: ["General", "General", "yyyy-mm-dd", "#,##0.00", "General"],
        }),
      rows,
    );
    expect(address).toBe("'Bad rows'!A1:E8");
    // Select a smaller range first with the Name box, then the real one: the pane must read what is selected now.
    await selectWithNameBox(page, "B2:C3");
    expect((await workbookState(page)).selection).toEqual(
      selectionOf("Bad rows", { row: 1, column: 1, rowCount: 2, columnCount: 2 }),
    );
    await selectWithNameBox(page, "A1:E8");
    const rect = { row: 0, column: 0, rowCount: 8, columnCount: 5 };
    expect((await workbookState(page)).selection).toEqual(selectionOf("Bad rows", rect));
    await (await cellLocator(page, 0, 0)).waitFor();

    await useSelection(pane, "en");
    await runAnalysis(pane, "en");
    const en = MESSAGES.en;
    await pane.getByText(en["results.skipped"].replace("{count}", "3")).waitFor();
    // Grouped by reason, with the row numbers and the unreadable text.
    const reported: [MessageKey, string][] = [
      ["report.skip.missing_customer.one", "3"],
      ["report.skip.bad_amount.one", "4 (“abc”)"],
      ["report.skip.bad_date.one", "5 (“#N/A”)"],
    ];
    const paneText = (await pane.textContent()) ?? "";
    for (const [key, rowsText] of reported)
      expect(paneText).toContain(en[key].replace("{count}", "1").replace("{rows}", rowsText));
    expect(await readCells(page, "Bad rows", rect)).toEqual(rows);
    expect(errors).toEqual([]);
  }, 120_000);
});
