import { analyzeRfm } from "../../src/engine";
import { CancelledError, type CellValue } from "../../src/engine/types";
import { createAnalysisHandler } from "../../src/worker/analysis-handler";
import type { RowsSlice, WorkerRequest, WorkerResponse } from "../../src/worker/protocol";
import { RfmWorkerClient } from "../../src/worker/worker-client";
import { FakeWorker } from "./fake-worker";

const VALUES: CellValue[][] = [
  ["Customer", "Date", "Amount"],
  ["C1", 45000, 10],
  ["C2", 45010, 20],
  ["C1", 45020, 30],
  ["C3", 45020, 5],
  ["C4", 45030, 7],
];
const MAPPING = { customer: 0, date: 1, amount: 2, dimensions: [] };
const SIX_CELLS = 6; // two rows of three columns per slice

/** A header and `count` rows over 37 customers, deterministic. */
function salesRows(count: number): CellValue[][] {
  const rows: CellValue[][] = [["Customer", "Date", "Amount"]];
  for (let i = 0; i < count; i++) rows.push([`C${(i * 7) % 37}`, 45000 + ((i * 13) % 400), 5 + ((i * 31) % 97)]);
  return rows;
}

/** A handler whose analysis records the matrix it was given. */
function recordingHandler() {
  const posted: WorkerResponse[] = [];
  const analysed: CellValue[][][] = [];
  const handle = createAnalysisHandler((message) => posted.push(message), {
    analyze: (values, mapping, options, hooks) => {
      analysed.push(values);
      return analyzeRfm(values, mapping, options, hooks);
    },
  });
  return { posted, analysed, handle };
}

const rows = (requestId: number, start: number, values: CellValue[][]): RowsSlice => ({
  type: "rows",
  requestId,
  start,
  values,
});
const analyze = (requestId: number, values: CellValue[][], rowsBefore: number): WorkerRequest => ({
  type: "analyze",
  requestId,
  values,
  rowsBefore,
  mapping: MAPPING,
  options: {},
});

describe("worker handler: rows in slices", () => {
  test("slices are reassembled in order ahead of the analysis request", () => {
    const { posted, analysed, handle } = recordingHandler();
    handle(rows(1, 0, VALUES.slice(0, 2)));
    handle(rows(1, 2, VALUES.slice(2, 4)));
    expect(posted).toEqual([]);
    handle(analyze(1, VALUES.slice(4), 4));
    expect(analysed).toEqual([VALUES]);
    const reply = posted.at(-1);
    expect(reply?.type).toBe("result");
    if (reply?.type !== "result") return;
    expect(reply.result.customers.id).toEqual(analyzeRfm(VALUES, MAPPING, {}).customers.id);
  });

  test("a slice out of order, or an analysis missing rows, is an internal error, not a wrong result", () => {
    const { posted, analysed, handle } = recordingHandler();
    handle(rows(1, 0, VALUES.slice(0, 2)));
    handle(rows(1, 3, VALUES.slice(3, 5)));
    expect(posted.at(-1)).toMatchObject({ type: "error", requestId: 1, error: { kind: "internal" } });
    handle(analyze(2, VALUES.slice(4), 4));
    expect(posted.at(-1)).toMatchObject({ type: "error", requestId: 2, error: { kind: "internal" } });
    expect(analysed).toEqual([]);
  });

  test("an outdated request's slices are dropped when a newer request's slices arrive", () => {
    const { posted, analysed, handle } = recordingHandler();
    const older = salesRows(6);
    handle(rows(1, 0, older.slice(0, 3)));
    handle(rows(2, 0, VALUES.slice(0, 3)));
    handle(rows(1, 3, older.slice(3, 5))); // late rows of the older request neither join nor disturb the newer one's
    handle(rows(2, 3, VALUES.slice(3, 5)));
    handle(analyze(2, VALUES.slice(5), 5));
    expect(analysed).toEqual([VALUES]);
    expect(posted.at(-1)).toMatchObject({ type: "result", requestId: 2 });
    handle(analyze(1, older.slice(5), 5));
    expect(posted.at(-1)).toMatchObject({ type: "error", requestId: 1, error: { kind: "internal" } });
    expect(analysed).toHaveLength(1);
  });
});

