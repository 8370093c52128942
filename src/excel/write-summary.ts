/**
 * The summary sheet, read like a report: title and headline figures on top; the segment summary table, the tier
 * summary table and the R×F grid (with a 2-colour scale) down the left, each with its chart beside it; the
 * PivotTables (or static tables) below; the small ranges the charts draw from right of the charts, under a title.
 * summary-layout.ts computes every block's rectangle from the largest size it can reach, so none overlaps.
 * Every text cell gets the text format "@" before its value (text-cells.ts).
 */
import type { CellValue, RfmResult, SegmentSummaryRow } from "../engine/types";
import { TIER_KEYS } from "../engine/types";
import type { WorkbookLabels } from "../i18n/workbook-labels";
import { displayName, segmentKeyOf, tierKeyOf } from "./labels";
import { computeSummaryLayout, type SummaryLayout } from "./summary-layout";
import { TEXT_FORMAT, writeCells, writeTextCells } from "./text-cells";

/** The segments the headline counts as "at risk": valuable customers slipping away (SPEC's grid, R 1–2). */
const AT_RISK_KEYS: readonly string[] = ["at_risk", "cannot_lose"];

/**
 * Scores no customer can get, per metric: with tied values two neighbouring breakpoints are equal, and a value
 * above the one and at or below the other cannot exist (frequency 1|1|1|2|2|… with k = 10 leaves 2, 3 and 5 empty).
 */
function impossibleScores(result: RfmResult): { metric: "r" | "f" | "m"; scores: number[] }[] {
  const k = result.options.k;
  const out: { metric: "r" | "f" | "m"; scores: number[] }[] = [];
  const metrics = [
    ["r", result.breakpoints.recency],
    ["f", result.breakpoints.frequency],
    ["m", result.breakpoints.monetary],
  ] as const;
  for (const [metric, breakpoints] of metrics) {
    const scores: number[] = [];
    for (let j = 1; j < breakpoints.length; j++) {
      if (breakpoints[j] !== breakpoints[j - 1]) continue;
      // Bin j + 1 (1-based) lies between breakpoints j - 1 and j; recency scores run the other way.
      const bin = j + 1;
      scores.push(metric === "r" ? k + 1 - bin : bin);
    }
    if (scores.length > 0) out.push({ metric, scores: scores.sort((a, b) => a - b) });
  }
  return out;
}

function impossibleScoresText(labels: WorkbookLabels, list: { metric: "r" | "f" | "m"; scores: number[] }[]): string {
  const r = labels.report;
  return (
    list
      .map(({ metric, scores }) =>
        r.impossibleScores
          .replace("{metric}", metric.toUpperCase())
          .replace("{scores}", joinList(labels, scores.map(String)))
          .replace("{what}", r.metricNames[metric]),
      )
      // Chinese sentences follow each other without a space.
      .join(labels.language === "en" ? " " : "")
  );
}

function joinList(labels: WorkbookLabels, items: string[]): string {
  if (items.length <= 1) return items.join("");
  const r = labels.report;
  return `${items.slice(0, -1).join(r.listSeparator)}${r.listLastSeparator}${items[items.length - 1]}`;
}

export interface SummaryPlacement {
  /** Every block's rectangle (summary-layout.ts). */
  layout: SummaryLayout;
  /** Segment summary table: header row and data row count (source of the customers-per-segment chart). */
  segmentTable: { row: number; rowCount: number };
  /** Where the by-dimension pivot (or table) goes, below the segment × tier one. */
  secondPivotRow: number;
  /** Revenue share per segment, sorted from the largest share down (source of the revenue-share bar chart). */
  pieData: { row: number; column: number; rowCount: number };
  paretoData: { row: number; column: number; rowCount: number };
}

function summaryRows(rows: SegmentSummaryRow[], labels: WorkbookLabels): CellValue[][] {
  return rows.map((row) => [
    displayName(labels, row.key),
    row.customers,
    row.customerShare,
    row.revenue,
    row.revenueShare,
    row.avgRecency,
    row.avgFrequency,
    row.avgMonetary,
  ]);
}

