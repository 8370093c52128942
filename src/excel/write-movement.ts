/**
 * The comparison with an earlier date in the workbook (SPEC "Change since an earlier date"): two customer-table
 * columns (the earlier segment, "Segment on {date}", and new / same / changed), both text (`@`); on the summary
 * sheet the movement matrix (a PivotTable over the customer table, or a colour-scaled static table without
 * PivotTables) and a bar chart of the largest moves, in the blocks summary-layout.ts reserves for them.
 */
import { NO_PREVIOUS, SEGMENT_CHANGE_KEYS, STANDARD_SEGMENT_KEYS } from "../engine/types";
import type { CellValue, RfmResult, StandardSegmentKey } from "../engine/types";
import { fillDate, formatDay } from "../i18n/compare-labels";
import type { WorkbookLabels } from "../i18n/workbook-labels";
import { displayName } from "./labels";
import { segmentMoves } from "../engine";
import { MOVES_CHART_BARS, type MovementLayout } from "./summary-layout";
import { TEXT_FORMAT, writeCells, writeTextCells } from "./text-cells";

/** Header and number format of the comparison columns; none without a comparison (or without its labels). */
export function comparisonColumns(result: RfmResult, labels: WorkbookLabels): [string, string][] {
  const compare = labels.compare;
  if (!result.comparison || !compare) return [];
  const date = formatDay(result.comparison.compareDate, labels.language);
  return [
    [fillDate(compare.previousSegment, { date }), TEXT_FORMAT],
    [compare.change, TEXT_FORMAT],
  ];
}

/** The comparison cells of customer `i`: earlier segment name ("" when new), change word. */
export function comparisonCells(result: RfmResult, labels: WorkbookLabels, i: number): CellValue[] {
  const comparison = result.comparison;
  const compare = labels.compare;
  if (!comparison || !compare) return [];
  const previous = comparison.prevSegment[i] ?? NO_PREVIOUS;
  const change = SEGMENT_CHANGE_KEYS[comparison.change[i] ?? 0] ?? "new";
  return [
    previous === NO_PREVIOUS ? "" : displayName(labels, STANDARD_SEGMENT_KEYS[previous] ?? ""),
    compare.changeNames[change],
  ];
}

export interface MovementPlacement {
  layout: MovementLayout;
  /** PivotTables available and a customer table to build on (else the static matrix). */
  customerTable?: Excel.Table;
  /** The customer table's headers (the PivotTable looks its fields up by them). */
  customerHeaders: string[];
  colourScale: boolean;
  charts: boolean;
}

/** The summary sheet's comparison blocks: title, movement PivotTable (or static matrix), moves chart and its data. */
export function writeMovementBlocks(
  sheet: Excel.Worksheet,
  result: RfmResult,
  labels: WorkbookLabels,
  placement: MovementPlacement,
): void {
  const comparison = result.comparison;
  const compare = labels.compare;
  if (!comparison || !compare) return;
  const date = formatDay(comparison.compareDate, labels.language);
  const { layout } = placement;
  const title = sheet.getRangeByIndexes(layout.title.row, layout.title.column, 1, 1);
  writeTextCells(title, [[fillDate(compare.movementTitle, { date })]]);
  title.format.font.bold = true;

  const [previousHeader] = comparisonColumns(result, labels)[0] ?? [];
  if (placement.customerTable && previousHeader !== undefined) {
    addMovementPivot(sheet, labels, placement, placement.customerTable, previousHeader);
  } else writeStaticMovementMatrix(sheet, comparison, labels, compare, placement, date);
  if (placement.charts) addMovesChart(sheet, comparison, labels, compare, layout, date);
}

/** The movement matrix as a PivotTable on the customer table: earlier segment × segment, customers counted. */
function addMovementPivot(
  sheet: Excel.Worksheet,
  labels: WorkbookLabels,
  placement: MovementPlacement,
  customerTable: Excel.Table,
  previousHeader: string,
): void {
  const { matrix } = placement.layout;
  const pivot = sheet.pivotTables.add(
    MOVEMENT_PIVOT_NAME,
    customerTable,
    sheet.getRangeByIndexes(matrix.row, matrix.column, 1, 1),
  );
  pivot.rowHierarchies.add(pivot.hierarchies.getItem(previousHeader));
  pivot.columnHierarchies.add(pivot.hierarchies.getItem(labels.customerColumns.segment));
  const count = pivot.dataHierarchies.add(pivot.hierarchies.getItem(labels.customerColumns.customer));
  count.summarizeBy = "Count";
  let name = labels.summary.customers;
  while (placement.customerHeaders.some((h) => h.toLowerCase() === name.toLowerCase())) name += " ";
  count.name = name;
}

