/**
 * SPEC "Forecast": "the Gauss hypergeometric function 2F1 evaluated in its Euler-transformed form with a series
 * stopped by a rigorous tail bound (the textbook form overflows for large x), to 1e-12 relative."
 * Checked against closed forms and against the textbook series summed in exact fixed-point BigInt arithmetic.
 */
import { expectedPurchases, hyp2f1, lnHyp2f1 } from "../../src/forecast/index";

const FRACTION_BITS = 256n;
const ONE = 1n << FRACTION_BITS;

/** A double as a fixed-point BigInt with FRACTION_BITS fraction bits (exact for the values used here). */
function fixed(v: number): bigint {
  const scaled = v * 2 ** 80;
  if (!Number.isInteger(scaled)) throw new Error(`${v} needs more than 80 fraction bits`);
  return BigInt(scaled) << (FRACTION_BITS - 80n);
}

/** ln of a positive fixed-point BigInt. */
function lnFixed(value: bigint): number {
  const bits = value.toString(2).length;
  const shift = Math.max(0, bits - 60);
  return Math.log(Number(value >> BigInt(shift))) + (shift - Number(FRACTION_BITS)) * Math.LN2;
}

/** ln 2F1(a, b; c; z) by the textbook series Σ (a)_j (b)_j / ((c)_j j!) z^j in 256-bit fixed point (a, b, c > 0). */
function lnHyp2f1Reference(a: number, b: number, c: number, z: number): number {
  const [A, B, C, Z] = [fixed(a), fixed(b), fixed(c), fixed(z)];
  let term = ONE;
  let sum = ONE;
  for (let j = 0n; ; j++) {
    const jj = j << FRACTION_BITS;
    term = (term * (A + jj) * (B + jj) * Z) / ((C + jj) * (j + 1n) * ONE * ONE);
    sum += term;
    // Past the peak the ratio falls towards z; stop when the term is 2^-90 of the sum, with the ratio below 1.
    const ratio = ((a + Number(j)) * (b + Number(j)) * z) / ((c + Number(j)) * (Number(j) + 1));
    if (ratio < 1 && term * (1n << 90n) < sum) return lnFixed(sum);
    if (j > 2_000_000n) throw new Error("reference series too long");
  }
}

describe("2F1", () => {
  test.each([0.001, 0.1, 0.5, 0.9, 0.99, 0.999])("2F1(1, 1; 2; %p) = −ln(1 − z)/z to 1e-12", (z) => {
    const exact = -Math.log1p(-z) / z;
    expect(Math.abs(hyp2f1(1, 1, 2, z) / exact - 1)).toBeLessThan(1e-12);
  });

  test("2F1(a, b; b; z) = (1 − z)^−a and 2F1(1/2, 1; 3/2; z²) = artanh(z)/z", () => {
    for (const z of [0.2, 0.7, 0.999]) {
      expect(Math.abs(hyp2f1(2.5, 3.25, 3.25, z) / (1 - z) ** -2.5 - 1)).toBeLessThan(1e-12);
      expect(Math.abs(hyp2f1(0.5, 1, 1.5, z * z) / (Math.atanh(z) / z) - 1)).toBeLessThan(1e-12);
    }
  });

  // BG/NBD's 2F1(r + x, b + x; a + b + x − 1; z) with CDNOW's parameters.
  const [r, a, b] = [0.2426, 0.7929, 2.4259];
  const cases: [number, number][] = [
    [0, 0.5],
    [0, 0.999],
    [1, 0.9],
    [1, 0.999],
    [5, 0.99],
    [10, 0.5],
    [100, 0.5],
    [300, 0.5],
    [300, 0.9],
    [1000, 0.3],
    [1000, 0.5],
  ];
  test.each(cases)("x = %p, z = %p: ln 2F1 matches the exact series to 1e-12 relative", (x, z) => {
    const reference = lnHyp2f1Reference(r + x, b + x, a + b + x - 1, z);
    const ours = lnHyp2f1(r + x, b + x, a + b + x - 1, z);
    // An error of 1e-12 relative in 2F1 is 1e-12 absolute in its logarithm.
    expect(Math.abs(ours - reference)).toBeLessThan(1e-12 * Math.max(1, Math.abs(reference)) + 1e-12);
  });

  test("the textbook series overflows a double at x = 300, z = 0.95; the Euler form does not", () => {
    const [p, q, c, z] = [r + 300, b + 300, a + b + 299, 0.95];
    let term = 1;
    let sum = 1;
    for (let j = 0; j < 20_000 && Number.isFinite(sum); j++) {
      term *= ((p + j) * (q + j) * z) / ((c + j) * (j + 1));
      sum += term;
    }
    expect(Number.isFinite(sum)).toBe(false);
    expect(Number.isFinite(lnHyp2f1(p, q, c, z))).toBe(true);
  });

  test("expected purchases (eq. 10, Euler form) equal the textbook formula with an exact 2F1", () => {
    const params = { r, alpha: 4.4136 * 7, a, b };
    for (const [x, tx, T, t] of [
      [0, 0, 100, 90],
      [2, 213, 272, 273],
      [26, 251, 272, 365],
      [300, 250, 260, 30],
      [1000, 999, 1000, 365],
    ] as const) {
      const z = t / (params.alpha + T + t);
      const ln2f1 = lnHyp2f1Reference(r + x, b + x, a + b + x - 1, z);
      const power = (r + x) * Math.log((params.alpha + T) / (params.alpha + T + t));
      const numerator = ((a + b + x - 1) / (a - 1)) * -Math.expm1(power + ln2f1);
      const odds = x > 0 ? (a / (b + x - 1)) * ((params.alpha + T) / (params.alpha + tx)) ** (r + x) : 0;
      const textbook = numerator / (1 + odds);
      expect(Math.abs(expectedPurchases(params, x, tx, T, t) / textbook - 1)).toBeLessThan(1e-10);
    }
  });
});
