/**
 * The BG/NBD purchase model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): the
 * log-likelihood of the paper's eq. 6 with its analytic gradient, its maximum-likelihood fit over
 * log-parameters, P(alive) and the expected purchases of eq. 10.
 *
 * Customers with equal (x, t_x, T) contribute equal terms, so the fit works on the distinct triples with their
 * counts: one likelihood evaluation is one pass over them. Within it, terms that depend on x alone (the ln Γ and
 * ψ values) are computed once per distinct x, and ln(α + T), ln(α + t_x) once per distinct T and t_x.
 */
import { hypergeometricTail } from "./hyp2f1";
import { minimizeBfgs } from "./optimize";
import { digamma, lnGamma } from "./special";

// Math's functions as local bindings: hot loops then read no global (much faster in jest's vm sandboxes).
const { abs, exp, expm1, floor, log, log1p, log2, max } = Math;

/** BG/NBD parameters with α in days (r, a, b have no unit). */
export interface BgNbdParameters {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit extends BgNbdParameters {
  /** The maximised log-likelihood, with time measured in `timeUnitDays` (it depends on the unit; α is in days). */
  logLikelihood: number;
  timeUnitDays: number;
  /** Norm of the gradient of the mean log-likelihood per customer over the log-parameters, at the optimum. */
  gradientNorm: number;
  iterations: number;
  converged: boolean;
}

/** Customers grouped by equal (x, t_x, T), sorted by x; `groupOf[i]` is customer i's group. */
export interface TripleGroups {
  x: Int32Array;
  /** Index into `txValues` / `tValues`. */
  txIndex: Int32Array;
  tIndex: Int32Array;
  weight: Float64Array;
  /** Distinct t_x and T values in days, ascending. */
  txValues: Float64Array;
  tValues: Float64Array;
  /** Distinct x values ascending, the first group of each (plus the end), and their customer counts. */
  xValues: Int32Array;
  xStart: Int32Array;
  xCount: Float64Array;
  groupOf: Int32Array;
  customers: number;
}

/** Sorted distinct values of an integer array, and each element's index among them. */
function distinctValues(values: Int32Array): { sorted: Float64Array; indexOf: Int32Array } {
  const sorted = Int32Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i]!;
  const unique = sorted.subarray(0, n);
  const indexOf = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) indexOf[i] = lowerBound(unique, values[i]!);
  return { sorted: Float64Array.from(unique), indexOf };
}

function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function bitsFor(max: number): number {
  return max <= 0 ? 1 : floor(log2(max)) + 1;
}

/**
 * Groups customers by (x, t_x, T). Each customer's triple is packed into one double (x, then the T index, then
 * the t_x index, in as many bits as their ranges need), the doubles sorted natively and run-length counted; a
 * customer finds its group by binary search. Triples too wide for 52 bits fall back to a comparison sort.
 */
