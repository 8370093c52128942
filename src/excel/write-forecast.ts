/**
 * The forecast in the workbook: five columns on the customer sheet (P(alive) as a percentage, expected purchases
 * and revenue in the horizon, expected order value, CLV; empty where the model leaves them undefined) and, on the
 * summary sheet, expected revenue and mean P(alive) per segment and the check against the past as a table with a
 * clustered column chart, in a band of their own (summary-layout.ts `forecastBlocks`). Text goes through
 * text-cells.ts like everything else; the sheets are the run's own, so the run's journal covers every change.
 */
import type { CellValue, RfmResult } from "../engine/types";
import type { Forecast } from "../forecast";
import type { ForecastWorkbookLabels } from "../i18n/workbook-forecast-text";
import type { WorkbookLabels } from "../i18n/workbook-labels";
import { displayName, segmentKeyOf } from "./labels";
import { forecastBlocks, type Rect, type SummaryLayout } from "./summary-layout";
import { writeCells, writeTextCells } from "./text-cells";

const PERCENT_FORMAT = "0.0%";
const DECIMAL_FORMAT = "0.00";

/** The forecast to write with `result`, or undefined: none, no purchase model, or not the same customers. */
export function usableForecast(result: RfmResult, forecast: Forecast | undefined): Forecast | undefined {
  if (!forecast || !forecast.report.bgnbd) return undefined;
  return forecast.columns.pAlive.length === result.customers.id.length ? forecast : undefined;
}

/** A label with `{days}` and `{months}` filled in. */
function fill(template: string, forecast: Forecast): string {
  return template
    .replace("{days}", String(forecast.report.horizonDays))
    .replace("{months}", String(forecast.report.clvMonths));
}

/** Headers and number formats of the forecast's customer-sheet columns. */
export function forecastColumnsLayout(
  forecast: Forecast,
  labels: WorkbookLabels,
): { headers: string[]; formats: string[] } {
  const f = labels.forecast!;
  return {
    headers: [
      f.pAlive,
      fill(f.expectedPurchases, forecast),
      fill(f.expectedRevenue, forecast),
      f.expectedAov,
      fill(f.clv, forecast),
    ],
    formats: [PERCENT_FORMAT, DECIMAL_FORMAT, labels.moneyFormat, labels.moneyFormat, labels.moneyFormat],
  };
}

/** A defined number, or "" (an empty cell) where the model leaves it undefined (NaN). */
const cell = (value: number | undefined): CellValue => (value === undefined || !Number.isFinite(value) ? "" : value);

/** Customer i's forecast cells, in forecastColumnsLayout's order. */
export function forecastCells(forecast: Forecast, i: number): CellValue[] {
  const c = forecast.columns;
  return [
    cell(c.pAlive[i]),
    cell(c.expectedPurchases[i]),
    cell(c.expectedRevenue[i]),
    cell(c.expectedAov[i]),
    cell(c.clv[i]),
  ];
}

/** Per segment (in the summary's order): customers, Σ expected revenue, mean P(alive) ("" where none is defined). */
export function forecastBySegment(result: RfmResult, forecast: Forecast, labels: WorkbookLabels): CellValue[][] {
  const keys = result.summaries.standard.map((row) => row.key);
  const totals = new Map<
    string,
    { customers: number; revenue: number; revenueCount: number; alive: number; aliveCount: number }
  >();
  for (const key of keys) totals.set(key, { customers: 0, revenue: 0, revenueCount: 0, alive: 0, aliveCount: 0 });
  const { expectedRevenue, pAlive } = forecast.columns;
  for (let i = 0; i < result.customers.id.length; i++) {
    const entry = totals.get(segmentKeyOf(result, i));
    if (!entry) continue;
    entry.customers += 1;
    if (Number.isFinite(expectedRevenue[i]!)) {
      entry.revenue += expectedRevenue[i]!;
      entry.revenueCount += 1;
    }
    if (Number.isFinite(pAlive[i]!)) {
      entry.alive += pAlive[i]!;
      entry.aliveCount += 1;
    }
  }
  return keys.map((key) => {
    const entry = totals.get(key)!;
    return [
      displayName(labels, key),
      entry.customers,
      entry.revenueCount > 0 ? entry.revenue : "",
      entry.aliveCount > 0 ? entry.alive / entry.aliveCount : "",
    ];
  });
}

/** The customer table a PivotTable reads (ExcelApi 1.8), with its headers. */
export interface ForecastPivotSource {
  table: Excel.Table;
  headers: string[];
}

/** ASCII like the other PivotTable names (write-text.ts): the same in every language. */
const FORECAST_PIVOT_NAME = "RfmForecastBySegment";

