/**
 * Reads the source data: the table the selection sits in (header included), else the selection intersected with
 * the used range (so whole-column selections cost nothing), else the used range when the selection is a single
 * cell or outside the data. Values come in row chunks sized from a sample so no sync nears the 5 MB limit.
 */
import { guessMapping, startRowEncoder, type EncodedRows } from "../engine";
import { CancelledError, type CellValue } from "../engine/types";
import type { EncodeRequest, ProgressFn, ReadOptions, SourceRange } from "./gateway";
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
async function locateSource(
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

/** A date (2024-01-05, 5/1/2024, 2024年1月5日) or an amount (12.50, ¥1,200, -3) written as text. */
const DATA_TEXT = /^(\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}日?|[-+]?[¥$€£]?\s?-?\d[\d,]*(\.\d+)?)$/;

/**
 * True when a would-be header row looks like a data row: at least a third of its filled cells (and at least one)
 * are numbers, booleans, or dates and amounts written as text. Column names are words; a year among them is fine.
 */
function firstRowLooksLikeData(row: readonly CellValue[]): boolean {
  const filled = row.filter((cell) => !isEmptyCell(cell));
  const data = filled.filter(
    (cell) => typeof cell === "number" || typeof cell === "boolean" || DATA_TEXT.test(String(cell).trim()),
  ).length;
  return data >= 1 && data * 3 >= filled.length && filled.length > 1;
}

const isEmptyCell = (value: unknown): boolean => value === "" || value === null || value === undefined;

/**
 * Offset (within rect, 0 = header) of the last row whose customer cell holds something: the customer column is read
 * bottom-up in ~1 MB chunks (values only) below the sample, so a stray cell in row 1,048,576 costs one column's
 * scan, not a million full rows. -1 when no row has a customer.
 */
async function lastCustomerOffset(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  rect: Rect,
  customerColumn: number,
  sample: readonly (readonly unknown[])[],
): Promise<number> {
  const size = rowsPerChunk(bytesPerRow([], 1), 1, SYNC_BUDGET_BYTES);
  let end = rect.rowCount;
  while (end > sample.length) {
    const start = Math.max(sample.length, end - size);
    const column = sheet.getRangeByIndexes(rect.row + start, rect.column + customerColumn, end - start, 1);
    column.load("values");
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk keeps each response small
    await context.sync();
    const cells = column.values;
    for (let i = cells.length - 1; i >= 0; i--) if (!isEmptyCell(cells[i]?.[0])) return start + i;
    end = start;
  }
  for (let i = Math.min(end, sample.length) - 1; i >= 1; i--) if (!isEmptyCell(sample[i]?.[customerColumn])) return i;
  return -1;
}

/**
 * The merged areas over rect (Range.getMergedAreasOrNullObject, ExcelApi 1.13), in row chunks: the call fails
 * when a range holds more than 512 merged areas (@types/office-js), so chunks are sized from the density found
 * (about 256 areas each) and halved after a failure. Undefined when they cannot be read.
 */
async function readMergedAreas(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  rect: Rect,
): Promise<Rect[] | undefined> {
  const found = new Map<string, Rect>();
  let size = Math.min(rect.rowCount, 1024);
  let done = 0;
  while (done < rect.rowCount) {
    const count = Math.min(size, rect.rowCount - done);
    const merged = sheet.getRangeByIndexes(rect.row + done, rect.column, count, rect.columnCount);
    const areas = merged.getMergedAreasOrNullObject();
    areas.load("areaCount");
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk: the API caps areas per call
      await context.sync();
    } catch {
      if (count === 1) return undefined;
      size = Math.max(1, count >> 1);
      continue;
    }
    if (!areas.isNullObject) {
      areas.areas.load("items/rowIndex,columnIndex,rowCount,columnCount");
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- the areas of a non-null result only
      await context.sync();
      for (const item of areas.areas.items) {
        const area = rectOf(item);
        found.set(`${area.row}:${area.column}:${area.rowCount}:${area.columnCount}`, area);
      }
    }
    const areaCount = areas.isNullObject ? 0 : areas.areaCount;
    size = Math.max(1, Math.min(65_536, Math.floor((count * 256) / Math.max(1, areaCount))));
    done += count;
  }
  return [...found.values()].sort((a, b) => a.row - b.row || a.column - b.column);
}

