/**
 * Segment and tier beside each source row, so users can filter and pivot their own data.
 * Rules: only into cells that are empty (else nothing is written and the block is reported); a skipped row gets
 * blanks; no cell of the user's is overwritten or moved. The two columns are always written with plain range
 * writes right of the source. For an Excel table they then join the table with `table.resize` (ExcelApi 1.13), so
 * they filter with it; `table.columns.add` is not used because Excel inserts cells for a new table column, shifting
 * whatever the user has right of the table in the table's rows out of line with the rows below. Without 1.13 the
 * columns stay plain cells beside the table and the outcome names the fallback. On a second run the add-in's own
 * earlier columns (recorded by position) are overwritten in place rather than piled up.
 */
import type { RfmResult } from "../engine/types";
import type { WorkbookLabels } from "../i18n/workbook-labels";
import type { SegmentColumnsRecord } from "./add-in-ownership";
import { bytesPerRow, chunkRanges, rowsPerChunk } from "./chunking";
import { ExcelWriteError } from "./errors";
import type { SourceRange } from "./gateway";
import { displayName, segmentKeyOf, tierKeyOf } from "./labels";
import type { ExcelCapabilities } from "./requirements";
import { suspendUntilNextSync } from "./requirements";
import { rangeAddress } from "./sheet-names";

export type UndoStep = (context: Excel.RequestContext) => void;

/** Entry for `WriteReport.fallbacks` when the columns could not join the source table. */
export const TABLE_RESIZE_FALLBACK = "ExcelApi 1.13: segment columns in the table (plain cells beside it instead)";

export interface SegmentColumnsOutcome {
  written?: SegmentColumnsRecord;
  blocked?: { address: string };
  /** A host feature that was missing (for `WriteReport.fallbacks`). */
  fallback?: string;
}

