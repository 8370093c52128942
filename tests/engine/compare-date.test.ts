/**
 * SPEC.md, "Change since an earlier date":
 * - "earlier result: the whole analysis above, on the same rows and options, with analysis date C. Rows dated
 *   after C do not count in it (they are not skipped rows of the report). Breakpoints, means, medians, tier
 *   cut-offs and lifecycle stages come from the customers who had at least one purchase on or before C. Every
 *   customer of the earlier result is a customer of the current one."
 * - "per customer of the current result: prev_segment, prev_value_class, prev_tier, prev_lifecycle from the
 *   earlier result, empty when the customer is not in it; segment_change = new (not in the earlier result), same
 *   (same standard segment), changed."
 * - "movement matrix: rows = earlier standard segment, plus a row new; columns = current standard segment; each
 *   cell holds the number of customers and their net revenue in the period (C, D] (current monetary − earlier
 *   monetary, exact). Rows sum to the earlier segment counts; the whole matrix sums to the current customer
 *   count. The same for tiers (A, B, C, new)."
 */
import fc from "fast-check";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { analyzeRfm, defaultCompareDate, guessMapping, isoDateToSerial, MONEY_SCALE } from "../../src/engine/index";
import {
  type CellValue,
  type ColumnMapping,
  LIFECYCLE_KEYS,
  NO_PREVIOUS,
  type RfmComparison,
  RfmInputError,
  type RfmOptions,
  type RfmResult,
  SEGMENT_CHANGE_KEYS,
  STANDARD_SEGMENT_KEYS,
  TIER_KEYS,
  VALUE_CLASS_KEYS,
} from "../../src/engine/types";
import { readCsv } from "./dataset-files";
import { BASIC_MAPPING, DATASETS, ORDER_MAPPING, sheet } from "./helpers";

/** Per customer (key: id, folded when ignoring case) the columns a CLI row shows, plus exact monetary units. */
function perCustomer(result: Pick<RfmResult, "customers">, fold: boolean): Map<string, unknown[]> {
  const c = result.customers;
  const out = new Map<string, unknown[]>();
  for (let i = 0; i < c.id.length; i++) {
    out.set(fold ? c.id[i]!.toLowerCase() : c.id[i]!, [
      c.firstPurchase[i],
      c.lastPurchase[i],
      c.recency[i],
      c.tenure[i],
      c.frequency[i],
      Math.round(c.monetary[i]! * MONEY_SCALE),
      c.aov[i],
      c.r[i],
      c.f[i],
      c.m[i],
      STANDARD_SEGMENT_KEYS[c.segment[i]!],
      VALUE_CLASS_KEYS[c.valueClass[i]!],
      TIER_KEYS[c.tier[i]!],
      LIFECYCLE_KEYS[c.lifecycle[i]!],
    ]);
  }
  return out;
}

/** The comparison's earlier columns per current customer: [prev segment, value class, tier, lifecycle, change]. */
function prevColumns(result: RfmResult, fold: boolean): Map<string, (string | undefined)[]> {
  const comparison = result.comparison!;
  const out = new Map<string, (string | undefined)[]>();
  const key = <K extends string>(keys: readonly K[], index: number) =>
    index === NO_PREVIOUS ? undefined : keys[index];
  for (let i = 0; i < result.customers.id.length; i++) {
    const id = result.customers.id[i]!;
    out.set(fold ? id.toLowerCase() : id, [
      key(STANDARD_SEGMENT_KEYS, comparison.prevSegment[i]!),
      key(VALUE_CLASS_KEYS, comparison.prevValueClass[i]!),
      key(TIER_KEYS, comparison.prevTier[i]!),
      key(LIFECYCLE_KEYS, comparison.prevLifecycle[i]!),
      SEGMENT_CHANGE_KEYS[comparison.change[i]!],
    ]);
  }
  return out;
}

function unitsOf(value: number): number {
  return Math.round(value * MONEY_SCALE);
}

