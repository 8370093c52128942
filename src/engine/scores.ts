/**
 * Score bins. Quantile breakpoints are Excel's PERCENTILE.INC computed in integers: with the n values sorted,
 * b_j = x_q + (x_{q+1} - x_q) × r / k where (n - 1) × j = q × k + r. Comparisons are made on b_j × k, which is
 * an exact integer when the values are integers (days, counts, money units), so "strictly below" is exact.
 */

/** Breakpoints of one metric, kept as `scaled` = b_j × `scale` for exact comparison. */
export interface Breakpoints {
  scaled: Float64Array;
  scale: number;
  /** Fixed thresholds: bin = 1 + count(b ≤ v); quantile: bin = 1 + count(b < v). */
  inclusive: boolean;
}

/** PERCENTILE.INC(values, j/k) for j = 1..k-1 over values sorted ascending (n ≥ 1), scaled by k. */
export function quantileBreakpoints(sorted: Float64Array, k: number): Breakpoints {
  const n = sorted.length;
  const scaled = new Float64Array(k - 1);
  for (let j = 1; j < k; j++) {
    const rank = (n - 1) * j; // an exact integer: the rank is rank / k
    const q = Math.floor(rank / k);
    const r = rank - q * k;
    const low = sorted[q]!;
    scaled[j - 1] = r === 0 ? low * k : low * k + (sorted[q + 1]! - low) * r;
  }
  return { scaled, scale: k, inclusive: false };
}

/** User-typed thresholds, already in the metric's integer unit (days, purchases, money units). */
export function fixedBreakpoints(thresholds: readonly number[]): Breakpoints {
  return { scaled: Float64Array.from(thresholds), scale: 1, inclusive: true };
}

/** 1 + number of breakpoints below `value` (strictly for quantiles, at or below for fixed thresholds). */
export function binOf(value: number, breakpoints: Breakpoints): number {
  const { scaled, scale, inclusive } = breakpoints;
  const v = value * scale;
  let bin = 1;
  if (inclusive) {
    for (let j = 0; j < scaled.length; j++) if (scaled[j]! <= v) bin++;
  } else {
    for (let j = 0; j < scaled.length; j++) if (scaled[j]! < v) bin++;
  }
  return bin;
}

/** Breakpoint values as plain numbers, divided by `unit` (10,000 for money). */
export function breakpointValues(breakpoints: Breakpoints, unit = 1): number[] {
  return Array.from(breakpoints.scaled, (s) => s / breakpoints.scale / unit);
}

/** The RFM code: `545`, or `10-7-7` style with dashes when k = 10. */
export function rfmCode(r: number, f: number, m: number, k: number): string {
  return k === 10 ? `${r}-${f}-${m}` : `${r}${f}${m}`;
}

/** Score k mapped onto the standard grid's 1..5: CEIL(5 × score / k). */
export function toFiveLevels(score: number, k: number): number {
  return k === 5 ? score : Math.ceil((5 * score) / k);
}
