/**
 * The pane's side of the worker protocol: a promise per analysis, progress callbacks, cancel by AbortSignal.
 * The engine call inside the worker is synchronous and cannot read a cancel message, so cancelling terminates the
 * worker and the next analysis starts a fresh one. Replies to outdated requests are dropped.
 *
 * The pane sends rows encoded while reading (`EncodedRows`): typed arrays, transferred, so the post costs next to
 * nothing. A cell matrix (other callers, tests) is cloned by postMessage on the pane's thread: 100,000 rows in one
 * message held the pane for up to half a second, so it goes in slices with a turn of the event loop between them.
 */
import { analyzeEncodedRows, analyzeRfm, rowsTransferables, type EncodedRows } from "../engine";
import { CancelledError, RfmInputError } from "../engine/types";
import type { CellValue, ColumnMapping, RfmOptions, RfmResult } from "../engine/types";
import type { Forecast } from "../forecast";
import { forecastHook } from "./forecast-hook";
import type { ForecastRequest, WorkerRequest, WorkerResponse } from "./protocol";

/** An analysis's result, with the forecast when one was asked for. */
export type AnalysisOutcome = RfmResult & { forecast?: Forecast };

/** What an analysis runs on: the cell matrix (header first), or rows encoded while reading (`readEncoded`). */
export type AnalysisInput = CellValue[][] | EncodedRows;

/**
 * Runs one analysis; rejects with CancelledError when `signal` aborts, RfmInputError for unusable input. With
 * `forecast`, the result carries the forecast made on the same rows.
 */
export type AnalysisRunner = (
  input: AnalysisInput,
  mapping: ColumnMapping,
  options: Partial<RfmOptions>,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
  forecast?: ForecastRequest,
) => Promise<AnalysisOutcome>;

/** What the client needs of a Worker (a real one, or a fake in tests). */
export interface WorkerLike {
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** The analysis failed for a reason that is not the user's input (worker crash, engine bug). */
export class AnalysisFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AnalysisFailedError";
  }
}

/** How the client sends a matrix; replaceable in tests. */
export interface SendOptions {
  /** Cells per message (default 50,000: about 10,000 rows of 5 columns, some 20–50 ms of cloning). */
  sliceCells?: number;
  /** Waits for a later task between two slices (default: a setTimeout of 0, a macrotask). */
  yieldToEventLoop?: () => Promise<void>;
}

const DEFAULT_SLICE_CELLS = 50_000;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface Pending {
  requestId: number;
  resolve: (result: AnalysisOutcome) => void;
  reject: (error: Error) => void;
  onProgress?: (fraction: number) => void;
  cleanup: () => void;
}

export class RfmWorkerClient {
  private worker: WorkerLike | null = null;
  private pending: Pending | null = null;
  private nextRequestId = 1;

  private readonly sliceCells: number;
  private readonly yieldToEventLoop: () => Promise<void>;

  constructor(
    private readonly createWorker: () => WorkerLike,
    sendOptions: SendOptions = {},
  ) {
    this.sliceCells = Math.max(1, sendOptions.sliceCells ?? DEFAULT_SLICE_CELLS);
    this.yieldToEventLoop = sendOptions.yieldToEventLoop ?? nextTask;
  }

  /** One analysis at a time: starting another cancels the one in flight. */
  readonly runAnalysis: AnalysisRunner = (input, mapping, options, onProgress, signal, forecast) => {
    if (this.pending) this.abandon(new CancelledError());
    if (signal?.aborted) return Promise.reject(new CancelledError());
    const requestId = this.nextRequestId++;
    return new Promise<AnalysisOutcome>((resolve, reject) => {
      const onAbort = () => {
        if (this.pending?.requestId === requestId) this.abandon(new CancelledError());
      };
      signal?.addEventListener("abort", onAbort);
      this.pending = {
        requestId,
        resolve,
        reject,
        onProgress,
        cleanup: () => signal?.removeEventListener("abort", onAbort),
      };
      void this.send(requestId, input, mapping, options, forecast);
    });
  };

  /** Stops the worker; a pending analysis rejects with CancelledError. */
  dispose(): void {
    if (this.pending) this.abandon(new CancelledError());
    else this.stopWorker();
  }

