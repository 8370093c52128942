/**
 * Properties and edge cases of SPEC "Forecast": "purchase days: the calendar days on which a customer has at least
 * one purchase row (amount ≥ 0) on or before D ... All purchase rows of one day are one transaction whose value is
 * their sum"; "P(alive) ... For x = 0 ... leave it empty"; "a forecast needs at least 30 customers with x ≥ 1 ...
 * Otherwise that part is left out with a plain reason, never an error."
 */
import fc from "fast-check";
import {
  customerSummary,
  expectedPurchases,
  forecastFromRows,
  probabilityAlive,
  summarisePurchases,
  type ForecastRows,
} from "../../src/forecast/index";

const PARAMS = { r: 0.2426, alpha: 30.9, a: 0.7929, b: 2.4259 };

/** Rows from [customer, day, units] triples. */
function rowsOf(list: [number, number, number][]): ForecastRows & { customerCount: number } {
  return {
    rowCount: list.length,
    rowCustomer: Int32Array.from(list.map((r) => r[0])),
    rowDay: Int32Array.from(list.map((r) => r[1])),
    rowUnits: Int32Array.from(list.map((r) => r[2])),
    bigUnits: new Map(),
    customerCount: list.reduce((max, r) => Math.max(max, r[0] + 1), 0),
  };
}

/** A seeded synthetic ledger: customers buying on random days with random amounts, many buying again. */
function synthetic(customers: number, seed: number): [number, number, number][] {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const rows: [number, number, number][] = [];
  for (let c = 0; c < customers; c++) {
    let day = 40000 + Math.floor(random() * 300);
    // BG/NBD's own story: Poisson purchases while alive, a drop-out chance after each purchase.
    const rate = 0.005 + random() * 0.05;
    const dropout = random() * random() * 0.6;
    // Spend: each customer's own mean (varying widely across customers), exponential amounts around it.
    const mean = 200_000 * Math.exp(3 * (random() - 0.5));
    for (;;) {
      rows.push([c, day, Math.floor(-mean * Math.log(1 - random()))]);
      if (random() < 0.2) rows.push([c, day, Math.floor(random() * 100_000)]); // a second line that day
      if (random() < dropout) break;
      day += 1 + Math.floor(-Math.log(1 - random()) / rate);
      if (day > 40500) break;
    }
  }
  return rows;
}

describe("purchase-day summary", () => {
  test("rows of one day are one transaction; returns and rows after D do not count; order does not matter", () => {
    const list: [number, number, number][] = [
      [0, 10, 100_000],
      [0, 12, 50_000],
      [0, 12, 25_000], // same day: one transaction of 7.5
      [0, 11, -20_000], // a return: not a purchase day
      [0, 15, 0], // an amount of 0 is still a purchase day
      [0, 30, 990_000], // after D = 20
      [1, 20, 10_000], // T = 0
    ];
    for (const order of [list, [...list].reverse()]) {
      const s = customerSummary(summarisePurchases(rowsOf(order), 2, 20));
      expect(Array.from(s.x)).toEqual([2, 0]);
      expect(Array.from(s.tx)).toEqual([5, 0]);
      expect(Array.from(s.T)).toEqual([10, 0]);
      expect(Array.from(s.m)).toEqual([(7.5 + 0) / 2, 0]);
    }
  });
});

