/**
 * SPEC "Forecast", published check: "on the CDNOW sample of 2,357 customers with D = 1997-09-30, r = 0.2426,
 * α = 4.4136 × 7 days, a = 0.7929, b = 2.4259 (log-likelihood −9,582.43 in weeks), and for spend p = 6.2496,
 * q = 3.7442, γ = 15.4435."
 */
import { readFileSync } from "node:fs";
import { parseCsvText } from "../../src/demo/csv-text";
import {
  customerSummary,
  fitBgNbd,
  fitGammaGamma,
  forecastFromRows,
  groupTriples,
  spendData,
  summarisePurchases,
} from "../../src/forecast/index";
import { available, CDNOW_END, CDNOW_MASTER, CDNOW_SAMPLE, CDNOW_SUMMARY, loadCdnow } from "./datasets";

const haveSample = available(CDNOW_SAMPLE) && available(CDNOW_SUMMARY);
const haveMaster = available(CDNOW_MASTER);

function significant(value: number, digits: number): number {
  return Number(value.toPrecision(digits));
}

(haveSample ? describe : describe.skip)(`CDNOW sample (${CDNOW_SAMPLE})`, () => {
  const rows = haveSample ? loadCdnow(CDNOW_SAMPLE, { customer: 1, date: 2, amount: 4 }) : undefined!;
  const summary = haveSample ? customerSummary(summarisePurchases(rows, rows.customerCount, CDNOW_END)) : undefined!;

  test("per customer x, t_x, T, m equal lifetimes' summary (2,357 customers)", () => {
    expect(summary.x.length).toBe(2357);
    const records = parseCsvText(readFileSync(CDNOW_SUMMARY, "utf8")).slice(1);
    const byId = new Map(records.map((cells) => [Number(cells[0]), cells.map(Number)]));
    let mismatches = 0;
    for (let i = 0; i < summary.x.length; i++) {
      // The summary's ID is the sample's own id (second column) as a number.
      const [, x, tx, T, zbar] = byId.get(Number(rows.ids[summary.customer[i]!]))!;
      if (
        summary.x[i] !== x ||
        Math.abs(summary.tx[i]! / 7 - tx!) > 0.006 ||
        Math.abs(summary.T[i]! / 7 - T!) > 0.006 ||
        Math.abs(summary.m[i]! - zbar!) > 0.006
      )
        mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  test("BG/NBD in weeks reproduces the published r, α, a, b and log-likelihood", () => {
    const fit = fitBgNbd(groupTriples(summary.x, summary.tx, summary.T), { timeUnitDays: 7 });
    expect(fit.converged).toBe(true);
    expect(fit.gradientNorm).toBeLessThanOrEqual(1e-6);
    expect(significant(fit.r, 4)).toBe(0.2426);
    expect(significant(fit.alpha / 7, 5)).toBe(4.4136);
    expect(significant(fit.a, 4)).toBe(0.7929);
    expect(significant(fit.b, 5)).toBe(2.4259);
    expect(fit.logLikelihood.toFixed(2)).toBe("-9582.43");
  });

  test("fitted in days: α × 7 in days, r, a, b unchanged (time unit invariance)", () => {
    const groups = groupTriples(summary.x, summary.tx, summary.T);
    const weeks = fitBgNbd(groups, { timeUnitDays: 7 });
    const days = fitBgNbd(groups);
    for (const key of ["r", "alpha", "a", "b"] as const)
      expect(Math.abs(days[key] / weeks[key] - 1)).toBeLessThan(1e-6);
  });

  test("Gamma-Gamma reproduces the published p, q, γ", () => {
    const fit = fitGammaGamma(spendData(summary.x, summary.m));
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(946);
    expect(significant(fit.p, 5)).toBe(6.2496);
    expect(significant(fit.q, 5)).toBe(3.7442);
    expect(significant(fit.gamma, 6)).toBe(15.4435);
  });

  test("the forecast: P(alive) empty exactly for x = 0; holdout check with 39 weeks", () => {
    const { columns, report } = forecastFromRows(rows, rows.customerCount, CDNOW_END, { horizonDays: 273 });
    for (let i = 0; i < columns.x.length; i++) {
      expect(Number.isNaN(columns.pAlive[i]!)).toBe(columns.x[i] === 0);
      expect(columns.expectedPurchases[i]!).toBeGreaterThan(0);
      expect(columns.clv[i]!).toBeGreaterThan(0);
    }
    // 1997-01-01..1997-09-30 is 272 days, less than 2 × 273: no holdout, and a note saying so.
    expect(report.notes).toEqual(["holdout_too_short"]);
    expect(report.holdout).toBeNull();
    const shorter = forecastFromRows(rows, rows.customerCount, CDNOW_END, { horizonDays: 120 });
    expect(shorter.report.holdout).not.toBeNull();
    const { predicted, actual } = shorter.report.holdout!;
    expect(Math.abs(predicted / actual - 1)).toBeLessThan(0.25);
  });
});

(haveMaster ? test : test.skip)(`the full CDNOW master (${CDNOW_MASTER}, 23,570 customers) fits`, () => {
  const rows = loadCdnow(CDNOW_MASTER, { customer: 0, date: 1, amount: 3 });
  const end = CDNOW_END + 273; // 1998-06-30, the last day of the data
  const { columns, report } = forecastFromRows(rows, rows.customerCount, end, { horizonDays: 90 });
  expect(report.customers).toBe(23570);
  expect(report.bgnbd?.converged).toBe(true);
  expect(report.gammaGamma?.converged).toBe(true);
  expect(report.holdout).not.toBeNull();
  for (const column of [columns.expectedPurchases, columns.expectedAov, columns.clv])
    expect(column.every(Number.isFinite)).toBe(true);
});
