/**
 * The worker's message handling, free of worker globals so Node tests can drive it: give it a `post` function and
 * feed it requests. Rows sent in slices are gathered until their analysis request arrives. Each analysis runs
 * synchronously; progress is throttled so posting never dominates the work.
 */
import { analyzeEncodedRows, analyzeRfm } from "../engine";
import type { Forecast } from "../forecast";
import { forecastHook } from "./forecast-hook";
import { CancelledError, RfmInputError, type CellValue, type RfmResult } from "../engine/types";
import type { WorkerErrorPayload, WorkerRequest, WorkerResponse } from "./protocol";

export type PostResponse = (message: WorkerResponse, transfer: Transferable[]) => void;

export interface HandlerOptions {
  /** Minimum milliseconds between two progress posts (default 50). */
  progressIntervalMs?: number;
  /** Clock, replaceable in tests. */
  now?: () => number;
  /** The analysis, replaceable in tests (default: the engine's analyzeRfm). */
  analyze?: typeof analyzeRfm;
}

/** Returns the handler to call with each incoming request. */
export function createAnalysisHandler(
  post: PostResponse,
  handlerOptions: HandlerOptions = {},
): (request: WorkerRequest) => void {
  const interval = handlerOptions.progressIntervalMs ?? 50;
  const now = handlerOptions.now ?? (() => Date.now());
  const analyze = handlerOptions.analyze ?? analyzeRfm;
  // The rows gathered so far for one request; a newer request's slices replace them.
  let gathering: { requestId: number; rows: CellValue[][] } | null = null;
  const fail = (requestId: number, message: string) => {
    gathering = null;
    post({ type: "error", requestId, error: { kind: "internal", code: "internal", message } }, []);
  };

  return (request) => {
    const { requestId } = request;
    if (request.type === "rows") {
      // Request ids only grow: rows of an older request than the one being gathered are outdated.
      if (gathering !== null && requestId < gathering.requestId) return;
      if (gathering?.requestId !== requestId) gathering = { requestId, rows: [] };
      if (request.start !== gathering.rows.length) {
        fail(requestId, `Rows from ${request.start} arrived after ${gathering.rows.length} rows.`);
        return;
      }
      for (const row of request.values) gathering.rows.push(row);
      return;
    }
    let values = request.values;
    const rowsBefore = request.rowsBefore ?? 0;
    if (rowsBefore > 0) {
      const gathered = gathering?.requestId === requestId ? gathering.rows : [];
      if (gathered.length !== rowsBefore) {
        fail(requestId, `Expected ${rowsBefore} rows ahead of the analysis request, received ${gathered.length}.`);
        return;
      }
      for (const row of values) gathered.push(row);
      values = gathered;
    }
    gathering = null;
    let lastPost = -Infinity;
    let lastFraction = -1;
    const hook = forecastHook(request.forecast);
    try {
      const hooks = {
        onEncoded: hook.onEncoded,
        onProgress: (fraction: number) => {
          const time = now();
          // Post when enough time has passed or a big step was made, and always for the final 100%.
          if (fraction >= 1 || time - lastPost >= interval || fraction - lastFraction >= 0.1) {
            lastPost = time;
            lastFraction = fraction;
            post({ type: "progress", requestId, fraction: Math.min(1, Math.max(0, fraction)) }, []);
          }
        },
      };
      const result = request.encoded
        ? analyzeEncodedRows(request.encoded, request.options, hooks)
        : analyze(values, request.mapping, request.options, hooks);
      const forecast = hook.forecast();
      if (forecast) post({ type: "result", requestId, result, forecast }, transferablesOf(result, forecast));
      else post({ type: "result", requestId, result }, transferablesOf(result));
    } catch (error) {
      if (error instanceof CancelledError) post({ type: "cancelled", requestId }, []);
      else post({ type: "error", requestId, error: toErrorPayload(error) }, []);
    }
  };
}

/** Turns what the engine threw into a cloneable payload (class instances lose their prototype in postMessage). */
function toErrorPayload(error: unknown): WorkerErrorPayload {
  if (error instanceof RfmInputError) {
    return { kind: "input", code: error.code, message: error.message, detail: { ...error.detail } };
  }
  return { kind: "internal", code: "internal", message: error instanceof Error ? error.message : String(error) };
}

/** The buffers behind the result's typed arrays, each once (a duplicate in a transfer list is a DataCloneError). */
export function transferablesOf(result: RfmResult, forecast?: Forecast): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (value: unknown) => {
    // Checked by tag, not instanceof: buffers made in another realm (jest's vm, iframes) fail instanceof, and a
    // SharedArrayBuffer must not be listed (it cannot be transferred).
    if (ArrayBuffer.isView(value) && Object.prototype.toString.call(value.buffer) === "[object ArrayBuffer]") {
      buffers.add(value.buffer as ArrayBuffer);
    }
  };
  for (const column of Object.values(result.customers)) add(column);
  add(result.rowCustomer);
  // The comparison with an earlier date: its per-customer arrays and the earlier result's columns.
  const comparison = result.comparison;
  if (comparison) {
    for (const value of Object.values(comparison)) add(value);
    for (const column of Object.values(comparison.earlier.customers)) add(column);
  }
  if (forecast) for (const column of Object.values(forecast.columns)) add(column);
  return [...buffers];
}
