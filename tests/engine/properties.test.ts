import fc from "fast-check";
import { analyzeRfm } from "../../src/engine/index";
import { type CellValue, RfmInputError, type RfmResult } from "../../src/engine/types";
import { ORDER_MAPPING, permute, reorderKeys, sheet } from "./helpers";

const row = fc.tuple(
  fc.constantFrom("A", "B", "C", "D", "E", "F", "G", "H"),
  fc.integer({ min: 45000, max: 45400 }),
  fc.integer({ min: -5_000, max: 50_000 }).map((cents) => cents / 100),
  fc.integer({ min: 1, max: 30 }).map((n) => `O${n}`),
);
const MAX_ROWS = 60;
const rowsArb = fc.array(row, { minLength: 1, maxLength: MAX_ROWS }).filter((rows) => rows.some((r) => r[2] >= 0));

/** The per-customer outputs, keyed by id, independent of customer order. */
function snapshot(result: RfmResult, scale = 1): Record<string, unknown[]> {
  const c = result.customers;
  const out: Record<string, unknown[]> = {};
  for (let i = 0; i < c.id.length; i++) {
    out[c.id[i]!] = [
      c.recency[i],
      c.frequency[i],
      Math.round((c.monetary[i]! / scale) * 10_000),
      c.r[i],
      c.f[i],
      c.m[i],
      c.segment[i],
      c.valueClass[i],
      c.tier[i],
      c.lifecycle[i],
    ];
  }
  return out;
}

function run(rows: CellValue[][], options = {}): RfmResult | "error" {
  try {
    return analyzeRfm(sheet(rows), ORDER_MAPPING, options);
  } catch (error) {
    // e.g. no purchase on or before the analysis date: both variants must then fail the same way
    if (error instanceof RfmInputError) return "error";
    throw error;
  }
}

describe("properties", () => {
  it("shuffling rows changes nothing, with either threshold and either monetary of the value matrix", () => {
    const valueMatrix = fc.record({
      threshold: fc.constantFrom<"mean" | "median">("mean", "median"),
      monetary: fc.constantFrom<"total" | "aov">("total", "aov"),
    });
    fc.assert(
      fc.property(rowsArb, reorderKeys(MAX_ROWS), valueMatrix, (rows, keys, matrix) => {
        const shuffled = permute(rows, keys);
        const a = run(rows, { valueMatrix: matrix });
        const b = run(shuffled, { valueMatrix: matrix });
        if (a === "error" || b === "error") return expect(a).toBe(b);
        expect(snapshot(b)).toEqual(snapshot(a));
        expect(b.breakpoints).toEqual(a.breakpoints);
        expect(b.totals.revenue).toBe(a.totals.revenue);
        expect(b.valueMatrixThresholds).toEqual(a.valueMatrixThresholds);
      }),
      { numRuns: 300 },
    );
  });

  it("scaling amounts by a positive constant changes no score or segment", () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom(2, 10, 100), (rows, factor) => {
        const scaled = rows.map(([c, d, a, o]) => [c, d, Math.round(a * 100 * factor) / 100, o]);
        const a = run(rows);
        const b = run(scaled);
        if (a === "error" || b === "error") return expect(a).toBe(b);
        expect(snapshot(b, factor)).toEqual(snapshot(a));
      }),
      { numRuns: 150 },
    );
  });

  it("every customer is in exactly one segment per scheme, for every k", () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom(3, 4, 5, 10), (rows, k) => {
        const result = run(rows, { k });
        if (result === "error") return;
        const n = result.totals.customers;
        for (const scheme of Object.values(result.summaries))
          expect(scheme.reduce((s, r) => s + r.customers, 0)).toBe(n);
        for (let i = 0; i < n; i++) {
          for (const score of [result.customers.r[i]!, result.customers.f[i]!, result.customers.m[i]!]) {
            expect(score).toBeGreaterThanOrEqual(1);
            expect(score).toBeLessThanOrEqual(k);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
