import { analyzeRfm } from "../../src/engine";
import { CancelledError, RfmInputError, type CellValue, type RfmResult } from "../../src/engine/types";
import { createAnalysisHandler, transferablesOf } from "../../src/worker/analysis-handler";
import type { WorkerResponse } from "../../src/worker/protocol";
import { AnalysisFailedError, RfmWorkerClient, runAnalysisInProcess } from "../../src/worker/worker-client";
import { FakeWorker } from "./fake-worker";

const VALUES: CellValue[][] = [
  ["Customer", "Date", "Amount"],
  ["C1", 45000, 10],
  ["C2", 45010, 20],
  ["C1", 45020, 30],
  ["C3", 45020, 5],
  ["", 45020, 5],
];
const MAPPING = { customer: 0, date: 1, amount: 2, dimensions: [] };

function collect() {
  const posted: { message: WorkerResponse; transfer: Transferable[] }[] = [];
  return { posted, post: (message: WorkerResponse, transfer: Transferable[]) => posted.push({ message, transfer }) };
}

describe("worker message handler", () => {
  test("posts throttled progress, then the result with its typed-array buffers transferred", () => {
    const { posted, post } = collect();
    let clock = 0;
    const handle = createAnalysisHandler(post, {
      progressIntervalMs: 50,
      now: () => clock,
      analyze: (values, mapping, options, hooks) => {
        // 100 progress calls 1 ms apart: only every 50 ms, big steps, and the final 100% get through.
        for (let i = 1; i <= 100; i++) {
          clock += 1;
          hooks?.onProgress?.(i / 100 / 20);
        }
        hooks?.onProgress?.(1);
        return analyzeRfm(values, mapping, options);
      },
    });
    handle({ type: "analyze", requestId: 7, values: VALUES, mapping: MAPPING, options: {} });
    const progress = posted.filter((p) => p.message.type === "progress");
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.length).toBeLessThanOrEqual(4);
    expect(progress.at(-1)?.message).toEqual({ type: "progress", requestId: 7, fraction: 1 });
    const last = posted.at(-1)!;
    expect(last.message.type).toBe("result");
    const result = (last.message as { result: RfmResult }).result;
    expect(result.totals.customers).toBe(3);
    expect(result.skipped.count).toBe(1);
    expect(last.transfer).toEqual(transferablesOf(result));
    expect(last.transfer).toContain(result.customers.recency.buffer);
    expect(new Set(last.transfer).size).toBe(last.transfer.length);
  });

  test("a structured clone with the transfer list keeps the result intact and detaches the buffers", () => {
    const { posted, post } = collect();
    createAnalysisHandler(post)({ type: "analyze", requestId: 1, values: VALUES, mapping: MAPPING, options: {} });
    const { message, transfer } = posted.at(-1)!;
    const clone = structuredClone(message, { transfer }) as { result: RfmResult };
    expect(Array.from(clone.result.customers.frequency)).toEqual([2, 1, 1]);
    expect(clone.result.customers.id).toEqual(["C1", "C2", "C3"]);
    expect((transfer[0] as ArrayBuffer).byteLength).toBe(0);
  });

  test("an input problem becomes an error reply with the RfmInputError code", () => {
    const { posted, post } = collect();
    createAnalysisHandler(post)({
      type: "analyze",
      requestId: 3,
      values: [["Customer", "Date", "Amount"]],
      mapping: MAPPING,
      options: {},
    });
    expect(posted.at(-1)?.message).toMatchObject({
      type: "error",
      requestId: 3,
      error: { kind: "input", code: "header_only" },
    });
  });

  test("an unexpected failure becomes an internal error reply, and a cancel of a queued request is honoured", () => {
    const { posted, post } = collect();
    const handle = createAnalysisHandler(post, {
      analyze: () => {
        throw new TypeError("boom");
      },
    });
    handle({ type: "analyze", requestId: 4, values: VALUES, mapping: MAPPING, options: {} });
    expect(posted.at(-1)?.message).toEqual({
      type: "error",
      requestId: 4,
      error: { kind: "internal", code: "internal", message: "boom" },
    });
  });
});

describe("worker client", () => {
  beforeEach(() => {
    FakeWorker.created = [];
  });

  test("resolves with the result and reports progress", async () => {
    const client = new RfmWorkerClient(() => new FakeWorker());
    const fractions: number[] = [];
    const result = await client.runAnalysis(VALUES, MAPPING, {}, (f) => fractions.push(f));
    expect(result.totals.customers).toBe(3);
    expect(fractions.at(-1)).toBe(1);
  });

  test("cancel terminates the busy worker, rejects with CancelledError, and the next run uses a fresh worker", async () => {
    const client = new RfmWorkerClient(() => new FakeWorker());
    const controller = new AbortController();
    const first = client.runAnalysis(VALUES, MAPPING, {}, undefined, controller.signal);
    const busy = FakeWorker.created[0]!;
    busy.hold = true;
    controller.abort();
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    expect(busy.terminated).toBe(true);
    busy.release(); // a late reply from the terminated worker must be ignored
    const second = await client.runAnalysis(VALUES, MAPPING, {});
    expect(second.totals.customers).toBe(3);
    expect(FakeWorker.created).toHaveLength(2);
  });

  test("a newer request makes the older one outdated: it rejects as cancelled and its replies are dropped", async () => {
    const client = new RfmWorkerClient(() => new FakeWorker());
    const older = client.runAnalysis(VALUES, MAPPING, { k: 3 });
    const newer = client.runAnalysis(VALUES, MAPPING, { k: 4 });
    await expect(older).rejects.toBeInstanceOf(CancelledError);
    expect((await newer).options.k).toBe(4);
  });

  test("input errors arrive as RfmInputError, worker crashes as AnalysisFailedError", async () => {
    const client = new RfmWorkerClient(() => new FakeWorker());
    const failure = client.runAnalysis(VALUES, { customer: 0, dimensions: [] }, {});
    await expect(failure).rejects.toBeInstanceOf(RfmInputError);
    await expect(failure).rejects.toMatchObject({ code: "missing_field" });

    const crashing = new RfmWorkerClient(() => {
      const worker = new FakeWorker();
      worker.hold = true;
      setTimeout(
        () => worker.onerror?.({ message: "script failed", preventDefault: () => undefined } as ErrorEvent),
        0,
      );
      return worker;
    });
    await expect(crashing.runAnalysis(VALUES, MAPPING, {})).rejects.toBeInstanceOf(AnalysisFailedError);
  });

  test("the in-process fallback computes the same result and honours an aborted signal", async () => {
    const result = await runAnalysisInProcess(VALUES, MAPPING, {});
    expect(result.customers.id).toEqual(["C1", "C2", "C3"]);
    const controller = new AbortController();
    controller.abort();
    await expect(runAnalysisInProcess(VALUES, MAPPING, {}, undefined, controller.signal)).rejects.toBeInstanceOf(
      CancelledError,
    );
  });
});
