/**
 * Reads the source data: the table the selection sits in (header included), else the selection intersected with
 * the used range (so whole-column selections cost nothing), else the used range when the selection is a single
 * cell or outside the data. Values come in row chunks sized from a sample so no sync nears the 5 MB limit.
 */
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

export async function readSource(onProgress?: ProgressFn): Promise<SourceRange> {
  return Excel.run(async (context) => {
    const { sheetName, rect, tableName } = await locateSource(context);
    const sheet = context.workbook.worksheets.getItem(sheetName);
    const values: CellValue[][] = new Array<CellValue[]>(rect.rowCount);
    const sampleCount = Math.min(SAMPLE_ROWS, rect.rowCount);
    const sample = sheet.getRangeByIndexes(rect.row, rect.column, sampleCount, rect.columnCount);
    sample.load("values");
    // Number formats of the first data row let the pane tell a date column holding serial numbers from amounts.
    const formatRow =
      rect.rowCount > 1 ? sheet.getRangeByIndexes(rect.row + 1, rect.column, 1, rect.columnCount) : undefined;
    formatRow?.load("numberFormat");
    await context.sync();
    sample.values.forEach((row, i) => {
      values[i] = row as CellValue[];
    });
    // Chunk size from the sample, re-estimated from each chunk read, so longer rows further down shrink the chunks.
    let perRow = bytesPerRow(sample.values, rect.columnCount);
    const total = rect.rowCount;
    let done = sampleCount;
    onProgress?.(done / total);
    while (done < total) {
      const count = Math.min(rowsPerChunk(perRow, rect.columnCount, SYNC_BUDGET_BYTES), total - done);
      const chunk = sheet.getRangeByIndexes(rect.row + done, rect.column, count, rect.columnCount);
      chunk.load("values");
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk is the point: each stays under Excel's 5 MB limit
      await context.sync();
      const rows = chunk.values;
      for (let r = 0; r < rows.length; r++) values[done + r] = rows[r] as CellValue[];
      perRow = Math.max(perRow, bytesPerRow(rows.length > 2000 ? rows.slice(0, 2000) : rows, rect.columnCount));
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
    };
  });
}
