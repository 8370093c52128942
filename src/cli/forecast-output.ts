/**
 * The CLI's forecast output: the five columns `--forecast-days` adds to OUT.csv, and the `--forecast-report` JSON,
 * exactly as SPEC's "Forecast" section words them.
 */
import type { Forecast, ForecastNote, ForecastReport } from "../forecast/index";

export const FORECAST_COLUMNS = ["p_alive", "expected_purchases", "expected_aov", "expected_revenue", "clv"] as const;

/**
 * A number as the shortest decimal that reads back as the same double (JavaScript's own digits), written out
 * without an exponent: `1.5e-7` becomes `0.00000015`. NaN (not defined) is the empty string.
 */
export function shortestDecimal(value: number): string {
  if (Number.isNaN(value)) return "";
  const text = String(value);
  const e = text.indexOf("e");
  if (e < 0) return text;
  const negative = text.startsWith("-");
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const point = mantissa.indexOf(".");
  const digits = mantissa.replace(".", "");
  const integerDigits = (point < 0 ? mantissa.length : point) + exponent;
  let out: string;
  if (integerDigits <= 0) out = `0.${"0".repeat(-integerDigits)}${digits}`;
  else if (integerDigits >= digits.length) out = digits + "0".repeat(integerDigits - digits.length);
  else out = `${digits.slice(0, integerDigits)}.${digits.slice(integerDigits)}`;
  return negative ? `-${out}` : out;
}

/** The text of customer i's forecast columns, each preceded by a comma. */
export function forecastFields(forecast: Forecast, i: number): string {
  const c = forecast.columns;
  return `,${shortestDecimal(c.pAlive[i]!)},${shortestDecimal(c.expectedPurchases[i]!)},${shortestDecimal(c.expectedAov[i]!)},${shortestDecimal(c.expectedRevenue[i]!)},${shortestDecimal(c.clv[i]!)}`;
}

/** SPEC's report object: bgnbd, gamma_gamma, customers, repeat_customers, holdout, notes (reason codes). */
export function forecastReportJson(report: ForecastReport): string {
  const { bgnbd, gammaGamma, holdout } = report;
  const json = {
    bgnbd: bgnbd && {
      r: bgnbd.r,
      alpha: bgnbd.alpha,
      a: bgnbd.a,
      b: bgnbd.b,
      log_likelihood: bgnbd.logLikelihood,
    },
    gamma_gamma: gammaGamma && {
      p: gammaGamma.p,
      q: gammaGamma.q,
      gamma: gammaGamma.gamma,
      log_likelihood: gammaGamma.logLikelihood,
    },
    customers: report.customers,
    repeat_customers: report.repeatCustomers,
    holdout: holdout && { days: holdout.days, predicted: holdout.predicted, actual: holdout.actual },
    notes: report.notes,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

const NOTE_TEXT: Record<ForecastNote, string> = {
  no_customers: "no customer has a purchase on or before the analysis date",
  no_repeat_customers: "nobody bought on two different days, so there is no repeat buying to learn from",
  too_few_repeat_customers: "fewer than 30 customers bought on two different days",
  no_convergence: "the purchase model's fit did not converge",
  spend_too_few_customers: "fewer than 10 customers have a repeat purchase of positive value, so no spend model",
  spend_no_convergence: "the spend model's fit did not converge",
  spend_mean_undefined:
    "the spend model has no finite mean order value, so customers without repeat purchases get none",
  holdout_too_short: "less than twice the forecast days of history, so no holdout check",
  holdout_too_few_repeat_customers: "too few repeat customers before the holdout period for a holdout check",
  holdout_no_convergence: "the holdout refit did not converge",
};

/** The standard-error lines about a forecast: one note per reason it (or part of it) was left out. */
export function formatForecastNotes(report: ForecastReport): string {
  return report.notes.map((note) => `forecast: ${NOTE_TEXT[note]} (${note}).\n`).join("");
}