/** A yield the test releases by hand, to act between two slices. */
function manualYield() {
  const waiting: (() => void)[] = [];
  return {
    waiting,
    yieldToEventLoop: () => new Promise<void>((resolve) => waiting.push(resolve)),
    /** Lets every waiting sender continue and the fake worker's timers run. */
    async releaseAll() {
      for (const resume of waiting.splice(0)) resume();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

describe("worker client: sending in slices", () => {
  beforeEach(() => {
    FakeWorker.created = [];
  });

  test("a small matrix goes in one analysis request, as before", async () => {
    const client = new RfmWorkerClient(() => new FakeWorker());
    const result = await client.runAnalysis(VALUES, MAPPING, {});
    expect(result.totals.customers).toBe(4);
    expect(FakeWorker.created[0]!.received.map((m) => m.type)).toEqual(["analyze"]);
  });

  test("a big matrix goes in slices a task apart, and the result is the same as in one piece", async () => {
    const events: string[] = [];
    const client = new RfmWorkerClient(
      () => {
        const worker = new FakeWorker();
        const post = worker.postMessage.bind(worker);
        worker.postMessage = (message) => {
          events.push(message.type === "rows" ? `rows ${message.start}+${message.values.length}` : message.type);
          post(message);
        };
        return worker;
      },
      {
        sliceCells: SIX_CELLS,
        yieldToEventLoop: () => {
          events.push("yield");
          return new Promise((resolve) => setTimeout(resolve, 0));
        },
      },
    );
    const result = await client.runAnalysis(VALUES, MAPPING, {});
    expect(events).toEqual(["rows 0+2", "yield", "rows 2+2", "yield", "analyze"]);
    const analyze = FakeWorker.created[0]!.received.at(-1);
    expect(analyze).toMatchObject({ type: "analyze", rowsBefore: 4, values: VALUES.slice(4) });
    expect(Array.from(result.customers.monetary)).toEqual(
      Array.from(analyzeRfm(VALUES, MAPPING, {}).customers.monetary),
    );

    const many = salesRows(1000);
    const sliced = await new RfmWorkerClient(() => new FakeWorker(), { sliceCells: 300 }).runAnalysis(
      many,
      MAPPING,
      {},
    );
    const whole = analyzeRfm(many, MAPPING, {});
    expect(FakeWorker.created[1]!.received).toHaveLength(11); // 1001 rows, 100 a slice: 10 slices and the last row
    expect(sliced.customers.id).toEqual(whole.customers.id);
    expect(Array.from(sliced.customers.frequency)).toEqual(Array.from(whole.customers.frequency));
    expect(sliced.customers.segment).toEqual(whole.customers.segment);
    expect(sliced.totals).toEqual(whole.totals);
  });

  test("cancel in the middle of sending terminates the worker, stops the slices and rejects", async () => {
    const gate = manualYield();
    const client = new RfmWorkerClient(() => new FakeWorker(), {
      sliceCells: SIX_CELLS,
      yieldToEventLoop: gate.yieldToEventLoop,
    });
    const controller = new AbortController();
    const first = client.runAnalysis(VALUES, MAPPING, {}, undefined, controller.signal);
    const worker = FakeWorker.created[0]!;
    expect(worker.received.map((m) => m.type)).toEqual(["rows"]);
    controller.abort();
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    expect(worker.terminated).toBe(true);
    await gate.releaseAll();
    expect(worker.received).toHaveLength(1);
    expect(FakeWorker.created).toHaveLength(1); // the stopped sender did not start a worker of its own

    const second = client.runAnalysis(VALUES, MAPPING, {});
    while (gate.waiting.length > 0) await gate.releaseAll();
    expect((await second).totals.customers).toBe(4);
    expect(FakeWorker.created).toHaveLength(2);
  });

  test("a newer request while the older one is still sending: the older stops and rejects, the newer is answered", async () => {
    const gate = manualYield();
    const client = new RfmWorkerClient(() => new FakeWorker(), {
      sliceCells: SIX_CELLS,
      yieldToEventLoop: gate.yieldToEventLoop,
    });
    const older = client.runAnalysis(salesRows(9), MAPPING, { k: 3 });
    const newer = client.runAnalysis(VALUES, MAPPING, { k: 4 });
    await expect(older).rejects.toBeInstanceOf(CancelledError);
    while (gate.waiting.length > 0) await gate.releaseAll();
    const result = await newer;
    expect(result.options.k).toBe(4);
    expect(result.totals.customers).toBe(4);
    const [first, second] = FakeWorker.created;
    expect(first!.terminated).toBe(true);
    expect(first!.received).toHaveLength(1);
    expect(second!.received.every((message) => message.requestId === second!.received[0]!.requestId)).toBe(true);
  });
});
