import { analyzeRfm } from "../../src/engine";
import { CancelledError, type CellValue, type RfmResult } from "../../src/engine/types";
import { syntheticSalesRows } from "../../src/demo/synthetic-sales";
import type { Forecast } from "../../src/forecast";
import { createAnalysisHandler, transferablesOf } from "../../src/worker/analysis-handler";
import type { WorkerResponse } from "../../src/worker/protocol";
import { RfmWorkerClient, runAnalysisInProcess } from "../../src/worker/worker-client";
import { FakeWorker } from "./fake-worker";

// Order ID, Customer ID, Order Date, Region, Amount: enough repeat buyers for a forecast, and an order column,
// so the analysis reuses the rows' days and amounts as scratch (the forecast must have read them before).
const ROWS = syntheticSalesRows(3000, 7) as CellValue[][];
const MAPPING = { customer: 1, date: 2, amount: 4, orderId: 0, dimensions: [] };
const TINY: CellValue[][] = [
  ["Customer", "Date", "Amount"],
  ["C1", 45000, 10],
  ["C1", 45020, 30],
  ["C2", 45010, 20],
];

function collect() {
  const posted: { message: WorkerResponse; transfer: Transferable[] }[] = [];
  return { posted, post: (message: WorkerResponse, transfer: Transferable[]) => posted.push({ message, transfer }) };
}

function resultOf(posted: { message: WorkerResponse }[]): { result: RfmResult; forecast?: Forecast } {
  const last = posted.at(-1)!.message;
  if (last.type !== "result") throw new Error(`expected a result, got ${last.type}`);
  return last;
}

describe("forecast in the worker", () => {
  test("runs on the same rows, one entry per result customer, and its buffers are transferred", () => {
    const { posted, post } = collect();
    createAnalysisHandler(post)({
      type: "analyze",
      requestId: 1,
      values: ROWS,
      mapping: MAPPING,
      options: {},
      forecast: { horizonDays: 90 },
    });
    const { result, forecast } = resultOf(posted);
    expect(forecast).toBeDefined();
    const columns = forecast!.columns;
    expect(forecast!.report.horizonDays).toBe(90);
    expect(forecast!.report.bgnbd?.converged).toBe(true);
    expect(forecast!.report.analysisDate).toBe(result.analysisDate);
    // Index i is result customer i: same tenure (T) and purchase count (x + 1 distinct days ≤ orders).
    expect(columns.pAlive).toHaveLength(result.customers.id.length);
    for (let i = 0; i < result.customers.id.length; i++) {
      expect(columns.T[i]).toBe(result.customers.tenure[i]);
      expect(columns.x[i]! + 1).toBeLessThanOrEqual(result.customers.frequency[i]!);
    }
    const transfer = posted.at(-1)!.transfer;
    expect(transfer).toEqual(transferablesOf(result, forecast));
    expect(transfer).toContain(columns.pAlive.buffer);
    expect(transfer).toContain(columns.clv.buffer);
    expect(new Set(transfer).size).toBe(transfer.length);
    // A clone with the transfer list keeps the numbers and detaches the forecast's buffers (not copied).
    const pAlive = Array.from(columns.pAlive);
    const clone = structuredClone(posted.at(-1)!.message, { transfer }) as { forecast: Forecast };
    expect(Array.from(clone.forecast.columns.pAlive)).toEqual(pAlive);
    expect(columns.pAlive.length).toBe(0);
  });

  test("gives the same numbers as the forecast run on a fresh encode, and none when not asked for", () => {
    const { posted, post } = collect();
    const handle = createAnalysisHandler(post);
    handle({ type: "analyze", requestId: 1, values: ROWS, mapping: MAPPING, options: {} });
    expect(resultOf(posted).forecast).toBeUndefined();
    expect(posted.at(-1)!.message).not.toHaveProperty("forecast");
    handle({
      type: "analyze",
      requestId: 2,
      values: ROWS,
      mapping: MAPPING,
      options: {},
      forecast: { horizonDays: 30 },
    });
    const first = resultOf(posted).forecast!;
    // Without an order column nothing is reused as scratch: the forecast must not depend on it.
    const noOrder = { ...MAPPING, orderId: undefined };
    handle({
      type: "analyze",
      requestId: 3,
      values: ROWS,
      mapping: noOrder,
      options: {},
      forecast: { horizonDays: 30 },
    });
    const second = resultOf(posted).forecast!;
    expect(Array.from(first.columns.expectedPurchases)).toEqual(Array.from(second.columns.expectedPurchases));
  });

  test("too little data: a forecast with its reason and empty columns, the analysis as usual", () => {
    const { posted, post } = collect();
    createAnalysisHandler(post)({
      type: "analyze",
      requestId: 1,
      values: TINY,
      mapping: { customer: 0, date: 1, amount: 2, dimensions: [] },
      options: {},
      forecast: { horizonDays: 90 },
    });
    const { result, forecast } = resultOf(posted);
    expect(result.totals.customers).toBe(2);
    expect(forecast!.report.bgnbd).toBeNull();
    expect(forecast!.report.notes).toContain("too_few_repeat_customers");
    expect(Number.isNaN(forecast!.columns.pAlive[0]!)).toBe(true);
  });

  test("the client resolves with the forecast; the in-process fallback gives the same", async () => {
    FakeWorker.created = [];
    const client = new RfmWorkerClient(() => new FakeWorker());
    const fractions: number[] = [];
    const outcome = await client.runAnalysis(ROWS, MAPPING, {}, (f) => fractions.push(f), undefined, {
      horizonDays: 180,
    });
    expect(FakeWorker.created[0]!.received.at(-1)).toMatchObject({ type: "analyze", forecast: { horizonDays: 180 } });
    expect(outcome.forecast?.report.horizonDays).toBe(180);
    expect(fractions.at(-1)).toBe(1);
    const inProcess = await runAnalysisInProcess(ROWS, MAPPING, {}, undefined, undefined, { horizonDays: 180 });
    expect(Array.from(inProcess.forecast!.columns.clv)).toEqual(Array.from(outcome.forecast!.columns.clv));
    const plain = await runAnalysisInProcess(ROWS, MAPPING, {});
    expect(plain.forecast).toBeUndefined();
    expect(plain.customers.id).toEqual(analyzeRfm(ROWS, MAPPING, {}).customers.id);
  });

  test("cancel during a forecasting run terminates the worker and rejects as cancelled", async () => {
    FakeWorker.created = [];
    const client = new RfmWorkerClient(() => new FakeWorker());
    const controller = new AbortController();
    const run = client.runAnalysis(ROWS, MAPPING, {}, undefined, controller.signal, { horizonDays: 90 });
    const busy = FakeWorker.created[0]!;
    busy.hold = true;
    controller.abort();
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(busy.terminated).toBe(true);
  });
});
