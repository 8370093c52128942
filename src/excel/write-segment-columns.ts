/**
 * Segment and tier beside each source row, so users can filter and pivot their own data.
 *
 * Two steps. `planSegmentColumns` only reads: it checks that the source rows are still the ones analysed (the
 * customer column's fingerprint, see read-source.ts), then picks the block. An earlier run's block is reused only
 * when it provably holds exactly what the add-in wrote there: its header cells are the add-in's labels (in any of
 * the three languages) and its rows, read as formulas so a formula showing "" is not taken for empty, hash as the
 * run record says they were written (`SegmentColumnsRecord.content`). Holding only segment names is no proof: the
 * user may have typed "Champions" over "Lost". Otherwise the block goes right of the source (past an earlier block
 * of ours the user has edited, which is left alone, and the outcome says so) and must be empty, else the plan is
 * "blocked". `applySegmentColumns` then
 * writes, recording the undo step before the first change: it puts back exactly what the block held (the earlier
 * labels, or nothing) and the table's border.
 *
 * The two columns are always written with plain range writes. For an Excel table they then join the table with
 * `table.resize` (ExcelApi 1.13), so they filter with it; `table.columns.add` is not used because Excel inserts
 * cells for a new table column, shifting whatever the user has right of the table in the table's rows out of line
 * with the rows below. Without 1.13 the columns stay plain cells beside the table and the outcome names the fallback.
 */
import type { RfmResult } from "../engine/types";
import type { WorkbookLabels } from "../i18n/workbook-labels";
import { cellRowsHasher, type SegmentColumnsRecord } from "./add-in-ownership";
import { bytesPerRow, chunkRanges, rowsPerChunk } from "./chunking";
import { ExcelWriteError } from "./errors";
import type { SourceRange } from "./gateway";
import { displayName, segmentKeyOf, tierKeyOf } from "./labels";
import { sourceRowsUnchanged } from "./read-source";
import type { ExcelCapabilities } from "./requirements";
import { suspendUntilNextSync } from "./requirements";
import { rangeAddress } from "./sheet-names";
import { writeTextCells } from "./text-cells";

/** Queues (and may sync) the reversal of one change; run by write-results.ts when a run fails. */
export type UndoStep = (context: Excel.RequestContext) => void | Promise<void>;

/** Entry for `WriteReport.fallbacks` when the columns could not join the source table. */
export const TABLE_RESIZE_FALLBACK = "ExcelApi 1.13: segment columns in the table (plain cells beside it instead)";

