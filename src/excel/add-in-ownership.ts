/**
 * Which workbook objects the add-in made, and how it proves it before deleting anything.
 *
 * Worksheet ids alone prove nothing: they are stable within a session only and change when a file is reopened
 * (office-js-docs#297, office-js#1390), and the first sheet of every new Excel-on-the-web workbook has the same id
 * (office-js#552), so a recorded id can name a user's sheet in a later session. Proof of ownership is therefore:
 * - with ExcelApi 1.12: the worksheet custom property OUTPUT_TAG_PROPERTY, which travels with the sheet in the file;
 * - without it: the recorded id AND the name the sheet was written with AND a hash of its header row as written,
 *   all three matching. A renamed or re-headed sheet is then not provably ours and is left alone (write beside).
 * The output record in the document settings (`rfmSegments.outputs`) also keeps, per sheet, a fingerprint of what
 * was written (used-range address + a hash of its formulas/values), so the Replace dialog can say which sheets the
 * user edited since, and the sheets a Replace hid (pending deletion) until they are deleted for good.
 */
import type { PreviousOutput } from "./gateway";
import type { ExcelCapabilities } from "./requirements";

export const OUTPUT_RECORD_SETTING = "rfmSegments.outputs";
export const SETTINGS_KEY = "rfmSegments.settings";
export const OUTPUT_TAG_PROPERTY = "RfmSegmentsOutput";

/** Segment columns written beside the user's data (0-based cells; the header row included). */
export interface SegmentColumnsRecord {
  sheetId: string;
  row: number;
  column: number;
  rowCount: number;
  /**
   * Hash of the data rows as written (`cellRowsHasher`): the proof that the block still holds exactly the add-in's
   * labels. A block whose cells are our names but not the ones written (the user typed "Champions" over "Lost") is
   * the user's. Records from before this field prove nothing: their blocks are left alone.
   */
  content?: string;
  /** Set when the two columns were added to the user's table. */
  tableName?: string;
}

/** One output sheet as written. */
export interface OutputSheetRecord {
  id: string;
  /** The name it had when the add-in finished writing it. */
  name: string;
  /** Hash of the header row (A1:AN1 values) as written: the no-1.12 proof, with id and name. */
  header: string;
  /** Used-range address + hash of its formulas at write time: tells "edited since" apart. */
  content: string;
  /** The custom-property tag value it carries (ExcelApi 1.12): finds the entry again after ids changed. */
  tag?: string;
}

/** An old output sheet a Replace hid (VeryHidden) instead of deleting; deleted for good by a later run. */
export interface HiddenSheetRecord {
  id: string;
  /** The name it was given when hidden (unique, so it never blocks the new outputs' names). */
  hiddenName: string;
  /** What undo restores. */
  name: string;
  position: number;
  visibility: string;
}

export interface OutputRecord {
  version: 1;
  /** Ids of the output sheets (kept for older versions of the add-in reading the record). */
  sheetIds: string[];
  sheets?: OutputSheetRecord[];
  segmentColumns?: SegmentColumnsRecord;
  pendingDeletion?: HiddenSheetRecord[];
}

export function readOutputRecord(): OutputRecord {
  const stored = Office.context.document.settings.get(OUTPUT_RECORD_SETTING) as Partial<OutputRecord> | null;
  if (!stored || stored.version !== 1 || !Array.isArray(stored.sheetIds)) return { version: 1, sheetIds: [] };
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
  return {
    version: 1,
    sheetIds: stored.sheetIds.filter((id): id is string => typeof id === "string"),
    sheets: Array.isArray(stored.sheets)
      ? stored.sheets.filter(
          (s): s is OutputSheetRecord =>
            isObject(s) && typeof s.id === "string" && typeof s.name === "string" && typeof s.header === "string",
        )
      : undefined,
    segmentColumns: stored.segmentColumns,
    pendingDeletion: Array.isArray(stored.pendingDeletion)
      ? stored.pendingDeletion.filter(
          (s): s is HiddenSheetRecord => isObject(s) && typeof s.id === "string" && typeof s.hiddenName === "string",
        )
      : undefined,
  };
}

