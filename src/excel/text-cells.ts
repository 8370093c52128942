/**
 * Writing text that stays text. Excel reads strings written to `Range.values` like typed input (@types/office-js,
 * Range.values: a value starting with "=", "+" or "-" is interpreted as a formula; `00123` becomes 123, `2024-01`
 * a date), unless the cell's number format is "@" (Text) when the value arrives. So every text the add-in writes
 * (ids, names, dimension values and headers, actions, labels, titles) gets the "@" format first, in the same batch
 * and before its values (commands run in order).
 */
import type { CellValue } from "../engine/types";

/** Excel's Text number format. */
export const TEXT_FORMAT = "@";

/** A rowCount × columnCount grid of the text format, for `range.numberFormat`. */
function textFormat(rowCount: number, columnCount: number): string[][] {
  return Array.from({ length: rowCount }, () => new Array<string>(columnCount).fill(TEXT_FORMAT));
}

/**
 * Number formats for a block of mixed cells: "@" for every string cell, otherwise the column's format (or
 * "General"). Set it before the values.
 */
function textAwareFormats(
  rows: readonly (readonly CellValue[])[],
  columnFormats: readonly (string | undefined)[] = [],
): string[][] {
  return rows.map((row) =>
    row.map((value, j) => (typeof value === "string" ? TEXT_FORMAT : (columnFormats[j] ?? "General"))),
  );
}

/** Writes only-text cells: the "@" format first, then the values. */
export function writeTextCells(range: Excel.Range, values: string[][]): void {
  range.numberFormat = textFormat(values.length, values[0]?.length ?? 0);
  range.values = values;
}

/**
 * Writes mixed cells (text and numbers): "@" on the string cells, `columnFormats[j]` (or General) on the others,
 * then the values.
 */
export function writeCells(
  range: Excel.Range,
  rows: CellValue[][],
  columnFormats: readonly (string | undefined)[] = [],
): void {
  range.numberFormat = textAwareFormats(rows, columnFormats);
  range.values = rows;
}