export interface SegmentColumnsOutcome {
  written?: SegmentColumnsRecord;
  blocked?: { address: string };
  /** An earlier block of ours (`earlier`) was changed since it was written: kept as it is, the new one at `address`. */
  besideEarlier?: { earlier: string; address: string };
  /** The source rows changed after they were read: nothing written (`address` is the source's). */
  sourceChanged?: { address: string };
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

/** What `planSegmentColumns` decided; nothing in the workbook has changed yet. */
type SegmentColumnsPlan =
  | { action: "blocked"; address: string }
  | { action: "sourceChanged"; address: string }
  | {
      action: "write";
      sheetName: string;
      sheetId: string;
      headerRow: number;
      column: number;
      /** Rows written (the source's, header included). */
      rowCount: number;
      /**
       * What the block held before, header row first, when it is an earlier block of ours (its rows may outnumber
       * `rowCount`: the surplus rows are emptied). Undefined when the block was empty.
       */
      before?: string[][];
      /** Number formats of the block's cells before (`before`'s rows, or the new block's), restored on undo. */
      beforeFormats: string[][];
      tableName?: string;
      tableRect?: TableRect;
      /** The block is inside the table already (an earlier run joined it): no resize. */
      alreadyInTable: boolean;
      /** The block sits right of the table on its header row: it can join with `table.resize`. */
      canJoinTable: boolean;
      /** Data rows (0 = under the header) left out as hidden: their cells keep what they held. */
      keepRows?: number[];
      /** Address of an earlier block under our header that the user changed since: left alone, written beside. */
      besideEarlier?: string;
    };

/** Rows per read while checking a block: 2 columns × 25,000 rows of names stay well under 1 MB. */
const CHECK_ROWS_PER_READ = 25_000;

/** The header labels an add-in block may carry, in every language (see WorkbookLabels.sourceColumnsAnyLanguage). */
function ownHeaders(labels: WorkbookLabels): { segment: string; tier: string }[] {
  return labels.sourceColumnsAnyLanguage?.headers ?? [labels.sourceColumns];
}

/** Reads a block's formulas (so a formula is never mistaken for its value) and number formats, in chunks. */
async function readFormulas(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  row: number,
  column: number,
  rowCount: number,
): Promise<{ grid: unknown[][]; formats: string[][] }> {
  const grid: unknown[][] = [];
  const formats: string[][] = [];
  for (let start = 0; start < rowCount; start += CHECK_ROWS_PER_READ) {
    const part = sheet.getRangeByIndexes(row + start, column, Math.min(CHECK_ROWS_PER_READ, rowCount - start), 2);
    part.load("formulas,numberFormat");
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk keeps each response under Excel's 5 MB limit
    await context.sync();
    for (const cells of part.formulas) grid.push(cells);
    for (const cells of part.numberFormat) formats.push(cells as string[]);
  }
  return { grid, formats };
}

/** The earlier run's block, as the record proves it: rows to check, rows it wrote and the hash of those. */
interface RecordedBlock {
  rows: number;
  ownRows: number;
  content: string | undefined;
}

/**
 * For a block under our header labels: "ours" when the add-in provably wrote it, its first `ownRows` rows hashing as
 * the run record says they were written and only empty cells after them (rows the source has gained since);
 * "occupied" when it is ours but a gained row holds something; else "theirs".
 */
function blockOwner(grid: unknown[][], recorded: RecordedBlock): "ours" | "occupied" | "theirs" {
  if (recorded.content === undefined) return "theirs";
  const hasher = cellRowsHasher();
  hasher.add(grid.slice(1, recorded.ownRows));
  if (hasher.digest() !== recorded.content) return "theirs";
  const gained = grid.slice(recorded.ownRows);
  return gained.some((cells) => cells.some((cell) => cell !== "" && cell !== null)) ? "occupied" : "ours";
}

/** Reads only: decides the block (or "blocked" / "sourceChanged"). */
async function planSegmentColumns(
  context: Excel.RequestContext,
  result: RfmResult,
  source: SourceRange,
  labels: WorkbookLabels,
  previous: SegmentColumnsRecord | undefined,
): Promise<SegmentColumnsPlan> {
  const headerRow = source.firstRow - 1;
  const dataRows = source.rowCount - 1;
  if (result.rowCustomer.length !== dataRows) {
    throw new ExcelWriteError(
      "bad_shape",
      `The result has ${result.rowCustomer.length} rows but the source has ${dataRows}; read the data again.`,
    );
  }
  if (!(await sourceRowsUnchanged(context, source))) return { action: "sourceChanged", address: source.address };
  const sheet = context.workbook.worksheets.getItem(source.sheetName);
  sheet.load("id");
  const table =
    source.tableName !== undefined ? context.workbook.tables.getItemOrNullObject(source.tableName) : undefined;
  table?.load("name");
  await context.sync();
  const tableRange = table && !table.isNullObject ? table.getRange() : undefined;
  tableRange?.load("rowIndex,columnIndex,rowCount,columnCount");

  const chosen = await chooseBlock(context, sheet, source, previous, ownHeaders(labels));
  if ("action" in chosen) return chosen;
  const { column, before, besideEarlier } = chosen;
  let beforeFormats = chosen.beforeFormats;
  const address = rangeAddress(source.sheetName, headerRow, column, source.rowCount, 2);
  if (!before) {
    const formats = await newBlockFormats(context, sheet, headerRow, column, source.rowCount);
    if (!formats) return { action: "blocked", address };
    beforeFormats = formats;
  } else {
    await context.sync();
  }
  const tableRect: TableRect | undefined = tableRange && {
    row: tableRange.rowIndex,
    column: tableRange.columnIndex,
    rowCount: tableRange.rowCount,
    columnCount: tableRange.columnCount,
  };
  const tableEnd = tableRect ? tableRect.column + tableRect.columnCount : -1;
  const alreadyInTable = tableRect !== undefined && tableRect.column <= column && column + 2 <= tableEnd;
  return {
    action: "write",
    sheetName: source.sheetName,
    sheetId: sheet.id,
    headerRow,
    column,
    rowCount: source.rowCount,
    before,
    beforeFormats,
    ...(source.hiddenRows && !source.hiddenRows.included ? { keepRows: source.hiddenRows.offsets } : {}),
    tableName: tableRect ? source.tableName : undefined,
    tableRect,
    alreadyInTable,
    canJoinTable:
      tableRect !== undefined &&
      !alreadyInTable &&
      tableRect.row === headerRow &&
      column >= tableRect.column &&
      column <= tableEnd,
    besideEarlier,
  };
}

/** Earlier blocks of ours the user changed that a run steps past, at most (each costs a sync). */
const MAX_EARLIER_BLOCKS = 20;

/**
 * The block to write. The recorded block is reused where it still proves ours (with what it holds, to restore on
 * undo): inside the source (a table that took it in), or right of the source, or further right past blocks under
 * our header that the user has changed (theirs now, named in `besideEarlier`). Else the first column right of
 * those. "blocked" when our block's gained rows are not free.
 */
async function chooseBlock(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  source: SourceRange,
  previous: SegmentColumnsRecord | undefined,
  headers: ReturnType<typeof ownHeaders>,
): Promise<
  | { column: number; before?: string[][]; beforeFormats: string[][]; besideEarlier?: string }
  | { action: "blocked"; address: string }
> {
  const headerRow = source.firstRow - 1;
  const sourceEnd = source.firstColumn + source.columnCount;
  // Not matched by sheet id: ids change when the file is reopened (see add-in-ownership.ts). The hash is the proof.
  const own = previous?.row === headerRow ? previous : undefined;
  const recorded: RecordedBlock = {
    rows: Math.max(own?.rowCount ?? 0, source.rowCount),
    ownRows: own?.rowCount ?? source.rowCount,
    content: own?.content,
  };
  let besideEarlier: string | undefined;
  /** What the block at `column` is: undefined when it is not under our header (a new block may go there). */
  const inspect = async (column: number) => {
    const header = sheet.getRangeByIndexes(headerRow, column, 1, 2);
    header.load("formulas");
    await context.sync();
    const [segment, tier] = (header.formulas[0] ?? []) as unknown[];
    if (!headers.some((h) => h.segment === segment && h.tier === tier)) return undefined;
    const { grid, formats } = await readFormulas(context, sheet, headerRow, column, recorded.rows);
    const owner = blockOwner(grid, recorded);
    if (owner === "ours") return { column, before: grid as string[][], beforeFormats: formats };
    if (owner === "occupied") {
      // Ours, but the rows the source gained are not free: nothing is changed, the old columns stay as they are.
      return {
        action: "blocked" as const,
        address: rangeAddress(source.sheetName, headerRow, column, source.rowCount, 2),
      };
    }
    // Our header over cells the user has changed: theirs now, left as they are.
    besideEarlier ??= rangeAddress(source.sheetName, headerRow, column, recorded.ownRows, 2);
    return "theirs" as const;
  };
  if (own && own.column >= source.firstColumn && own.column < sourceEnd) {
    const inside = await inspect(own.column);
    if (inside !== undefined && inside !== "theirs") return inside;
  }
  let column = sourceEnd;
  for (let step = 0; step < MAX_EARLIER_BLOCKS; step++, column += 2) {
    const found = await inspect(column);
    if (found === undefined) break;
    if (found !== "theirs") return "action" in found ? found : { ...found, besideEarlier };
  }
  return { column, beforeFormats: [], besideEarlier };
}

/**
 * The number formats of a new block's cells, to restore on undo; undefined when any of its cells holds something
 * (then it is not free). Not valuesOnly: a formula showing "" may not count as a value there; formatted cells are
 * read and pass.
 */
async function newBlockFormats(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  headerRow: number,
  column: number,
  rowCount: number,
): Promise<string[][] | undefined> {
  const occupied = sheet.getRangeByIndexes(headerRow, column, rowCount, 2).getUsedRangeOrNullObject();
  occupied.load("rowIndex,columnIndex,rowCount,columnCount");
  await context.sync();
  // Cells outside the used range have no format (General); those inside keep theirs on undo.
  const beforeFormats = Array.from({ length: rowCount }, () => ["General", "General"]);
  if (!occupied.isNullObject) {
    const { grid, formats } = await readFormulas(
      context,
      sheet,
      occupied.rowIndex,
      occupied.columnIndex,
      occupied.rowCount,
    );
    if (grid.some((cells) => cells.some((cell) => cell !== "" && cell !== null))) return undefined;
    formats.forEach((cells, r) => {
      const target = beforeFormats[occupied.rowIndex - headerRow + r];
      cells.forEach((format, c) => {
        if (target && c < occupied.columnCount) target[occupied.columnIndex - column + c] = format;
      });
    });
  }
  return beforeFormats;
}

/** The sheet with this id, or undefined if it has been deleted. */
async function existingSheet(context: Excel.RequestContext, id: string): Promise<Excel.Worksheet | undefined> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(id);
  sheet.load("id");
  await context.sync();
  return sheet.isNullObject ? undefined : context.workbook.worksheets.getItem(id);
}