export function saveSetting(name: string, value: unknown): Promise<void> {
  const settings = Office.context.document.settings;
  settings.set(name, value);
  return new Promise((resolve, reject) => {
    settings.saveAsync((result) => {
      if (result.status === Office.AsyncResultStatus.Failed)
        reject(new Error(result.error?.message ?? "Saving the document settings failed"));
      else resolve();
    });
  });
}

export interface SheetInfo {
  id: string;
  name: string;
  position: number;
  visibility: string;
  /** Carries the add-in's custom-property tag (ExcelApi 1.12). */
  tagged: boolean;
  /** The output record's entry with this id, if any (an id match alone proves nothing). */
  recorded?: OutputSheetRecord;
  /** Provably the add-in's (see the module comment). */
  owned: boolean;
}

/** Columns of the header row hashed for the no-1.12 proof (A..AN covers both output sheets' first rows). */
const HEADER_COLUMNS = 40;

/** FNV-1a over a string, continuing from `hash`. */
function fnv(text: string, hash = 0x811c9dc5): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function cellKey(value: unknown): string {
  return `${typeof value}:${String(value)}\u0001`;
}

function hashRows(rows: readonly (readonly unknown[])[], hash = 0x811c9dc5, keyOf = cellKey): number {
  let h = hash;
  for (const row of rows) {
    for (const cell of row) h = fnv(keyOf(cell), h);
    h = fnv("\u0002", h);
  }
  return h;
}

/**
 * Incremental hash of rows of cells, an empty cell (null, undefined or "") counting as "": what the add-in writes
 * and what it reads back as formulas hash the same. `add` continues over the next rows; `digest` ends (row count
 * and 32-bit FNV-1a).
 */
export function cellRowsHasher(): { add(rows: readonly (readonly unknown[])[]): void; digest(): string } {
  const keyOf = (cell: unknown) => (cell === null || cell === undefined || cell === "" ? "\u0001" : cellKey(cell));
  let h = 0x811c9dc5;
  let count = 0;
  return {
    add(rows) {
      h = hashRows(rows, h, keyOf);
      count += rows.length;
    },
    digest: () => `${count}:${h.toString(16)}`,
  };
}

/** Queues a read of each sheet's header row; call the returned function after the sync. */
function loadHeaders(context: Excel.RequestContext, ids: string[]): () => Map<string, string> {
  const ranges = ids.map((id) => {
    const range = context.workbook.worksheets.getItem(id).getRangeByIndexes(0, 0, 1, HEADER_COLUMNS);
    range.load("values");
    return [id, range] as const;
  });
  return () => new Map(ranges.map(([id, range]) => [id, hashRows(range.values).toString(16)]));
}

/** Lists all sheets, marking those provably the add-in's (the tag with 1.12; else id + name + header row). */
export async function listSheets(
  context: Excel.RequestContext,
  capabilities: ExcelCapabilities,
  record: OutputRecord,
): Promise<SheetInfo[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/id,items/name,items/position,items/visibility");
  await context.sync();
  const tags = capabilities.worksheetCustomProperties
    ? sheets.items.map((sheet) => {
        const tag = sheet.customProperties.getItemOrNullObject(OUTPUT_TAG_PROPERTY);
        tag.load("value");
        return tag;
      })
    : [];
  const recordedById = new Map((record.sheets ?? []).map((s) => [s.id, s]));
  const recordedByTag = new Map((record.sheets ?? []).flatMap((s) => (s.tag ? [[s.tag, s] as const] : [])));
  const candidates = capabilities.worksheetCustomProperties
    ? []
    : sheets.items.filter((sheet) => recordedById.get(sheet.id)?.name === sheet.name).map((sheet) => sheet.id);
  const headers = candidates.length > 0 ? loadHeaders(context, candidates) : undefined;
  if (tags.length > 0 || headers) await context.sync();
  const headerHashes = headers?.() ?? new Map<string, string>();
  return sheets.items.map((sheet, i) => {
    const tag = tags[i];
    const tagged = tag !== undefined && !tag.isNullObject;
    // With the tag, the record entry is found by the tag's value (ids change between sessions); else by id.
    const recorded = tagged ? (recordedByTag.get(tag.value) ?? recordedById.get(sheet.id)) : recordedById.get(sheet.id);
    const owned = capabilities.worksheetCustomProperties
      ? tagged
      : recorded !== undefined && recorded.name === sheet.name && headerHashes.get(sheet.id) === recorded.header;
    return {
      id: sheet.id,
      name: sheet.name,
      position: sheet.position,
      visibility: sheet.visibility,
      tagged,
      recorded,
      owned,
    };
  });
}