export function groupTriples(x: Int32Array, tx: Int32Array, T: Int32Array): TripleGroups {
  const n = x.length;
  const txDistinct = distinctValues(tx);
  const tDistinct = distinctValues(T);
  let maxX = 0;
  for (let i = 0; i < n; i++) if (x[i]! > maxX) maxX = x[i]!;
  const tBits = bitsFor(tDistinct.sorted.length);
  const txBits = bitsFor(txDistinct.sorted.length);
  const groupOf = new Int32Array(n);
  let gx: number[] | Int32Array;
  let gtx: number[] | Int32Array;
  let gt: number[] | Int32Array;
  let gw: number[] | Float64Array;
  if (bitsFor(maxX) + tBits + txBits <= 52) {
    const tScale = 2 ** txBits;
    const xScale = 2 ** (tBits + txBits);
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = x[i]! * xScale + tDistinct.indexOf[i]! * tScale + txDistinct.indexOf[i]!;
    const sorted = Float64Array.from(keys).sort();
    let groups = 0;
    for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[groups++] = sorted[i]!;
    const unique = sorted.subarray(0, groups);
    gx = new Int32Array(groups);
    gtx = new Int32Array(groups);
    gt = new Int32Array(groups);
    gw = new Float64Array(groups);
    for (let g = 0; g < groups; g++) {
      const key = unique[g]!;
      const xv = floor(key / xScale);
      const rest = key - xv * xScale;
      const ti = floor(rest / tScale);
      gx[g] = xv;
      gt[g] = ti;
      gtx[g] = rest - ti * tScale;
    }
    for (let i = 0; i < n; i++) {
      const g = lowerBound(unique, keys[i]!);
      groupOf[i] = g;
      gw[g] = gw[g]! + 1;
    }
  } else {
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (i, j) => x[i]! - x[j]! || T[i]! - T[j]! || tx[i]! - tx[j]!,
    );
    gx = [];
    gtx = [];
    gt = [];
    gw = [];
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      const prev = k > 0 ? order[k - 1]! : -1;
      if (prev < 0 || x[i] !== x[prev] || T[i] !== T[prev] || tx[i] !== tx[prev]) {
        gx.push(x[i]!);
        gt.push(tDistinct.indexOf[i]!);
        gtx.push(txDistinct.indexOf[i]!);
        gw.push(0);
      }
      groupOf[i] = gx.length - 1;
      gw[gw.length - 1]!++;
    }
  }
  const groups = gx.length;
  const xValues: number[] = [];
  const xStart: number[] = [];
  const xCount: number[] = [];
  for (let g = 0; g < groups; g++) {
    if (g === 0 || gx[g] !== gx[g - 1]) {
      xValues.push(gx[g]!);
      xStart.push(g);
      xCount.push(0);
    }
    xCount[xCount.length - 1]! += gw[g]!;
  }
  xStart.push(groups);
  return {
    x: Int32Array.from(gx),
    txIndex: Int32Array.from(gtx),
    tIndex: Int32Array.from(gt),
    weight: Float64Array.from(gw),
    txValues: txDistinct.sorted,
    tValues: tDistinct.sorted,
    xValues: Int32Array.from(xValues),
    xStart: Int32Array.from(xStart),
    xCount: Float64Array.from(xCount),
    groupOf,
    customers: n,
  };
}

/**
 * The BG/NBD log-likelihood (paper's eq. 6, summed over customers) at (r, α, a, b), time in units of
 * `unitDays` days, with its gradient over (r, α, a, b) written into `gradient` when given.
 *   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x)
 *          + ln( (α+T)^−(r+x) + [x>0] a/(b+x−1) (α+t_x)^−(r+x) )
 * the last term as ln(e^A3 + e^A4) computed stably.
 */