type WritePlan = Extract<SegmentColumnsPlan, { action: "write" }>;

/** How far a write got, for its undo: rows whose sync succeeded, and whether the table took the columns in. */
interface WriteProgress {
  /**
   * Block rows (header first) whose sync succeeded: undo finds exactly what was written there. Rows past it may
   * hold what was there before (a failed sync may have applied part of its batch, or nothing).
   */
  syncedRows: number;
  resized: boolean;
  /** The two columns' widths (points) before the write, read before any change. */
  widthsBefore: (number | null)[];
  /** Their widths after the write's autofit, once its sync succeeded (undefined before that). */
  widthsAfter?: (number | null)[];
}

/** Writes a "write" plan; the undo step is pushed before the first change. */
async function applySegmentColumns(
  context: Excel.RequestContext,
  plan: WritePlan,
  result: RfmResult,
  labels: WorkbookLabels,
  capabilities: ExcelCapabilities,
  undo: UndoStep[],
  onProgress: (fraction: number) => void,
): Promise<SegmentColumnsOutcome> {
  const { headerRow, column, rowCount, before, tableRect, tableName } = plan;
  const sheet = context.workbook.worksheets.getItem(plan.sheetName);
  const joinTable = plan.canJoinTable && capabilities.tableResize;
  // The autofit below widens the user's two columns; undo puts their widths back, so they are read first.
  const widthsBefore = await columnWidths(context, sheet, column);
  const progress: WriteProgress = { syncedRows: 0, resized: false, widthsBefore };
  const header = [labels.sourceColumns.segment, labels.sourceColumns.tier];
  const rowValues = segmentRowValues(plan, result, labels);
  undo.push((ctx) => undoSegmentColumns(ctx, plan, header, rowValues, progress));

  // Text stays text: writeTextCells sets Excel's Text format "@" before the values (commands run in order), so no
  // name could ever be read as a number, date or formula.
  writeTextCells(sheet.getRangeByIndexes(headerRow, column, 1, 2), [header]);
  // Hashed as written, chunk by chunk: the next run reuses the block only while it still holds exactly this.
  const content = cellRowsHasher();
  const chunkCount = await writeSegmentRows(context, sheet, plan, rowValues, capabilities, progress, {
    content,
    onProgress,
  });
  if (joinTable && tableRect && tableName !== undefined) {
    // Resizing only moves the table's border: no cell shifts, and the written headers become the column names.
    progress.resized = true;
    context.workbook.tables
      .getItem(tableName)
      .resize(
        sheet.getRangeByIndexes(tableRect.row, tableRect.column, tableRect.rowCount, column + 2 - tableRect.column),
      );
    await context.sync();
  } else if (chunkCount === 0) {
    await context.sync();
  }
  progress.syncedRows = Math.max(rowCount, before?.length ?? 0);
  const written: SegmentColumnsRecord = {
    sheetId: plan.sheetId,
    row: headerRow,
    column,
    rowCount,
    content: content.digest(),
  };
  if ((plan.alreadyInTable || joinTable) && tableName !== undefined) written.tableName = tableName;
  return {
    written,
    ...(plan.canJoinTable && !joinTable ? { fallback: TABLE_RESIZE_FALLBACK } : {}),
    ...(plan.besideEarlier !== undefined
      ? {
          besideEarlier: {
            earlier: plan.besideEarlier,
            address: rangeAddress(plan.sheetName, headerRow, column, rowCount, 2),
          },
        }
      : {}),
  };
}

