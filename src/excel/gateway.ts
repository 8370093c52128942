/**
 * What the task pane asks of the workbook. The Office.js implementation lives beside this file; the pane
 * receives a gateway as a prop, so components never call Excel.run themselves (and tests can pass a fake).
 */
import type { EncodedRows } from "../engine";
import type { CellValue, ColumnMapping, RfmOptions, RfmResult, StandardSegmentKey } from "../engine/types";
import type { Forecast } from "../forecast";
import type { WorkbookLabels } from "../i18n/workbook-labels";

/** The codes of the errors a gateway's promises reject with (ExcelWriteError.code). */
export type { ExcelErrorCode } from "./errors";

export interface SourceRange {
  /** Address as Excel prints it, e.g. `Sales!A1:F52034`. */
  address: string;
  sheetName: string;
  /** Worksheet row number of values[0] (the header row). */
  firstRow: number;
  /** 0-based worksheet column index of values[0][0]. */
  firstColumn: number;
  rowCount: number;
  columnCount: number;
  /** The name of the table the selection sits in, if any. */
  tableName?: string;
  /** The cells, header first: every row from readSource; the header and the first rows only when `sampleOnly`. */
  values: CellValue[][];
  /**
   * Set when `values` holds only the header and the first rows (at most 200): a preview for the mapping panel
   * (`previewSource`), or a read whose rows went into the engine's row form as they arrived (`readEncoded`).
   */
  sampleOnly?: boolean;
  /** Number format of each column's first data cell (e.g. "yyyy-mm-dd"), to tell date serials from amounts. */
  columnFormats?: string[];
  /**
   * Fingerprint of the customer column (`column` counted from the source's first column) as read, so a write can
   * check that the rows are still the ones analysed (not sorted or edited in between).
   */
  customerFingerprint?: { column: number; hash: string };
  /**
   * Data rows hidden by a filter or by hand. Unless `included`, they were left out of the analysis (their cells
   * read as empty in `values`) and the segment columns leave them as they were. `offsets` count from the first
   * data row (0 = the row under the header).
   */
  hiddenRows?: { count: number; included: boolean; offsets: number[] };
  /** Merged cells inside the data: every cell of a merged area was given its top-left value. */
  mergedAreas?: { areas: number; cellsFilled: number };
  /** Set when merged areas could not be read (the host lacks ExcelApi 1.13): merged cells read as empty. */
  mergedAreasUnread?: boolean;
  /**
   * Rows below the last row with a customer that still hold something (stray cells): left out, not read further.
   * `firstRow`/`lastRow` are worksheet row numbers; `address` spans them over the source's columns.
   */
  strayRows?: { count: number; firstRow: number; lastRow: number; address: string };
}

export interface ReadOptions {
  /** Analyse rows hidden by a filter too (default: only visible rows). */
  includeHiddenRows?: boolean;
  /** Stops a chunked read between two chunks (it rejects with the engine's CancelledError). */
  signal?: AbortSignal;
  /** At most this many rows per read (tests use it to cut small sheets into many chunks). */
  chunkRows?: number;
}

/** How the rows are encoded while they are read: the mapping and the options the analysis will run with. */
export interface EncodeRequest {
  mapping: ColumnMapping;
  options: Partial<RfmOptions>;
}

export interface WriteOptions {
  customerSheet: boolean;
  segmentColumns: boolean;
  summary: boolean;
  charts: boolean;
  labels: WorkbookLabels;
  /** Replace the add-in's own outputs of an earlier run (the pane asks the user first). */
  replacePrevious: boolean;
  /**
   * With replacePrevious: the ids (from listPreviousOutputs) of the sheets the user agreed to replace. Only those
   * that are still provably the add-in's are replaced. Left out: the listed sheets neither renamed nor edited.
   */
  replaceSheetIds?: string[];
  /**
   * The forecast made on the same rows (index i is result customer i): adds its columns to the customer sheet and
   * its blocks to the summary sheet. Absent: neither.
   */
  forecast?: Forecast;
}

/** An earlier output sheet, provably the add-in's, as the Replace dialog lists it. */
export interface PreviousOutput {
  id: string;
  currentName: string;
  /** The name the add-in gave it (equal to currentName unless renamed). */
  writtenName: string;
  renamed: boolean;
  /** Its cells differ from what the add-in wrote (or there is no record to compare with). */
  edited: boolean;
}

export interface WriteReport {
  sheetsWritten: string[];
  /** Set when segment columns were not written because the cells to the right of the source hold data. */
  segmentColumnsBlocked?: { address: string };
  /**
   * Set when segment columns were not written because the source rows changed after they were read (sorted,
   * edited, rows inserted): the labels would land on other customers' rows. `address` is the source range.
   */
  segmentColumnsSourceChanged?: { address: string };
  /**
   * Set when an earlier run's segment columns (`earlier`) were changed by the user since: they were kept as they
   * are and the new ones written beside them (`address`).
   */
  segmentColumnsBesideEarlier?: { earlier: string; address: string };
  /** Features left out because the host lacks a requirement set, e.g. "ExcelApi 1.8: PivotTable". */
  fallbacks: string[];
}

export type ProgressFn = (fraction: number) => void;

export interface WorkbookGateway {
  /** Read the selection (or its table, or the used range) with a header row, in chunks: every row's cells. */
  readSource(onProgress?: ProgressFn, options?: ReadOptions): Promise<SourceRange>;
  /**
   * What the pane shows before a run: the source located as readSource locates it (stray rows, hidden rows
   * found) with `values` only the header and the first rows (`sampleOnly`). The rows are read by readEncoded.
   */
  previewSource(onProgress?: ProgressFn, options?: ReadOptions): Promise<SourceRange>;
  /**
   * Read the rows of a previewed source chunk by chunk, each encoded into the engine's row form as it arrives and
   * then dropped (a million-row sheet never sits in memory as cells). Rejects with the engine's RfmInputError for
   * an unusable mapping or options, CancelledError when `options.signal` aborts.
   */
  readEncoded(
    source: SourceRange,
    request: EncodeRequest,
    onProgress?: ProgressFn,
    options?: ReadOptions,
  ): Promise<{ source: SourceRange; rows: EncodedRows }>;
  /** True when sheets made by an earlier run exist (then the pane asks before replacing them). */
  hasPreviousOutputs(): Promise<boolean>;
  /** The earlier output sheets that are provably the add-in's, in tab order, with what changed since. */
  listPreviousOutputs(): Promise<PreviousOutput[]>;
  writeResults(
    result: RfmResult,
    source: SourceRange,
    options: WriteOptions,
    onProgress?: ProgressFn,
  ): Promise<WriteReport>;
  /**
   * Undo the last successful run of this session (Office.js changes are not on Excel's own undo stack): delete the
   * sheets it created (by id), restore the segment columns as they were, bring back the sheets a Replace hid.
   */
  undoLastRun(): Promise<void>;
  /** True when undoLastRun has something to undo. */
  canUndo(): boolean;
  /**
   * Filter the last run's customer table to the customers who moved from segment `from` to `to` (`from` undefined:
   * the customers new since the compare date) and show it. Optional: a gateway without it shows no filter buttons.
   */
  filterCustomerMove?(move: { from?: StandardSegmentKey; to?: StandardSegmentKey }): Promise<void>;
  /** Activate a sheet the add-in wrote. */
  showSheet(name: string): Promise<void>;
  /** Per-workbook remembered settings (document settings). */
  loadSettings(): Promise<unknown>;
  saveSettings(value: unknown): Promise<void>;
}
