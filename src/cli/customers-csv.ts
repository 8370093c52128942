/**
 * The CLI's output file: SPEC's columns, one row per customer sorted by customer id as text, as UTF-8 bytes.
 *
 * Written in one pass into one byte array, with the write position in a local variable: pieces many customers
 * share (dates, scores, classes) are encoded once and copied, numbers are written digit by digit, and no string is
 * built per row except for an average order value that is not a whole number of 1/10,000 units.
 */
import {
  customerOrderById,
  LIFECYCLE_KEYS,
  MONEY_SCALE,
  rfmCode,
  type RfmComparison,
  type RfmResult,
  SEGMENT_CHANGE_KEYS,
  serialToIsoDate,
  STANDARD_SEGMENT_KEYS,
  TIER_KEYS,
  VALUE_CLASS_KEYS,
} from "../engine/index";
import { grown, isWhitespace } from "../engine/encoded";

const OUTPUT_COLUMNS = [
  "customer_id",
  "first_purchase",
  "last_purchase",
  "recency",
  "frequency",
  "monetary",
  "aov",
  "r",
  "f",
  "m",
  "rfm",
  "segment",
  "value_class",
  "tier",
  "lifecycle",
] as const;

/** With `--compare-date` (SPEC "Change since an earlier date"): after `lifecycle`, empty `prev_*` for new customers. */
const COMPARE_COLUMNS = ["prev_segment", "prev_value_class", "prev_tier", "prev_lifecycle", "segment_change"] as const;

const COMMA = 44;
const LINE_FEED = 10;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;

/**
 * Room a row needs besides its id: two dates, two whole numbers, two decimals (at most 44 characters each, see
 * `plainNumber`), scores and class names, with commas; generous, since it is only checked once per row.
 */
const ROW_BYTES_BESIDES_ID = 512;

/**
 * A number as plain decimal text: the digits JavaScript prints (the shortest that read back as the same double),
 * with the decimal point moved instead of an exponent, so `1e-7` is `0.0000001` and `1e+30` is
 * `1000000000000000000000000000000`. (Amounts beyond ±900 billion are skipped when read, so monetary values never
 * get there; averages of tiny amounts can go below 1e-6.)
 */
export function plainNumber(value: number): string {
  const text = String(value);
  const e = text.indexOf("e");
  if (e < 0) return text;
  const negative = text.charCodeAt(0) === MINUS;
  const mantissa = text.slice(negative ? 1 : 0, e);
  const dot = mantissa.indexOf(".");
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  // Where the decimal point falls within `digits` (may be before the first or past the last digit).
  const point = (dot < 0 ? mantissa.length : dot) + Number(text.slice(e + 1));
  const plain =
    point <= 0
      ? `0.${"0".repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + "0".repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${plain}` : plain;
}