/** The movement-matrix invariants SPEC states, plus the revenue reconciliation. */
function expectMovementConsistent(result: RfmResult): void {
  const comparison = result.comparison!;
  const { earlier } = comparison;
  const n = result.totals.customers;
  let currentUnits = 0;
  for (let i = 0; i < n; i++) currentUnits += unitsOf(result.customers.monetary[i]!);
  let earlierUnits = 0;
  for (let j = 0; j < earlier.totals.customers; j++) earlierUnits += unitsOf(earlier.customers.monetary[j]!);
  const schemes = [
    [comparison.movement.segment, earlier.summaries.standard, result.summaries.standard],
    [comparison.movement.tier, earlier.summaries.tier, result.summaries.tier],
  ] as const;
  for (const [matrix, earlierSummary, currentSummary] of schemes) {
    expect(matrix.customers).toHaveLength(matrix.from.length + 1);
    const all = matrix.customers.flat().reduce((a, b) => a + b, 0);
    expect(all).toBe(n);
    // Each earlier row sums to that class's earlier count; the "new" row to the customers not in the earlier result.
    matrix.from.forEach((key, row) => {
      const rowSum = matrix.customers[row]!.reduce((a, b) => a + b, 0);
      expect([key, rowSum]).toEqual([key, earlierSummary.find((s) => s.key === key)!.customers]);
    });
    expect(matrix.customers[matrix.from.length]!.reduce((a, b) => a + b, 0)).toBe(comparison.changeCounts.new);
    // Columns sum to the current counts.
    matrix.to.forEach((key, column) => {
      const columnSum = matrix.customers.reduce((sum, row) => sum + row[column]!, 0);
      expect([key, columnSum]).toEqual([key, currentSummary.find((s) => s.key === key)!.customers]);
    });
    // Revenue cells sum to the current total minus the earlier total, exactly in units.
    const revenueUnits = matrix.revenueUnits.flat().reduce((a, b) => a + b, 0);
    expect(revenueUnits).toBe(currentUnits - earlierUnits);
    matrix.revenueUnits.forEach((row, r) => row.forEach((u, c) => expect(unitsOf(matrix.revenue[r]![c]!)).toBe(u)));
  }
  let periodUnits = 0;
  for (let i = 0; i < n; i++) periodUnits += unitsOf(comparison.periodMonetary[i]!);
  expect(periodUnits).toBe(currentUnits - earlierUnits);
  const { changeCounts } = comparison;
  expect(changeCounts.new + changeCounts.same + changeCounts.changed).toBe(n);
  expect(changeCounts.new).toBe(n - earlier.totals.customers);
  // The diagonal of the segment matrix is the customers whose segment stayed the same.
  const segment = comparison.movement.segment;
  expect(segment.from.reduce((sum, _, s) => sum + segment.customers[s]![s]!, 0)).toBe(changeCounts.same);
}