function writeSummaryTable(
  sheet: Excel.Worksheet,
  row: number,
  firstHeader: string,
  rows: SegmentSummaryRow[],
  labels: WorkbookLabels,
  tableName: string,
): void {
  const s = labels.summary;
  const header = [
    firstHeader,
    s.customers,
    s.customerShare,
    s.revenue,
    s.revenueShare,
    s.avgRecency,
    s.avgFrequency,
    s.avgMonetary,
  ];
  const body = summaryRows(rows, labels);
  const formats = [TEXT_FORMAT, "0", "0.0%", labels.moneyFormat, "0.0%", "0.0", "0.0", labels.moneyFormat];
  const all = sheet.getRangeByIndexes(row, 0, body.length + 1, header.length);
  writeCells(all, [header, ...body], formats);
  // Long headers carry a line feed (workbook-text.ts): wrapped, the autofit below sizes each column to its widest
  // line, so the numbers rather than the headers set the table's width and the charts beside it come into view.
  sheet.getRangeByIndexes(row, 0, 1, header.length).format.wrapText = true;
  const table = sheet.tables.add(all, true);
  table.name = tableName;
  table.style = "TableStyleMedium2";
}

/** Writes the left block and the chart data; returns where the rest goes. */
export function writeSummaryTables(
  sheet: Excel.Worksheet,
  result: RfmResult,
  labels: WorkbookLabels,
  tableNames: { segmentSummary: string; tierSummary: string },
): SummaryPlacement {
  const s = labels.summary;
  const segments = result.summaries.standard;
  const k = result.rfGrid.length;
  const layout = summaryLayoutOf(result, labels);
  writeHeadlineFigures(sheet, result, labels, layout);
  writeSummaryTable(sheet, layout.segmentTable.row, s.segment, segments, labels, tableNames.segmentSummary);
  writeSummaryTable(sheet, layout.tierTable.row, s.tier, result.summaries.tier, labels, tableNames.tierSummary);
  writeRfGrid(sheet, result, labels, layout);
  // Autofit measures whole columns (office-js#5999, #1017): these hold only the left block.
  sheet
    .getRangeByIndexes(0, layout.leftColumns.column, layout.gridTitle.row + k + 2, layout.leftColumns.columnCount)
    .format.autofitColumns();
  // Then the header rows grow to their lines (set explicitly: Excel adjusts a row to wrapped text only sometimes).
  for (const table of [layout.segmentTable, layout.tierTable])
    sheet.getRangeByIndexes(table.row, 0, 1, table.columnCount).format.autofitRows();
  writeLeftBlockTexts(sheet, result, labels, layout);
  const chartData = writeChartData(sheet, result, labels, layout);
  return {
    layout,
    segmentTable: { row: layout.segmentTable.row, rowCount: segments.length },
    secondPivotRow: layout.dimensionPivot?.row ?? layout.segmentTierPivot.row,
    pieData: { row: layout.pieData.row, column: layout.pieData.column, rowCount: chartData.pieRows },
    paretoData: { row: layout.paretoData.row, column: layout.paretoData.column, rowCount: chartData.paretoRows },
  };
}

/** Every block's rectangle, from the largest size each can reach (summary-layout.ts), so none overlaps. */
function summaryLayoutOf(result: RfmResult, labels: WorkbookLabels): SummaryLayout {
  return computeSummaryLayout({
    k: result.rfGrid.length,
    segmentCount: result.summaries.standard.length,
    tierCount: result.summaries.tier.length,
    dimensionValueCounts: result.customers.dimensions.map((dimension) => new Set(dimension.values).size),
    paretoPoints: result.pareto.customerShare.length,
    movement: result.comparison !== undefined && labels.compare !== undefined,
  });
}

/**
 * Headline figures, what a shop owner asks first: customers, revenue, tier A's share, customers at risk. Only the
 * values: they count in the left block's autofit (a revenue figure must not show as ####); the labels are written
 * after it and run on over empty cells, so a long label does not widen the table's columns.
 */
function writeHeadlineFigures(
  sheet: Excel.Worksheet,
  result: RfmResult,
  labels: WorkbookLabels,
  layout: SummaryLayout,
): void {
  const segments = result.summaries.standard;
  const totalRevenue = segments.reduce((sum, row) => sum + row.revenue, 0);
  const tierA = result.summaries.tier.find((row) => row.key === "A");
  const atRisk = segments.filter((row) => AT_RISK_KEYS.includes(row.key)).reduce((sum, row) => sum + row.customers, 0);
  const values = [result.customers.id.length, totalRevenue, Math.max(0, tierA?.revenueShare ?? 0), atRisk];
  const formats = ["0", labels.moneyFormat, "0.0%", "0"];
  layout.headlineColumns.forEach((column, i) => {
    const cell = sheet.getRangeByIndexes(layout.headline.row + 1, column, 1, 1);
    writeCells(cell, [[values[i] ?? 0]], [formats[i]]);
    cell.format.font.bold = true;
  });
}

