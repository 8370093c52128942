import { columnWidthFor, estimatedTextLength } from "./column-width";
import type { PivotTableModel, SimCellValue, SheetModel, WorkbookModel } from "./model";
import { findSheet, getCellValue, readRect, writeNumberFormats, writeValues } from "./model";

/** Sorts keys as Excel sorts pivot items: numbers first ascending, then text A..Z (case-insensitive). */
function compareKeys(a: SimCellValue, b: SimCellValue): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return String(a).localeCompare(String(b), undefined, { sensitivity: "base" });
}

interface Accumulator {
  count: number;
  numbers: number;
  sum: number;
  max: number;
  min: number;
}

function emptyAccumulator(): Accumulator {
  return { count: 0, numbers: 0, sum: 0, max: -Infinity, min: Infinity };
}

function accumulate(acc: Accumulator, value: SimCellValue): void {
  if (value !== "") acc.count++;
  if (typeof value === "number") {
    acc.numbers++;
    acc.sum += value;
    if (value > acc.max) acc.max = value;
    if (value < acc.min) acc.min = value;
  }
}

function finish(acc: Accumulator | undefined, summarizeBy: string): number {
  if (!acc) return 0;
  switch (summarizeBy) {
    case "Count":
      return acc.count;
    case "Average":
      return acc.numbers === 0 ? 0 : acc.sum / acc.numbers;
    case "Max":
      return acc.numbers === 0 ? 0 : acc.max;
    case "Min":
      return acc.numbers === 0 ? 0 : acc.min;
    default:
      // Sum and Automatic (Excel picks Sum for numeric fields).
      return acc.sum;
  }
}

/**
 * Computes a pivot report in a compact tabular layout: one header row (row field, then one column per column item
 * and data field, then grand totals), one row per row item, a "Grand Total" row. Returns the grid written at
 * the anchor. Only the first column field is grouped (what the adapter uses). Several row fields are modelled only
 * in the Tabular layout with the outer fields' subtotals off (one column per row field, one line per combination,
 * sorted by the outer field first: PivotLayout.layoutType, PivotField.subtotals, ExcelApi 1.8); any other
 * multi-row-field layout fails rather than show a shape Excel would not. One pass.
 */
export function computePivotResult(pivot: PivotTableModel, sourceSheet: SheetModel): SimCellValue[][] {
  const grid = readRect(sourceSheet, pivot.source.rect);
  const header = (grid[0] ?? []).map((v) => String(v));
  const indexOf = (field: string): number => header.findIndex((h) => h.toLowerCase() === field.toLowerCase());
  const rowFields = pivot.rowFields;
  if (rowFields.length > 1) {
    const outer = rowFields.slice(0, -1);
    if (pivot.layoutType !== "Tabular" || !outer.every((field) => pivot.subtotalsOff?.includes(field)))
      throw new Error("workbook-sim: several row fields are modelled only in the Tabular layout without subtotals");
  }
  const columnField = pivot.columnFields[0];
  const rowIndexes = rowFields.map(indexOf);
  const columnIndex = columnField === undefined ? -1 : indexOf(columnField);
  const dataFields = pivot.dataFields.map((field) => ({ ...field, index: indexOf(field.sourceField) }));
  const ALL = "\u0000all";
  // cells[rowKey][columnKey][dataField]; ALL stands for a total. A row key is the JSON of the row fields' values.
  const cells = new Map<SimCellValue, Map<SimCellValue, Accumulator[]>>();
  const add = (rowKey: SimCellValue, columnKey: SimCellValue, row: SimCellValue[]): void => {
    let byColumn = cells.get(rowKey);
    if (!byColumn) cells.set(rowKey, (byColumn = new Map<SimCellValue, Accumulator[]>()));
    let accs = byColumn.get(columnKey);
    if (!accs) byColumn.set(columnKey, (accs = dataFields.map(() => emptyAccumulator())));
    dataFields.forEach((field, i) => accumulate(accs[i]!, field.index < 0 ? "" : (row[field.index] ?? "")));
  };
  const rowTuples = new Map<string, SimCellValue[]>();
  const columnKeys = new Set<SimCellValue>();
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const tuple = rowIndexes.map((index) => (index < 0 ? "" : (row[index] ?? "")));
    const rowKey = JSON.stringify(tuple);
    const columnKey = columnIndex < 0 ? "" : (row[columnIndex] ?? "");
    rowTuples.set(rowKey, tuple);
    if (columnIndex >= 0) columnKeys.add(columnKey);
    add(rowKey, columnKey, row);
    add(rowKey, ALL, row);
    add(ALL, columnKey, row);
    add(ALL, ALL, row);
  }
  const compareTuples = (a: SimCellValue[], b: SimCellValue[]): number => {
    for (let i = 0; i < a.length; i++) {
      const order = compareKeys(a[i] ?? "", b[i] ?? "");
      if (order !== 0) return order;
    }
    return 0;
  };
  const sortedRows = [...rowTuples.entries()].sort((a, b) => compareTuples(a[1], b[1]));
  const sortedColumns = [...columnKeys].sort(compareKeys);
  const single = dataFields.length === 1;
  const labelColumns = Math.max(1, rowFields.length);
  const headerRow: SimCellValue[] = rowFields.length === 0 ? [""] : [...rowFields];
  for (const columnKey of sortedColumns)
    for (const field of dataFields) headerRow.push(single ? columnKey : `${String(columnKey)} - ${field.name}`);
  for (const field of dataFields)
    headerRow.push(sortedColumns.length === 0 ? field.name : single ? "Grand Total" : `Total ${field.name}`);
  const lineFor = (labels: SimCellValue[], rowKey: SimCellValue): SimCellValue[] => {
    const line: SimCellValue[] = [...labels];
    while (line.length < labelColumns) line.push("");
    const byColumn = cells.get(rowKey);
    for (const columnKey of sortedColumns)
      dataFields.forEach((field, i) => line.push(finish(byColumn?.get(columnKey)?.[i], field.summarizeBy)));
    dataFields.forEach((field, i) => line.push(finish(byColumn?.get(ALL)?.[i], field.summarizeBy)));
    return line;
  };
  const result: SimCellValue[][] = [headerRow];
  if (rowFields.length > 0 && rowIndexes.every((index) => index >= 0))
    for (const [rowKey, tuple] of sortedRows)
      result.push(
        lineFor(
          tuple.map((value) => (value === "" ? "(blank)" : value)),
          rowKey,
        ),
      );
  result.push(lineFor(["Grand Total"], ALL));
  return result;
}