describe("compare date: hand-worked (k = 3, C = 2024-02-29, D = 2024-03-31)", () => {
  // Worked out in the comments below; order ids mapped, B has a return after C, C has a two-line order after C,
  // D first buys after C.
  const rows: CellValue[][] = [
    ["A", "2024-01-05", 100, "O1"],
    ["A", "2024-02-20", 50, "O2"],
    ["A", "2024-03-25", 200, "O3"],
    ["B", "2024-01-10", 300, "O4"],
    ["B", "2024-03-30", -100, "O5"],
    ["C", "2024-02-28", 40, "O6"],
    ["C", "2024-03-10", 60, "O7"],
    ["C", "2024-03-10", 10, "O7"],
    ["D", "2024-03-15", 500, "O8"],
    ["E", "2024-01-20", 20, "O9"],
  ];
  const result = analyzeRfm(sheet(rows), ORDER_MAPPING, {
    k: 3,
    analysisDate: isoDateToSerial("2024-03-31"),
    compareDate: isoDateToSerial("2024-02-29"),
  });
  const comparison = result.comparison!;
  const { earlier } = comparison;

  it("computes the earlier result from the rows on or before C, without reporting later rows as skipped", () => {
    expect(comparison.compareDate).toBe(isoDateToSerial("2024-02-29"));
    expect(earlier.analysisDate).toBe(isoDateToSerial("2024-02-29"));
    expect(result.skipped.count).toBe(0);
    // Rows on or before C: A 2, B 1, C 1, E 1.
    expect(earlier.totals).toEqual({
      dataRows: 10,
      blankRows: 0,
      usedRows: 5,
      customers: 4,
      revenue: 510,
      positiveRevenue: 510,
    });
    // Earlier: A rec 9 f 2 m 150; B rec 50 f 1 m 300; C rec 1 f 1 m 40; E rec 40 f 1 m 20. n = 4, k = 3: the
    // rank (n − 1)·j / 3 is whole, so b_j = x_j of the sorted values.
    expect(earlier.breakpoints).toEqual({ recency: [9, 40], frequency: [1, 1], monetary: [40, 150] });
    expect(earlier.valueMatrixThresholds).toEqual({ recency: 25, frequency: 1.25, monetary: 127.5 });
    // R = 4 − bin(recency): A 3, B 1, C 3, E 2. F: A 3, others 1. M: A 2, B 3, C 1, E 1. Five levels
    // CEIL(5s/3): 1→2, 2→4, 3→5. A: R5 FM ROUND(4.5)=5 champions; B: R2 FM ROUND(3.5)=4 at_risk;
    // C: R5 FM 2 potential_loyalist; E: R4 FM 2 potential_loyalist.
    const byId = perCustomer(earlier, false);
    expect(byId.get("A")!.slice(7)).toEqual([3, 3, 2, "champions", "important_value", "A", "active"]);
    expect(byId.get("B")!.slice(7)).toEqual([1, 1, 3, "at_risk", "important_recall", "A", "recently_lapsed"]);
    expect(byId.get("C")!.slice(7)).toEqual([3, 1, 1, "potential_loyalist", "general_develop", "B", "active"]);
    expect(byId.get("E")!.slice(7)).toEqual([2, 1, 1, "potential_loyalist", "general_recall", "C", "recently_lapsed"]);
    expect(byId.has("D")).toBe(false);
  });

  it("scores the current result as without a compare date", () => {
    const alone = analyzeRfm(sheet(rows), ORDER_MAPPING, { k: 3, analysisDate: isoDateToSerial("2024-03-31") });
    expect(perCustomer(result, false)).toEqual(perCustomer(alone, false));
    expect(alone.comparison).toBeUndefined();
    // Current: A rec 6 f 3 m 350; B 81 1 200; C 21 2 110; D 16 1 500; E 71 1 20.
    const byId = perCustomer(result, false);
    expect(byId.get("A")!.slice(10)).toEqual(["champions", "important_value", "A", "active"]);
    expect(byId.get("B")!.slice(10)).toEqual(["at_risk", "general_recall", "A", "recently_lapsed"]);
    expect(byId.get("C")!.slice(10)).toEqual(["loyal", "general_value", "B", "active"]);
    expect(byId.get("D")!.slice(10)).toEqual(["champions", "important_develop", "A", "active"]);
    expect(byId.get("E")!.slice(10)).toEqual(["hibernating", "general_recall", "C", "recently_lapsed"]);
  });

  it("gives each current customer its earlier classes and the change", () => {
    expect(Object.fromEntries(prevColumns(result, false))).toEqual({
      A: ["champions", "important_value", "A", "active", "same"],
      B: ["at_risk", "important_recall", "A", "recently_lapsed", "same"],
      C: ["potential_loyalist", "general_develop", "B", "active", "changed"],
      D: [undefined, undefined, undefined, undefined, "new"],
      E: ["potential_loyalist", "general_recall", "C", "recently_lapsed", "changed"],
    });
    const period = Object.fromEntries(result.customers.id.map((id, i) => [id, comparison.periodMonetary[i]]));
    // A 350 − 150, B 200 − 300 (the return after C), C 110 − 40, D new 500, E 20 − 20.
    expect(period).toEqual({ A: 200, B: -100, C: 70, D: 500, E: 0 });
    expect(comparison.changeCounts).toEqual({ new: 1, same: 2, changed: 2 });
  });

  it("builds the movement matrices", () => {
    const cells = (matrix: RfmComparison["movement"]["segment"] | RfmComparison["movement"]["tier"]) => {
      const out: Record<string, [number, number]> = {};
      matrix.customers.forEach((row, r) =>
        row.forEach((count, c) => {
          if (count > 0) out[`${matrix.from[r] ?? "(new)"} → ${matrix.to[c]}`] = [count, matrix.revenue[r]![c]!];
        }),
      );
      return out;
    };
    expect(cells(comparison.movement.segment)).toEqual({
      "champions → champions": [1, 200],
      "at_risk → at_risk": [1, -100],
      "potential_loyalist → loyal": [1, 70],
      "potential_loyalist → hibernating": [1, 0],
      "(new) → champions": [1, 500],
    });
    expect(cells(comparison.movement.tier)).toEqual({
      "A → A": [2, 100],
      "B → B": [1, 70],
      "C → C": [1, 0],
      "(new) → A": [1, 500],
    });
    expect(comparison.movement.segment.revenueUnits[3]![1]).toBe(0); // new → loyal: empty cell
    expect(comparison.movement.tier.revenueUnits[0]![0]).toBe(100 * MONEY_SCALE);
    expectMovementConsistent(result);
  });
});