/** The R×F grid of customer counts: rows R = k..1 (as SPEC prints the segment grid), columns F = 1..k. */
function writeRfGrid(sheet: Excel.Worksheet, result: RfmResult, labels: WorkbookLabels, layout: SummaryLayout): void {
  const s = labels.summary;
  const k = result.rfGrid.length;
  const gridRow = layout.gridTitle.row;
  const header: CellValue[] = [
    `${s.rAxis} \\ ${s.fAxis}`,
    ...Array.from({ length: k }, (_v, f) => `${s.fAxis} ${f + 1}`),
  ];
  const body: CellValue[][] = Array.from({ length: k }, (_v, i) => {
    const r = k - i;
    return [`${s.rAxis} ${r}`, ...(result.rfGrid[r - 1] ?? []).map((count) => count)];
  });
  writeCells(sheet.getRangeByIndexes(layout.grid.row, 0, k + 1, k + 1), [header, ...body]);
  sheet.getRangeByIndexes(gridRow + 1, 0, 1, k + 1).format.font.bold = true;
  if (k > 0) {
    const scale = sheet.getRangeByIndexes(gridRow + 2, 1, k, k).conditionalFormats.add("ColorScale");
    // White to blue: the cells count customers, so more is darker. A red-to-green scale would paint a crowd of
    // lost customers (R 1, F 1) as good news.
    scale.colorScale.criteria = {
      minimum: { type: "LowestValue", color: "#FFFFFF" },
      maximum: { type: "HighestValue", color: "#5A8AC6" },
    };
  }
}

/**
 * The left block's titles, headline labels and the note on impossible scores. Written after the autofit (commands
 * run in order), so they do not widen column A: a title runs on over the empty cells to its right.
 */
function writeLeftBlockTexts(
  sheet: Excel.Worksheet,
  result: RfmResult,
  labels: WorkbookLabels,
  layout: SummaryLayout,
): void {
  const s = labels.summary;
  const r = labels.report;
  for (const [row, text, bold] of [
    [layout.title.row, s.title, true],
    [layout.headlineNote.row, r.headlineAtRiskNote, false],
    [layout.gridTitle.row, s.rfGridTitle, true],
  ] as const) {
    const cell = sheet.getRangeByIndexes(row, 0, 1, 1);
    writeTextCells(cell, [[text]]);
    cell.format.font.bold = bold;
  }
  sheet.getRangeByIndexes(layout.title.row, 0, 1, 1).format.font.size = 16;
  // Not wrapped: each label runs on over the empty label cells up to the next (layout.headlineColumns), so it shows
  // whole without widening the table's columns or needing a taller row.
  const texts = [r.headlineCustomers, r.headlineRevenue, r.headlineTierAShare, r.headlineAtRisk];
  layout.headlineColumns.forEach((column, i) => {
    const cell = sheet.getRangeByIndexes(layout.headline.row, column, 1, 1);
    writeTextCells(cell, [[texts[i] ?? ""]]);
    cell.format.font.color = "#595959";
  });
  const impossible = impossibleScores(result);
  if (impossible.length > 0) {
    const note = sheet.getRangeByIndexes(layout.gridNote.row, 0, 1, 1);
    writeTextCells(note, [[impossibleScoresText(labels, impossible)]]);
    note.format.font.italic = true;
  }
}

/**
 * The charts' data, under its own title and readable for anyone checking a chart against its numbers: revenue
 * share per segment sorted from the largest down (for the bar chart), and [share of customers, share of revenue]
 * for the Pareto curve. Returns the row counts (headers included).
 */
