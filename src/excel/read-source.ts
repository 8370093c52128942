/**
 * Reads the source data: the table the selection sits in (header included), else the selection intersected with
 * the used range (so whole-column selections cost nothing), else the used range when the selection is a single
 * cell or outside the data. Values come in row chunks sized from a sample so no sync nears the 5 MB limit.
 */
import { guessMapping } from "../engine/mapping";
import type { CellValue } from "../engine/types";
import type { ProgressFn, SourceRange } from "./gateway";
import { SYNC_BUDGET_BYTES, bytesPerRow, rowsPerChunk } from "./chunking";
import { ExcelWriteError } from "./errors";
import { detectCapabilities } from "./requirements";
import { rangeAddress } from "./sheet-names";

interface Rect {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

function intersect(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const rowEnd = Math.min(a.row + a.rowCount, b.row + b.rowCount);
  const columnEnd = Math.min(a.column + a.columnCount, b.column + b.columnCount);
  return rowEnd > row && columnEnd > column
    ? { row, column, rowCount: rowEnd - row, columnCount: columnEnd - column }
    : null;
}

function rectOf(range: Excel.Range): Rect {
  return { row: range.rowIndex, column: range.columnIndex, rowCount: range.rowCount, columnCount: range.columnCount };
}

/** Rows read first to estimate bytes per row. */
const SAMPLE_ROWS = 200;

/** Decides which cells to read (see file comment). Exported for tests of the choice alone. */
export async function locateSource(
  context: Excel.RequestContext,
): Promise<{ sheetName: string; rect: Rect; tableName?: string }> {
  const selection = context.workbook.getSelectedRange();
  selection.load("rowIndex,columnIndex,rowCount,columnCount");
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- `tables` is a navigation property, not a value to load
  const tables = sheet.tables;
  tables.load("items/name,items/showTotals");
  try {
    await context.sync();
  } catch (error) {
    throw (await isMultiAreaSelection(error)) ? new ExcelWriteError("multiple_areas") : error;
  }
  if (used.isNullObject) throw new ExcelWriteError("empty_source");
  const selected = rectOf(selection);
  const tableRanges = tables.items.map((table) => {
    const range = table.getRange();
    range.load("rowIndex,columnIndex,rowCount,columnCount");
    return { name: table.name, range, showTotals: table.showTotals };
  });
  if (tableRanges.length > 0) await context.sync();
  const anchor: Rect = { row: selected.row, column: selected.column, rowCount: 1, columnCount: 1 };
  const table = tableRanges.find((t) => intersect(rectOf(t.range), anchor) !== null);
  if (table) {
    // Header and data body only: a totals row (SUBTOTAL formulas, "Total") is no sales line.
    const rect = rectOf(table.range);
    if (table.showTotals) rect.rowCount -= 1;
    return { sheetName: sheet.name, rect, tableName: table.name };
  }
  const usedRect = rectOf(used);
  const single = selected.rowCount === 1 && selected.columnCount === 1;
  const clipped = single ? null : intersect(selected, usedRect);
  // A one-row clip has no data under its header: the user meant the whole data block.
  return { sheetName: sheet.name, rect: clipped && clipped.rowCount > 1 ? clipped : usedRect };
}

/**
 * True when reading the selection failed because several areas are selected. `getSelectedRange()` throws then
 * (@types/office-js: "If there are multiple ranges selected, this method will throw an error"); the code is
 * `InvalidSelection` where the host says so, and with ExcelApi 1.9 `getSelectedRanges().areaCount` confirms it.
 */
async function isMultiAreaSelection(error: unknown): Promise<boolean> {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  if (code === "InvalidSelection") return true;
  // ExcelApi 1.9 is the set of both suspendScreenUpdatingUntilNextSync and getSelectedRanges.
  if (!detectCapabilities().suspendScreenUpdating) return false;
  return Excel.run(async (context) => {
    const areas = context.workbook.getSelectedRanges();
    areas.load("areaCount");
    await context.sync();
    return areas.areaCount > 1;
  }).catch(() => false);
}

/** The column the pane will guess holds customer ids (guessMapping on the header), else the first column. */
function customerColumnOf(header: readonly CellValue[]): number {
  return guessMapping([...header]).customer ?? 0;
}

/**
 * A customer cell as the user sees it: a number shown with a number format other than General (`00042` stored as
 * 42 with format `00000`) becomes its displayed text, so ids keep their leading zeros. A text of only `#` (a column
 * too narrow for the number) is not what the user typed, so the number stays then.
 */
function shownCell(value: unknown, format: string | undefined, text: string | undefined): CellValue {
  if (typeof value === "number" && format !== undefined && format !== "General" && text !== undefined) {
    const trimmed = text.trim();
    if (trimmed !== "" && !/^#+$/.test(trimmed)) return trimmed;
  }
  return value as CellValue;
}

/** Two 32-bit FNV-1a hashes (different offsets) over the cells' type and text, so a sort or edit shows. */
class Fingerprint {
  private a = 0x811c9dc5;
  private b = 0x01000193;
  add(cell: CellValue): void {
    const text = `${typeof cell}:${cell === null || cell === undefined ? "" : String(cell)}\u0000`;
    let { a, b } = this;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 15);
    }
    this.a = a;
    this.b = b;
  }
  value(): string {
    return `${(this.a >>> 0).toString(16)}-${(this.b >>> 0).toString(16)}`;
  }
}