/** The [segment, tier] names of each data row (0 = under the header), as the block shows them. */
function segmentRowValues(plan: WritePlan, result: RfmResult, labels: WorkbookLabels): (i: number) => string[] {
  const keep = new Set(plan.keepRows);
  const before = plan.before;
  return (i) => {
    // A hidden row left out of the analysis keeps what it held (empty in a new block).
    if (keep.has(i)) return before?.[i + 1]?.slice(0, 2) ?? ["", ""];
    const customer = result.rowCustomer[i] ?? -1;
    return customer < 0
      ? ["", ""]
      : [displayName(labels, segmentKeyOf(result, customer)), displayName(labels, tierKeyOf(result, customer))];
  };
}

/**
 * Writes the data rows in chunks under Excel's 5 MB request limit, one sync each, and empties the rows of an
 * earlier, longer block of ours below the new one. Returns the number of chunks.
 */
async function writeSegmentRows(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  plan: WritePlan,
  rowValues: (i: number) => string[],
  capabilities: ExcelCapabilities,
  progress: WriteProgress,
  { content, onProgress }: { content: ReturnType<typeof cellRowsHasher>; onProgress: (fraction: number) => void },
): Promise<number> {
  const { headerRow, column, rowCount, before } = plan;
  const dataRows = rowCount - 1;
  const sample = Array.from({ length: Math.min(200, dataRows) }, (_v, i) => rowValues(i));
  const chunks = chunkRanges(dataRows, rowsPerChunk(bytesPerRow(sample, 2), 2));
  // Rows of an earlier, longer block of ours below the new one are emptied (they are ours: checked by the plan).
  if (before && before.length > rowCount) {
    sheet.getRangeByIndexes(headerRow + rowCount, column, before.length - rowCount, 2).clear("Contents");
  }
  for (let c = 0; c < chunks.length; c++) {
    const [start, count] = chunks[c] ?? [0, 0];
    const values: string[][] = new Array<string[]>(count);
    for (let i = 0; i < count; i++) values[i] = rowValues(start + i);
    writeTextCells(sheet.getRangeByIndexes(headerRow + 1 + start, column, count, 2), values);
    content.add(values);
    // Wide enough for the names. Excel's autofitColumns sizes a column from all its cells, not only the range's
    // (office-js#5999); that is fine here only because both columns are the add-in's own (empty or ours before).
    if (c === 0) sheet.getRangeByIndexes(headerRow, column, 1 + Math.min(count, 500), 2).format.autofitColumns();
    // Queued after the autofit, so read as it left them.
    const fitted = c === 0 ? columnFormats(sheet, column).map((format) => format.load("columnWidth")) : undefined;
    suspendUntilNextSync(context, capabilities);
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk keeps each request under Excel's 5 MB limit
    await context.sync();
    if (fitted) progress.widthsAfter = fitted.map((format) => format.columnWidth);
    // The header, these rows and (first sync) the emptied rows of a longer earlier block are now as written.
    progress.syncedRows = c === 0 && before && before.length > rowCount ? before.length : 1 + start + count;
    onProgress((c + 1) / chunks.length);
  }
  return chunks.length;
}