  /**
   * Posts the rows in slices, then the analysis request with the last of them. Stops as soon as the request is no
   * longer the pending one (cancelled, replaced by a newer one, or the worker failed): its worker is gone by then.
   */
  private async send(
    requestId: number,
    input: AnalysisInput,
    mapping: ColumnMapping,
    options: Partial<RfmOptions>,
    forecast?: ForecastRequest,
  ): Promise<void> {
    const isCurrent = () => this.pending?.requestId === requestId;
    try {
      const worker = this.ensureWorker();
      if (!Array.isArray(input)) {
        // Typed arrays, moved rather than copied: nothing to slice, the post costs next to nothing.
        worker.postMessage(
          {
            type: "analyze",
            requestId,
            values: [],
            encoded: input,
            mapping,
            options,
            ...(forecast ? { forecast } : {}),
          },
          rowsTransferables(input),
        );
        return;
      }
      const values = input;
      const columns = values.reduce((widest, row) => Math.max(widest, row.length), 1);
      const sliceRows = Math.max(1, Math.floor(this.sliceCells / columns));
      let start = 0;
      while (values.length - start > sliceRows) {
        worker.postMessage({ type: "rows", requestId, start, values: values.slice(start, start + sliceRows) });
        start += sliceRows;
        await this.yieldToEventLoop();
        if (!isCurrent() || this.worker !== worker) return;
      }
      const rest = start === 0 ? values : values.slice(start);
      worker.postMessage({
        type: "analyze",
        requestId,
        values: rest,
        rowsBefore: start,
        mapping,
        options,
        ...(forecast ? { forecast } : {}),
      });
    } catch (error) {
      // A request no longer pending has been settled already; its failure has no one left to tell.
      if (isCurrent()) this.abandon(new AnalysisFailedError(error instanceof Error ? error.message : String(error)));
    }
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event) => this.receive(worker, event.data);
    worker.onerror = (event) => {
      if (worker !== this.worker) return;
      event.preventDefault?.();
      this.abandon(new AnalysisFailedError(event.message || "The worker stopped."));
    };
    this.worker = worker;
    return worker;
  }

  private receive(worker: WorkerLike, message: WorkerResponse): void {
    const pending = this.pending;
    // A terminated worker's late messages, or replies to a request given up on, are not ours any more.
    if (worker !== this.worker || !pending || message.requestId !== pending.requestId) return;
    switch (message.type) {
      case "progress":
        pending.onProgress?.(message.fraction);
        return;
      case "result":
        this.settle(pending);
        pending.resolve(message.forecast ? { ...message.result, forecast: message.forecast } : message.result);
        return;
      case "cancelled":
        this.settle(pending);
        pending.reject(new CancelledError());
        return;
      case "error": {
        this.settle(pending);
        const { error } = message;
        pending.reject(
          error.kind === "input"
            ? new RfmInputError(error.code, error.message, error.detail)
            : new AnalysisFailedError(error.message),
        );
        return;
      }
    }
  }

  private settle(pending: Pending): void {
    pending.cleanup();
    this.pending = null;
  }

  private abandon(error: Error): void {
    const pending = this.pending;
    this.stopWorker();
    if (!pending) return;
    this.settle(pending);
    pending.reject(error);
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = null;
    if (worker) {
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
    }
  }
}

/**
 * The engine on the pane's own thread, for hosts without Web Workers. It yields once before starting so the
 * progress bar can paint, and honours `signal` between the engine's chunks.
 */
export const runAnalysisInProcess: AnalysisRunner = (input, mapping, options, onProgress, signal, forecast) =>
  new Promise<AnalysisOutcome>((resolve, reject) => {
    setTimeout(() => {
      try {
        if (signal?.aborted) throw new CancelledError();
        const hook = forecastHook(forecast);
        const hooks = { onProgress, isCancelled: () => signal?.aborted === true, onEncoded: hook.onEncoded };
        const result = Array.isArray(input)
          ? analyzeRfm(input, mapping, options, hooks)
          : analyzeEncodedRows(input, options, hooks);
        const made = hook.forecast();
        resolve(made ? { ...result, forecast: made } : result);
      } catch (error) {
        reject(error instanceof Error ? error : new AnalysisFailedError(String(error)));
      }
    }, 0);
  });

/**
 * A runner backed by a worker from `createWorker`, or the in-process engine when Web Workers are unavailable
 * (no `Worker` global, or creating one throws, e.g. under a strict content security policy).
 */
export function createAnalysisRunner(
  createWorker: (() => WorkerLike) | undefined,
  sendOptions?: SendOptions,
): AnalysisRunner {
  if (!createWorker || typeof Worker === "undefined") return runAnalysisInProcess;
  let probe: WorkerLike;
  try {
    probe = createWorker();
  } catch {
    // Worker construction refused (CSP, sandboxed host): the same engine runs in the pane instead.
    return runAnalysisInProcess;
  }
  let first: WorkerLike | null = probe;
  const client = new RfmWorkerClient(() => {
    const worker = first ?? createWorker();
    first = null;
    return worker;
  }, sendOptions);
  return client.runAnalysis;
}