/**
 * Data rows (offsets from the row under the header) hidden by a filter or by hand. Range.rowHidden (ExcelApi 1.2,
 * within the manifest's 1.8) is true when all rows of a range are hidden, false when none is and null when some
 * are; mixed ranges are halved until each is all hidden or all visible, one sync per level.
 */
async function hiddenDataRows(context: Excel.RequestContext, sheet: Excel.Worksheet, rect: Rect): Promise<number[]> {
  const hidden: number[] = [];
  let pending: [number, number][] = rect.rowCount > 1 ? [[rect.row + 1, rect.rowCount - 1]] : [];
  while (pending.length > 0) {
    const probes = pending.map(([row, count]) => {
      const range = sheet.getRangeByIndexes(row, rect.column, count, 1);
      range.load("rowHidden");
      return { row, count, range };
    });
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per halving level
    await context.sync();
    pending = [];
    for (const { row, count, range } of probes) {
      const state = range.rowHidden as boolean | null;
      if (state === false) continue;
      if (state === true || count === 1) {
        if (state === true) for (let r = row; r < row + count; r++) hidden.push(r - rect.row - 1);
        continue;
      }
      const half = count >> 1;
      pending.push([row, half], [row + half, count - half]);
    }
  }
  return hidden.sort((a, b) => a - b);
}

/**
 * Rows of `below` (under the last customer) that hold anything: counted chunk by chunk without keeping them.
 * The block's used range (values only) bounds the scan; none there, nothing to read.
 */
async function strayRowsIn(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  sheetName: string,
  below: Rect,
): Promise<SourceRange["strayRows"]> {
  const used = sheet
    .getRangeByIndexes(below.row, below.column, below.rowCount, below.columnCount)
    .getUsedRangeOrNullObject(true);
  used.load("rowIndex,rowCount");
  await context.sync();
  if (used.isNullObject) return undefined;
  const start = Math.max(below.row, used.rowIndex);
  const end = Math.min(below.row + below.rowCount, used.rowIndex + used.rowCount);
  const size = rowsPerChunk(bytesPerRow([], below.columnCount), below.columnCount, SYNC_BUDGET_BYTES);
  let count = 0;
  let first = -1;
  let last = -1;
  for (let row = start; row < end; row += size) {
    const block = sheet.getRangeByIndexes(row, below.column, Math.min(size, end - row), below.columnCount);
    block.load("values");
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk keeps each response small
    await context.sync();
    block.values.forEach((cells, i) => {
      if (cells.every(isEmptyCell)) return;
      count++;
      if (first < 0) first = row + i;
      last = row + i;
    });
  }
  if (count === 0) return undefined;
  return {
    count,
    firstRow: first + 1,
    lastRow: last + 1,
    address: rangeAddress(sheetName, first, below.column, last - first + 1, below.columnCount),
  };
}

/**
 * Gives merged cells their top-left value chunk by chunk, as fillMergedAreas does on the whole matrix: areas (sorted
 * by row) are taken up when the chunk holding their top row arrives and stay open, with their value, until their
 * last row has passed, so an area spanning chunks is filled from a top-left cell read in an earlier chunk.
 */
class MergedFill {
  private next = 0;
  private open: { top: number; left: number; end: number; right: number; value: CellValue; filled: boolean }[] = [];
  private readonly carry = new Map<string, { end: number; value: CellValue }>();
  areas = 0;
  cells = 0;

  constructor(
    private readonly rect: Rect,
    private readonly list: readonly Rect[],
  ) {}

  /** Rows `first` … of rect (0 = header), in order and without gaps. */
  apply(rows: CellValue[][], first: number): void {
    const { rect, list, carry } = this;
    const to = first + rows.length;
    while (this.next < list.length) {
      const area = list[this.next]!;
      const top = area.row - rect.row;
      if (top >= to) break;
      this.next++;
      const left = area.column - rect.column;
      if (top < 1 || left < 0 || left >= rect.columnCount) continue;
      const key = `${area.column}:${area.columnCount}`;
      let value = rows[top - first]?.[left];
      const above = carry.get(key);
      if (isEmptyCell(value) && above && above.end === area.row - 1) value = above.value;
      if (isEmptyCell(value)) continue;
      carry.set(key, { end: area.row + area.rowCount - 1, value });
      this.open.push({
        top,
        left,
        end: Math.min(top + area.rowCount, rect.rowCount),
        right: Math.min(left + area.columnCount, rect.columnCount),
        value,
        filled: false,
      });
    }
    for (const area of this.open) {
      for (let r = Math.max(area.top, first); r < Math.min(area.end, to); r++) {
        const row = rows[r - first];
        if (!row) continue;
        for (let c = area.left; c < area.right; c++) {
          if ((r === area.top && c === area.left) || !isEmptyCell(row[c])) continue;
          row[c] = area.value;
          this.cells++;
          area.filled = true;
        }
      }
    }
    this.open = this.open.filter((area) => {
      if (area.end > to) return true;
      if (area.filled) this.areas++;
      return false;
    });
  }

