import { analyzeRfm } from "../../src/engine";
import type { CellValue, RfmResult } from "../../src/engine/types";
import { syntheticSalesRows } from "../../src/demo/synthetic-sales";
import { createOfficeGateway } from "../../src/excel/office-gateway";
import { computeSummaryLayout, forecastBlocks, layoutRects, rectsIntersect } from "../../src/excel/summary-layout";
import { forecastBySegment } from "../../src/excel/write-forecast";
import type { Forecast } from "../../src/forecast";
import { workbookLabels } from "../../src/i18n";
import { intersectRects, readRect, type CellRect, type WorkbookModel } from "../../src/workbook-sim";
import { pivotRect } from "../../src/workbook-sim/pivot-compute";
import { forecastHook } from "../../src/worker/forecast-hook";
import { installSim, sourceOf, writeOptions } from "./helpers";
import { snapshotWorkbook } from "./workbook-snapshot";

jest.setTimeout(60_000);

// Two years of sales (order, customer, date, region, amount) and 20 big spenders who stopped after two months.
const VALUES: CellValue[][] = [
  ...(syntheticSalesRows(1600, 3) as CellValue[][]),
  ...Array.from({ length: 20 * 6 }, (_, i): CellValue[] => [
    `L${i}`,
    `L${String(Math.floor(i / 6)).padStart(2, "0")}`,
    44927 + 10 * (i % 6),
    "North",
    900,
  ]),
];
const MAPPING = { customer: 1, date: 2, amount: 4, orderId: 0, dimensions: [3] };

function analyzeWithForecast(values: CellValue[][], horizonDays = 90): { result: RfmResult; forecast: Forecast } {
  const hook = forecastHook({ horizonDays });
  const result = analyzeRfm(values, MAPPING, {}, { onEncoded: hook.onEncoded });
  return { result, forecast: hook.forecast()! };
}

