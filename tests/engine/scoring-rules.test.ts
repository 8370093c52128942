import { analyzeRfm, isoDateToSerial, rfmCode } from "../../src/engine/index";
import { RfmInputError } from "../../src/engine/types";
import {
  BASIC_MAPPING,
  byCustomer,
  daysBetween,
  expectSummariesConsistent,
  get,
  ORDER_MAPPING,
  sheet,
} from "./helpers";

/** Five customers worked out by hand in the comments (analysis date 2024-01-31, k = 5). */
const FIVE_CUSTOMERS = sheet([
  ["A", "2024-01-31", 100],
  ["A", "2024-01-20", 50],
  ["B", "2024-01-25", 30],
  ["C", "2024-01-01", 200],
  ["C", "2023-12-01", 200],
  ["C", "2023-11-01", 200],
  ["D", "2023-10-03", 10],
  ["E", "2023-06-01", 80],
  ["E", "2023-06-05", -80],
]);

describe("quantile scores, hand-worked (SPEC: PERCENTILE.INC breakpoints, strictly below)", () => {
  const result = analyzeRfm(FIVE_CUSTOMERS, BASIC_MAPPING);
  const customers = byCustomer(result);

  it("takes the latest purchase as the analysis date and counts whole days", () => {
    expect(result.analysisDate).toBe(isoDateToSerial("2024-01-31"));
    expect(get(customers, "E").recency).toBe(daysBetween("2023-06-01", "2024-01-31"));
    expect(get(customers, "E").recency).toBe(244);
    expect(get(customers, "D").recency).toBe(120);
  });

  it("computes breakpoints as Excel's PERCENTILE.INC", () => {
    // recency sorted 0, 6, 30, 120, 244; rank 4j/5: 0+6·4/5, 6+24·3/5, 30+90·2/5, 120+124/5
    expect(result.breakpoints.recency).toEqual([4.8, 20.4, 66, 144.8]);
    // frequency 1, 1, 1, 2, 3
    expect(result.breakpoints.frequency).toEqual([1, 1, 1.4, 2.2]);
    // monetary 0, 10, 30, 150, 600 (E's return nets its purchase to 0)
    expect(result.breakpoints.monetary).toEqual([8, 22, 78, 240]);
  });

  it("scores, codes and segments each customer", () => {
    const expected: Record<string, [string, string, string, string, string]> = {
      A: ["544", "champions", "general_value", "A", "active"],
      B: ["413", "potential_loyalist", "general_develop", "B", "active"],
      C: ["355", "loyal", "important_value", "A", "active"],
      D: ["212", "hibernating", "general_recall", "C", "lapsed"],
      E: ["111", "lost", "general_recall", "C", "dormant"],
    };
    for (const [id, [code, segment, valueClass, tier, lifecycle]] of Object.entries(expected)) {
      const c = get(customers, id);
      expect([rfmCode(c.r, c.f, c.m, 5), c.segment, c.valueClass, c.tier, c.lifecycle]).toEqual([
        code,
        segment,
        valueClass,
        tier,
        lifecycle,
      ]);
    }
  });

  it("uses exact means for the value matrix", () => {
    expect(result.valueMatrixThresholds).toEqual({ recency: 80, frequency: 1.6, monetary: 158 });
  });

  it("summaries add up", () => {
    expectSummariesConsistent(result);
    const champions = result.summaries.standard.find((row) => row.key === "champions")!;
    expect(champions).toMatchObject({ customers: 1, revenue: 150, avgRecency: 0, avgFrequency: 2 });
    expect(result.totals).toMatchObject({ dataRows: 9, usedRows: 9, customers: 5, revenue: 790, positiveRevenue: 790 });
  });

  it("draws the Pareto curve from (0,0) to (1,1)", () => {
    expect(result.pareto.customerShare).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(result.pareto.revenueShare[1]).toBeCloseTo(600 / 790, 12);
    expect(result.pareto.revenueShare.at(-1)).toBe(1);
  });
});