/** Cells per read when fingerprinting a sheet: small enough for Excel's 5 MB response limit with long texts. */
const FINGERPRINT_CELLS_PER_READ = 50_000;

/**
 * Fingerprints of sheets' contents: used-range address + a hash of every cell's formula (a constant's formula is
 * its value), read in chunks. An empty sheet is "empty".
 */
export async function fingerprintSheets(context: Excel.RequestContext, ids: string[]): Promise<Map<string, string>> {
  const used = ids.map((id) => {
    const range = context.workbook.worksheets.getItem(id).getUsedRangeOrNullObject();
    range.load("address,rowIndex,columnIndex,rowCount,columnCount");
    return [id, range] as const;
  });
  if (used.length === 0) return new Map();
  await context.sync();
  const out = new Map<string, string>();
  for (const [id, range] of used) {
    if (range.isNullObject) {
      out.set(id, "empty");
      continue;
    }
    const rowsPerRead = Math.max(1, Math.floor(FINGERPRINT_CELLS_PER_READ / range.columnCount));
    let hash = fnv("");
    const sheet = context.workbook.worksheets.getItem(id);
    for (let start = 0; start < range.rowCount; start += rowsPerRead) {
      const part = sheet.getRangeByIndexes(
        range.rowIndex + start,
        range.columnIndex,
        Math.min(rowsPerRead, range.rowCount - start),
        range.columnCount,
      );
      part.load("formulas");
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk keeps each response under Excel's 5 MB limit
      await context.sync();
      hash = hashRows(part.formulas as unknown[][], hash);
    }
    // The address without the sheet name: renaming a sheet does not edit it.
    const local = range.address.slice(range.address.lastIndexOf("!") + 1);
    out.set(id, `${local}#${hash.toString(16)}`);
  }
  return out;
}

/** Header-row hashes of sheets (the no-1.12 proof recorded at write time). */
export async function headerHashes(context: Excel.RequestContext, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const read = loadHeaders(context, ids);
  await context.sync();
  return read();
}

/**
 * The earlier output sheets that are provably ours and visible (hidden ones are the user's business, VeryHidden ones
 * are pending deletion), with what changed since the add-in wrote them. `candidates` defaults to listSheets' owned.
 */
export async function listPreviousOutputs(
  context: Excel.RequestContext,
  capabilities: ExcelCapabilities,
  record: OutputRecord,
  candidates?: SheetInfo[],
): Promise<PreviousOutput[]> {
  const sheets = (candidates ?? (await listSheets(context, capabilities, record))).filter(
    (sheet) => sheet.owned && sheet.visibility === "Visible",
  );
  const contents = await fingerprintSheets(
    context,
    sheets.filter((sheet) => sheet.recorded).map((sheet) => sheet.id),
  );
  return sheets.map((sheet) => {
    const writtenName = sheet.recorded?.name ?? sheet.name;
    return {
      id: sheet.id,
      currentName: sheet.name,
      writtenName,
      renamed: writtenName !== sheet.name,
      // No record to compare with (settings lost, tag only): say "edited", so it is kept unless ticked.
      edited: sheet.recorded === undefined || contents.get(sheet.id) !== sheet.recorded.content,
    };
  });
}