  finish(): { areas: number; cells: number } {
    for (const area of this.open) if (area.filled) this.areas++;
    this.open = [];
    return { areas: this.areas, cells: this.cells };
  }
}

/** The first rows of rect (values with the customer column's formats and text) and the first data row's formats. */
function loadSample(sheet: Excel.Worksheet, rect: Rect, chunkRows: number) {
  const sampleCount = Math.min(SAMPLE_ROWS, chunkRows, rect.rowCount);
  const sample = sheet.getRangeByIndexes(rect.row, rect.column, sampleCount, rect.columnCount);
  sample.load("values,numberFormat,text");
  // Number formats of the first data row let the pane tell a date column holding serial numbers from amounts.
  const formatRow =
    rect.rowCount > 1 ? sheet.getRangeByIndexes(rect.row + 1, rect.column, 1, rect.columnCount) : undefined;
  formatRow?.load("numberFormat");
  return { sample, sampleCount, formatRow };
}

interface StreamedSource {
  fingerprint: string;
  mergedAreas?: SourceRange["mergedAreas"];
  mergedAreasUnread?: true;
  hiddenRows?: SourceRange["hiddenRows"];
}

/**
 * Reads rect's rows in chunks (the sample first) and hands each to `consume` once the customer column shows what
 * the user sees, merged cells have their top-left value and hidden rows are emptied (unless included); a chunk is
 * not looked at again. Merged areas and hidden rows are read before the cells for that. The fingerprint is of the
 * customer cells as stored (before merged cells are filled and hidden rows emptied).
 */
async function streamRows(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  rect: Rect,
  customerColumn: number,
  loaded: ReturnType<typeof loadSample>,
  consume: (rows: CellValue[][], first: number) => void,
  onProgress: ProgressFn | undefined,
  options: ReadOptions,
): Promise<StreamedSource> {
  const checkCancelled = () => {
    if (options.signal?.aborted) throw new CancelledError();
  };
  const capabilities = detectCapabilities();
  let areas: Rect[] | undefined;
  let mergedAreasUnread: true | undefined;
  if (capabilities.mergedAreas && rect.rowCount > 1) {
    areas = await readMergedAreas(context, sheet, rect);
    if (!areas) mergedAreasUnread = true;
  } else if (rect.rowCount > 1) mergedAreasUnread = true;
  checkCancelled();
  const hidden = await hiddenDataRows(context, sheet, rect);
  checkCancelled();
  const included = options.includeHiddenRows === true;
  const emptied = included ? [] : hidden;
  let nextHidden = 0;
  const fill = new MergedFill(rect, areas ?? []);
  const fingerprint = new Fingerprint();
  const deliver = (rows: CellValue[][], first: number) => {
    for (const row of rows) fingerprint.add(row[customerColumn]);
    fill.apply(rows, first);
    const to = first + rows.length;
    while (nextHidden < emptied.length && emptied[nextHidden]! + 1 < to) {
      const offset = emptied[nextHidden++]! + 1;
      if (offset >= first) rows[offset - first] = new Array<CellValue>(rect.columnCount).fill(null);
    }
    consume(rows, first);
  };

  const { sample, sampleCount } = loaded;
  const chunkCap = options.chunkRows ?? Infinity;
  deliver(sampleRows(loaded.sample, Math.min(sampleCount, rect.rowCount), customerColumn), 0);
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
  let done = Math.min(sampleCount, total);
  onProgress?.(done / total);
  while (done < total) {
    checkCancelled();
    const size = Math.min(rowsPerChunk(perRow, rect.columnCount + 2, SYNC_BUDGET_BYTES), chunkCap);
    const count = Math.min(size, total - done);
    const chunk = loadRows(sheet, rect, rect.row + done, count, customerColumn);
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk is the point: each stays under Excel's 5 MB limit
    await context.sync();
    checkCancelled();
    const rows = shownRows(chunk, customerColumn);
    const measured = rows.length > 2000 ? rows.slice(0, 2000) : rows;
    perRow = Math.max(perRow, bytesPerRow(measured, rect.columnCount) + customerBytes(measured));
    deliver(rows, done);
    done += count;
    onProgress?.(done / total);
  }
  const filled = fill.finish();
  return {
    fingerprint: fingerprint.value(),
    ...(filled.cells > 0 ? { mergedAreas: { areas: filled.areas, cellsFilled: filled.cells } } : {}),
    ...(mergedAreasUnread ? { mergedAreasUnread } : {}),
    ...(hidden.length > 0 ? { hiddenRows: { count: hidden.length, included, offsets: hidden } } : {}),
  };
}

