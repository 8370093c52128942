/**
 * Memory of a full sheet (issue 14 item 10): A:F of a sheet whose 1,048,576 rows all hold a sale (customer, date,
 * amount, order, region, product), read and analysed the way the pane does it (previewSource, readEncoded with
 * each chunk encoded as it arrives, the analysis on the encoded rows). The JS heap is sampled after a full GC at
 * every progress callback; its peak above the workbook's own (the simulator's cells, measured first), array buffers
 * (the typed arrays) included, must stay within 150 MB. Measured: +15 MB heap, +60 MB buffers. Reading the whole
 * matrix (readSource + analyzeRfm, the pane's path before) measures +138 MB heap, +37 MB buffers here: over.
 *
 * Cells arrive as new objects per read, as from Office.js (the simulator copies what a load returns).
 * A bound on memory, not on time: it holds on a loaded machine too. `MEMORY_PATH=matrix` measures the old path
 * instead (printed, and then expected to fail the bound).
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { analyzeEncodedRows, analyzeRfm, guessMapping } from "../../src/engine";
import type { RfmOptions } from "../../src/engine/types";
import { createOfficeGateway } from "../../src/excel/office-gateway";
import { MAX_ROWS, type SimCellValue } from "../../src/workbook-sim";
import { installSim } from "./helpers";

const LIMIT_MB = 150;

/** A full collection before each sample, so the figure is what is still held, not garbage not yet collected. */
function fullGc(): () => void {
  const exposed = global.gc;
  // Called without options, gc() collects synchronously (its Promise form needs { execution: "async" }).
  if (typeof exposed === "function") return () => void exposed();
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

const MB = 1024 * 1024;

describe("a full sheet's memory", () => {
  it(`reads and analyses 1,048,576 rows × 6 within ${LIMIT_MB} MB of heap above the workbook's`, async () => {
    const gc = fullGc();
    const header: SimCellValue[] = ["Customer", "Date", "Amount", "Order", "Region", "Product"];
    const sim = installSim({ sheets: [{ name: "Sales", values: [header] }], selection: "Sales!A:F" });
    const rows = sim.workbook.sheets[0]!.rows;
    const customers = Array.from({ length: 200_000 }, (_v, i) => `C${String(i).padStart(6, "0")}`);
    const regions = ["North", "South", "East", "West"];
    const products = Array.from({ length: 50 }, (_v, i) => `Product ${i}`);
    for (let i = 1; i < MAX_ROWS; i++) {
      rows[i] = [
        customers[(i * 7919) % customers.length]!,
        44_000 + (i % 1_500),
        (i % 997) + 0.99,
        `O${Math.floor(i / 3)}`,
        regions[i % regions.length]!,
        products[i % products.length]!,
      ];
    }
    gc();
    const baseline = process.memoryUsage();
    let peakHeap = 0;
    let peakBuffers = 0;
    const sample = () => {
      gc();
      const now = process.memoryUsage();
      peakHeap = Math.max(peakHeap, now.heapUsed - baseline.heapUsed);
      peakBuffers = Math.max(peakBuffers, now.arrayBuffers - baseline.arrayBuffers);
    };

    const gateway = createOfficeGateway();
    const options: Partial<RfmOptions> = { firstRowNumber: 1, today: 46_000 };
    let customerCount: number;
    let dataRows: number;
    if (process.env.MEMORY_PATH === "matrix") {
      const source = await gateway.readSource(sample);
      const mapping = { ...guessMapping(source.values[0] ?? []), dimensions: [4] };
      const result = analyzeRfm(source.values, mapping, options, { onProgress: sample });
      sample();
      customerCount = result.customers.id.length;
      dataRows = result.totals.dataRows;
    } else {
      const preview = await gateway.previewSource(sample);
      expect(preview.rowCount).toBe(MAX_ROWS);
      const mapping = { ...guessMapping(preview.values[0] ?? []), dimensions: [4] };
      expect(mapping).toMatchObject({ customer: 0, date: 1, amount: 2, orderId: 3 });
      const read = await gateway.readEncoded(preview, { mapping, options }, sample);
      sample();
      const result = analyzeEncodedRows(read.rows, options, { onProgress: sample });
      sample();
      customerCount = result.customers.id.length;
      dataRows = result.totals.dataRows;
    }
    expect(dataRows).toBe(MAX_ROWS - 1);
    expect(customerCount).toBe(customers.length);
    console.info(
      `1,048,576 × 6 (${process.env.MEMORY_PATH === "matrix" ? "whole matrix" : "chunks encoded as read"}): ` +
        `peak heap +${Math.round(peakHeap / MB)} MB above the workbook's (${Math.round(baseline.heapUsed / MB)} MB), ` +
        `array buffers +${Math.round(peakBuffers / MB)} MB`,
    );
    expect(peakHeap / MB).toBeLessThanOrEqual(LIMIT_MB);
    expect((peakHeap + peakBuffers) / MB).toBeLessThanOrEqual(LIMIT_MB);
  }, 900_000);
});