function writeChartData(
  sheet: Excel.Worksheet,
  result: RfmResult,
  labels: WorkbookLabels,
  layout: SummaryLayout,
): { pieRows: number; paretoRows: number } {
  const s = labels.summary;
  const dataColumn = layout.pieData.column;
  const sorted = [...result.summaries.standard].sort((a, b) => b.revenueShare - a.revenueShare);
  const pie: CellValue[][] = [
    [s.segment, s.revenueShare],
    ...sorted.map((row) => [displayName(labels, row.key), Math.max(0, row.revenueShare)]),
  ];
  writeCells(sheet.getRangeByIndexes(layout.pieData.row, dataColumn, pie.length, 2), pie, [undefined, "0.0%"]);
  const pareto: CellValue[][] = [
    [labels.charts.shareOfCustomers, labels.charts.shareOfRevenue],
    ...result.pareto.customerShare.map((x, i) => [x, result.pareto.revenueShare[i] ?? 0]),
  ];
  writeCells(sheet.getRangeByIndexes(layout.paretoData.row, layout.paretoData.column, pareto.length, 2), pareto, [
    "0%",
    "0%",
  ]);
  sheet.getRangeByIndexes(layout.pieData.row, dataColumn, pie.length, 2).format.autofitColumns();
  sheet.getRangeByIndexes(layout.paretoData.row, layout.paretoData.column, 1, 2).format.autofitColumns();
  // After the autofit: the title runs on over the empty cells to its right.
  const titleCell = sheet.getRangeByIndexes(layout.chartDataTitle.row, dataColumn, 1, 1);
  writeTextCells(titleCell, [[labels.report.chartData]]);
  titleCell.format.font.bold = true;
  return { pieRows: pie.length, paretoRows: pareto.length };
}

/**
 * Without a customer sheet (the PivotTables' source): the same figures as static tables: customers and revenue by
 * segment × tier, and by each mapped dimension.
 */
export function writeStaticPivotTables(
  sheet: Excel.Worksheet,
  result: RfmResult,
  labels: WorkbookLabels,
  placement: SummaryPlacement,
): void {
  const s = labels.summary;
  const tierNames = TIER_KEYS.map((key) => displayName(labels, key));
  const segmentKeys = result.summaries.standard.map((row) => row.key);
  const counts = new Map<string, number[]>();
  const revenue = new Map<string, number[]>();
  const n = result.customers.id.length;
  for (let i = 0; i < n; i++) {
    const segment = segmentKeyOf(result, i);
    const tier = TIER_KEYS.indexOf(tierKeyOf(result, i) as (typeof TIER_KEYS)[number]);
    const countRow = counts.get(segment) ?? [0, 0, 0];
    const revenueRow = revenue.get(segment) ?? [0, 0, 0];
    countRow[tier] = (countRow[tier] ?? 0) + 1;
    revenueRow[tier] = (revenueRow[tier] ?? 0) + (result.customers.monetary[i] ?? 0);
    counts.set(segment, countRow);
    revenue.set(segment, revenueRow);
  }
  const block = (title: string, values: Map<string, number[]>): CellValue[][] => [
    [`${title}: ${s.segment} \\ ${s.tier}`, ...tierNames, s.total],
    ...segmentKeys.map((key) => {
      const row = values.get(key) ?? [0, 0, 0];
      return [displayName(labels, key), ...row, row.reduce((a, b) => a + b, 0)];
    }),
  ];
  const countBlock = block(s.customers, counts);
  const revenueBlock = block(s.revenue, revenue);
  const { staticCounts, staticRevenue, staticDimensions } = placement.layout;
  const column = staticCounts.column;
  writeCells(sheet.getRangeByIndexes(staticCounts.row, column, countBlock.length, 5), countBlock);
  const money = [undefined, ...Array.from({ length: 4 }, () => labels.moneyFormat)];
  writeCells(sheet.getRangeByIndexes(staticRevenue.row, column, revenueBlock.length, 5), revenueBlock, money);
  result.customers.dimensions.forEach((dimension, d) => {
    const totals = new Map<string, [number, number]>();
    dimension.values.forEach((value, i) => {
      const entry = totals.get(value) ?? [0, 0];
      entry[0] += 1;
      entry[1] += result.customers.monetary[i] ?? 0;
      totals.set(value, entry);
    });
    const keys = [...totals.keys()].sort((a, b) => a.localeCompare(b));
    const rows: CellValue[][] = [
      [dimension.name, s.customers, s.revenue],
      ...keys.map((key) => [key, ...(totals.get(key) ?? [0, 0])]),
    ];
    const rect = staticDimensions[d];
    if (rect)
      writeCells(sheet.getRangeByIndexes(rect.row, rect.column, rows.length, 3), rows, [
        undefined,
        "0",
        labels.moneyFormat,
      ]);
  });
}