describe("ties and degenerate data", () => {
  it("gives everyone the same scores when all customers are identical", () => {
    const rows = ["X", "Y", "Z"].map((id) => [id, "2024-05-01", 25]);
    const customers = byCustomer(analyzeRfm(sheet(rows), BASIC_MAPPING));
    for (const c of customers.values()) {
      // No breakpoint is strictly below the common value: bin 1, so R = k and F = M = 1.
      expect([c.r, c.f, c.m, c.segment, c.valueClass, c.tier]).toEqual([5, 1, 1, "new", "important_value", "A"]);
    }
  });

  it("scores a single customer", () => {
    const result = analyzeRfm(sheet([["solo", "2024-05-01", 9.99]]), BASIC_MAPPING, { k: 10 });
    const c = get(byCustomer(result), "solo");
    expect(rfmCode(c.r, c.f, c.m, 10)).toBe("10-1-1");
    expect(result.breakpoints.monetary).toEqual(new Array(9).fill(9.99));
  });

  it("gives equal values equal scores and values equal to a breakpoint the lower bin", () => {
    // monetary 10, 20, 20, 20, 40: b_1 = 10 + 10·4/5 = 18, b_2 = b_3 = 20, b_4 = 20 + 20/5 = 24
    const rows = [
      ["a", "2024-01-01", 10],
      ["b", "2024-01-01", 20],
      ["c", "2024-01-01", 20],
      ["d", "2024-01-01", 20],
      ["e", "2024-01-01", 40],
    ];
    const result = analyzeRfm(sheet(rows), BASIC_MAPPING);
    expect(result.breakpoints.monetary).toEqual([18, 20, 20, 24]);
    const m = [...byCustomer(result).values()].map((c) => c.m);
    expect(m).toEqual([1, 2, 2, 2, 5]);
  });

  it("gives customers with equal monetary at a tier boundary the first one's tier", () => {
    // Total 100: P 50 (before 0 → A), Q 25 (before 50 → A), R 25 ties with Q (A, though 75 < 80 anyway),
    // then the boundary: S and T 0 → C. A second case puts the tie across 80%.
    const tie = analyzeRfm(
      sheet([
        ["P", "2024-01-01", 70],
        ["Q", "2024-01-01", 10],
        ["R", "2024-01-01", 10],
        ["S", "2024-01-01", 10],
      ]),
      BASIC_MAPPING,
    );
    // Before Q: 70 < 80 → A; R and S equal Q → A too, although 80 and 90 are before them.
    expect([...byCustomer(tie).values()].map((c) => c.tier)).toEqual(["A", "A", "A", "A"]);
    const exact = analyzeRfm(
      sheet([
        ["P", "2024-01-01", 80],
        ["Q", "2024-01-01", 15],
        ["R", "2024-01-01", 5],
        ["S", "2024-01-01", 2],
        ["S", "2024-01-01", -5],
      ]),
      BASIC_MAPPING,
    );
    // Total positive 100. Q: before = 80, not below 80 → B. R: before 95, not below 95 → C. S nets −3 → C.
    expect([...byCustomer(exact).values()].map((c) => c.tier)).toEqual(["A", "B", "C", "C"]);
  });

  it("maps k = 3, 4 and 10 scores to the 5-level grid with CEIL(5·s/k)", () => {
    const rows: (string | number)[][] = [];
    for (let i = 1; i <= 12; i++)
      for (let j = 0; j < i; j++) rows.push([`c${i}`, `2024-01-${String(i).padStart(2, "0")}`, i * 10]);
    for (const k of [3, 4, 10] as const) {
      const result = analyzeRfm(sheet(rows), BASIC_MAPPING, { k });
      const customers = byCustomer(result);
      for (const c of customers.values()) {
        expect(c.r).toBeGreaterThanOrEqual(1);
        expect(c.r).toBeLessThanOrEqual(k);
        // The most recent, most frequent, biggest customer (c12) gets k everywhere: champions.
      }
      const top = get(customers, "c12");
      expect([top.r, top.f, top.m, top.segment]).toEqual([k, k, k, "champions"]);
      // Score 1 maps to CEIL(5/k): 2 for k = 3 and 4 (R2, FM2: hibernating), 1 for k = 10 (lost).
      const bottom = get(customers, "c1");
      expect([bottom.r, bottom.f, bottom.m, bottom.segment]).toEqual([1, 1, 1, k === 10 ? "lost" : "hibernating"]);
      expect(result.rfGrid).toHaveLength(k);
      expectSummariesConsistent(result);
    }
  });

  it("k = 4: score 2 maps to CEIL(2.5) = 3 and FM rounds half up", () => {
    // Two customers: recency 0 and 10, frequency 1 and 2, monetary 10 and 30 → breakpoints at the interpolations.
    const rows = [
      ["new", "2024-01-11", 10],
      ["old", "2024-01-01", 10],
      ["old", "2024-01-01", 20],
    ];
    const c = byCustomer(analyzeRfm(sheet(rows), BASIC_MAPPING, { k: 4 }));
    expect(get(c, "new")).toMatchObject({ r: 4, f: 1, m: 1 });
    expect(get(c, "old")).toMatchObject({ r: 1, f: 4, m: 4 });
    // new: R 4 → 5, F and M 1 → CEIL(5/4) = 2, FM 2 → potential_loyalist; old: R 1 → 2, FM 5 → cannot_lose
    expect(get(c, "new").segment).toBe("potential_loyalist");
    expect(get(c, "old").segment).toBe("cannot_lose");
  });
});