export function bgNbdLogLikelihood(
  groups: TripleGroups,
  unitDays: number,
  r: number,
  alpha: number,
  a: number,
  b: number,
  gradient?: Float64Array,
): number {
  const { tValues, txValues } = groups;
  const lnT = new Float64Array(tValues.length);
  const invT = new Float64Array(tValues.length);
  for (let i = 0; i < tValues.length; i++) {
    const v = alpha + tValues[i]! / unitDays;
    lnT[i] = log(v);
    invT[i] = 1 / v;
  }
  const lnTx = new Float64Array(txValues.length);
  const invTx = new Float64Array(txValues.length);
  for (let i = 0; i < txValues.length; i++) {
    const v = alpha + txValues[i]! / unitDays;
    lnTx[i] = log(v);
    invTx[i] = 1 / v;
  }
  const n = groups.customers;
  const lnA = log(a);
  const lnGammaR = lnGamma(r);
  const lnGammaB = lnGamma(b);
  const lnGammaAB = lnGamma(a + b);
  const psiR = digamma(r);
  const psiB = digamma(b);
  const psiAB = digamma(a + b);
  let ll = n * r * log(alpha);
  let dr = n * log(alpha);
  let dAlpha = (n * r) / alpha;
  let da = 0;
  let db = 0;
  const { tIndex, txIndex, weight, xValues, xStart, xCount } = groups;
  for (let k = 0; k < xValues.length; k++) {
    const x = xValues[k]!;
    const count = xCount[k]!;
    const rx = r + x;
    // Terms of x alone, once per distinct x.
    ll += count * (lnGamma(rx) - lnGammaR + lnGammaAB + lnGamma(b + x) - lnGammaB - lnGamma(a + b + x));
    const psiABX = digamma(a + b + x);
    dr += count * (digamma(rx) - psiR);
    da += count * (psiAB - psiABX);
    db += count * (psiAB + digamma(b + x) - psiB - psiABX);
    const end = xStart[k + 1]!;
    if (x === 0) {
      for (let g = xStart[k]!; g < end; g++) {
        const w = weight[g]!;
        const ti = tIndex[g]!;
        ll -= w * rx * lnT[ti]!;
        dr -= w * lnT[ti]!;
        dAlpha -= w * rx * invT[ti]!;
      }
      continue;
    }
    const lnB = log(b + x - 1);
    const c4 = lnA - lnB;
    let sumLse = 0;
    let sumDr = 0;
    let sumDAlpha = 0;
    let sumW4 = 0;
    for (let g = xStart[k]!; g < end; g++) {
      const w = weight[g]!;
      const ti = tIndex[g]!;
      const txi = txIndex[g]!;
      const a3 = -rx * lnT[ti]!;
      const a4 = c4 - rx * lnTx[txi]!;
      // ln(e^A3 + e^A4) and the weights e^A3 / (e^A3 + e^A4), e^A4 / (…), from one exp and one log1p.
      let lse: number;
      let w4: number;
      if (a3 >= a4) {
        const e = exp(a4 - a3);
        lse = a3 + log1p(e);
        w4 = e / (1 + e);
      } else {
        const e = exp(a3 - a4);
        lse = a4 + log1p(e);
        w4 = 1 / (1 + e);
      }
      const w3 = 1 - w4;
      sumLse += w * lse;
      sumDr -= w * (w3 * lnT[ti]! + w4 * lnTx[txi]!);
      sumDAlpha -= w * rx * (w3 * invT[ti]! + w4 * invTx[txi]!);
      sumW4 += w * w4;
    }
    ll += sumLse;
    dr += sumDr;
    dAlpha += sumDAlpha;
    da += sumW4 / a;
    db -= sumW4 / (b + x - 1);
  }
  if (gradient) {
    gradient[0] = dr;
    gradient[1] = dAlpha;
    gradient[2] = da;
    gradient[3] = db;
  }
  return ll;
}

export interface FitOptions {
  /** Time unit of the fit in days (1: days, 7: weeks); α is reported in days either way. */
  timeUnitDays?: number;
  /** Gradient-norm limit for convergence (mean log-likelihood per customer, log-parameters); SPEC: 1e-6. */
  gradientTolerance?: number;
}

/** Log-parameters beyond ±LOG_LIMIT (e^30 ≈ 10^13) count as not converged: the optimum is at infinity. */
const LOG_LIMIT = 30;