/** Loads a block's values and, for the customer column, its number formats and displayed text. */
function loadRows(sheet: Excel.Worksheet, rect: Rect, row: number, count: number, customerColumn: number) {
  const block = sheet.getRangeByIndexes(row, rect.column, count, rect.columnCount);
  block.load("values");
  const customer = sheet.getRangeByIndexes(row, rect.column + customerColumn, count, 1);
  customer.load("numberFormat,text");
  return { block, customer };
}

/** The block's rows with the customer column as shown (see shownCell). */
function shownRows(loaded: ReturnType<typeof loadRows>, customerColumn: number): CellValue[][] {
  const formats = loaded.customer.numberFormat;
  const texts = loaded.customer.text;
  return loaded.block.values.map((row, r) => {
    const cells = row as CellValue[];
    const format = formats[r]?.[0] as string | undefined;
    if (typeof cells[customerColumn] === "number" && format !== "General")
      cells[customerColumn] = shownCell(cells[customerColumn], format, texts[r]?.[0]);
    return cells;
  });
}

export async function readSource(onProgress?: ProgressFn): Promise<SourceRange> {
  return Excel.run(async (context) => {
    const { sheetName, rect, tableName } = await locateSource(context);
    const sheet = context.workbook.worksheets.getItem(sheetName);
    const values: CellValue[][] = new Array<CellValue[]>(rect.rowCount);
    const sampleCount = Math.min(SAMPLE_ROWS, rect.rowCount);
    const sample = sheet.getRangeByIndexes(rect.row, rect.column, sampleCount, rect.columnCount);
    sample.load("values,numberFormat,text");
    // Number formats of the first data row let the pane tell a date column holding serial numbers from amounts.
    const formatRow =
      rect.rowCount > 1 ? sheet.getRangeByIndexes(rect.row + 1, rect.column, 1, rect.columnCount) : undefined;
    formatRow?.load("numberFormat");
    await context.sync();
    const customerColumn = customerColumnOf((sample.values[0] ?? []) as CellValue[]);
    const fingerprint = new Fingerprint();
    sample.values.forEach((row, i) => {
      const cells = row as CellValue[];
      cells[customerColumn] = shownCell(
        cells[customerColumn],
        sample.numberFormat[i]?.[customerColumn] as string | undefined,
        sample.text[i]?.[customerColumn],
      );
      fingerprint.add(cells[customerColumn]);
      values[i] = cells;
    });
    // Chunk size from the sample, re-estimated from each chunk read, so longer rows further down shrink the chunks.
    // The customer column's format and text come along: counted as two more cells of its size.
    const customerBytes = (rows: readonly (readonly unknown[])[]) =>
      2 *
      bytesPerRow(
        rows.map((row) => [row[customerColumn]]),
        1,
      );
    let perRow = bytesPerRow(sample.values, rect.columnCount) + customerBytes(sample.values);
    const total = rect.rowCount;
    let done = sampleCount;
    onProgress?.(done / total);
    while (done < total) {
      const count = Math.min(rowsPerChunk(perRow, rect.columnCount + 2, SYNC_BUDGET_BYTES), total - done);
      const loaded = loadRows(sheet, rect, rect.row + done, count, customerColumn);
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk is the point: each stays under Excel's 5 MB limit
      await context.sync();
      const rows = shownRows(loaded, customerColumn);
      for (let r = 0; r < rows.length; r++) {
        values[done + r] = rows[r]!;
        fingerprint.add(rows[r]![customerColumn]);
      }
      const measured = rows.length > 2000 ? rows.slice(0, 2000) : rows;
      perRow = Math.max(perRow, bytesPerRow(measured, rect.columnCount) + customerBytes(measured));
      done += count;
      onProgress?.(done / total);
    }
    return {
      address: rangeAddress(sheetName, rect.row, rect.column, rect.rowCount, rect.columnCount),
      sheetName,
      firstRow: rect.row + 1,
      firstColumn: rect.column,
      rowCount: rect.rowCount,
      columnCount: rect.columnCount,
      tableName,
      values,
      columnFormats: formatRow ? ((formatRow.numberFormat[0] ?? []) as string[]) : undefined,
      customerFingerprint: { column: customerColumn, hash: fingerprint.value() },
    };
  });
}

/**
 * True when the source's rows are still the ones read: the customer column, read again the same way (chunks of
 * values, formats and text), has the same fingerprint. False after a sort, an edit of an id, inserted or deleted
 * rows or columns. A source without a fingerprint (read by an older version) counts as unchanged.
 */
export async function sourceRowsUnchanged(context: Excel.RequestContext, source: SourceRange): Promise<boolean> {
  const expected = source.customerFingerprint;
  if (!expected) return true;
  const sheet = context.workbook.worksheets.getItem(source.sheetName);
  const rect: Rect = {
    row: source.firstRow - 1,
    column: source.firstColumn,
    rowCount: source.rowCount,
    columnCount: source.columnCount,
  };
  const column: Rect = { ...rect, column: rect.column + expected.column, columnCount: 1 };
  const sample = source.values.slice(0, 2000).map((row) => [row[expected.column]]);
  const size = rowsPerChunk(3 * bytesPerRow(sample, 1), 3, SYNC_BUDGET_BYTES);
  const fingerprint = new Fingerprint();
  for (let done = 0; done < rect.rowCount; done += size) {
    const loaded = loadRows(sheet, column, rect.row + done, Math.min(size, rect.rowCount - done), 0);
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk keeps each response under Excel's 5 MB limit
    await context.sync();
    for (const row of shownRows(loaded, 0)) fingerprint.add(row[0]);
  }
  return fingerprint.value() === expected.hash;
}
