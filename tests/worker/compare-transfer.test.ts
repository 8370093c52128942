/** The comparison's typed arrays travel back from the worker, transferred rather than copied (issue 11). */
import type { RfmResult } from "../../src/engine/types";
import { createAnalysisHandler, transferablesOf } from "../../src/worker/analysis-handler";
import type { WorkerResponse } from "../../src/worker/protocol";

test("compareDate reaches the engine and the comparison's arrays come back, their buffers transferred", () => {
  const posted: { message: WorkerResponse; transfer: Transferable[] }[] = [];
  createAnalysisHandler((message, transfer) => posted.push({ message, transfer }))({
    type: "analyze",
    requestId: 1,
    values: [
      ["Customer", "Date", "Amount"],
      ["C1", 45000, 10],
      ["C2", 45010, 20],
      ["C1", 45100, 30],
      ["C3", 45100, 5],
    ],
    mapping: { customer: 0, date: 1, amount: 2, dimensions: [] },
    options: { compareDate: 45050 },
  });
  const { message, transfer } = posted.at(-1)!;
  const result = (message as { result: RfmResult }).result;
  const comparison = result.comparison!;
  const change = Array.from(comparison.change);
  expect(comparison.compareDate).toBe(45050);
  for (const array of [
    comparison.prevSegment,
    comparison.prevValueClass,
    comparison.prevTier,
    comparison.prevLifecycle,
    comparison.change,
    comparison.earlierIndex,
    comparison.periodMonetary,
    comparison.earlier.customers.segment,
  ])
    expect(transfer).toContain(array.buffer);
  expect(new Set(transfer).size).toBe(transfer.length);
  expect(transfer).toEqual(transferablesOf(result));
  const clone = structuredClone(message, { transfer }) as { result: RfmResult };
  expect(Array.from(clone.result.comparison!.change)).toEqual(change);
  expect(comparison.change.byteLength).toBe(0); // transferred, not copied
  expect(Array.from(clone.result.comparison!.prevSegment)).toHaveLength(3);
  expect(clone.result.comparison!.prevSegment[2]).toBe(-1);
});