/**
 * The undo of a write: puts back only a block that still holds, cell by cell, what this run wrote there (or, where
 * it had not got to yet, what was there before). After the user inserted or deleted rows or columns, or typed into
 * it, the cells at this address are not provably the add-in's: they are left as they are.
 */
async function undoSegmentColumns(
  ctx: Excel.RequestContext,
  plan: WritePlan,
  header: string[],
  rowValues: (i: number) => string[],
  progress: WriteProgress,
): Promise<void> {
  const { headerRow, column, rowCount, before, beforeFormats, tableRect, tableName } = plan;
  const { resized, syncedRows } = progress;
  // By id: the user may have renamed the sheet since (ids are stable within the session the undo belongs to).
  const undoSheet = await existingSheet(ctx, plan.sheetId);
  if (!undoSheet) return;
  const span = Math.max(rowCount, before?.length ?? 0);
  const { grid } = await readFormulas(ctx, undoSheet, headerRow, column, span);
  // Once the table took the columns in, it numbers header names that duplicate its own ("RFM segment2"): a
  // header cell is ours if it is the label, or (resized) the label followed by the table's number.
  for (let i = 0; i < span; i++) {
    const wrote = i === 0 ? header : i < rowCount ? rowValues(i - 1) : ["", ""];
    for (let c = 0; c < 2; c++) {
      const now = String(grid[i]?.[c] ?? "");
      const label = wrote[c] ?? "";
      const numbered = i === 0 && resized && now.startsWith(label) && /^\d+$/.test(now.slice(label.length));
      if (now !== label && !numbered && (i < syncedRows || now !== (before?.[i]?.[c] ?? ""))) return;
    }
  }
  if (resized && tableRect && tableName !== undefined) {
    // Only a table whose border is still where this run left it (or where it was): after the user inserted or
    // deleted rows in it, resizing back would cut their rows out of the table.
    const border = await tableBorder(ctx, tableName);
    const widened = column + 2 - tableRect.column;
    const sameRows = border.row === tableRect.row && border.rowCount === tableRect.rowCount;
    const sameColumns =
      border.column === tableRect.column &&
      (border.columnCount === widened || border.columnCount === tableRect.columnCount);
    if (!sameRows || !sameColumns) return;
    // Back to the original border first, so the header cells are plain cells again.
    ctx.workbook.tables
      .getItem(tableName)
      .resize(undoSheet.getRangeByIndexes(tableRect.row, tableRect.column, tableRect.rowCount, tableRect.columnCount));
  }
  // The widths the autofit changed, where they are still as it left them (a width the user set since is theirs).
  // widthsAfter is unknown only when the first sync failed: then this is the same run's rollback, with no user
  // action in between, and the widths go back too.
  const widthsNow = await columnWidths(ctx, undoSheet, column);
  columnFormats(undoSheet, column).forEach((format, c) => {
    const was = progress.widthsBefore[c];
    const after = progress.widthsAfter?.[c];
    if (was !== null && was !== undefined && widthsNow[c] !== was && (after === undefined || widthsNow[c] === after))
      format.columnWidth = was;
  });
  if (!before) undoSheet.getRangeByIndexes(headerRow, column, rowCount, 2).clear("Contents");
  // Exactly what was there: the number formats, then the earlier run's labels (all text, see blockOwner), in
  // chunks under the 5 MB limit.
  for (const [start, count] of chunkRanges(beforeFormats.length, CHECK_ROWS_PER_READ)) {
    const part = undoSheet.getRangeByIndexes(headerRow + start, column, count, 2);
    part.numberFormat = beforeFormats.slice(start, start + count);
    if (before) part.values = before.slice(start, start + count);
    await ctx.sync();
  }
}