/**
 * Reads the rows of `source` (as an earlier read located them) chunk by chunk and encodes each into the engine's
 * row form as it arrives (`RowEncoder`), so no matrix of all cells is ever held: the pane's read for a run. Returns
 * the source as read now (fingerprint, merged cells, hidden rows; `values` the header and first rows only) and the
 * encoded rows for the analysis. Fails with the engine's RfmInputError when the mapping or options cannot be used,
 * before reading any rows, and with CancelledError when `options.signal` aborts between two chunks.
 */
export async function readEncoded(
  source: SourceRange,
  request: EncodeRequest,
  onProgress?: ProgressFn,
  options: ReadOptions = {},
): Promise<{ source: SourceRange; rows: EncodedRows }> {
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(source.sheetName);
    const rect: Rect = {
      row: source.firstRow - 1,
      column: source.firstColumn,
      rowCount: source.rowCount,
      columnCount: source.columnCount,
    };
    const loaded = loadSample(sheet, rect, options.chunkRows ?? Infinity);
    await context.sync();
    const header = (loaded.sample.values[0] ?? []) as CellValue[];
    const customerColumn = customerColumnOf(header);
    const encoder = startRowEncoder(header, rect.columnCount, rect.rowCount - 1, request.mapping, request.options);
    const sampleRows: CellValue[][] = [];
    const streamed = await streamRows(
      context,
      sheet,
      rect,
      customerColumn,
      loaded,
      (rows, first) => {
        for (let i = 0; i < rows.length && first + i < SAMPLE_ROWS; i++) sampleRows.push(rows[i]!);
        encoder.add(first === 0 ? rows.slice(1) : rows);
      },
      onProgress,
      options,
    );
    const read: SourceRange = {
      ...sourceFields({ sheetName: source.sheetName, tableName: source.tableName, rect, loaded }),
      values: sampleRows,
      sampleOnly: true,
      ...streamedFields(streamed, customerColumn, source.strayRows),
    };
    return { source: read, rows: encoder.finish() };
  });
}

/**
 * Locates the source (locateSource), reads its first rows, checks for a header, and ends its rows at the last row
 * with a customer (or the end of a merged customer cell there); stray cells below are counted, not read further.
 * Not in a table: its rows are the user's choice, and segment columns joining it must cover all of them.
 */
async function locateRows(context: Excel.RequestContext, options: ReadOptions) {
  const located = await locateSource(context);
  const { sheetName, tableName } = located;
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const loaded = loadSample(sheet, located.rect, options.chunkRows ?? Infinity);
  await context.sync();
  const header = (loaded.sample.values[0] ?? []) as CellValue[];
  // A table's first row is its header; elsewhere a first row of dates and amounts means the header was left out.
  if (tableName === undefined && firstRowLooksLikeData(header)) throw new ExcelWriteError("no_header");
  const customerColumn = customerColumnOf(header);
  const rect: Rect = { ...located.rect };
  let strayRows: SourceRange["strayRows"];
  const lastCustomer =
    tableName === undefined
      ? await lastCustomerOffset(context, sheet, located.rect, customerColumn, loaded.sample.values)
      : -1;
  if (lastCustomer >= 1 && lastCustomer < located.rect.rowCount - 1) {
    let end = lastCustomer + 1;
    if (detectCapabilities().mergedAreas) {
      const cell = sheet.getRangeByIndexes(rect.row + lastCustomer, rect.column + customerColumn, 1, 1);
      const merged = cell.getMergedAreasOrNullObject();
      merged.load("areaCount");
      await context.sync();
      if (!merged.isNullObject) {
        merged.areas.load("items/rowIndex,rowCount");
        await context.sync();
        for (const area of merged.areas.items)
          end = Math.min(located.rect.rowCount, Math.max(end, area.rowIndex + area.rowCount - rect.row));
      }
    }
    rect.rowCount = end;
    if (end < located.rect.rowCount)
      strayRows = await strayRowsIn(context, sheet, sheetName, {
        ...located.rect,
        row: located.rect.row + end,
        rowCount: located.rect.rowCount - end,
      });
  }
  return { sheet, sheetName, tableName, rect, customerColumn, loaded, strayRows };
}