describe("PERCENTILE.INC in integers", () => {
  it("avoids the floating-point rank trap at n = 91, j/k = 0.7", () => {
    // 90 × 0.7 is 62.99999999999999 in floating point, so a naive rank puts the 7th decile breakpoint just
    // below 64; Excel's PERCENTILE.INC({1..91}, 0.7) is exactly 64, so a customer with 64 purchases is in bin 7.
    expect(90 * 0.7).toBeLessThan(63);
    const naiveRank = 90 * 0.7;
    const naiveBreakpoint = 1 + Math.floor(naiveRank) + (naiveRank - Math.floor(naiveRank));
    expect(naiveBreakpoint).toBeLessThan(64);

    const rows: (string | number)[][] = [];
    for (let i = 1; i <= 91; i++)
      for (let p = 0; p < i; p++) rows.push([`c${String(i).padStart(2, "0")}`, "2024-03-01", 1, `${i}-${p}`]);
    const result = analyzeRfm(sheet(rows), ORDER_MAPPING, { k: 10 });
    expect(result.breakpoints.frequency).toEqual([10, 19, 28, 37, 46, 55, 64, 73, 82]);
    expect(get(byCustomer(result), "c64").f).toBe(7);
    expect(get(byCustomer(result), "c65").f).toBe(8);
  });
});

describe("fixed thresholds (the R rfm package's convention: a threshold starts the next score)", () => {
  it("scores 1 + number of thresholds at or below the value", () => {
    const rows = [
      ["a", "2024-01-01", 5],
      ["b", "2024-01-01", 10],
      ["c", "2024-01-01", 11],
    ];
    const result = analyzeRfm(sheet(rows), BASIC_MAPPING, {
      scoring: { method: "fixed", recency: [1, 2, 3, 4], frequency: [2, 3, 5, 10], monetary: [5, 10, 20, 50] },
    });
    expect([...byCustomer(result).values()].map((c) => c.m)).toEqual([2, 3, 3]);
    expect([...byCustomer(result).values()].map((c) => c.r)).toEqual([5, 5, 5]);
  });

  it("rejects thresholds that are not k − 1 ascending numbers", () => {
    expect(() =>
      analyzeRfm(sheet([["a", "2024-01-01", 5]]), BASIC_MAPPING, {
        scoring: { method: "fixed", recency: [1, 2], frequency: [1, 2, 3, 4], monetary: [1, 2, 3, 4] },
      }),
    ).toThrow(RfmInputError);
  });
});

describe("value matrix options", () => {
  it("uses the median when asked, an equal value counting as high", () => {
    // monetary 10, 20, 30, 40 → median 25; recency 0, 1, 2, 3 → median 1.5
    const rows = [
      ["a", "2024-01-04", 10],
      ["b", "2024-01-03", 20],
      ["c", "2024-01-02", 30],
      ["d", "2024-01-01", 40],
    ];
    const result = analyzeRfm(sheet(rows), BASIC_MAPPING, { valueMatrix: { threshold: "median", monetary: "total" } });
    expect(result.valueMatrixThresholds).toEqual({ recency: 1.5, frequency: 1, monetary: 25 });
    const classes = [...byCustomer(result).values()].map((c) => c.valueClass);
    expect(classes).toEqual(["general_value", "general_value", "important_retain", "important_retain"]);
  });

  it("can compare average order value instead of total", () => {
    const rows = [
      ["big", "2024-01-01", 100],
      ["many", "2024-01-01", 30],
      ["many", "2024-01-01", 30],
      ["many", "2024-01-01", 30],
    ];
    const total = byCustomer(analyzeRfm(sheet(rows), BASIC_MAPPING));
    const aov = byCustomer(
      analyzeRfm(sheet(rows), BASIC_MAPPING, { valueMatrix: { threshold: "mean", monetary: "aov" } }),
    );
    // Totals 100 and 90 (mean 95): only big is high. AOVs 100 and 30 (mean 65): still only big.
    expect(get(total, "many").valueClass).toBe("general_value");
    expect(get(aov, "many").valueClass).toBe("general_value");
    expect(get(aov, "big").valueClass).toBe("important_develop");
  });
});

describe("lifecycle thresholds are inclusive", () => {
  it("puts 30 days in active and 31 in recently lapsed", () => {
    const rows = [
      ["now", "2024-03-31", 1],
      ["d30", "2024-03-01", 1],
      ["d31", "2024-02-29", 1],
      ["d90", "2024-01-01", 1],
      ["d181", "2023-10-02", 1],
    ];
    const c = byCustomer(analyzeRfm(sheet(rows), BASIC_MAPPING));
    expect(get(c, "d30")).toMatchObject({ recency: 30, lifecycle: "active" });
    expect(get(c, "d31")).toMatchObject({ recency: 31, lifecycle: "recently_lapsed" });
    expect(get(c, "d90")).toMatchObject({ recency: 90, lifecycle: "recently_lapsed" });
    expect(get(c, "d181")).toMatchObject({ recency: 181, lifecycle: "dormant" });
  });
});