describe("model properties", () => {
  test("P(alive) falls as T grows (x, t_x fixed)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 500 }),
        (x, tx, extra, more) => {
          const T = tx + extra;
          expect(probabilityAlive(PARAMS, x, tx, T + more)).toBeLessThanOrEqual(probabilityAlive(PARAMS, x, tx, T));
        },
      ),
    );
  });

  test("expected purchases grow with H", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 700 }),
        fc.integer({ min: 1, max: 700 }),
        (x, tx, extra, h, more) => {
          const txx = x === 0 ? 0 : x + tx; // x repeat days lie at least x days after the first
          const T = txx + extra;
          const shorter = expectedPurchases(PARAMS, x, txx, T, h);
          const longer = expectedPurchases(PARAMS, x, txx, T, h + more);
          expect(shorter).toBeGreaterThan(0);
          expect(longer).toBeGreaterThanOrEqual(shorter);
        },
      ),
    );
  });

  const ledger = synthetic(400, 7);
  const end = 40500;
  const base = forecastFromRows(rowsOf(ledger), 400, end, { horizonDays: 60 });

  test("the synthetic ledger fits", () => {
    expect(base.report.bgnbd?.converged).toBe(true);
    expect(base.report.gammaGamma?.converged).toBe(true);
  });

  test("the fit and every prediction are invariant to the rows' order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const shuffled = [...ledger];
        let state = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          state = (state * 48271) % 2147483647;
          const j = state % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        const again = forecastFromRows(rowsOf(shuffled), 400, end, { horizonDays: 60, holdout: false });
        expect(again.report.bgnbd).toEqual(base.report.bgnbd);
        expect(again.columns.clv).toEqual(base.columns.clv);
      }),
      { numRuns: 5 },
    );
  });

  test("days vs weeks: α × 7, equal predictions", () => {
    const weeks = forecastFromRows(rowsOf(ledger), 400, end, { horizonDays: 60, timeUnitDays: 7 });
    const d = base.report.bgnbd!;
    const w = weeks.report.bgnbd!;
    expect(Math.abs(w.alpha / d.alpha - 1)).toBeLessThan(1e-6);
    for (const key of ["r", "a", "b"] as const) expect(Math.abs(w[key] / d[key] - 1)).toBeLessThan(1e-6);
    for (let i = 0; i < 400; i++)
      expect(Math.abs(weeks.columns.expectedPurchases[i]! / base.columns.expectedPurchases[i]! - 1)).toBeLessThan(1e-5);
  });
});

describe("edge cases", () => {
  const ledger = synthetic(300, 3);

  test("T = 0: a customer whose first purchase is on D gets finite predictions and no P(alive)", () => {
    const withNew = [...ledger, [300, 40500, 50_000] as [number, number, number]];
    const { columns } = forecastFromRows(rowsOf(withNew), 301, 40500, { horizonDays: 30 });
    const i = columns.customer.indexOf(300);
    expect(columns.T[i]).toBe(0);
    expect(Number.isNaN(columns.pAlive[i]!)).toBe(true);
    expect(columns.expectedPurchases[i]!).toBeGreaterThan(0);
    expect(Number.isFinite(columns.clv[i]!)).toBe(true);
  });

  test("all repeat values 0: purchases are forecast, spend is not (reason given)", () => {
    const zero = ledger.map(([c, day]) => [c, day, 0] as [number, number, number]);
    const { columns, report } = forecastFromRows(rowsOf(zero), 300, 40500, { horizonDays: 30, holdout: false });
    expect(report.bgnbd).not.toBeNull();
    expect(report.gammaGamma).toBeNull();
    expect(report.notes).toEqual(["spend_too_few_customers"]);
    expect(columns.expectedAov.every(Number.isNaN)).toBe(true);
    expect(columns.expectedPurchases.every(Number.isFinite)).toBe(true);
  });

  test("one customer with 1,000 purchase days", () => {
    const heavy: [number, number, number][] = Array.from({ length: 1000 }, (_, k) => [300, 39500 + k, 20_000]);
    const { columns, report } = forecastFromRows(rowsOf([...ledger, ...heavy]), 301, 40500, { horizonDays: 90 });
    expect(report.bgnbd?.converged).toBe(true);
    const i = columns.customer.indexOf(300);
    expect(columns.x[i]).toBe(999);
    expect(columns.pAlive[i]!).toBeGreaterThan(0.99);
    // About one purchase a day while alive.
    expect(columns.expectedPurchases[i]!).toBeGreaterThan(60);
    expect(columns.expectedPurchases[i]!).toBeLessThan(95);
    expect(Number.isFinite(columns.clv[i]!)).toBe(true);
  });

  test("nobody buys twice: no forecast, reason no_repeat_customers", () => {
    const once = Array.from({ length: 100 }, (_, c) => [c, 40000 + c, 10_000] as [number, number, number]);
    const { columns, report } = forecastFromRows(rowsOf(once), 100, 40200, { horizonDays: 30 });
    expect(report.bgnbd).toBeNull();
    expect(report.notes).toEqual(["no_repeat_customers"]);
    expect(columns.expectedPurchases.every(Number.isNaN)).toBe(true);
  });

  test("fewer than 30 repeat customers: too_few_repeat_customers", () => {
    const few = synthetic(20, 5);
    const { report } = forecastFromRows(rowsOf(few), 20, 40500, { horizonDays: 30 });
    expect(report.bgnbd).toBeNull();
    expect(report.notes).toEqual(["too_few_repeat_customers"]);
  });
});
