/**
 * The forecast as SPEC's "Forecast" section states it: per customer P(alive), expected purchases and revenue in
 * the next H days, expected order value and CLV, plus a fit report with the holdout check. A forecast that cannot
 * be made (too little data, no convergence) is left out with a reason code (`ForecastNote`), never an error.
 */
import {
  type BgNbdFit,
  type BgNbdParameters,
  expectedPurchases,
  expectedPurchasesGivenAlive,
  fitBgNbd,
  groupTriples,
  logOddsDropped,
} from "./bgnbd";
import { expectedOrderValue, fitGammaGamma, type GammaGammaFit, spendData } from "./gamma-gamma";
import { customerSummary, type CustomerSummary, type ForecastRows, summarisePurchases } from "./summary";

// Math's functions as local bindings: hot loops then read no global (much faster in jest's vm sandboxes).
const { exp, min } = Math;

/** Why (part of) a forecast was left out; the pane translates these (i18n keys `forecast.note.<code>`). */
export const FORECAST_NOTES = [
  /** No customer has a purchase on or before the analysis date. */
  "no_customers",
  /** Nobody bought on two different days: there is nothing to learn repeat buying from. */
  "no_repeat_customers",
  /** Fewer than 30 customers with a repeat purchase day. */
  "too_few_repeat_customers",
  /** The purchase model's fit did not converge. */
  "no_convergence",
  /** Fewer than 10 customers with a repeat purchase day of positive value: no spend model. */
  "spend_too_few_customers",
  /** The spend model's fit did not converge. */
  "spend_no_convergence",
  /** The spend model's q ≤ 1: the population's mean order value is infinite, so x = 0 gets none. */
  "spend_mean_undefined",
  /** Less than 2·H days of history: no holdout check. */
  "holdout_too_short",
  /** The holdout calibration period has fewer than 30 repeat customers. */
  "holdout_too_few_repeat_customers",
  /** The holdout refit did not converge. */
  "holdout_no_convergence",
] as const;
export type ForecastNote = (typeof FORECAST_NOTES)[number];

export interface ForecastOptions {
  /** H: the forecast horizon in days (expected purchases and revenue; the holdout length). */
  horizonDays: number;
  /** CLV horizon in months of 30 days (default 12). */
  clvMonths?: number;
  /** Monthly discount rate of the CLV (default 0.01). */
  discountRate?: number;
  /** Run the holdout check (default true). */
  holdout?: boolean;
  /** Time unit of the fits in days (default 1); the results do not depend on it except the log-likelihoods. */
  timeUnitDays?: number;
  /** Convergence limit on the gradient norm (default 1e-6). */
  gradientTolerance?: number;
}

/** Minimum customers with x ≥ 1 for a purchase model (SPEC), and with x ≥ 1 and m > 0 for a spend model. */
export const MIN_REPEAT_CUSTOMERS = 30;
export const MIN_SPEND_CUSTOMERS = 10;

/**
 * One entry per customer with a purchase day on or before the analysis date, in the rows' customer numbering
 * (so, on the same rows and analysis date, index i is `RfmResult.customers` index i). NaN = empty / not defined.
 */
export interface ForecastColumns extends CustomerSummary {
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  expectedAov: Float64Array;
  expectedRevenue: Float64Array;
  clv: Float64Array;
}

/** Holdout check rows: calibration repeat purchases 0, 1, …, 6 and 7+. */
export const HOLDOUT_BUCKETS = ["0", "1", "2", "3", "4", "5", "6", "7+"] as const;

export interface HoldoutCheck {
  /** H: the holdout length in days; the calibration ends at D − H. */
  days: number;
  calibrationEnd: number;
  /** Customers with a purchase on or before D − H. */
  customers: number;
  /** Σ predicted and Σ actual purchase days in (D − H, D] over those customers. */
  predicted: number;
  actual: number;
  byRepeats: {
    repeats: (typeof HOLDOUT_BUCKETS)[number];
    customers: number;
    meanPredicted: number;
    meanActual: number;
  }[];
  fit: BgNbdFit;
}

export interface ForecastReport {
  analysisDate: number;
  horizonDays: number;
  clvMonths: number;
  discountRate: number;
  bgnbd: BgNbdFit | null;
  gammaGamma: GammaGammaFit | null;
  customers: number;
  repeatCustomers: number;
  holdout: HoldoutCheck | null;
  notes: ForecastNote[];
}

export interface Forecast {
  columns: ForecastColumns;
  report: ForecastReport;
}