/** The formats of the two segment columns (whole columns: a width belongs to the column). */
function columnFormats(sheet: Excel.Worksheet, column: number): Excel.RangeFormat[] {
  return [0, 1].map((c) => sheet.getRangeByIndexes(0, column + c, 1, 1).format);
}

/** The two segment columns' widths in points (RangeFormat.columnWidth, ExcelApi 1.2). */
async function columnWidths(context: Excel.RequestContext, sheet: Excel.Worksheet, column: number) {
  const formats = columnFormats(sheet, column).map((format) => format.load("columnWidth"));
  await context.sync();
  return formats.map((format): number | null => format.columnWidth);
}

/** Plan, then apply when the plan says "write" (write-results.ts calls this). */
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
  const plan = await planSegmentColumns(context, result, source, labels, previous);
  if (plan.action === "blocked") return { blocked: { address: plan.address } };
  if (plan.action === "sourceChanged") return { sourceChanged: { address: plan.address } };
  return applySegmentColumns(context, plan, result, labels, capabilities, undo, onProgress);
}

/** Where a table sits now (its whole range), in 0-based sheet indexes. */
async function tableBorder(context: Excel.RequestContext, tableName: string): Promise<TableRect> {
  const range = context.workbook.tables.getItem(tableName).getRange();
  range.load("rowIndex,columnIndex,rowCount,columnCount");
  await context.sync();
  return { row: range.rowIndex, column: range.columnIndex, rowCount: range.rowCount, columnCount: range.columnCount };
}