function sheetNamed(model: WorkbookModel, name: string) {
  const sheet = model.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

const empty = (value: unknown) => value === "" || value === null || value === undefined;

describe("forecast in the workbook", () => {
  test("customer sheet: five columns naming the horizon, number formats, empty where undefined", async () => {
    const sim = installSim({ sheets: [{ name: "Sales", values: VALUES }] });
    const { result, forecast } = analyzeWithForecast(VALUES);
    expect(forecast.report.bgnbd).not.toBeNull();
    await createOfficeGateway().writeResults(result, sourceOf(VALUES), writeOptions({ forecast }));
    const sheet = sheetNamed(sim.workbook, "RFM Customers");
    const table = sim.workbook.tables.find((t) => t.name === "RfmCustomers")!;
    expect(table.rect.columnCount).toBe(23); // the last: the segment's order (report)
    const rows = readRect(sheet, table.rect);
    expect(rows[0]!.slice(16, 22)).toEqual([
      "Region",
      "Chance still active",
      "Expected purchases, next 90 days",
      "Expected revenue, next 90 days",
      "Expected order value",
      "Customer lifetime value, 12 months",
    ]);
    expect(sheet.numberFormats[1]!.slice(17, 22)).toEqual(["0.0%", "0.00", "#,##0.00", "#,##0.00", "#,##0.00"]);
    const c = forecast.columns;
    let emptySeen = 0;
    for (let i = 0; i < result.customers.id.length; i++) {
      const row = rows[i + 1]!;
      const expected = [c.pAlive[i]!, c.expectedPurchases[i]!, c.expectedRevenue[i]!, c.expectedAov[i]!, c.clv[i]!];
      expected.forEach((value, j) => {
        if (Number.isNaN(value)) {
          expect(empty(row[17 + j])).toBe(true);
          emptySeen++;
        } else expect(row[17 + j]).toBe(value);
      });
    }
    // One-time buyers have no P(alive): their cells are empty, not 0 or 100%.
    expect(emptySeen).toBeGreaterThan(0);
  });

  test("summary: per segment, the holdout table and a clustered column chart, in a band that meets nothing", async () => {
    const sim = installSim({ sheets: [{ name: "Sales", values: VALUES }] });
    const { result, forecast } = analyzeWithForecast(VALUES);
    const holdout = forecast.report.holdout!;
    expect(holdout).not.toBeNull();
    await createOfficeGateway().writeResults(result, sourceOf(VALUES), writeOptions({ forecast }));
    const model = sim.workbook;
    const summary = sheetNamed(model, "RFM Summary");
    const titleAt = (text: string) => {
      for (let r = 0; r < summary.rows.length; r++) {
        const c = summary.rows[r]?.indexOf(text) ?? -1;
        if (c >= 0) return { row: r, column: c };
      }
      throw new Error(`no ${text}`);
    };
    const segments = titleAt("Forecast by segment, next 90 days");
    // Where PivotTables exist: one over the customer table, by segment, Σ expected revenue and mean P(alive).
    const pivot = model.pivotTables.find((p) => p.name === "RfmForecastBySegment")!;
    expect(pivot).toMatchObject({ rowFields: ["Segment"], anchor: { row: segments.row + 1, column: segments.column } });
    expect(pivot.dataFields.map((d) => d.summarizeBy)).toEqual(["Sum", "Average"]);
    const bySegment = new Map(forecastBySegment(result, forecast, workbookLabels("en")).map((row) => [row[0], row]));
    for (const line of pivot.result.slice(1, -1)) {
      const expected = bySegment.get(line[0] as string)!;
      expect(line[1]).toBeCloseTo(expected[2] === "" ? 0 : (expected[2] as number), 6);
      expect(line[2]).toBeCloseTo(expected[3] === "" ? 0 : (expected[3] as number), 9);
    }
    expect(
      intersectRects(pivotRect(pivot), { row: 0, column: 0, rowCount: 1, columnCount: segments.column }),
    ).toBeNull();

    const check = titleAt("Check against the last 90 days: purchases per customer");
    // The PivotTable ends above the holdout block.
    expect(pivotRect(pivot).row + pivotRect(pivot).rowCount).toBeLessThan(check.row);
    const table = readRect(summary, { row: check.row + 1, column: check.column, rowCount: 9, columnCount: 4 });
    expect(table[0]).toEqual(["Repeat purchases before", "Predicted", "Actual", "Customers"]);
    expect(table.slice(1).map((row) => row[0])).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    // "7+" and "0" stay text: the text format is set before the values.
    expect(summary.numberFormats[check.row + 2]?.[check.column]).toBe("@");
    expect(table.slice(1).map((row) => row[3])).toEqual(holdout.byRepeats.map((row) => row.customers));

    const chart = model.charts.find((c) => c.type === "ColumnClustered")!;
    expect(chart.title).toBe("Predicted and actual purchases in the last 90 days");
    expect(chart.series.map((s) => s.values)).toEqual([
      holdout.byRepeats.map((row) => row.meanPredicted),
      holdout.byRepeats.map((row) => row.meanActual),
    ]);
    const occupied: CellRect[] = [
      ...model.tables.filter((t) => t.sheetId === summary.id).map((t) => t.rect),
      ...model.pivotTables.map(pivotRect),
      { row: segments.row, column: segments.column, rowCount: 16, columnCount: 4 },
      { row: check.row, column: check.column, rowCount: 10, columnCount: 4 },
    ];
    for (const rect of occupied) expect(intersectRects(chart.position, rect)).toBeNull();
    for (const other of model.charts)
      if (other !== chart) expect(intersectRects(chart.position, other.position)).toBeNull();
  });

  test("without a customer sheet (the PivotTables' source): the per-segment figures as a static table", async () => {
    const sim = installSim({ sheets: [{ name: "Sales", values: VALUES }] });
    const { result, forecast } = analyzeWithForecast(VALUES);
    await createOfficeGateway().writeResults(
      result,
      sourceOf(VALUES),
      writeOptions({ forecast, customerSheet: false }),
    );
    const summary = sheetNamed(sim.workbook, "RFM Summary");
    expect(sim.workbook.pivotTables).toHaveLength(0);
    let segments = { row: -1, column: -1 };
    summary.rows.forEach((row, r) => {
      const c = row?.indexOf("Forecast by segment, next 90 days") ?? -1;
      if (c >= 0) segments = { row: r, column: c };
    });
    const block = readRect(summary, {
      row: segments.row + 1,
      column: segments.column,
      rowCount: result.summaries.standard.length + 1,
      columnCount: 4,
    });
    expect(block[0]).toEqual(["Segment", "Customers", "Expected revenue, next 90 days", "Average chance still active"]);
    const total = block.slice(1).reduce((sum, row) => sum + (typeof row[2] === "number" ? row[2] : 0), 0);
    const expectedTotal = Array.from(forecast.columns.expectedRevenue).reduce(
      (s, v) => (Number.isNaN(v) ? s : s + v),
      0,
    );
    expect(total).toBeCloseTo(expectedTotal, 6);
    expect(block.slice(1).map((row) => row[1])).toEqual(result.summaries.standard.map((row) => row.customers));
    expect(summary.numberFormats[segments.row + 2]?.[segments.column + 3]).toBe("0.0%");
  });

  test.each([3, 5, 10])("forecast blocks meet no other block (k = %i, a dimension of 500 values)", (k) => {
    const layout = computeSummaryLayout({
      k,
      segmentCount: 11,
      tierCount: 3,
      dimensionValueCount: 500,
      paretoPoints: 200,
    });
    const blocks = forecastBlocks(layout, 11);
    const mine = [blocks.segments, blocks.holdout, blocks.holdoutChart];
    for (const pivots of [true, false])
      for (const [, rect] of layoutRects(layout, pivots))
        for (const block of mine) expect(rectsIntersect(rect, block)).toBe(false);
    expect(rectsIntersect(blocks.segments, blocks.holdout)).toBe(false);
    expect(rectsIntersect(blocks.holdout, blocks.holdoutChart)).toBe(false);
  });

  test.each([
    ["charts.add", 4],
    ["pivotTables.add", 3],
  ])("a fault at the forecast's %s leaves the workbook exactly as it was", async (kind, nth) => {
    const sim = installSim({ sheets: [{ name: "Sales", values: VALUES }] });
    const { result, forecast } = analyzeWithForecast(VALUES);
    const before = snapshotWorkbook(sim.workbook);
    let seen = 0;
    // The forecast's chart is the fourth (after the summary's three), its PivotTable the third.
    sim.injectFault((operation) => operation.kind === kind && ++seen === nth);
    await expect(
      createOfficeGateway().writeResults(result, sourceOf(VALUES), writeOptions({ forecast })),
    ).rejects.toMatchObject({ code: "excel_error" });
    sim.injectFault(undefined);
    expect(seen).toBeGreaterThanOrEqual(nth);
    expect(snapshotWorkbook(sim.workbook)).toEqual(before);
  });

  test("no forecast (too little data): no columns, no blocks; Chinese headers name the horizon", async () => {
    const few = VALUES.slice(0, 30);
    const sim = installSim({ sheets: [{ name: "Sales", values: few }] });
    const { result, forecast } = analyzeWithForecast(few);
    expect(forecast.report.bgnbd).toBeNull();
    await createOfficeGateway().writeResults(result, sourceOf(few), writeOptions({ forecast }));
    expect(sim.workbook.tables.find((t) => t.name === "RfmCustomers")!.rect.columnCount).toBe(18);
    expect(sim.workbook.charts).toHaveLength(3);

    const zhSim = installSim({ sheets: [{ name: "Sales", values: VALUES }] });
    const big = analyzeWithForecast(VALUES, 30);
    await createOfficeGateway().writeResults(
      big.result,
      sourceOf(VALUES),
      writeOptions({ forecast: big.forecast, labels: workbookLabels("zh-Hans") }),
    );
    const table = zhSim.workbook.tables.find((t) => t.name === "RfmCustomers")!;
    const header = readRect(sheetNamed(zhSim.workbook, "RFM 客户"), { ...table.rect, rowCount: 1 })[0]!;
    expect(header.slice(17, 22)).toEqual([
      "仍活跃的概率",
      "预期购买次数，未来 30 天",
      "预期收入，未来 30 天",
      "预期客单价",
      "客户终身价值，12 个月",
    ]);
  });
});