/** Where a table sits, in 0-based sheet indexes. */
interface TableRect {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

export async function writeSegmentColumns(
  context: Excel.RequestContext,
  result: RfmResult,
  source: SourceRange,
  labels: WorkbookLabels,
  capabilities: ExcelCapabilities,
  previous: SegmentColumnsRecord | undefined,
  undo: UndoStep[],
  onProgress: (fraction: number) => void,
): Promise<SegmentColumnsOutcome> {
  const headerRow = source.firstRow - 1;
  const dataRows = source.rowCount - 1;
  if (result.rowCustomer.length !== dataRows) {
    throw new ExcelWriteError(
      "bad_shape",
      `The result has ${result.rowCustomer.length} rows but the source has ${dataRows}; read the data again.`,
    );
  }
  const sheet = context.workbook.worksheets.getItem(source.sheetName);
  sheet.load("id");
  const table =
    source.tableName !== undefined ? context.workbook.tables.getItemOrNullObject(source.tableName) : undefined;
  table?.load("name");
  await context.sync();
  const sourceEnd = source.firstColumn + source.columnCount;
  const reuse =
    previous !== undefined &&
    previous.sheetId === sheet.id &&
    previous.row === headerRow &&
    previous.column >= source.firstColumn &&
    previous.column <= sourceEnd;
  const column = reuse && previous ? previous.column : sourceEnd;
  const address = rangeAddress(source.sheetName, headerRow, column, source.rowCount, 2);

  // Cells that must be empty: the whole block, minus the rows our earlier run filled.
  const ownRows = reuse && previous ? Math.min(previous.rowCount, source.rowCount) : 0;
  if (reuse && previous) sheet.getRangeByIndexes(previous.row, previous.column, previous.rowCount, 2).clear("Contents");
  let occupied: Excel.Range | undefined;
  if (source.rowCount > ownRows) {
    occupied = sheet
      .getRangeByIndexes(headerRow + ownRows, column, source.rowCount - ownRows, 2)
      .getUsedRangeOrNullObject(true);
    occupied.load("rowIndex,columnIndex,rowCount,columnCount");
  }
  const tableRange = table && !table.isNullObject ? table.getRange() : undefined;
  tableRange?.load("rowIndex,columnIndex,rowCount,columnCount");
  await context.sync();
  if (occupied !== undefined && !occupied.isNullObject && (await hasAnyValue(context, sheet, occupied))) {
    return { blocked: { address } };
  }

  const tableRect: TableRect | undefined = tableRange && {
    row: tableRange.rowIndex,
    column: tableRange.columnIndex,
    rowCount: tableRange.rowCount,
    columnCount: tableRange.columnCount,
  };
  const tableEnd = tableRect ? tableRect.column + tableRect.columnCount : -1;
  // Table columns already (an earlier run joined them): nothing to resize, and their header cells stay on undo.
  const alreadyInTable = tableRect !== undefined && tableRect.column <= column && column + 2 <= tableEnd;
  const canJoinTable =
    tableRect !== undefined &&
    !alreadyInTable &&
    tableRect.row === headerRow &&
    column >= tableRect.column &&
    column <= tableEnd;
  const joinTable = canJoinTable && capabilities.tableResize;
  let resized = false;
  undo.push((ctx) => {
    const undoSheet = ctx.workbook.worksheets.getItem(source.sheetName);
    if (resized && tableRect && source.tableName !== undefined) {
      // Back to the original border first, so the cleared header cells are plain cells again.
      ctx.workbook.tables
        .getItem(source.tableName)
        .resize(
          undoSheet.getRangeByIndexes(tableRect.row, tableRect.column, tableRect.rowCount, tableRect.columnCount),
        );
    }
    const firstRow = alreadyInTable ? headerRow + 1 : headerRow;
    undoSheet.getRangeByIndexes(firstRow, column, headerRow + source.rowCount - firstRow, 2).clear("Contents");
  });

  const header = [labels.sourceColumns.segment, labels.sourceColumns.tier];
  sheet.getRangeByIndexes(headerRow, column, 1, 2).values = [header];
  const rowValues = (i: number): string[] => {
    const customer = result.rowCustomer[i] ?? -1;
    return customer < 0
      ? ["", ""]
      : [displayName(labels, segmentKeyOf(result, customer)), displayName(labels, tierKeyOf(result, customer))];
  };
  const sample = Array.from({ length: Math.min(200, dataRows) }, (_v, i) => rowValues(i));
  const chunks = chunkRanges(dataRows, rowsPerChunk(bytesPerRow(sample, 2), 2));
  for (let c = 0; c < chunks.length; c++) {
    const [start, count] = chunks[c] ?? [0, 0];
    const values: string[][] = new Array<string[]>(count);
    for (let i = 0; i < count; i++) values[i] = rowValues(start + i);
    sheet.getRangeByIndexes(headerRow + 1 + start, column, count, 2).values = values;
    // Wide enough for the names, judged from the header and the first rows (the columns were empty before).
    if (c === 0) sheet.getRangeByIndexes(headerRow, column, 1 + Math.min(count, 500), 2).format.autofitColumns();
    suspendUntilNextSync(context, capabilities);
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk keeps each request under Excel's 5 MB limit
    await context.sync();
    onProgress((c + 1) / chunks.length);
  }
  if (joinTable && table && tableRect) {
    // Resizing only moves the table's border: no cell shifts, and the written headers become the column names.
    resized = true;
    table.resize(
      sheet.getRangeByIndexes(tableRect.row, tableRect.column, tableRect.rowCount, column + 2 - tableRect.column),
    );
    await context.sync();
  } else if (chunks.length === 0) {
    await context.sync();
  }
  const written: SegmentColumnsRecord = { sheetId: sheet.id, row: headerRow, column, rowCount: source.rowCount };
  if ((alreadyInTable || joinTable) && source.tableName !== undefined) written.tableName = source.tableName;
  return canJoinTable && !joinTable ? { written, fallback: TABLE_RESIZE_FALLBACK } : { written };
}

/** Rows per read when confirming that a block has values: 2 columns × 100,000 rows of blanks is well under 1 MB. */
const CHECK_ROWS_PER_READ = 100_000;

/**
 * True when a cell of `used` holds a value. The used range of a sub-range may be the block clipped out of the
 * sheet's used range (data further right or below makes the whole block "used"), so a hit is confirmed by reading
 * the values, in chunks to stay under Excel's 5 MB response limit.
 */
async function hasAnyValue(context: Excel.RequestContext, sheet: Excel.Worksheet, used: Excel.Range): Promise<boolean> {
  for (let start = 0; start < used.rowCount; start += CHECK_ROWS_PER_READ) {
    const part = sheet.getRangeByIndexes(
      used.rowIndex + start,
      used.columnIndex,
      Math.min(CHECK_ROWS_PER_READ, used.rowCount - start),
      used.columnCount,
    );
    part.load("values");
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk keeps each response under Excel's 5 MB limit
    await context.sync();
    if (part.values.some((row) => row.some((value) => value !== "" && value !== null))) return true;
  }
  return false;
}
