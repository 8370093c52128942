/**
 * Interning of id strings: index = order of first appearance. An open-addressing table in one Int32Array whose
 * 32-byte slots hold the hash, the index and (for ids of up to 8 characters) the characters themselves, so a
 * lookup reads one cache line and never the scattered string objects (on a big sheet each of those is a cache
 * miss); longer ids are compared against a Uint16Array pool. Works on ranges of a larger text too, so a reader
 * needs no string per cell.
 */

import { grown } from "./typed-arrays";

/** FNV-1a over the UTF-16 code units of `text[start, end)`. */
export function hashText(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/** Int32 words per slot: hash, index + 1 (0 = empty), length, pool offset, then up to 8 characters two per word. */
const SLOT_WORDS = 8;
const INLINE_CHARS = 8;
/** Numbered ids up to this number use the direct table (at most 16 MB); larger ones the hash table. */
const MAX_NUMBERED = 1 << 22;

/**
 * The numbered-id shortcut shared by `RangeInterner` (UTF-16 text) and the CLI's byte interner (UTF-8 bytes). Ids
 * of the form prefix + fixed number of digits, with the prefix and digit count of the first id seen, are looked up
 * by their number in a direct table: one read of a small array, no hashing and no probe into a big table. Which
 * path an id takes depends only on the id, so the direct table and the interner's hash table never hold the same id.
 */
export class NumberedIds {
  /** The prefix as code units (text) or bytes (bytes); the first id decides which. */
  private prefix: number[] = [];
  private digits = -1; // -1: not decided yet; 0: no numbered ids
  private byNumber = new Int32Array(0);

  /** The number of `text[start, end)` when it has the numbered form, else -1. */
  numberOfText(text: string, start: number, end: number): number {
    if (this.digits < 0) this.decide((i) => text.charCodeAt(i), start, end);
    const { prefix, digits } = this;
    if (digits === 0 || end - start !== prefix.length + digits) return -1;
    for (let i = 0; i < prefix.length; i++) if (text.charCodeAt(start + i) !== prefix[i]) return -1;
    let number = 0;
    for (let i = start + prefix.length; i < end; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return -1;
      number = number * 10 + digit;
    }
    return number < MAX_NUMBERED ? number : -1;
  }

  /** The number of `bytes[start, end)` when it has the numbered form, else -1. */
  numberOfBytes(bytes: Uint8Array, start: number, end: number): number {
    if (this.digits < 0) this.decide((i) => bytes[i]!, start, end);
    const { prefix, digits } = this;
    if (digits === 0 || end - start !== prefix.length + digits) return -1;
    for (let i = 0; i < prefix.length; i++) if (bytes[start + i] !== prefix[i]) return -1;
    let number = 0;
    for (let i = start + prefix.length; i < end; i++) {
      const digit = bytes[i]! - 48;
      if (digit < 0 || digit > 9) return -1;
      number = number * 10 + digit;
    }
    return number < MAX_NUMBERED ? number : -1;
  }

  /** The index remembered for `number`, or -1. */
  find(number: number): number {
    return number < this.byNumber.length ? this.byNumber[number]! - 1 : -1;
  }

  remember(number: number, index: number): void {
    if (number >= this.byNumber.length) {
      let length = Math.max(1024, this.byNumber.length * 2);
      while (length <= number) length *= 2;
      const table = new Int32Array(length);
      table.set(this.byNumber);
      this.byNumber = table;
    }
    this.byNumber[number] = index + 1;
  }

  /**
   * The indexes of the numbered ids in the order of their text (prefix and digit count are shared, so that is the
   * order of their numbers): one walk over the direct table instead of a sort.
   */
  indexesInTextOrder(count: number): Uint32Array {
    const order = new Uint32Array(count);
    const { byNumber } = this;
    let position = 0;
    for (let number = 0; number < byNumber.length && position < count; number++) {
      const entry = byNumber[number]!;
      if (entry !== 0) order[position++] = entry - 1;
    }
    return order;
  }

  /** Fixes the numbered form from the first id: its trailing digits (1 to 9 of them) after a prefix. */
  private decide(codeAt: (i: number) => number, start: number, end: number): void {
    let digitsStart = end;
    while (digitsStart > start && codeAt(digitsStart - 1) >= 48 && codeAt(digitsStart - 1) <= 57) digitsStart--;
    const digits = end - digitsStart;
    this.digits = digits >= 1 && digits <= 9 ? digits : 0;
    for (let i = start; i < digitsStart; i++) this.prefix.push(codeAt(i));
  }
}

export class RangeInterner {
  readonly strings: string[] = [];
  /** Slots of SLOT_WORDS words (32 bytes): a probe of an id of up to 8 characters reads one cache line. */
  private slots = new Int32Array(2048 * SLOT_WORDS);
  private mask = 2047;
  /** Characters of every id, for ids longer than INLINE_CHARS. */
  private pool = new Uint16Array(16384);
  private poolEnd = 0;

  /** Ids shaped like the first one (`C004711`, `17850`): looked up by their number (see NumberedIds). */
  private readonly numbered = new NumberedIds();

  index(text: string, start: number, end: number): number {
    const number = this.numbered.numberOfText(text, start, end);
    if (number < 0) return this.indexHashed(text, start, end, hashText(text, start, end));
    const known = this.numbered.find(number);
    if (known >= 0) return known;
    const index = this.strings.length;
    this.strings.push(text.slice(start, end));
    this.numbered.remember(number, index);
    return index;
  }

  /** The hash-table path of `index`, with the hash computed by `hashText(text, start, end)`. */
  private indexHashed(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    const { slots, mask } = this;
    let slot = hash & mask;
    for (;;) {
      const at = slot * SLOT_WORDS;
      const entry = slots[at + 1]!;
      if (entry === 0) break;
      if (slots[at] === hash && slots[at + 2] === length && this.sameText(at, text, start, length)) return entry - 1;
      slot = (slot + 1) & mask;
    }
    return this.add(text, start, end, hash, slot);
  }

  private sameText(at: number, text: string, start: number, length: number): boolean {
    if (length <= INLINE_CHARS) {
      const { slots } = this;
      let i = 0;
      for (; i + 1 < length; i += 2) {
        if (slots[at + 4 + (i >> 1)] !== (text.charCodeAt(start + i) | (text.charCodeAt(start + i + 1) << 16)))
          return false;
      }
      return i === length || slots[at + 4 + (i >> 1)] === text.charCodeAt(start + i);
    }
    const { pool } = this;
    const from = this.slots[at + 3]!;
    for (let i = 0; i < length; i++) if (pool[from + i] !== text.charCodeAt(start + i)) return false;
    return true;
  }

  private add(text: string, start: number, end: number, hash: number, slot: number): number {
    const index = this.strings.length;
    this.strings.push(text.slice(start, end));
    const length = end - start;
    const at = slot * SLOT_WORDS;
    const { slots } = this;
    slots[at] = hash;
    slots[at + 1] = index + 1;
    slots[at + 2] = length;
    if (length <= INLINE_CHARS) {
      for (let i = 0; i < length; i += 2) {
        const high = i + 1 < length ? text.charCodeAt(start + i + 1) << 16 : 0;
        slots[at + 4 + (i >> 1)] = text.charCodeAt(start + i) | high;
      }
    } else {
      if (this.poolEnd + length > this.pool.length) this.pool = grown(this.pool, this.poolEnd + length);
      const pool = this.pool;
      for (let i = 0; i < length; i++) pool[this.poolEnd + i] = text.charCodeAt(start + i);
      slots[at + 3] = this.poolEnd;
      this.poolEnd += length;
    }
    if ((index + 1) * 2 > this.mask) this.rehash();
    return index;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const mask = size - 1;
    const old = this.slots;
    const slots = new Int32Array(size * SLOT_WORDS);
    for (let from = 0; from < old.length; from += SLOT_WORDS) {
      if (old[from + 1] === 0) continue;
      let slot = old[from]! & mask;
      while (slots[slot * SLOT_WORDS + 1] !== 0) slot = (slot + 1) & mask;
      const to = slot * SLOT_WORDS;
      for (let word = 0; word < SLOT_WORDS; word++) slots[to + word] = old[from + word]!;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** The two 32-bit halves of a double, for hashing it. */
const doubleBits = new Float64Array(1);
const doubleWords = new Int32Array(doubleBits.buffer);

/**
 * Customer indexes of numeric id cells by their value (phone numbers as member ids, `17850`): a number is turned
 * into text, and interned as text, once per distinct value instead of once per row, which is most of the cost of
 * such a column. Open addressing, key and index side by side in one Float64Array (one cache line per probe), kept
 * at most half full.
 */
export class NumberKeyedIndex {
  /** Per slot: the key, then index + 1 (0 = empty). */
  private slots = new Float64Array(2 * 1024);
  private mask = 1023;
  private size = 0;

  /** The index remembered for `value` (finite; -0 is 0), or -1. */
  find(value: number): number {
    const { slots, mask } = this;
    for (let slot = hashDouble(value) & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot + 1]!;
      if (entry === 0) return -1;
      if (slots[2 * slot] === value) return entry - 1;
    }
  }

  remember(value: number, index: number): void {
    if (++this.size * 2 > this.mask) this.grow();
    this.insert(value + 0, index + 1); // -0 and 0 are one key (both read "0")
  }

  private insert(key: number, entry: number): void {
    const { slots, mask } = this;
    let slot = hashDouble(key) & mask;
    while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    slots[2 * slot] = key;
    slots[2 * slot + 1] = entry;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    this.mask = old.length - 1;
    for (let at = 0; at < old.length; at += 2) if (old[at + 1] !== 0) this.insert(old[at]!, old[at + 1]!);
  }
}

/** A hash of a double's bits (murmur3's finaliser over both halves); 0 and -0 hash alike. */
function hashDouble(value: number): number {
  doubleBits[0] = value + 0;
  let hash = Math.imul(doubleWords[0]! ^ Math.imul(doubleWords[1]!, 0x9e3779b1), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}
