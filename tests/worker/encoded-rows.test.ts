/**
 * Rows encoded while reading (EncodedRows) go to the worker as typed arrays, transferred rather than copied, and
 * give the result analyzeRfm gives on the same cells, in the worker and in process.
 */
import { analyzeRfm, startRowEncoder, type EncodedRows } from "../../src/engine";
import type { CellValue, RfmOptions } from "../../src/engine/types";
import { createAnalysisHandler } from "../../src/worker/analysis-handler";
import type { WorkerRequest, WorkerResponse } from "../../src/worker/protocol";
import { RfmWorkerClient, runAnalysisInProcess, type WorkerLike } from "../../src/worker/worker-client";

const VALUES: CellValue[][] = [["Customer", "Date", "Amount", "Order", "Region"]];
for (let i = 0; i < 300; i++)
  VALUES.push([
    `C${(i * 7) % 23}`,
    45000 + ((i * 13) % 400),
    i % 11 === 0 ? -4 : 5 + (i % 97),
    `O${i >> 1}`,
    `R${i % 3}`,
  ]);
VALUES.push(["", "bad", 1, "", ""]);
const MAPPING = { customer: 0, date: 1, amount: 2, orderId: 3, dimensions: [4] };
const OPTIONS: Partial<RfmOptions> = { today: 45500, compareDaysBefore: 90 };

function encoded(): EncodedRows {
  const encoder = startRowEncoder(VALUES[0]!, 5, VALUES.length - 1, MAPPING, OPTIONS);
  // Three chunks, as a read would hand them over.
  encoder.add(VALUES.slice(1, 100));
  encoder.add(VALUES.slice(100, 250));
  encoder.add(VALUES.slice(250));
  return encoder.finish();
}

/** A worker that clones each message with its transfer list, as postMessage does, and runs the real handler. */
class CloningWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  transferred: Transferable[] = [];
  private readonly handle = createAnalysisHandler((message, transfer) => {
    const data = structuredClone(message, { transfer });
    setTimeout(() => this.onmessage?.({ data } as MessageEvent<WorkerResponse>), 0);
  });
  postMessage(message: WorkerRequest, transfer: Transferable[] = []): void {
    this.transferred.push(...transfer);
    const data = structuredClone(message, { transfer });
    setTimeout(() => this.handle(data), 0);
  }
  terminate(): void {}
}

describe("encoded rows", () => {
  const expected = analyzeRfm(VALUES, MAPPING, OPTIONS);

  test("are transferred to the worker and analysed as the cells would be", async () => {
    const worker = new CloningWorker();
    const client = new RfmWorkerClient(() => worker);
    const rows = encoded();
    const result = await client.runAnalysis(rows, MAPPING, OPTIONS, undefined, undefined, { horizonDays: 90 });
    expect(worker.transferred.length).toBeGreaterThan(0);
    // Moved, not copied: the pane's arrays are detached.
    expect(rows.rowCustomer.byteLength).toBe(0);
    const { forecast, ...rest } = result;
    expect(rest).toEqual(expected);
    expect(forecast?.columns.pAlive.length).toBe(expected.customers.id.length);
  });

  test("are analysed in process as the cells would be", async () => {
    expect(await runAnalysisInProcess(encoded(), MAPPING, OPTIONS)).toEqual(expected);
  });
});
