/**
 * The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie, "The Gamma-Gamma Model
 * of Monetary Value", 2013): fitted by maximum likelihood over ln p, ln q, ln γ on the customers with x ≥ 1 and
 * m > 0, as the `lifetimes` package writes the likelihood:
 *   ln L = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(xm+γ).
 * Customers are sorted by x, so the ln Γ and ψ terms are computed once per distinct x.
 */
import { minimizeBfgs } from "./optimize";
import { digamma, lnGamma } from "./special";

// Math's functions as local bindings: hot loops then read no global (much faster in jest's vm sandboxes).
const { abs, exp, log, max } = Math;

export interface GammaGammaParameters {
  p: number;
  q: number;
  gamma: number;
}

export interface GammaGammaFit extends GammaGammaParameters {
  logLikelihood: number;
  gradientNorm: number;
  iterations: number;
  converged: boolean;
  /** Customers the fit used (x ≥ 1 and m > 0). */
  customers: number;
}

/** The spenders (x ≥ 1, m > 0) sorted by x, with per-customer constants of the likelihood. */
export interface SpendData {
  x: Float64Array;
  m: Float64Array;
  lnM: Float64Array;
  xValues: Float64Array;
  xStart: Int32Array;
  /** Σ over the customers of ln m and of x ln x, per distinct x (they only ever appear multiplied by p or 1). */
  sumLnM: Float64Array;
  sumXLnX: Float64Array;
  sumXLnM: Float64Array;
}

export function spendData(x: Int32Array, m: Float64Array): SpendData {
  const chosen: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i]! >= 1 && m[i]! > 0) chosen.push(i);
  chosen.sort((i, j) => x[i]! - x[j]! || m[i]! - m[j]!);
  const n = chosen.length;
  const xs = new Float64Array(n);
  const ms = new Float64Array(n);
  const lnM = new Float64Array(n);
  const xValues: number[] = [];
  const xStart: number[] = [];
  const sumLnM: number[] = [];
  const sumXLnX: number[] = [];
  const sumXLnM: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = chosen[k]!;
    xs[k] = x[i]!;
    ms[k] = m[i]!;
    lnM[k] = log(m[i]!);
    if (k === 0 || xs[k] !== xs[k - 1]) {
      xValues.push(xs[k]!);
      xStart.push(k);
      sumLnM.push(0);
      sumXLnX.push(0);
      sumXLnM.push(0);
    }
    const last = xValues.length - 1;
    sumLnM[last]! += lnM[k]!;
    sumXLnX[last]! += xs[k]! * log(xs[k]!);
    sumXLnM[last]! += xs[k]! * lnM[k]!;
  }
  xStart.push(n);
  return {
    x: xs,
    m: ms,
    lnM,
    xValues: Float64Array.from(xValues),
    xStart: Int32Array.from(xStart),
    sumLnM: Float64Array.from(sumLnM),
    sumXLnX: Float64Array.from(sumXLnX),
    sumXLnM: Float64Array.from(sumXLnM),
  };
}

/** The Gamma-Gamma log-likelihood summed over the spenders, and its gradient over (p, q, γ) when asked. */
export function gammaGammaLogLikelihood(
  data: SpendData,
  p: number,
  q: number,
  gamma: number,
  gradient?: Float64Array,
): number {
  const n = data.x.length;
  const lnGammaQ = lnGamma(q);
  const psiQ = digamma(q);
  const lnG = log(gamma);
  let ll = n * (q * lnG - lnGammaQ);
  let dp = 0;
  let dq = n * (lnG - psiQ);
  let dGamma = (n * q) / gamma;
  const { m: ms, xValues, xStart } = data;
  for (let k = 0; k < xValues.length; k++) {
    const x = xValues[k]!;
    const begin = xStart[k]!;
    const end = xStart[k + 1]!;
    const count = end - begin;
    const px = p * x;
    const psiPxq = digamma(px + q);
    ll += count * (lnGamma(px + q) - lnGamma(px)) + p * data.sumXLnM[k]! - data.sumLnM[k]! + p * data.sumXLnX[k]!;
    dp += count * x * (psiPxq - digamma(px)) + data.sumXLnM[k]! + data.sumXLnX[k]!;
    dq += count * psiPxq;
    let sumLn = 0;
    let sumInv = 0;
    for (let i = begin; i < end; i++) {
      const v = x * ms[i]! + gamma;
      sumLn += log(v);
      sumInv += 1 / v;
    }
    ll -= (px + q) * sumLn;
    dp -= x * sumLn;
    dq -= sumLn;
    dGamma -= (px + q) * sumInv;
  }
  if (gradient) {
    gradient[0] = dp;
    gradient[1] = dq;
    gradient[2] = dGamma;
  }
  return ll;
}

const LOG_LIMIT = 30;

export function fitGammaGamma(data: SpendData, gradientTolerance = 1e-6): GammaGammaFit {
  const n = data.x.length;
  let meanM = 0;
  for (let i = 0; i < n; i++) meanM += data.m[i]!;
  meanM /= max(1, n);
  const gradient = new Float64Array(3);
  const result = minimizeBfgs(
    (point, out) => {
      for (let i = 0; i < 3; i++) if (abs(point[i]!) > LOG_LIMIT + 10) return NaN;
      const p = exp(point[0]!);
      const q = exp(point[1]!);
      const gamma = exp(point[2]!);
      const ll = gammaGammaLogLikelihood(data, p, q, gamma, gradient);
      out[0] = (-p * gradient[0]!) / n;
      out[1] = (-q * gradient[1]!) / n;
      out[2] = (-gamma * gradient[2]!) / n;
      return -ll / n;
    },
    // Start: p = 1, q = 2, γ = mean spend (so pγ/(q − 1) is the mean).
    Float64Array.of(0, log(2), log(max(meanM, 1e-9))),
    { gradientTolerance },
  );
  const [lp, lq, lg] = result.point as unknown as [number, number, number];
  return {
    p: exp(lp),
    q: exp(lq),
    gamma: exp(lg),
    logLikelihood: -result.value * n,
    gradientNorm: result.gradientNorm,
    iterations: result.iterations,
    converged: result.converged && [lp, lq, lg].every((v) => abs(v) <= LOG_LIMIT) && Number.isFinite(result.value),
    customers: n,
  };
}

/**
 * E[M | x, m] = p(γ + x m)/(p x + q − 1), the expected value of a customer's future transactions; for x = 0 the
 * population mean pγ/(q − 1). NaN where the denominator is not positive (q ≤ 1: the mean is infinite).
 */
export function expectedOrderValue(params: GammaGammaParameters, x: number, m: number): number {
  const { p, q, gamma } = params;
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) return NaN;
  return (p * (gamma + x * m)) / denominator;
}
