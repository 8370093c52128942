/**
 * Interning of ids straight from the bytes of a CSV file: index = order of first appearance. Like the engine's
 * `RangeInterner`, but it hashes and compares UTF-8 bytes, so a JS string is made only once per distinct id.
 * The bytes of each known id are copied into one arena, so the file's buffer is never kept alive by the table.
 */
/** Numbered ids up to this number use the direct table (at most 16 MB); larger ones the hash table. */
const MAX_NUMBERED = 1 << 22;

export class ByteInterner {
  /** The ids, decoded once each (empty when made with `decode` false). */
  readonly strings: string[] = [];
  /** How many distinct ids there are. */
  size = 0;
  private arena = Buffer.allocUnsafe(1 << 16);
  private arenaUsed = 0;
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

  /**
   * `decode` false: only indexes are wanted (order ids are counted, never shown), so no string is made.
   * `expectedIds`: how many distinct ids to make room for at once.
   */
  constructor(
    private readonly decode = true,
    expectedIds = 1024,
  ) {
    let slots = 2048;
    while (slots < 2 * expectedIds) slots *= 2;
    this.table = new Int32Array(4 * slots);
    this.mask = slots - 1;
  }

  /**
   * Ids of the form prefix + fixed number of digits (`C004711`, `17850`), with the prefix and digit count of the
   * first id seen, are looked up by their number in a direct table: one read of a small array, no hashing and no
   * probe into a big table. Which path an id takes depends only on its bytes, so the two never hold the same id.
   */
  private numberedPrefix = new Uint8Array(0);
  private numberedDigits = -1; // -1: not decided yet; 0: no numbered ids
  private byNumber = new Int32Array(0);

  /** Index of the id written as `bytes[start, end)` (valid UTF-8 expected; no trimming is done here). */
  index(bytes: Uint8Array, start: number, end: number): number {
    const number = this.numberOf(bytes, start, end);
    if (number < 0) return this.indexHashed(bytes, start, end);
    const entry = number < this.byNumber.length ? this.byNumber[number]! : 0;
    if (entry !== 0) return entry - 1;
    const index = this.store(bytes, start, end);
    this.rememberNumber(number, index);
    return index;
  }

  /** The id's number when it has the numbered form, else -1. */
  private numberOf(bytes: Uint8Array, start: number, end: number): number {
    const digits = this.numberedDigits;
    if (digits < 0) return this.decideNumbered(bytes, start, end);
    const prefix = this.numberedPrefix;
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

  /** Fixes the numbered form from the first id: its trailing digits (1 to 9 of them) after a prefix. */
  private decideNumbered(bytes: Uint8Array, start: number, end: number): number {
    let digitsStart = end;
    while (digitsStart > start && bytes[digitsStart - 1]! >= 48 && bytes[digitsStart - 1]! <= 57) digitsStart--;
    const digits = end - digitsStart;
    this.numberedDigits = digits >= 1 && digits <= 9 ? digits : 0;
    this.numberedPrefix = Uint8Array.from(bytes.subarray(start, digitsStart));
    return this.numberOf(bytes, start, end);
  }

  private rememberNumber(number: number, index: number): void {
    if (number >= this.byNumber.length) {
      let length = Math.max(1024, this.byNumber.length * 2);
      while (length <= number) length *= 2;
      const table = new Int32Array(length);
      table.set(this.byNumber);
      this.byNumber = table;
    }
    this.byNumber[number] = index + 1;
  }

  /** The hash-table path of `index`. */
  private indexHashed(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    let hash = 0x811c9dc5 | 0;
    let low = 0;
    let high = (length < 8 ? length : 255) << 24;
    for (let i = 0; i < length; i++) {
      const byte = bytes[start + i]!;
      hash = Math.imul(hash ^ byte, 0x01000193);
      if (i < 4) low |= byte << (8 * i);
      else if (i < 7) high |= byte << (8 * (i - 4));
    }
    // FNV's low bits barely differ between ids like C000123 and C000124: mix them in (murmur3's finaliser)
    // before the table takes the low bits, or probes run into long clusters.
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    hash ^= hash >>> 16;
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

  /** Appends a new id: its bytes to the arena, its string when decoding. Returns its index. */
  private store(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    const index = this.size++;
    if (2 * index + 2 > this.spans.length) this.spans = grownInt32(this.spans, this.spans.length * 2);
    if (this.arenaUsed + length > this.arena.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.arenaUsed + length));
      this.arena.copy(bigger, 0, 0, this.arenaUsed);
      this.arena = bigger;
    }
    const at = this.arenaUsed;
    const { arena } = this;
    for (let i = 0; i < length; i++) arena[at + i] = bytes[start + i]!;
    this.arenaUsed += length;
    this.spans[2 * index] = at;
    this.spans[2 * index + 1] = length;
    if (this.decode) this.strings.push(arena.toString("utf8", at, at + length));
    return index;
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

function grownInt32(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(size);
  bigger.set(array);
  return bigger;
}
