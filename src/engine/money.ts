/**
 * Money as whole numbers of 1/10,000 ("units"), so sums are exact integers in float64 and do not depend on row
 * order: 3 × 19.99 is 599,700 units = 59.97. Rounding to 4 decimals is half away from zero.
 */

export const MONEY_SCALE = 10_000;

/**
 * The largest amount, in units, that is summed exactly: 2^53 − 1 units = 900,719,925,474.0991 in currency. A row
 * beyond it is skipped (`amount_out_of_range`), and a customer whose running total would pass it stops the run.
 */
export const MAX_EXACT_UNITS = Number.MAX_SAFE_INTEGER;

/** Whether `units` (a number, not NaN) is beyond ±MAX_EXACT_UNITS (so also ±Infinity). */
export function isOutOfRangeUnits(units: number): boolean {
  return units > MAX_EXACT_UNITS || units < -MAX_EXACT_UNITS;
}

/** Exact rounding of a decimal digit string `intPart.fracPart` to units (half away from zero), unsigned. */
function decimalDigitsToUnits(intPart: string, fracPart: string): number {
  const padded = (fracPart + "00000").slice(0, 5);
  const fifth = padded.charCodeAt(4) - 48;
  const units = Number(intPart || "0") * MONEY_SCALE + Number(padded.slice(0, 4));
  return fifth >= 5 ? units + 1 : units;
}

/**
 * Units of a JS number, rounded half away from zero at the 4th decimal as the number is written (so 1.00005
 * becomes 1.0001 although its binary value is slightly below). NaN for non-finite input; a value beyond
 * ±MAX_EXACT_UNITS (possibly Infinity, as for 1e308) is returned as it comes out, for the caller to reject.
 */
export function numberToUnits(value: number): number {
  if (!Number.isFinite(value)) return NaN;
  const magnitude = Math.abs(value) * MONEY_SCALE;
  const rounded = Math.round(magnitude);
  // Only a value near a half unit can round differently in binary than in its decimal form; re-read those exactly.
  if (Math.abs(magnitude - Math.floor(magnitude) - 0.5) < 1e-6 && magnitude < 1e15) {
    const text = Math.abs(value).toString();
    if (!text.includes("e")) {
      const dot = text.indexOf(".");
      const exact =
        dot < 0 ? decimalDigitsToUnits(text, "") : decimalDigitsToUnits(text.slice(0, dot), text.slice(dot + 1));
      return value < 0 ? -exact : exact;
    }
  }
  return value < 0 ? -rounded + 0 : rounded;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

import { isWhitespace, skipWhitespace, trimEndIndex } from "./text-range";

/**
 * Units of a money text (or of `text[start, end)`): `1234.5`, `1,234.50`, `¥1,234.50`, `￥12`, `$12`, `€3`, `£3`, `US$5`, `12元`, `(12.00)`
 * (negative), `-12`, `12-`, `+12`, `1.5E3`; surrounding white space is ignored. NaN when unreadable
 * (e.g. `1.234,50`, `#N/A`, `abc`). An amount beyond ±MAX_EXACT_UNITS, in digits or in scientific notation, comes
 * back beyond it (not exact, possibly ±Infinity): one rule for `123456789012345678901234` and `1e23`, which the
 * readers skip as `amount_out_of_range`.
 */
export function parseMoneyText(text: string, from = 0, to = text.length): number {
  // Most cells have no surrounding white space: test one character before calling the full trimmer.
  let start = from < to && isWhitespace(text.charCodeAt(from)) ? skipWhitespace(text, from, to) : from;
  let end = start < to && isWhitespace(text.charCodeAt(to - 1)) ? trimEndIndex(text, start, to) : to;
  let negative = false;
  if (end <= start) return NaN;
  if (text.charCodeAt(start) === 40 /* ( */ && text.charCodeAt(end - 1) === 41 /* ) */) {
    negative = true;
    start++;
    end--;
  }
  // Signs and currency marks around the number, in any order (`-$12`, `$-12`, `12-`, `¥ 12`).
  let signs = 0;
  for (;;) {
    const c = text.charCodeAt(start);
    if (start >= end) return NaN;
    if (c === 45 || c === 0x2212 /* − */) {
      negative = !negative;
      signs++;
      start++;
    } else if (c === 43 /* + */) {
      signs++;
      start++;
    } else if (c === 36 || c === 0xa5 || c === 0xffe5 || c === 0x20ac || c === 0xa3 || c === 32 || c === 0xa0) {
      start++;
    } else if (
      (c === 85 || c === 117) &&
      (text.charCodeAt(start + 1) === 83 || text.charCodeAt(start + 1) === 115) &&
      text.charCodeAt(start + 2) === 36
    ) {
      start += 3; // US$
    } else break;
  }
  for (;;) {
    const c = text.charCodeAt(end - 1);
    if (end <= start) return NaN;
    if (c === 45 || c === 0x2212) {
      negative = !negative;
      signs++;
      end--;
    } else if (c === 0x5143 /* 元 */ || c === 32 || c === 0xa0) {
      end--;
    } else break;
  }
  if (signs > 1) return NaN;
  // Digits with optional well-formed thousands separators and one decimal point, read as integers directly.
  let i = start;
  let intValue = 0;
  let intDigitCount = 0;
  let commaSeen = false;
  let runLength = 0;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      intValue = intValue * 10 + (c - 48);
      intDigitCount++;
      runLength++;
      i++;
    } else if (c === 44 /* , */) {
      if (runLength === 0 || (commaSeen && runLength !== 3) || (!commaSeen && runLength > 3)) return NaN;
      commaSeen = true;
      runLength = 0;
      i++;
    } else break;
  }
  if (commaSeen && runLength !== 3) return NaN;
  let fracValue = 0;
  let fracDigitCount = 0;
  let roundUp = false;
  if (i < end && text.charCodeAt(i) === 46 /* . */) {
    i++;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (!isDigit(c)) break;
      if (fracDigitCount < 4) fracValue = fracValue * 10 + (c - 48);
      else if (fracDigitCount === 4) roundUp = c >= 53;
      fracDigitCount++;
      i++;
    }
  }
  if (intDigitCount === 0 && fracDigitCount === 0) return NaN;
  if (i < end) {
    // Scientific notation, as some exports write large or tiny numbers.
    const c = text.charCodeAt(i);
    if ((c === 69 || c === 101) && !commaSeen) {
      const value = Number(text.slice(start, end));
      if (!Number.isFinite(value)) return NaN;
      const units = numberToUnits(value);
      return negative ? -units + 0 : units;
    }
    return NaN;
  }
  // Exact while within ±MAX_EXACT_UNITS (intValue < 2^53 then); anything beyond stays beyond it, for the caller.
  for (let d = fracDigitCount; d < 4; d++) fracValue *= 10;
  const units = intValue * MONEY_SCALE + fracValue + (roundUp ? 1 : 0);
  return negative ? -units + 0 : units;
}

/** Units of quantity × unit price, both given in units, rounded half away from zero at the 4th decimal. */
export function multiplyUnits(quantityUnits: number, priceUnits: number): number {
  const product = quantityUnits * priceUnits;
  const magnitude = Math.abs(product);
  if (magnitude <= Number.MAX_SAFE_INTEGER) {
    const whole = Math.floor(magnitude / MONEY_SCALE);
    const remainder = magnitude - whole * MONEY_SCALE;
    const units = remainder * 2 >= MONEY_SCALE ? whole + 1 : whole;
    return product < 0 ? -units : units;
  }
  return numberToUnits((quantityUnits / MONEY_SCALE) * (priceUnits / MONEY_SCALE));
}