/** Without PivotTables: the movement matrix as plain cells, with row totals and (optionally) a colour scale. */
function writeStaticMovementMatrix(
  sheet: Excel.Worksheet,
  comparison: NonNullable<RfmResult["comparison"]>,
  labels: WorkbookLabels,
  compare: NonNullable<WorkbookLabels["compare"]>,
  placement: MovementPlacement,
  date: string,
): void {
  const { matrix } = placement.layout;
  const movement = comparison.movement.segment;
  const header: CellValue[] = [
    `${fillDate(compare.previousSegment, { date })} \\ ${labels.customerColumns.segment}`,
    ...movement.to.map((key) => displayName(labels, key)),
    labels.summary.total,
  ];
  const rowNames = [...movement.from.map((key) => displayName(labels, key)), fillDate(compare.newRow, { date })];
  const body: CellValue[][] = rowNames.map((name, row) => {
    const counts = movement.to.map((_key, column) => movement.customers[row]?.[column] ?? 0);
    return [name, ...counts, counts.reduce((a, b) => a + b, 0)];
  });
  const rows = [header, ...body];
  const columns = header.length;
  writeCells(sheet.getRangeByIndexes(matrix.row, matrix.column, rows.length, columns), rows, [
    undefined,
    ...Array.from({ length: columns - 1 }, () => "0"),
  ]);
  sheet.getRangeByIndexes(matrix.row, matrix.column, 1, columns).format.font.bold = true;
  if (placement.colourScale) {
    // White to blue like the R×F grid: the cells count customers, more is darker (ExcelApi 1.6).
    const scale = sheet
      .getRangeByIndexes(matrix.row + 1, matrix.column + 1, body.length, movement.to.length)
      .conditionalFormats.add("ColorScale");
    scale.colorScale.criteria = {
      minimum: { type: "LowestValue", color: "#FFFFFF" },
      maximum: { type: "HighestValue", color: "#5A8AC6" },
    };
  }
}

/**
 * The largest moves as signed bars: gains (to a better segment) above zero, losses below, so they read apart.
 * Nothing when no customer moved.
 */
function addMovesChart(
  sheet: Excel.Worksheet,
  comparison: NonNullable<RfmResult["comparison"]>,
  labels: WorkbookLabels,
  compare: NonNullable<WorkbookLabels["compare"]>,
  layout: MovementLayout,
  date: string,
): void {
  const moves = segmentMoves(comparison).slice(0, MOVES_CHART_BARS);
  if (moves.length === 0) return;
  const data: CellValue[][] = [
    [labels.summary.segment, compare.movesCustomers],
    ...moves.map((move) => [
      fillDate(compare.move, { from: displayName(labels, move.from), to: displayName(labels, move.to) }),
      move.up ? move.count : -move.count,
    ]),
  ];
  const { chartData } = layout;
  const source = sheet.getRangeByIndexes(chartData.row, chartData.column, data.length, 2);
  writeCells(source, data, [undefined, "0"]);
  const chart = sheet.charts.add("BarClustered", source, "Columns");
  chart.title.text = fillDate(compare.movesChart, { date });
  chart.legend.visible = false;
  const { chart: rect } = layout;
  chart.setPosition(
    sheet.getRangeByIndexes(rect.row, rect.column, 1, 1),
    sheet.getRangeByIndexes(rect.row + rect.rowCount - 1, rect.column + rect.columnCount - 1, 1, 1),
  );
}

/** The movement PivotTable's name (ASCII, no spaces, like the other PivotTables). */
export const MOVEMENT_PIVOT_NAME = "RfmMovement";

/** What filtering the customer table needs: its name and the headers and words the run wrote. */
export interface CustomerTableRef {
  name: string;
  segmentHeader: string;
  /** Absent without a comparison. */
  previousHeader?: string;
  changeHeader?: string;
  segmentNames: Record<string, string>;
  newWord?: string;
}

export function customerTableRef(name: string, result: RfmResult, labels: WorkbookLabels): CustomerTableRef {
  const [previous, change] = comparisonColumns(result, labels);
  return {
    name,
    segmentHeader: labels.customerColumns.segment,
    previousHeader: previous?.[0],
    changeHeader: change?.[0],
    segmentNames: { ...labels.segmentNames },
    newWord: labels.compare?.changeNames.new,
  };
}

/**
 * Filters the customer table to the customers who moved from segment `from` to `to` (machine keys; `from`
 * undefined: the new customers), clearing its other filters first, and shows its sheet. Filters are view state
 * of the add-in's own table: nothing the user wrote changes, and Excel's own Clear Filter undoes it.
 * `Table.clearFilters` and `TableColumn.filter.applyValuesFilter` are ExcelApi 1.2.
 */
export async function filterCustomerMove(
  ref: CustomerTableRef,
  move: { from?: StandardSegmentKey; to?: StandardSegmentKey },
): Promise<void> {
  await Excel.run(async (context) => {
    const table = context.workbook.tables.getItem(ref.name);
    table.clearFilters();
    const byValue = (header: string | undefined, value: string | undefined) => {
      if (header !== undefined && value !== undefined) table.columns.getItem(header).filter.applyValuesFilter([value]);
    };
    if (move.from === undefined) byValue(ref.changeHeader, ref.newWord);
    else byValue(ref.previousHeader, ref.segmentNames[move.from]);
    if (move.to !== undefined) byValue(ref.segmentHeader, ref.segmentNames[move.to]);
    table.worksheet.activate();
    await context.sync();
  });
}