/** Rows by segment: Σ expected revenue in the horizon (with a spend model) and the mean P(alive) (blanks skipped). */
function addForecastPivot(
  sheet: Excel.Worksheet,
  forecast: Forecast,
  labels: WorkbookLabels,
  source: ForecastPivotSource,
  anchor: { row: number; column: number },
): void {
  const f = labels.forecast!;
  const pivot = sheet.pivotTables.add(
    FORECAST_PIVOT_NAME,
    source.table,
    sheet.getRangeByIndexes(anchor.row, anchor.column, 1, 1),
  );
  pivot.rowHierarchies.add(pivot.hierarchies.getItem(labels.customerColumns.segment));
  // A data field may not be named like a source field: a trailing space is Excel's own way round that.
  const name = (label: string) => {
    let text = label;
    while (source.headers.some((h) => h.toLowerCase() === text.toLowerCase())) text += " ";
    return text;
  };
  const { headers } = forecastColumnsLayout(forecast, labels);
  if (forecast.report.gammaGamma) {
    const revenue = pivot.dataHierarchies.add(pivot.hierarchies.getItem(headers[2]!));
    revenue.summarizeBy = "Sum";
    revenue.name = name(headers[2]!);
    revenue.numberFormat = labels.moneyFormat;
  }
  const alive = pivot.dataHierarchies.add(pivot.hierarchies.getItem(headers[0]!));
  alive.summarizeBy = "Average";
  alive.name = name(f.meanPAlive);
  alive.numberFormat = PERCENT_FORMAT;
}

/** Without PivotTables: the same figures as a static table. */
function writeSegmentTable(
  sheet: Excel.Worksheet,
  result: RfmResult,
  forecast: Forecast,
  labels: WorkbookLabels,
  segments: Rect,
): void {
  const f = labels.forecast!;
  const rows: CellValue[][] = [
    [labels.summary.segment, labels.summary.customers, fill(f.expectedRevenue, forecast), f.meanPAlive],
    ...forecastBySegment(result, forecast, labels),
  ];
  writeCells(sheet.getRangeByIndexes(segments.row + 1, segments.column, rows.length, 4), rows, [
    undefined,
    "0",
    labels.moneyFormat,
    PERCENT_FORMAT,
  ]);
}

function title(sheet: Excel.Worksheet, rect: Rect, text: string): void {
  const range = sheet.getRangeByIndexes(rect.row, rect.column, 1, 1);
  writeTextCells(range, [[text]]);
  range.format.font.bold = true;
}

/**
 * Writes the forecast's summary blocks right of `layout`'s bands. The holdout table and chart only when the check
 * could be made; the chart only with chart support.
 */
export function writeForecastSummary(
  sheet: Excel.Worksheet,
  result: RfmResult,
  forecast: Forecast,
  labels: WorkbookLabels,
  layout: SummaryLayout,
  options: { charts: boolean; pivot?: ForecastPivotSource },
): ForecastBlocksWritten {
  const f: ForecastWorkbookLabels = labels.forecast!;
  const blocks = forecastBlocks(layout, result.summaries.standard.length);
  const { segments, holdout, holdoutChart } = blocks;
  if (options.pivot)
    addForecastPivot(sheet, forecast, labels, options.pivot, { row: segments.row + 1, column: segments.column });
  else writeSegmentTable(sheet, result, forecast, labels, segments);
  const check = forecast.report.holdout;
  let chart = false;
  if (check) {
    // Repeats first, then the two series the chart draws, then the customers behind each mean.
    const rows: CellValue[][] = [
      [f.repeats, f.predicted, f.actual, f.customers],
      ...check.byRepeats.map((row) => [row.repeats, cell(row.meanPredicted), cell(row.meanActual), row.customers]),
    ];
    writeCells(sheet.getRangeByIndexes(holdout.row + 1, holdout.column, rows.length, 4), rows, [
      undefined,
      DECIMAL_FORMAT,
      DECIMAL_FORMAT,
      "0",
    ]);
    if (options.charts) {
      const source = sheet.getRangeByIndexes(holdout.row + 1, holdout.column, rows.length, 3);
      const added = sheet.charts.add("ColumnClustered", source, "Columns");
      added.title.text = fill(f.holdoutChart, { ...forecast, report: { ...forecast.report, horizonDays: check.days } });
      const start = sheet.getRangeByIndexes(holdoutChart.row, holdoutChart.column, 1, 1);
      const end = sheet.getRangeByIndexes(
        holdoutChart.row + holdoutChart.rowCount - 1,
        holdoutChart.column + holdoutChart.columnCount - 1,
        1,
        1,
      );
      added.setPosition(start, end);
      chart = true;
    }
  }
  // Autofit measures whole columns (office-js#5999, #1017): the titles come after it, so they run on over the
  // empty cells to their right rather than widen the first column (as in write-summary.ts).
  sheet.getRangeByIndexes(segments.row + 1, segments.column, segments.rowCount - 1, 4).format.autofitColumns();
  if (check) sheet.getRangeByIndexes(holdout.row + 1, holdout.column, holdout.rowCount - 1, 4).format.autofitColumns();
  title(sheet, segments, fill(f.segmentTitle, forecast));
  if (check) {
    const horizon = { ...forecast, report: { ...forecast.report, horizonDays: check.days } };
    title(sheet, holdout, fill(f.holdoutTitle, horizon));
  }
  return { blocks, holdout: check !== null, chart };
}

export interface ForecastBlocksWritten {
  blocks: ReturnType<typeof forecastBlocks>;
  holdout: boolean;
  chart: boolean;
}