describe("compare date: options are checked", () => {
  const rows = sheet([
    ["A", "2024-01-05", 100],
    ["B", "2024-03-01", 50],
  ]);

  function errorOf(options: Partial<RfmOptions>): RfmInputError {
    try {
      analyzeRfm(rows, BASIC_MAPPING, options);
    } catch (error) {
      if (error instanceof RfmInputError) return error;
      throw error;
    }
    throw new Error("no error");
  }

  it("must be strictly before the analysis date, given or default", () => {
    const given = errorOf({ analysisDate: isoDateToSerial("2024-03-01"), compareDate: isoDateToSerial("2024-03-01") });
    expect(given.code).toBe("bad_option");
    expect(given.detail.option).toBe("compareDate");
    expect(given.message).toBe(
      "The compare date (2024-03-01) must be before the analysis date (2024-03-01). Choose an earlier compare date.",
    );
    // Default analysis date = the latest purchase, 2024-03-01.
    const byDefault = errorOf({ compareDate: isoDateToSerial("2024-03-05") });
    expect(byDefault.message).toBe(
      "The compare date (2024-03-05) must be before the analysis date (2024-03-01). Choose an earlier compare date.",
    );
  });

  it("must be a date", () => {
    expect(errorOf({ compareDate: Number.NaN }).message).toBe("The compare date is not a valid date.");
  });

  it("needs a purchase on or before it", () => {
    const error = errorOf({ compareDate: isoDateToSerial("2024-01-04") });
    expect(error.code).toBe("bad_option");
    expect(error.message).toBe(
      "No purchase is dated on or before the compare date (2024-01-04), so there is nothing to compare with. Choose a later compare date.",
    );
  });

  it("drops the time of day like the analysis date", () => {
    const result = analyzeRfm(rows, BASIC_MAPPING, { compareDate: isoDateToSerial("2024-01-05") + 0.75 });
    expect(result.comparison!.compareDate).toBe(isoDateToSerial("2024-01-05"));
    // Only A had bought by then (recency 0, every score level's breakpoint 0: R 5, F 1, M 1, segment "new");
    // now A is 56 days back (R 1) and the bigger spender (M 5): FM 3, at_risk.
    expect(Object.fromEntries(prevColumns(result, false))).toEqual({
      A: ["new", "important_value", "A", "active", "changed"], // alone, A is at every mean: all high
      B: [undefined, undefined, undefined, undefined, "new"],
    });
    expect(STANDARD_SEGMENT_KEYS[result.customers.segment[0]!]).toBe("at_risk");
    expect(result.comparison!.changeCounts).toEqual({ new: 1, same: 0, changed: 1 });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property: the comparison equals a separate analysis at C of the rows dated on or before C, joined by customer.

const FIRST_DAY = 45_000;
const DAYS = 150;

/**
 * Lines of one order come in runs (the readers link a line to the previous line of the same customer and order),
 * each line with its own date, so runs straddle the compare date; "" = no order id.
 */
const runArb = fc
  .tuple(
    fc.constantFrom("A", "a", "B", "b", "C", "D", "E", "F", "G", " H ", "h"),
    fc.constantFrom("O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8", "", "O1"),
    fc.array(
      fc.tuple(
        fc.integer({ min: FIRST_DAY, max: FIRST_DAY + DAYS }),
        fc.integer({ min: -5_000, max: 50_000 }).map((cents) => cents / 100),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([customer, order, lines]) =>
    lines.map(([day, amount]): [string, number, number, string] => [customer, day, amount, order]),
  );
const ledgerArb = fc.array(runArb, { minLength: 1, maxLength: 30 }).map((runs) => runs.flat());
const optionsArb = fc.record({
  k: fc.constantFrom<3 | 4 | 5 | 10>(3, 4, 5, 10),
  valueMatrix: fc.record({
    threshold: fc.constantFrom<"mean" | "median">("mean", "median"),
    monetary: fc.constantFrom<"total" | "aov">("total", "aov"),
  }),
  ignoreCase: fc.boolean(),
  withOrders: fc.boolean(),
  /** Days before the latest purchase for D (undefined: the default analysis date). */
  analysisBack: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
  /** Days from D back to C (at least 1). */
  compareBack: fc.integer({ min: 1, max: 120 }),
});

type Outcome<T> = T | { error: string };

function attempt<T>(run: () => T): Outcome<T> {
  try {
    return run();
  } catch (error) {
    if (error instanceof RfmInputError) return { error: error.code };
    throw error;
  }
}

describe("compare date: property against a separate analysis at C", () => {
  it("earlier columns and the earlier result equal a separate analysis of the rows dated on or before C", () => {
    fc.assert(
      fc.property(ledgerArb, optionsArb, (rows, o) => {
        const latestPurchase = Math.max(-1, ...rows.filter((r) => r[2] >= 0).map((r) => r[1]));
        if (latestPurchase < 0) return; // no purchase at all: nothing to compare
        const analysisDate = o.analysisBack === undefined ? undefined : latestPurchase - o.analysisBack;
        const compareDate = (analysisDate ?? latestPurchase) - o.compareBack;
        const mapping: ColumnMapping = o.withOrders ? ORDER_MAPPING : BASIC_MAPPING;
        const options: Partial<RfmOptions> = {
          k: o.k,
          valueMatrix: o.valueMatrix,
          ignoreCase: o.ignoreCase,
          analysisDate,
        };
        const withComparison = attempt(() => analyzeRfm(sheet(rows), mapping, { ...options, compareDate }));
        const current = attempt(() => analyzeRfm(sheet(rows), mapping, options));
        const earlierRows = rows.filter((r) => r[1] <= compareDate);
        const separate = attempt(() =>
          analyzeRfm(sheet(earlierRows.length > 0 ? earlierRows : [["", "", ""]]), mapping, {
            ...options,
            analysisDate: compareDate,
          }),
        );
        if ("error" in current) {
          expect(withComparison).toEqual(current);
          return;
        }
        if ("error" in separate) {
          // Nobody had bought by C: the comparison cannot be made, and says so as a bad compare date.
          expect(withComparison).toEqual({ error: "bad_option" });
          return;
        }
        if ("error" in withComparison) throw new Error(`unexpected ${withComparison.error}`);
        const fold = o.ignoreCase;
        // The current result is the same as without the option (skipped rows included).
        expect(perCustomer(withComparison, fold)).toEqual(perCustomer(current, fold));
        expect(withComparison.skipped).toEqual(current.skipped);
        expect(withComparison.totals).toEqual(current.totals);
        expect(withComparison.rowCustomer).toEqual(current.rowCustomer);
        // The earlier result is the separate analysis.
        const { earlier } = withComparison.comparison!;
        expect(perCustomer(earlier, fold)).toEqual(perCustomer(separate, fold));
        expect(earlier.breakpoints).toEqual(separate.breakpoints);
        expect(earlier.valueMatrixThresholds).toEqual(separate.valueMatrixThresholds);
        expect(earlier.summaries).toEqual(separate.summaries);
        expect(earlier.rfGrid).toEqual(separate.rfGrid);
        expect(earlier.pareto).toEqual(separate.pareto);
        expect(earlier.totals.usedRows).toBe(separate.totals.usedRows);
        expect(earlier.totals.revenue).toBe(separate.totals.revenue);
        expect(earlier.totals.positiveRevenue).toBe(separate.totals.positiveRevenue);
        expect(earlier.returnsOnlyCustomers.map((id) => (fold ? id.toLowerCase() : id)).sort()).toEqual(
          separate.returnsOnlyCustomers.map((id) => (fold ? id.toLowerCase() : id)).sort(),
        );
        // Joined by customer: the prev_* columns are the separate analysis's classes, or empty for new customers.
        const separateById = perCustomer(separate, fold);
        const prev = prevColumns(withComparison, fold);
        const currentById = perCustomer(withComparison, fold);
        for (const id of separateById.keys()) expect(prev.has(id)).toBe(true); // earlier ⊆ current
        for (const [id, columns] of prev) {
          const then = separateById.get(id);
          const now = currentById.get(id)!;
          if (!then) expect(columns).toEqual([undefined, undefined, undefined, undefined, "new"]);
          else expect(columns).toEqual([...then.slice(10), then[10] === now[10] ? "same" : "changed"]);
        }
        // Per-customer revenue in the period, exactly.
        const comparison = withComparison.comparison!;
        for (let i = 0; i < withComparison.customers.id.length; i++) {
          const id = withComparison.customers.id[i]!;
          const then = separateById.get(fold ? id.toLowerCase() : id);
          const expected = unitsOf(withComparison.customers.monetary[i]!) - (then ? (then[5] as number) : 0);
          expect(unitsOf(comparison.periodMonetary[i]!)).toBe(expected);
        }
        expectMovementConsistent(withComparison);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------

const RETAIL = path.join(DATASETS, "online_retail/online_retail_invoices.csv");
const describeRetail = existsSync(RETAIL) ? describe : describe.skip;
if (!existsSync(RETAIL)) {
  console.warn(`compare-date.test.ts: skipping the dataset check, ${RETAIL} is absent (../shared not mounted).`);
}

describeRetail("compare date on the UCI online retail invoices (C = 2011-09-10, D = 2011-12-09)", () => {
  const table = readCsv("online_retail/online_retail_invoices.csv");
  const mapping = guessMapping(table[0]!);
  const compareDate = isoDateToSerial("2011-09-10");
  const result = analyzeRfm(table as CellValue[][], mapping, { compareDate });
  const comparison = result.comparison!;

  it("equals a separate analysis of the invoices dated on or before C", () => {
    const earlierRows = [table[0]!, ...table.slice(1).filter((r) => r[2]!.slice(0, 10) <= "2011-09-10")];
    const separate = analyzeRfm(earlierRows as CellValue[][], mapping, { analysisDate: compareDate });
    expect(result.analysisDate).toBe(isoDateToSerial("2011-12-09"));
    expect(comparison.earlier.totals.customers).toBe(separate.totals.customers);
    expect(perCustomer(comparison.earlier, false)).toEqual(perCustomer(separate, false));
    expect(comparison.earlier.summaries).toEqual(separate.summaries);
    expect(comparison.earlier.breakpoints).toEqual(separate.breakpoints);
    const separateById = perCustomer(separate, false);
    const prev = prevColumns(result, false);
    let mismatches = 0;
    for (const [id, columns] of prev) {
      const then = separateById.get(id);
      const expected = then ? then.slice(10, 14) : [undefined, undefined, undefined, undefined];
      if (JSON.stringify(columns.slice(0, 4)) !== JSON.stringify(expected)) mismatches++;
    }
    expect(mismatches).toBe(0);
    // The skipped rows are the current result's only: 3,710 invoices without a customer, none after D.
    expect(result.skipped.count).toBe(3710);
  });

  it("has consistent movement matrices", () => {
    expectMovementConsistent(result);
    const { changeCounts } = comparison;
    expect(changeCounts.new).toBe(result.totals.customers - comparison.earlier.totals.customers);
    expect(changeCounts.new).toBeGreaterThan(0);
    expect(changeCounts.same).toBeGreaterThan(0);
    expect(changeCounts.changed).toBeGreaterThan(0);
  });
});

describe("defaultCompareDate (SPEC: D − 90 days when the data reach back that far)", () => {
  it("is 90 days before the analysis date when a purchase is on or before it", () => {
    const rows = sheet([
      ["A", "2024-01-01", 10],
      ["B", "2024-03-31", 10],
    ]);
    const result = analyzeRfm(rows, BASIC_MAPPING);
    expect(defaultCompareDate(result)).toBe(isoDateToSerial("2024-01-01")); // 2024-03-31 − 90 days
    expect(defaultCompareDate(result, 91)).toBeUndefined();
    expect(defaultCompareDate(analyzeRfm(rows, BASIC_MAPPING, { analysisDate: isoDateToSerial("2024-03-30") }))).toBe(
      undefined,
    );
  });
});

describe("compareDaysBefore: N days before the analysis date, resolved in the same run", () => {
  const rows = sheet([
    ["A", "2024-01-01", 10],
    ["B", "2024-02-15", 20],
    ["A", "2024-03-31", 5],
  ]);

  it("equals compareDate = D − N, with the default analysis date (the latest purchase)", () => {
    const byDays = analyzeRfm(rows, BASIC_MAPPING, { compareDaysBefore: 90 });
    const byDate = analyzeRfm(rows, BASIC_MAPPING, { compareDate: isoDateToSerial("2024-01-01") });
    expect(byDays.comparison?.compareDate).toBe(isoDateToSerial("2024-01-01"));
    expect(prevColumns(byDays, false)).toEqual(prevColumns(byDate, false));
    expect(byDays.comparison?.movement).toEqual(byDate.comparison?.movement);
    expect(byDays.comparisonUnavailable).toBeUndefined();
  });

  it("counts from a given analysis date", () => {
    const result = analyzeRfm(rows, BASIC_MAPPING, {
      analysisDate: isoDateToSerial("2024-03-01"),
      compareDaysBefore: 30,
    });
    expect(result.comparison?.compareDate).toBe(isoDateToSerial("2024-01-31"));
  });

  it("says the data do not reach back that far, instead of failing", () => {
    const result = analyzeRfm(rows, BASIC_MAPPING, { compareDaysBefore: 91 });
    expect(result.comparison).toBeUndefined();
    expect(result.comparisonUnavailable).toEqual({ days: 91, compareDate: isoDateToSerial("2023-12-31") });
    expect(result.customers.id).toHaveLength(2);
  });

  it("must be a whole number of days, 1 or more", () => {
    for (const days of [0, -3, 1.5, Number.NaN])
      expect(() => analyzeRfm(rows, BASIC_MAPPING, { compareDaysBefore: days })).toThrow(RfmInputError);
  });
});
