/**
 * Log-gamma and digamma for positive arguments, and a stable ln(e^A + e^B): what the likelihoods need, written
 * here because JavaScript's Math has none of them. Both functions shift the argument up to 10 by the recurrence,
 * then sum the Stirling (de Moivre) series, whose first omitted term is below 1e-16 relative there.
 */

// Math's functions as local bindings: hot loops then read no global (much faster in jest's vm sandboxes).
const { exp, log, log1p } = Math;

const HALF_LN_TWO_PI = 0.9189385332046728;
const SHIFT_TO = 10;

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  if (!(x > 0)) return x === 0 ? Infinity : NaN;
  let shift = 0;
  if (x < SHIFT_TO) {
    // ln Γ(x) = ln Γ(x + n) − ln(x (x + 1) … (x + n − 1)); the product stays far from overflow for n ≤ 10.
    let product = 1;
    while (x < SHIFT_TO) {
      product *= x;
      x += 1;
    }
    shift = log(product);
  }
  const inverse = 1 / x;
  const inverse2 = inverse * inverse;
  const series =
    inverse *
    (1 / 12 +
      inverse2 *
        (-1 / 360 +
          inverse2 * (1 / 1260 + inverse2 * (-1 / 1680 + inverse2 * (1 / 1188 + inverse2 * (-691 / 360360))))));
  return (x - 0.5) * log(x) - x + HALF_LN_TWO_PI + series - shift;
}

/** ψ(x) = d/dx ln Γ(x) for x > 0. */
export function digamma(x: number): number {
  if (!(x > 0)) return NaN;
  let shift = 0;
  while (x < SHIFT_TO) {
    shift += 1 / x;
    x += 1;
  }
  const inverse2 = 1 / (x * x);
  const series =
    inverse2 *
    (1 / 12 -
      inverse2 *
        (1 / 120 - inverse2 * (1 / 252 - inverse2 * (1 / 240 - inverse2 * (1 / 132 - inverse2 * (691 / 32760))))));
  return log(x) - 0.5 / x - series - shift;
}

/** ln(e^a + e^b) without overflow or underflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a >= b ? a + log1p(exp(b - a)) : b + log1p(exp(a - b));
}