/** The latest purchase day in the rows (−1 when none): the analysis date's default. */
export function latestPurchaseDay(rows: ForecastRows): number {
  let latest = -1;
  const { rowCount, rowCustomer, rowDay, rowUnits } = rows;
  for (let row = 0; row < rowCount; row++)
    if (rowCustomer[row]! >= 0 && rowUnits[row]! >= 0 && rowDay[row]! > latest) latest = rowDay[row]!;
  return latest;
}

/**
 * The forecast from rows already read (the engine's EncodedSales or any arrays of the same shape), customers
 * numbered 0 … customerCount − 1, with the calibration ending on `analysisDate` (a serial day).
 */
export function forecastFromRows(
  rows: ForecastRows,
  customerCount: number,
  analysisDate: number,
  options: ForecastOptions,
): Forecast {
  const summary = customerSummary(summarisePurchases(rows, customerCount, analysisDate));
  const { columns, report } = forecastFromSummary(summary, analysisDate, options);
  if (options.holdout === false || report.bgnbd === null) return { columns, report };
  const H = options.horizonDays;
  let earliest = Infinity;
  for (let i = 0; i < summary.T.length; i++) earliest = min(earliest, analysisDate - summary.T[i]!);
  if (!(analysisDate - earliest >= 2 * H) || !(H >= 1)) {
    report.notes.push("holdout_too_short");
    return { columns, report };
  }
  const calibrationEnd = analysisDate - H;
  const calibration = summarisePurchases(rows, customerCount, calibrationEnd);
  const calibrated = customerSummary(calibration);
  const full = summarisePurchases(rows, customerCount, analysisDate);
  const repeat = countRepeat(calibrated.x);
  if (repeat < MIN_REPEAT_CUSTOMERS) {
    report.notes.push("holdout_too_few_repeat_customers");
    return { columns, report };
  }
  const groups = groupTriples(calibrated.x, calibrated.tx, calibrated.T);
  const fit = fitBgNbd(groups, { timeUnitDays: options.timeUnitDays, gradientTolerance: options.gradientTolerance });
  if (!fit.converged) {
    report.notes.push("holdout_no_convergence");
    return { columns, report };
  }
  const perGroup = new Float64Array(groups.x.length);
  for (let g = 0; g < perGroup.length; g++) {
    perGroup[g] = expectedPurchases(
      fit,
      groups.x[g]!,
      groups.txValues[groups.txIndex[g]!]!,
      groups.tValues[groups.tIndex[g]!]!,
      H,
    );
  }
  const bucketCustomers = new Float64Array(HOLDOUT_BUCKETS.length);
  const bucketPredicted = new Float64Array(HOLDOUT_BUCKETS.length);
  const bucketActual = new Float64Array(HOLDOUT_BUCKETS.length);
  let predicted = 0;
  let actual = 0;
  for (let i = 0; i < calibrated.x.length; i++) {
    const c = calibrated.customer[i]!;
    const prediction = perGroup[groups.groupOf[i]!]!;
    const happened = full.days[c]! - calibration.days[c]!;
    const bucket = min(calibrated.x[i]!, 7);
    bucketCustomers[bucket]!++;
    bucketPredicted[bucket]! += prediction;
    bucketActual[bucket]! += happened;
    predicted += prediction;
    actual += happened;
  }
  report.holdout = {
    days: H,
    calibrationEnd,
    customers: calibrated.x.length,
    predicted,
    actual,
    byRepeats: HOLDOUT_BUCKETS.map((repeats, k) => ({
      repeats,
      customers: bucketCustomers[k]!,
      meanPredicted: bucketCustomers[k]! > 0 ? bucketPredicted[k]! / bucketCustomers[k]! : NaN,
      meanActual: bucketCustomers[k]! > 0 ? bucketActual[k]! / bucketCustomers[k]! : NaN,
    })),
    fit,
  };
  return { columns, report };
}

function countRepeat(x: Int32Array): number {
  let repeat = 0;
  for (let i = 0; i < x.length; i++) if (x[i]! >= 1) repeat++;
  return repeat;
}

/** Days in a CLV month, as `lifetimes` counts them. */
const DAYS_PER_MONTH = 30;

