/**
 * The summary sheet: title, segment summary table, tier summary table and the R×F grid (with a 2-colour scale) on
 * the left; PivotTables (or static tables) to their right; then the charts; then the small ranges the charts draw
 * from. summary-layout.ts computes every block's rectangle from the largest size it can reach, so none overlaps.
 * Every text cell gets the text format "@" before its value (text-cells.ts).
 */
import type { CellValue, RfmResult, SegmentSummaryRow } from "../engine/types";
import { TIER_KEYS } from "../engine/types";
import type { WorkbookLabels } from "../i18n/workbook-labels";
import { displayName, segmentKeyOf, tierKeyOf } from "./labels";
import { computeSummaryLayout, type SummaryLayout } from "./summary-layout";
import { TEXT_FORMAT, writeCells, writeTextCells } from "./text-cells";

export interface SummaryPlacement {
  /** Every block's rectangle (summary-layout.ts). */
  layout: SummaryLayout;
  /** Segment summary table: header row and data row count (source of the customers-per-segment chart). */
  segmentTable: { row: number; rowCount: number };
  /** Where the by-dimension pivot (or table) goes, below the segment × tier one. */
  secondPivotRow: number;
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
  const tiers = result.summaries.tier;
  const k = result.rfGrid.length;
  const dimension = result.customers.dimensions[0];
  const layout = computeSummaryLayout({
    k,
    segmentCount: segments.length,
    tierCount: tiers.length,
    dimensionValueCount: dimension ? new Set(dimension.values).size : undefined,
    paretoPoints: result.pareto.customerShare.length,
  });
  const segmentRow = layout.segmentTable.row;
  writeSummaryTable(sheet, segmentRow, s.segment, segments, labels, tableNames.segmentSummary);
  const tierRow = layout.tierTable.row;
  writeSummaryTable(sheet, tierRow, s.tier, tiers, labels, tableNames.tierSummary);

  // R×F grid: rows R = k..1 (as SPEC prints the segment grid), columns F = 1..k.
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
  // Autofit measures whole columns (office-js#5999, #1017): these hold only the left block.
  sheet
    .getRangeByIndexes(0, layout.leftColumns.column, gridRow + k + 2, layout.leftColumns.columnCount)
    .format.autofitColumns();
  // The titles are written after the autofit (commands run in order), so they do not widen column A: a title runs
  // on over the empty cells to its right.
  for (const [row, text] of [
    [layout.title.row, s.title],
    [gridRow, s.rfGridTitle],
  ] as const) {
    const cell = sheet.getRangeByIndexes(row, 0, 1, 1);
    writeTextCells(cell, [[text]]);
    cell.format.font.bold = true;
  }

  // Chart data: [segment, revenue share] for the pie, [share of customers, share of revenue] for the Pareto curve.
  const dataColumn = layout.pieData.column;
  const pie: CellValue[][] = [
    [s.segment, s.revenueShare],
    ...segments.map((row) => [displayName(labels, row.key), Math.max(0, row.revenueShare)]),
  ];
  writeCells(sheet.getRangeByIndexes(0, dataColumn, pie.length, 2), pie, [undefined, "0.0%"]);
  const pareto: CellValue[][] = [
    [labels.charts.shareOfCustomers, labels.charts.shareOfRevenue],
    ...result.pareto.customerShare.map((x, i) => [x, result.pareto.revenueShare[i] ?? 0]),
  ];
  writeCells(sheet.getRangeByIndexes(0, layout.paretoData.column, pareto.length, 2), pareto, ["0%", "0%"]);
  // The charts' data stays readable for anyone checking a chart against its numbers.
  sheet.getRangeByIndexes(0, dataColumn, pie.length, 2).format.autofitColumns();
  sheet.getRangeByIndexes(0, layout.paretoData.column, 1, 2).format.autofitColumns();

  return {
    layout,
    segmentTable: { row: segmentRow, rowCount: segments.length },
    secondPivotRow: layout.dimensionPivot?.row ?? layout.segmentTierPivot.row + layout.segmentTierPivot.rowCount + 2,
    pieData: { row: 0, column: dataColumn, rowCount: pie.length },
    paretoData: { row: 0, column: layout.paretoData.column, rowCount: pareto.length },
  };
}

/**
 * Without a customer sheet (the PivotTables' source): the same figures as static tables: customers and revenue by
 * segment × tier, and by the first mapped dimension.
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
  const { staticCounts, staticRevenue, staticDimension } = placement.layout;
  const column = staticCounts.column;
  writeCells(sheet.getRangeByIndexes(staticCounts.row, column, countBlock.length, 5), countBlock);
  const money = [undefined, ...Array.from({ length: 4 }, () => labels.moneyFormat)];
  writeCells(sheet.getRangeByIndexes(staticRevenue.row, column, revenueBlock.length, 5), revenueBlock, money);
  const dimension = result.customers.dimensions[0];
  if (dimension) {
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
    const row = staticDimension?.row ?? staticRevenue.row + staticRevenue.rowCount + 2;
    writeCells(sheet.getRangeByIndexes(row, column, rows.length, 3), rows, [undefined, "0", labels.moneyFormat]);
  }
}