/** A customer id as a CSV field: quoted when it holds a quote, comma or line break, or starts or ends with space. */
function csvField(text: string): string {
  const needsQuotes =
    /[",\r\n]/.test(text) ||
    (text.length > 0 && (isWhitespace(text.charCodeAt(0)) || isWhitespace(text.charCodeAt(text.length - 1))));
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Whether a customer id would be read as a formula by a spreadsheet opening the file: it starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return (OWASP, "CSV Injection"). `=HYPERLINK(…)`, `+cmd|' /C calc'!A0`, `-2+3`.
 */
function looksLikeFormula(id: string): boolean {
  const c = id.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
}

/** Columns added after SPEC's: their names, and the text of customer i's fields, each preceded by a comma. */
interface ExtraColumns {
  names: readonly string[];
  fields: (i: number) => string;
}

export interface CustomersCsvOptions {
  /** Columns after SPEC's, as `--forecast-days` adds them. */
  extra?: ExtraColumns;
  /** Write ids that look like formulas as they are (default false: with a leading apostrophe). */
  rawIds?: boolean;
  /** Filled in: how many ids were written with a leading apostrophe. */
  stats?: { protectedIds: number };
}

/** OUT.csv as text (for tests and small files; the CLI writes the bytes). */
export function formatCustomersCsv(result: RfmResult, csvOptions: CustomersCsvOptions = {}): string {
  return formatCustomersCsvBytes(result, csvOptions).toString("utf8");
}

/**
 * OUT.csv as UTF-8 bytes. An id that looks like a formula gets a leading apostrophe (`'=SUM(1+1)`), which Excel
 * and LibreOffice read as "text follows" and show without it, unless `rawIds`; other ids are written as they are.
 */
export function formatCustomersCsvBytes(result: RfmResult, csvOptions: CustomersCsvOptions = {}): Buffer {
  const protect = !csvOptions.rawIds;
  const extra = csvOptions.extra;
  let protectedIds = 0;
  const c = result.customers;
  const k = result.options.k;
  const count = c.id.length;
  const order = customerOrderById(c);
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (let i = 0; i < count; i++) {
    firstDay = Math.min(firstDay, c.firstPurchase[i]!);
    lastDay = Math.max(lastDay, c.lastPurchase[i]!);
  }
  const dates = new PieceTable(count > 0 ? lastDay - firstDay + 1 : 0);
  const scores = new PieceTable(16 * 16 * 16);
  const classes = new PieceTable(16 * 16 * 4 * 8);

  // About 100 bytes a row; only the pages written to are ever touched, so room to spare costs nothing.
  let out: Uint8Array = new Uint8Array(count * 160 + 1024);
  const comparison = result.comparison;
  // Earlier classes + 1 (0: none) and the change: one piece per combination, `,prev…,change\n`.
  const previous = comparison ? new PieceTable(12 * 16 * 4 * 8 * 4) : undefined;
  const lineEnd = comparison ? "" : "\n";
  // SPEC: the compare columns after lifecycle, the forecast's "after the other columns".
  const header = [...OUTPUT_COLUMNS, ...(comparison ? COMPARE_COLUMNS : []), ...(extra ? extra.names : [])];
  let at = writeAscii(out, 0, `${header.join(",")}\n`);
  for (let index = 0; index < count; index++) {
    const i = order[index]!;
    const id = c.id[i]!;
    const room = at + ROW_BYTES_BESIDES_ID + id.length * 6 + 2;
    out = grown(out, room);

    if (protect && looksLikeFormula(id)) {
      protectedIds++;
      at = writeId(out, at, `'${id}`);
    } else at = writeId(out, at, id);
    const first = c.firstPurchase[i]!;
    if (!dates.has(first - firstDay)) dates.add(first - firstDay, `,${serialToIsoDate(first)}`);
    at = dates.copy(out, at, first - firstDay);
    const last = c.lastPurchase[i]!;
    if (!dates.has(last - firstDay)) dates.add(last - firstDay, `,${serialToIsoDate(last)}`);
    at = dates.copy(out, at, last - firstDay);
    out[at++] = COMMA;
    at = writeWholeNumber(out, at, c.recency[i]!);
    out[at++] = COMMA;
    at = writeWholeNumber(out, at, c.frequency[i]!);
    out[at++] = COMMA;
    at = writeDecimal(out, at, c.monetary[i]!);
    out[at++] = COMMA;
    at = writeDecimal(out, at, c.aov[i]!);
    const r = c.r[i]!;
    const f = c.f[i]!;
    const m = c.m[i]!;
    const scoreKey = (r * 16 + f) * 16 + m;
    if (!scores.has(scoreKey)) scores.add(scoreKey, `,${r},${f},${m},${rfmCode(r, f, m, k)},`);
    at = scores.copy(out, at, scoreKey);
    const segment = c.segment[i]!;
    const valueClass = c.valueClass[i]!;
    const tier = c.tier[i]!;
    const lifecycle = c.lifecycle[i]!;
    const classKey = ((segment * 16 + valueClass) * 4 + tier) * 8 + lifecycle;
    if (!classes.has(classKey)) {
      classes.add(
        classKey,
        `${STANDARD_SEGMENT_KEYS[segment]},${VALUE_CLASS_KEYS[valueClass]},${TIER_KEYS[tier]},${LIFECYCLE_KEYS[lifecycle]}${lineEnd}`,
      );
    }
    at = classes.copy(out, at, classKey);
    if (comparison && previous) at = writePrevious(out, at, previous, comparison, i);
    if (extra) {
      // The piece ends the line: the extra fields go before its line feed (ASCII only: numbers).
      const fields = extra.fields(i);
      out = grown(out, at + fields.length + 1);
      at = writeAscii(out, at - 1, fields);
      out[at++] = LINE_FEED;
    }
  }
  if (csvOptions.stats) csvOptions.stats.protectedIds = protectedIds;
  return Buffer.from(out.buffer, 0, at);
}

/** The `--compare-date` columns of customer `i`, from a piece per combination of earlier classes and change. */
function writePrevious(out: Uint8Array, at: number, pieces: PieceTable, comparison: RfmComparison, i: number): number {
  const segment = comparison.prevSegment[i]! + 1;
  const valueClass = comparison.prevValueClass[i]! + 1;
  const tier = comparison.prevTier[i]! + 1;
  const lifecycle = comparison.prevLifecycle[i]! + 1;
  const change = comparison.change[i]!;
  const key = (((segment * 16 + valueClass) * 4 + tier) * 8 + lifecycle) * 4 + change;
  if (!pieces.has(key)) {
    const keyOf = (keys: readonly string[], index: number) => (index === 0 ? "" : keys[index - 1]);
    pieces.add(
      key,
      `,${keyOf(STANDARD_SEGMENT_KEYS, segment)},${keyOf(VALUE_CLASS_KEYS, valueClass)},${keyOf(TIER_KEYS, tier)},${keyOf(LIFECYCLE_KEYS, lifecycle)},${SEGMENT_CHANGE_KEYS[change]}\n`,
    );
  }
  return pieces.copy(out, at, key);
}

/**
 * Text shared by many rows (a date, a set of scores, of class names) under a small whole-number key, encoded to
 * UTF-8 once into one arena: copying it is a loop over one byte array, with no object per piece.
 */
class PieceTable {
  /** Per key: arena offset + 1 (0: not encoded yet), and the end. */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private arena: Uint8Array = new Uint8Array(1 << 12);
  private used = 0;

  constructor(keys: number) {
    this.starts = new Int32Array(keys);
    this.ends = new Int32Array(keys);
  }

  has(key: number): boolean {
    return this.starts[key] !== 0;
  }

  add(key: number, text: string): void {
    const bytes = new TextEncoder().encode(text);
    this.arena = grown(this.arena, this.used + bytes.length);
    this.arena.set(bytes, this.used);
    this.starts[key] = this.used + 1;
    this.used += bytes.length;
    this.ends[key] = this.used;
  }

  /** Writes the piece of `key` at `at`; returns the new end. */
  copy(out: Uint8Array, at: number, key: number): number {
    const { arena } = this;
    const end = this.ends[key]!;
    for (let j = this.starts[key]! - 1; j < end; j++) out[at++] = arena[j]!;
    return at;
  }
}

/** Text known to be ASCII; returns the new end. */
function writeAscii(out: Uint8Array, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
  return at + text.length;
}

/** A customer id as a CSV field: plain ASCII ids are copied as they are; others go through `csvField` and UTF-8. */
function writeId(out: Uint8Array, at: number, id: string): number {
  const length = id.length;
  let plain = length > 0 && !isWhitespace(id.charCodeAt(0)) && !isWhitespace(id.charCodeAt(length - 1));
  for (let j = 0; plain && j < length; j++) {
    const code = id.charCodeAt(j);
    plain = code < 0x80 && code !== 34 && code !== COMMA && code !== 13 && code !== LINE_FEED;
    out[at + j] = code;
  }
  if (plain) return at + length;
  const field = new TextEncoder().encode(csvField(id));
  out.set(field, at);
  return at + field.length;
}

/** A whole number (recency, frequency), digits written from the right; returns the new end. */
function writeWholeNumber(out: Uint8Array, at: number, value: number): number {
  if (!(value >= 0 && value < 1e15 && value === Math.floor(value))) return writeAscii(out, at, plainNumber(value));
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  const end = at + digits;
  let rest = value;
  for (let j = end - 1; j >= at; j--) {
    const next = Math.floor(rest / 10);
    out[j] = ZERO + (rest - next * 10);
    rest = next;
  }
  return end;
}

/**
 * A monetary value or average order value, as `plainNumber` prints it. A value that is a whole number of
 * 1/10,000 units below 10^15 units is written as integer digits and up to 4 decimals without trailing zeros:
 * such a decimal has at most 15 significant digits, so it is the shortest text that reads back as the same
 * double, which is what `String` prints. Anything else (an average such as 100/3) goes through `plainNumber`.
 */
function writeDecimal(out: Uint8Array, at: number, value: number): number {
  const units = Math.round(value * MONEY_SCALE);
  if (!(Math.abs(units) < 1e15 && units / MONEY_SCALE === value)) return writeAscii(out, at, plainNumber(value));
  if (units < 0) out[at++] = MINUS;
  const magnitude = Math.abs(units);
  const whole = Math.floor(magnitude / MONEY_SCALE);
  let fraction = magnitude - whole * MONEY_SCALE;
  at = writeWholeNumber(out, at, whole);
  if (fraction === 0) return at;
  let digits = 4;
  while (fraction % 10 === 0) {
    fraction /= 10;
    digits--;
  }
  out[at] = DOT;
  for (let d = digits; d >= 1; d--) {
    const next = Math.floor(fraction / 10);
    out[at + d] = ZERO + (fraction - next * 10);
    fraction = next;
  }
  return at + digits + 1;
}