/** The forecast from per-customer summaries (no holdout: that needs the rows). */
export function forecastFromSummary(
  summary: CustomerSummary,
  analysisDate: number,
  options: ForecastOptions,
): Forecast {
  const n = summary.x.length;
  const H = options.horizonDays;
  const clvMonths = options.clvMonths ?? 12;
  const discountRate = options.discountRate ?? 0.01;
  const columns: ForecastColumns = {
    ...summary,
    pAlive: new Float64Array(n).fill(NaN),
    expectedPurchases: new Float64Array(n).fill(NaN),
    expectedAov: new Float64Array(n).fill(NaN),
    expectedRevenue: new Float64Array(n).fill(NaN),
    clv: new Float64Array(n).fill(NaN),
  };
  const repeatCustomers = countRepeat(summary.x);
  const report: ForecastReport = {
    analysisDate,
    horizonDays: H,
    clvMonths,
    discountRate,
    bgnbd: null,
    gammaGamma: null,
    customers: n,
    repeatCustomers,
    holdout: null,
    notes: [],
  };
  if (n === 0) {
    report.notes.push("no_customers");
    return { columns, report };
  }
  if (repeatCustomers < MIN_REPEAT_CUSTOMERS) {
    report.notes.push(repeatCustomers === 0 ? "no_repeat_customers" : "too_few_repeat_customers");
    return { columns, report };
  }
  const fitOptions = { timeUnitDays: options.timeUnitDays, gradientTolerance: options.gradientTolerance };
  const groups = groupTriples(summary.x, summary.tx, summary.T);
  const fit = fitBgNbd(groups, fitOptions);
  if (!fit.converged) {
    report.notes.push("no_convergence");
    return { columns, report };
  }
  report.bgnbd = fit;

  const spenders = spendData(summary.x, summary.m);
  let spend: GammaGammaFit | null = null;
  if (spenders.x.length < MIN_SPEND_CUSTOMERS) report.notes.push("spend_too_few_customers");
  else {
    const spendFit = fitGammaGamma(spenders, options.gradientTolerance);
    if (!spendFit.converged) report.notes.push("spend_no_convergence");
    else {
      spend = spendFit;
      if (!(spend.q > 1)) report.notes.push("spend_mean_undefined");
    }
  }
  report.gammaGamma = spend;

  // Per distinct (x, t_x, T): P(alive) and E[Y(H)] = P(alive) × N(H), N being eq. 10's numerator (expected
  // purchases if alive, which depends on x and T only: groups are sorted by x, T, t_x, so it is computed once per
  // run of equal (x, T)); and the CLV's Σ_k (N(30k) − N(30(k − 1))) / (1 + d)^k, also per (x, T).
  const groupCount = groups.x.length;
  const alive = new Float64Array(groupCount);
  const purchases = new Float64Array(groupCount);
  const discounted = new Float64Array(groupCount);
  const discount = Array.from({ length: clvMonths }, (_, k) => (1 + discountRate) ** -(k + 1));
  const params: BgNbdParameters = fit;
  let numerator = NaN;
  let clvSum = NaN;
  for (let g = 0; g < groupCount; g++) {
    const x = groups.x[g]!;
    const tx = groups.txValues[groups.txIndex[g]!]!;
    const T = groups.tValues[groups.tIndex[g]!]!;
    if (g === 0 || x !== groups.x[g - 1] || groups.tIndex[g] !== groups.tIndex[g - 1]) {
      numerator = expectedPurchasesGivenAlive(params, x, T, H);
      clvSum = 0;
      if (spend) {
        let previous = 0;
        for (let k = 1; k <= clvMonths; k++) {
          const cumulative = expectedPurchasesGivenAlive(params, x, T, k * DAYS_PER_MONTH);
          clvSum += (cumulative - previous) * discount[k - 1]!;
          previous = cumulative;
        }
      }
    }
    // P(alive) = 1 in eq. 10 for x = 0 (nobody drops out before a repeat purchase); reported empty.
    const pAlive = x === 0 ? 1 : 1 / (1 + exp(logOddsDropped(params, x, tx, T)));
    alive[g] = x === 0 ? NaN : pAlive;
    purchases[g] = pAlive * numerator;
    discounted[g] = pAlive * clvSum;
  }
  for (let i = 0; i < n; i++) {
    const g = groups.groupOf[i]!;
    columns.pAlive[i] = alive[g]!;
    columns.expectedPurchases[i] = purchases[g]!;
    if (spend) {
      const aov = expectedOrderValue(spend, summary.x[i]!, summary.m[i]!);
      columns.expectedAov[i] = aov;
      columns.expectedRevenue[i] = purchases[g]! * aov;
      columns.clv[i] = discounted[g]! * aov;
    }
  }
  return { columns, report };
}
