/**
 * Sorted copies of per-customer columns for breakpoints, medians and tiers, and customers in id order. Days and
 * counts are small integers, so a counting sort does it in two linear passes; money units are integers too, sorted
 * by a three-pass radix sort when their range fits 32 bits. Anything else falls back to the typed array's own sort.
 * All give the ascending order `Float64Array.prototype.sort` gives.
 */

/** Ranges up to this many times the element count (plus a floor) are counted directly. */
const COUNTING_RANGE_FACTOR = 4;
const COUNTING_RANGE_FLOOR = 1 << 16;

/** Ascending copy of whole numbers (days, purchase counts) as float64. */
export function sortedWholeNumbers(values: Int32Array): Float64Array {
  const n = values.length;
  const sorted = new Float64Array(n);
  if (n === 0) return sorted;
  let min = values[0]!;
  let max = min;
  for (let i = 1; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  const range = max - min + 1;
  if (range > COUNTING_RANGE_FACTOR * n + COUNTING_RANGE_FLOOR) {
    sorted.set(values);
    return sorted.sort();
  }
  const counts = new Int32Array(range);
  for (let i = 0; i < n; i++) {
    const slot = values[i]! - min;
    counts[slot] = counts[slot]! + 1;
  }
  let at = 0;
  for (let v = 0; v < range; v++) {
    const end = at + counts[v]!;
    if (end > at) sorted.fill(v + min, at, end);
    at = end;
  }
  return sorted;
}

const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;
const RADIX_MASK = RADIX - 1;

/** Ascending copy of money units (integers in float64; any other value makes it use the native sort). */
export function sortedUnits(values: Float64Array): Float64Array {
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    if (!Number.isInteger(v)) integral = false;
  }
  // Small inputs, non-integers (NaN included) or a range beyond 32 bits: the native sort.
  if (n < 256 || !integral || max - min >= 2 ** 32) return Float64Array.from(values).sort();

  // LSD radix sort of the offsets (value - min) in three passes of 11 bits, carrying the original values.
  let keys = new Uint32Array(n);
  let out = new Uint32Array(n);
  for (let i = 0; i < n; i++) keys[i] = values[i]! - min;
  const counts = new Int32Array(RADIX);
  for (let shift = 0; shift < 32; shift += RADIX_BITS) {
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const digit = (keys[i]! >>> shift) & RADIX_MASK;
      counts[digit] = counts[digit]! + 1;
    }
    if (counts[(keys[0]! >>> shift) & RADIX_MASK] === n) continue; // every key has this digit: nothing moves
    countsToStarts(counts);
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      const digit = (key >>> shift) & RADIX_MASK;
      const position = counts[digit]!;
      counts[digit] = position + 1;
      out[position] = key;
    }
    const swap = keys;
    keys = out;
    out = swap;
  }
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = keys[i]! + min;
  // -0 sorts before +0 in the native sort; whole units never hold -0 (sums add +0), so equal values are equal.
  return sorted;
}

/** Counts per key turned in place into each key's first position in the sorted output (one counting-sort step). */
function countsToStarts(counts: Int32Array): void {
  let total = 0;
  for (let key = 0; key < counts.length; key++) {
    const count = counts[key]!;
    counts[key] = total;
    total += count;
  }
}

/** Ids up to this long whose code units are all below 255 are radix-sorted; others use a comparison sort. */
const RADIX_ID_LENGTH = 32;

/**
 * Customer positions sorted by id as text (UTF-16 code unit order, what `<` on strings does). Short ids of Latin
 * characters (the usual case: `C004711`, `17850`, e-mail addresses) are sorted by an LSD radix sort over their
 * characters, a few linear passes; any other id set by comparing strings.
 */
export function customerOrderById(customers: { id: string[] }): Uint32Array {
  const { id } = customers;
  const n = id.length;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Already in order (the CLI numbers customers so): one comparison per id, and usually out at the first.
  let inOrder = true;
  for (let i = 1; i < n && inOrder; i++) inOrder = id[i - 1]! < id[i]!;
  if (inOrder) return order;
  let width = 0;
  for (let i = 0; i < n && width <= RADIX_ID_LENGTH; i++) width = Math.max(width, id[i]!.length);
  // Characters + 1 per id, 0 past its end (a shorter id sorts before its extensions).
  const keys = width <= RADIX_ID_LENGTH && n > 1 ? idCharacters(id, width) : undefined;
  if (!keys) return order.sort((a, b) => (id[a]! < id[b]! ? -1 : id[a]! > id[b]! ? 1 : a - b));
  let next = new Uint32Array(n);
  const counts = new Int32Array(256);
  for (let position = width - 1; position >= 0; position--) {
    counts.fill(0);
    for (let j = 0; j < n; j++) {
      const key = keys[order[j]! * width + position]!;
      counts[key] = counts[key]! + 1;
    }
    countsToStarts(counts);
    for (let j = 0; j < n; j++) {
      const i = order[j]!;
      const key = keys[i * width + position]!;
      const at = counts[key]!;
      counts[key] = at + 1;
      next[at] = i;
    }
    const swap = order;
    order = next;
    next = swap;
  }
  return order;
}

/** The ids' code units + 1 in rows of `width` bytes, or undefined when one is 255 or more. */
function idCharacters(id: string[], width: number): Uint8Array | undefined {
  const keys = new Uint8Array(id.length * width);
  for (let i = 0; i < id.length; i++) {
    const text = id[i]!;
    for (let position = 0; position < text.length; position++) {
      const code = text.charCodeAt(position);
      if (code >= 255) return undefined;
      keys[i * width + position] = code + 1;
    }
  }
  return keys;
}
