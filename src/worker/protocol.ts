/**
 * Messages between the pane and the RFM worker: a types-only tagged union both sides import. Every message carries
 * the `requestId` of the analysis it belongs to, so the client can drop replies to requests it has given up on.
 */
import type { EncodedRows } from "../engine";
import type { CellValue, ColumnMapping, RfmInputError, RfmOptions, RfmResult } from "../engine/types";
import type { Forecast } from "../forecast";

/**
 * Starts an analysis. A big source matrix comes in RowsSlice messages first, so that no single postMessage spends
 * long on the pane's thread cloning it; `values` then holds the last rows and `rowsBefore` says how many came ahead.
 */
interface AnalyzeRequest {
  type: "analyze";
  requestId: number;
  values: CellValue[][];
  /** Rows of this request already sent in RowsSlice messages, which precede `values` (0 when absent). */
  rowsBefore?: number;
  mapping: ColumnMapping;
  options: Partial<RfmOptions>;
  /**
   * Rows the pane encoded while reading (its buffers transferred): analysed instead of `values` (then empty), with
   * the mapping they were encoded with.
   */
  encoded?: EncodedRows;
  /** Also run the forecast (SPEC "Forecast") over the next `horizonDays` days, on the same rows. */
  forecast?: ForecastRequest;
}

export interface ForecastRequest {
  horizonDays: number;
}

/** Rows `start` … `start + values.length - 1` of a request's source matrix, sent in order before its AnalyzeRequest. */
export interface RowsSlice {
  type: "rows";
  requestId: number;
  start: number;
  values: CellValue[][];
}

export type WorkerRequest = RowsSlice | AnalyzeRequest;

interface ProgressResponse {
  type: "progress";
  requestId: number;
  /** Fraction done, in [0, 1]. */
  fraction: number;
}

interface ResultResponse {
  type: "result";
  requestId: number;
  result: RfmResult;
  /** Present when the request asked for a forecast; its typed arrays are transferred with the result's. */
  forecast?: Forecast;
}

/** `input` errors are RfmInputErrors (the pane translates `code`); `internal` ones are bugs, shown generically. */
export type WorkerErrorPayload =
  | { kind: "input"; code: RfmInputError["code"]; message: string; detail: Record<string, string | number> }
  | { kind: "internal"; code: "internal"; message: string };

interface ErrorResponse {
  type: "error";
  requestId: number;
  error: WorkerErrorPayload;
}

interface CancelledResponse {
  type: "cancelled";
  requestId: number;
}

export type WorkerResponse = ProgressResponse | ResultResponse | ErrorResponse | CancelledResponse;
