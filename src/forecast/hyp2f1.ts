/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for 0 ≤ z < 1, as BG/NBD's expected purchases need it.
 *
 * The textbook series Σ (a)_j (b)_j / ((c)_j j!) z^j has terms that grow like (1 − z)^(c − a − b) before they
 * fall: with a = r + x, b = b + x, c = a + b + x − 1 (a customer with x repeat purchases) they overflow for
 * x ≈ 300. Euler's transformation 2F1(a, b; c; z) = (1 − z)^(c − a − b) 2F1(c − a, c − b; c; z) moves that
 * growth into the factor in front, which is computed in logs; the remaining series then has the small upper
 * parameters c − a, c − b and falls from its first terms on.
 *
 * Every series is summed (compensated, Neumaier) until a rigorous bound on the rest is below 1e-13 of the sum
 * (see `hypergeometricTail`), so the result is good to about 1e-12 relative, whatever the number of terms.
 */

/** Relative size of the bound on the omitted terms at which a series stops. */
const TAIL_TOLERANCE = 1e-13;
/** A series is given up (NaN) after this many terms; z ≤ 0.9999 needs far fewer. */
const MAX_TERMS = 10_000_000;
const LARGEST = 1.7976931348623157e308;
// Local bindings: the loops below then read no global (faster in sandboxes such as jest's vm contexts).
const { abs, max, ceil, log, log1p, exp } = Math;

/**
 * Σ_{j ≥ start} t_j with t_{j+1} = t_j (p + j)(q + j) z / ((c + j)(j + 1)), given t_start = `first`: the tail of
 * a hypergeometric series. Stops when the rest is provably below TAIL_TOLERANCE of the partial sum: once p + j,
 * q + j and c + j are positive, (p + k)/(k + 1) and (q + k)/(c + k) are monotone in k and tend to 1, so every
 * later ratio |t_{k+1}/t_k| is at most ρ = z · max(1, (p + j)/(j + 1)) · max(1, (q + j)/(c + j)), and the rest
 * after t_j is at most |t_j| ρ / (1 − ρ) when ρ < 1.
 */
export function hypergeometricTail(p: number, q: number, c: number, z: number, start: number, first: number): number {
  let sum = 0;
  let compensation = 0;
  let term = first;
  const positiveFrom = max(0, ceil(-p) + 1, ceil(-q) + 1, ceil(-c) + 1);
  for (let j = start; j < start + MAX_TERMS; j++) {
    // Neumaier's compensated sum: terms of both signs (p or q below 0) lose nothing to cancellation.
    const next = sum + term;
    compensation += abs(sum) >= abs(term) ? sum - next + term : term - next + sum;
    sum = next;
    if (term === 0) return sum + compensation;
    if (j >= positiveFrom) {
      const rho = z * max(1, (p + j) / (j + 1)) * max(1, (q + j) / (c + j));
      if (rho < 1 && (abs(term) * rho) / (1 - rho) <= TAIL_TOLERANCE * abs(sum + compensation))
        return sum + compensation;
    }
    term *= ((p + j) * (q + j) * z) / ((c + j) * (j + 1));
    if (!(abs(term) <= LARGEST)) return NaN;
  }
  return NaN;
}

/**
 * ln 2F1(a, b; c; z) for 0 ≤ z < 1 and c > 0 (NaN where the function is not positive): Euler's form, with the
 * factor (1 − z)^(c − a − b) added as a logarithm, so it neither overflows nor underflows.
 */
export function lnHyp2f1(a: number, b: number, c: number, z: number): number {
  const series = hypergeometricTail(c - a, c - b, c, z, 0, 1);
  return (c - a - b) * log1p(-z) + log(series);
}

/** 2F1(a, b; c; z) for 0 ≤ z < 1 and c > 0 (Euler's form; Infinity when it overflows a double). */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) return NaN;
  const series = hypergeometricTail(c - a, c - b, c, z, 0, 1);
  return exp((c - a - b) * log1p(-z)) * series;
}