/** The SourceRange fields every read fills in. */
function sourceFields(
  located: Pick<Awaited<ReturnType<typeof locateRows>>, "sheetName" | "tableName" | "rect" | "loaded">,
): Omit<SourceRange, "values"> {
  const { sheetName, tableName, rect, loaded } = located;
  return {
    address: rangeAddress(sheetName, rect.row, rect.column, rect.rowCount, rect.columnCount),
    sheetName,
    firstRow: rect.row + 1,
    firstColumn: rect.column,
    rowCount: rect.rowCount,
    columnCount: rect.columnCount,
    tableName,
    columnFormats: loaded.formatRow ? ((loaded.formatRow.numberFormat[0] ?? []) as string[]) : undefined,
  };
}

/** Notes of a streamed read (streamRows) and of the stray rows found, as SourceRange fields. */
function streamedFields(streamed: StreamedSource, customerColumn: number, strayRows: SourceRange["strayRows"]) {
  return {
    customerFingerprint: { column: customerColumn, hash: streamed.fingerprint },
    ...(streamed.hiddenRows ? { hiddenRows: streamed.hiddenRows } : {}),
    ...(streamed.mergedAreas ? { mergedAreas: streamed.mergedAreas } : {}),
    ...(streamed.mergedAreasUnread ? { mergedAreasUnread: true } : {}),
    ...(strayRows ? { strayRows } : {}),
  };
}

/** Every row's cells (see SourceRange): for tests and small sources; the pane reads with readEncoded. */
export async function readSource(onProgress?: ProgressFn, options: ReadOptions = {}): Promise<SourceRange> {
  return Excel.run(async (context) => {
    const located = await locateRows(context, options);
    const { sheet, rect, customerColumn, loaded } = located;
    const values: CellValue[][] = new Array<CellValue[]>(rect.rowCount);
    const streamed = await streamRows(
      context,
      sheet,
      rect,
      customerColumn,
      loaded,
      (rows, first) => {
        for (let r = 0; r < rows.length; r++) values[first + r] = rows[r]!;
      },
      onProgress,
      options,
    );
    return { ...sourceFields(located), values, ...streamedFields(streamed, customerColumn, located.strayRows) };
  });
}

/**
 * The source as readSource locates it, with only the header and first rows read (`sampleOnly`) and the hidden rows
 * found: what the pane shows before a run, whose read (readEncoded) reads the rows. Merged cells are filled and
 * reported by that read.
 */
/** The sample's first `count` rows, the customer cell as the user sees it (shownCell). */
function sampleRows(sample: Excel.Range, count: number, customerColumn: number): CellValue[][] {
  return sample.values.slice(0, count).map((row, i) => {
    const cells = row as CellValue[];
    cells[customerColumn] = shownCell(
      cells[customerColumn],
      sample.numberFormat[i]?.[customerColumn] as string | undefined,
      sample.text[i]?.[customerColumn],
    );
    return cells;
  });
}

export async function previewSource(onProgress?: ProgressFn, options: ReadOptions = {}): Promise<SourceRange> {
  return Excel.run(async (context) => {
    const located = await locateRows(context, options);
    const { sheet, rect, customerColumn, loaded } = located;
    const { sample, sampleCount } = loaded;
    const values = sampleRows(sample, Math.min(sampleCount, rect.rowCount), customerColumn);
    const hidden = await hiddenDataRows(context, sheet, rect);
    onProgress?.(1);
    const included = options.includeHiddenRows === true;
    return {
      ...sourceFields(located),
      values,
      sampleOnly: true,
      ...(hidden.length > 0 ? { hiddenRows: { count: hidden.length, included, offsets: hidden } } : {}),
      ...(located.strayRows ? { strayRows: located.strayRows } : {}),
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