/**
 * The size `computePivotResult` would return, from the distinct row and column items alone: a cheap check of where
 * the report would land while fields are being added, without aggregating the source.
 */
export function pivotResultSize(
  pivot: PivotTableModel,
  sourceSheet: SheetModel,
): { rowCount: number; columnCount: number } {
  const source = pivot.source.rect;
  const header = (readRect(sourceSheet, { ...source, rowCount: 1 })[0] ?? []).map((v) => String(v));
  const indexOf = (field: string | undefined): number =>
    field === undefined ? -1 : header.findIndex((h) => h.toLowerCase() === field.toLowerCase());
  const distinctItems = (index: number): number => {
    if (index < 0) return 0;
    const items = new Set<SimCellValue>();
    for (let row = source.row + 1; row < source.row + source.rowCount; row++)
      items.add(getCellValue(sourceSheet, row, source.column + index));
    return items.size;
  };
  const rowIndexes = pivot.rowFields.map(indexOf);
  let rowItems = 0;
  if (rowIndexes.length > 0 && rowIndexes.every((index) => index >= 0)) {
    const tuples = new Set<string>();
    for (let row = source.row + 1; row < source.row + source.rowCount; row++)
      tuples.add(JSON.stringify(rowIndexes.map((index) => getCellValue(sourceSheet, row, source.column + index))));
    rowItems = tuples.size;
  }
  const columnItems = distinctItems(indexOf(pivot.columnFields[0]));
  const dataFields = pivot.dataFields.length;
  const labelColumns = Math.max(1, pivot.rowFields.length);
  return { rowCount: rowItems + 2, columnCount: labelColumns + columnItems * dataFields + dataFields };
}

/** Recomputes every pivot and rewrites its output cells (clearing the previous output first). */
export function refreshPivots(
  model: WorkbookModel,
  needsRefresh: (pivot: PivotTableModel) => boolean = () => true,
): void {
  for (const pivot of model.pivotTables) {
    if (!needsRefresh(pivot)) continue;
    const sheet = findSheet(model, pivot.sheetId);
    const sourceSheet = findSheet(model, pivot.source.sheetId);
    if (!sheet || !sourceSheet) continue;
    const table = pivot.source.tableId ? model.tables.find((t) => t.id === pivot.source.tableId) : undefined;
    if (table) pivot.source.rect = { ...table.rect };
    const previous = pivot.result;
    const blank = previous.map((row) => row.map(() => ""));
    writeValues(sheet, pivot.anchor.row, pivot.anchor.column, blank);
    writeNumberFormats(
      sheet,
      pivot.anchor.row,
      pivot.anchor.column,
      previous.map((row) => row.map(() => "General")),
    );
    pivot.result =
      pivot.rowFields.length + pivot.columnFields.length + pivot.dataFields.length === 0
        ? []
        : computePivotResult(pivot, sourceSheet);
    writeValues(sheet, pivot.anchor.row, pivot.anchor.column, pivot.result);
    writeNumberFormats(sheet, pivot.anchor.row, pivot.anchor.column, dataFormats(pivot));
    // Excel's default for a PivotTable: autofit its columns on update.
    const longest: number[] = [];
    for (const row of pivot.result) {
      row.forEach((value, c) => (longest[c] = Math.max(longest[c] ?? 0, estimatedTextLength(value))));
    }
    longest.forEach((characters, c) => {
      const column = pivot.anchor.column + c;
      sheet.columnWidths[column] = Math.max(sheet.columnWidths[column] ?? 0, columnWidthFor(characters));
    });
  }
}

/**
 * The number formats of a pivot's cells: a data field's DataPivotHierarchy.numberFormat (ExcelApi 1.8) on its
 * values and totals, General on labels and the header row. Data columns follow the labels, one per data field
 * for each column item, then the totals (computePivotResult's layout).
 */
function dataFormats(pivot: PivotTableModel): string[][] {
  const labelColumns = Math.max(1, pivot.rowFields.length);
  const fields = pivot.dataFields;
  return pivot.result.map((row, r) =>
    row.map((_value, c) =>
      r === 0 || c < labelColumns || fields.length === 0
        ? "General"
        : (fields[(c - labelColumns) % fields.length]?.numberFormat ?? "General"),
    ),
  );
}

export function pivotRect(pivot: PivotTableModel): {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
} {
  return {
    row: pivot.anchor.row,
    column: pivot.anchor.column,
    rowCount: Math.max(pivot.result.length, 1),
    columnCount: Math.max(1, ...pivot.result.map((row) => row.length)),
  };
}
