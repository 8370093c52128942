/**
 * Interning of ids straight from the bytes of a CSV file: index = order of first appearance. Like the engine's
 * `RangeInterner`, but it hashes and compares UTF-8 bytes, so a JS string is made only once per distinct id.
 * The bytes of each known id are copied into one arena, so the file's buffer is never kept alive by the table.
 * The strings are made at the end, all at once (see `texts`).
 */
import { grown, NumberedIds } from "../engine/encoded";

/**
 * MurmurHash3 (x86, 32-bit) of `bytes[start, end)`: four bytes per step, and the multiplications of a step do not
 * wait on each other, so an id of 10 bytes costs a few cycles rather than FNV's ten dependent multiplications. Its
 * finaliser mixes every input bit into the low bits, which the hash tables use.
 */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  const blocksEnd = start + (length & ~3);
  let hash = 0;
  let i = start;
  for (; i < blocksEnd; i += 4) {
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    hash ^= k;
    hash = (hash << 13) | (hash >>> 19);
    hash = (Math.imul(hash, 5) + 0xe6546b64) | 0;
  }
  const tail = length & 3;
  if (tail > 0) {
    let k = bytes[i]!;
    if (tail > 1) k |= bytes[i + 1]! << 8;
    if (tail > 2) k |= bytes[i + 2]! << 16;
    k = Math.imul(k, 0xcc9e2d51);
    hash ^= Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  }
  hash ^= length;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

export class ByteInterner {
  /** How many distinct ids there are. */
  size = 0;
  private arena = Buffer.allocUnsafe(1 << 16);
  private arenaUsed = 0;
  /** Whether every id so far is ASCII (then byte offsets in the arena are character offsets too). */
  private ascii = true;
  /** Per id: arena offset, byte length. */
  private spans = new Int32Array(2048);
  /**
   * Open addressing, 4 words per slot: hash, id + 1 (0 = empty), then the id's first 7 bytes and its length (255
   * for 8 bytes or more). A probe touches one cache line; ids of up to 7 bytes are compared there and never in the
   * arena. Kept at most half full.
   */
  private table: Int32Array;
  private mask: number;
  /** Ids in the hash table (numbered ones are not). */
  private hashedCount = 0;

  /** `expectedIds`: how many distinct ids to make room for at once. */
  constructor(expectedIds = 1024) {
    let slots = 2048;
    while (slots < 2 * expectedIds) slots *= 2;
    this.table = new Int32Array(4 * slots);
    this.mask = slots - 1;
  }

  /** Ids shaped like the first one (`C004711`, `17850`): looked up by their number (see NumberedIds). */
  private readonly numbered = new NumberedIds();

  /** Index of the id written as `bytes[start, end)` (valid UTF-8 expected; no trimming is done here). */
  index(bytes: Uint8Array, start: number, end: number): number {
    const number = this.numbered.numberOfBytes(bytes, start, end);
    if (number < 0) return this.indexHashed(bytes, start, end);
    const known = this.numbered.find(number);
    if (known >= 0) return known;
    const index = this.store(bytes, start, end);
    this.numbered.remember(number, index);
    return index;
  }

  /** The hash-table path of `index`. */
  private indexHashed(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    const hash = hashBytes(bytes, start, end);
    // The first 7 bytes and the length, as stored in a slot.
    let low = 0;
    let high = (length < 8 ? length : 255) << 24;
    for (let i = 0; i < length && i < 7; i++) {
      const byte = bytes[start + i]!;
      if (i < 4) low |= byte << (8 * i);
      else high |= byte << (8 * (i - 4));
    }
    const { table, mask } = this;
    let slot = hash & mask;
    for (;;) {
      const at = 4 * slot;
      const entry = table[at + 1]!;
      if (entry === 0) break;
      if (table[at] === hash && table[at + 2] === low && table[at + 3] === high) {
        if (length < 8 || this.sameTail(entry - 1, bytes, start, length)) return entry - 1;
      }
      slot = (slot + 1) & mask;
    }
    return this.add(bytes, start, end, hash, slot, low, high);
  }

  /** Whether a long id (8 bytes or more) is the one stored for `candidate`. */
  private sameTail(candidate: number, bytes: Uint8Array, start: number, length: number): boolean {
    if (this.spans[2 * candidate + 1] !== length) return false;
    const at = this.spans[2 * candidate]!;
    const { arena } = this;
    for (let i = 7; i < length; i++) if (arena[at + i] !== bytes[start + i]) return false;
    return true;
  }

  /** Index of an id given as a string (for quoted or trimmed fields). */
  indexString(id: string): number {
    const bytes = Buffer.from(id, "utf8");
    return this.index(bytes, 0, bytes.length);
  }

  private add(
    bytes: Uint8Array,
    start: number,
    end: number,
    hash: number,
    slot: number,
    low: number,
    high: number,
  ): number {
    const index = this.store(bytes, start, end);
    const { table } = this;
    table[4 * slot] = hash;
    table[4 * slot + 1] = index + 1;
    table[4 * slot + 2] = low;
    table[4 * slot + 3] = high;
    if (++this.hashedCount * 2 > this.mask) this.rehash();
    return index;
  }

  /** Appends a new id's bytes to the arena. Returns its index. */
  private store(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    const index = this.size++;
    this.spans = grown(this.spans, 2 * index + 2);
    if (this.arenaUsed + length > this.arena.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.arenaUsed + length));
      this.arena.copy(bigger, 0, 0, this.arenaUsed);
      this.arena = bigger;
    }
    const at = this.arenaUsed;
    const { arena } = this;
    let high = 0;
    for (let i = 0; i < length; i++) high |= arena[at + i] = bytes[start + i]!;
    if (high >= 0x80) this.ascii = false;
    this.arenaUsed += length;
    this.spans[2 * index] = at;
    this.spans[2 * index + 1] = length;
    return index;
  }

  /**
   * The indexes in the order of the ids as text when every id is numbered (see NumberedIds), which takes one walk
   * over the direct table; undefined when some are not, and a sort is needed.
   */
  indexesInTextOrder(): Uint32Array | undefined {
    return this.hashedCount === 0 ? this.numbered.indexesInTextOrder(this.size) : undefined;
  }

  /** The id numbered `index`, as a string. */
  text(index: number): string {
    const at = this.spans[2 * index]!;
    return this.arena.toString("utf8", at, at + this.spans[2 * index + 1]!);
  }

  /**
   * Every id as a string, by index. Decoding an id is a call into Node's C++ (hundreds of nanoseconds); when all
   * are ASCII, the arena is decoded in one call and each id is a slice of that text, made in JavaScript.
   */
  texts(): string[] {
    const { spans, size } = this;
    const texts = new Array<string>(size);
    if (!this.ascii) {
      for (let index = 0; index < size; index++) texts[index] = this.text(index);
      return texts;
    }
    const all = this.arena.toString("latin1", 0, this.arenaUsed);
    for (let index = 0; index < size; index++) {
      const at = spans[2 * index]!;
      texts[index] = all.slice(at, at + spans[2 * index + 1]!);
    }
    return texts;
  }

  private rehash(): void {
    const old = this.table;
    const size = (this.mask + 1) * 2;
    const table = new Int32Array(4 * size);
    const mask = size - 1;
    for (let from = 0; from < old.length; from += 4) {
      if (old[from + 1] === 0) continue;
      let slot = old[from]! & mask;
      while (table[4 * slot + 1] !== 0) slot = (slot + 1) & mask;
      const to = 4 * slot;
      for (let word = 0; word < 4; word++) table[to + word] = old[from + word]!;
    }
    this.table = table;
    this.mask = mask;
  }
}