/** Maximum-likelihood BG/NBD parameters over ln r, ln α, ln a, ln b (BFGS). */
export function fitBgNbd(groups: TripleGroups, options: FitOptions = {}): BgNbdFit {
  const unit = options.timeUnitDays ?? 1;
  const tolerance = options.gradientTolerance ?? 1e-6;
  const n = groups.customers;
  // Start: r = 1, α such that r/α is the mean rate of repeat purchases, a = b = 1.
  let sumX = 0;
  let sumT = 0;
  for (let g = 0; g < groups.x.length; g++) {
    sumX += groups.weight[g]! * groups.x[g]!;
    sumT += (groups.weight[g]! * groups.tValues[groups.tIndex[g]!]!) / unit;
  }
  const alpha0 = max(1e-3, sumT / max(1, sumX));
  const gradient = new Float64Array(4);
  const result = minimizeBfgs(
    (point, out) => {
      for (let i = 0; i < 4; i++) if (abs(point[i]!) > LOG_LIMIT + 10) return NaN;
      const r = exp(point[0]!);
      const alpha = exp(point[1]!);
      const a = exp(point[2]!);
      const b = exp(point[3]!);
      const ll = bgNbdLogLikelihood(groups, unit, r, alpha, a, b, gradient);
      out[0] = (-r * gradient[0]!) / n;
      out[1] = (-alpha * gradient[1]!) / n;
      out[2] = (-a * gradient[2]!) / n;
      out[3] = (-b * gradient[3]!) / n;
      return -ll / n;
    },
    Float64Array.of(0, log(alpha0), 0, 0),
    { gradientTolerance: tolerance },
  );
  const [lr, la, lA, lb] = result.point as unknown as [number, number, number, number];
  const within = [lr, la, lA, lb].every((v) => abs(v) <= LOG_LIMIT);
  return {
    r: exp(lr),
    alpha: exp(la) * unit,
    a: exp(lA),
    b: exp(lb),
    logLikelihood: -result.value * n,
    timeUnitDays: unit,
    gradientNorm: result.gradientNorm,
    iterations: result.iterations,
    converged: result.converged && within && Number.isFinite(result.value),
  };
}

/**
 * ln of the odds that a customer has dropped out, a/(b + x − 1) · ((α + T)/(α + t_x))^(r + x), for x ≥ 1
 * (days); P(alive) = 1 / (1 + e^this).
 */
export function logOddsDropped(p: BgNbdParameters, x: number, tx: number, T: number): number {
  return log(p.a) - log(p.b + x - 1) + (p.r + x) * (log(p.alpha + T) - log(p.alpha + tx));
}

/** P(alive | x, t_x, T) for x ≥ 1 (NaN for x = 0: SPEC leaves it empty). */
export function probabilityAlive(p: BgNbdParameters, x: number, tx: number, T: number): number {
  if (x < 1) return NaN;
  return 1 / (1 + exp(logOddsDropped(p, x, tx, T)));
}

/**
 * The numerator of eq. 10, (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x; a+b+x−1; z)],
 * z = t/(α+T+t). After Euler's transformation the power cancels against the transformation's factor:
 *   = c · [(1 − (1−z)^ε)/ε − (1−z)^ε G],  c = a+b+x−1, ε = a−1,
 * where 2F1(a+b−1−r, ε; c; z) = 1 + ε G: G's terms are the series' terms without the factor ε, so a = 1 (ε = 0,
 * where the textbook form is 0/0) needs no special case, and (1 − (1−z)^ε)/ε = −expm1(ε ln(1−z))/ε.
 */
export function expectedPurchasesGivenAlive(p: BgNbdParameters, x: number, T: number, t: number): number {
  if (t <= 0) return 0;
  const c = p.a + p.b + x - 1;
  const epsilon = p.a - 1;
  const total = p.alpha + T + t;
  const z = t / total;
  const ln1z = log((p.alpha + T) / total);
  const pPrime = c - p.r - x; // a + b − 1 − r
  // G = Σ_{j≥1} (p')_j (ε+1)_{j−1} / ((c)_j j!) z^j; its first term p' z / c, then the 2F1 ratio.
  const g = pPrime === 0 ? 0 : hypergeometricTail(pPrime, epsilon, c, z, 1, (pPrime * z) / c);
  const first = epsilon === 0 ? -ln1z : -expm1(epsilon * ln1z) / epsilon;
  return c * (first - exp(epsilon * ln1z) * g);
}

/** E[Y(t) | x, t_x, T], the expected purchases in the next t days (paper's eq. 10). */
export function expectedPurchases(p: BgNbdParameters, x: number, tx: number, T: number, t: number): number {
  const numerator = expectedPurchasesGivenAlive(p, x, T, t);
  return x === 0 ? numerator : numerator / (1 + exp(logOddsDropped(p, x, tx, T)));
}
