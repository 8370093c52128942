/**
 * Field decoding for `encode-csv.ts`: the values of the fields `csv-records.ts` located. Plain forms are read from
 * the bytes directly (`YYYY-MM-DD` dates, `-123.45` amounts, ASCII ids); other date forms are parsed once per
 * distinct text; anything else is decoded and handed to the engine's own text parsers, so the results are the
 * add-in's (tests/cli/differential.test.ts).
 */
import { cellToSerialDay, isAmbiguousDateText, isExcelError, skipWhitespace, trimEndIndex } from "../engine/encoded";
import { MONEY_SCALE, parseDateText, parseMoneyText } from "../engine/index";
import { ByteInterner } from "./byte-interner";
import type { FieldSlots } from "./csv-records";

const MINUS = 45;
const DOT = 46;
const HASH = 35;

/** `readId`'s answer when the field holds no id (empty, absent, or an Excel error text such as `#N/A`). */
const NO_ID = -1;

export function sameBytes(bytes: Uint8Array, a: number, b: number, count: number): boolean {
  for (let i = 0; i < count; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}

/**
 * An id that needs neither trimming nor decoding: ASCII, no white space at either end, not `#…` (an Excel error
 * text such as `#N/A` means "no customer"). Such ids are interned from their bytes as they stand.
 */
export function isPlainId(bytes: Uint8Array, start: number, end: number): boolean {
  if (start >= end) return false;
  const first = bytes[start]!;
  const last = bytes[end - 1]!;
  if (first <= 32 || last <= 32 || first === HASH) return false;
  for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

/**
 * The interned index of an id field (trimmed as the engine trims), NO_ID when it is empty or absent or an Excel
 * error text.
 */
export function readId(buffer: Buffer, fields: FieldSlots, slot: number, interner: ByteInterner): number {
  if (fields.quoted[slot] === undefined) {
    const start = fields.start[slot]!;
    const end = fields.end[slot]!;
    if (start < 0 || start >= end) return NO_ID;
    if (isPlainId(buffer, start, end)) return interner.index(buffer, start, end);
  }
  const id = trimmedText(buffer, fields, slot);
  if (id === "") return NO_ID;
  if (id.charCodeAt(0) === HASH && isExcelError(id)) return NO_ID;
  return interner.indexString(id);
}

/** A field decoded and trimmed as the engine trims cell text ("" when empty or absent). */
export function trimmedText(buffer: Buffer, fields: FieldSlots, slot: number): string {
  let text = fields.quoted[slot];
  if (text === undefined) {
    const start = fields.start[slot]!;
    const end = fields.end[slot]!;
    if (start < 0 || start >= end) return "";
    text = buffer.toString("utf8", start, end);
  }
  const start = skipWhitespace(text, 0, text.length);
  const end = trimEndIndex(text, start, text.length);
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** A field decoded as it stands, for messages ("" when absent). */
export function fieldText(buffer: Buffer, fields: FieldSlots, slot: number): string {
  const quoted = fields.quoted[slot];
  if (quoted !== undefined) return quoted;
  const start = fields.start[slot]!;
  return start < 0 ? "" : buffer.toString("utf8", start, fields.end[slot]);
}

/**
 * Serial days of date fields. `YYYY-MM-DD` is read from its bytes to a number and each distinct one is parsed once
 * by the engine; any other form (`03/01/2024`, `2010-12-01 08:26`) is interned by its bytes and each distinct text
 * is decoded and parsed once, as the engine parses text. A file holds far fewer distinct dates than rows.
 */
export class DayCache {
  private readonly known = new Map<number, number>();
  private previousKey = -1;
  private previousDay = NaN;
  /** Other forms: their texts, and the day of each (by the text's index). */
  private readonly texts = new ByteInterner(256);
  private textDays: number[] = [];
  /** Per text: the text when it reads as another real date in the other day/month order, else undefined. */
  private textAmbiguous: (string | undefined)[] = [];
  /** The text of the date just read when it is ambiguous (`03/05/2024`), else undefined. */
  ambiguousText: string | undefined;

  constructor(private readonly dateOrder: "DMY" | "MDY") {}

  /** The serial day of a date field (NaN when it is absent or no date), quoted fields parsed as the engine does. */
  ofField(buffer: Buffer, fields: FieldSlots, slot: number): number {
    const quoted = fields.quoted[slot];
    if (quoted !== undefined) {
      const day = cellToSerialDay(quoted, this.dateOrder);
      this.ambiguousText = day === day && isAmbiguousDateText(quoted) ? quoted : undefined;
      return day;
    }
    const start = fields.start[slot]!;
    if (start < 0) {
      this.ambiguousText = undefined;
      return NaN;
    }
    return this.of(buffer, start, fields.end[slot]!);
  }

  /** The serial day of the unquoted date text at `bytes[start, end)`. */
  of(bytes: Buffer, start: number, end: number): number {
    this.ambiguousText = undefined;
    if (end - start === 10 && bytes[start + 4] === MINUS && bytes[start + 7] === MINUS) {
      const key = digits(bytes, start, 4) * 10000 + digits(bytes, start + 5, 2) * 100 + digits(bytes, start + 8, 2);
      if (key >= 0) {
        if (key === this.previousKey) return this.previousDay;
        let day = this.known.get(key);
        if (day === undefined) {
          day = this.parse(bytes.toString("latin1", start, end));
          this.known.set(key, day);
        }
        this.previousKey = key;
        this.previousDay = day;
        return day;
      }
    }
    const index = this.texts.index(bytes, start, end);
    if (index === this.textDays.length) {
      const text = this.texts.text(index);
      const day = this.parse(text);
      this.textDays.push(day);
      this.textAmbiguous.push(day === day && isAmbiguousDateText(text) ? text : undefined);
    }
    this.ambiguousText = this.textAmbiguous[index];
    return this.textDays[index]!;
  }

  private parse(text: string): number {
    const day = parseDateText(text, this.dateOrder);
    return day === day ? day : cellToSerialDay(text, this.dateOrder);
  }
}

/** Value of `count` ASCII digits at `start`, or a negative number when one is not a digit. */
function digits(bytes: Uint8Array, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = bytes[i]! - 48;
    if (digit < 0 || digit > 9) return -1e9;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Money units of a field. A plain decimal (`-1234.5`, at most 15 integer digits) is read from its bytes exactly as
 * `parseMoneyText` reads it (4 decimals, half away from zero); anything else goes through `parseMoneyText`.
 */
export function moneyOf(buffer: Buffer, fields: FieldSlots, slot: number): number {
  const quoted = fields.quoted[slot];
  if (quoted !== undefined) return parseMoneyText(quoted);
  const start = fields.start[slot]!;
  const end = fields.end[slot]!;
  if (start < 0) return NaN;
  let i = start;
  const negative = buffer[i] === MINUS;
  if (negative) i++;
  let intValue = 0;
  let intDigits = 0;
  while (i < end) {
    const digit = buffer[i]! - 48;
    if (digit < 0 || digit > 9) break;
    intValue = intValue * 10 + digit;
    intDigits++;
    i++;
  }
  let fracValue = 0;
  let fracDigits = 0;
  let roundUp = false;
  if (i < end && buffer[i] === DOT) {
    i++;
    while (i < end) {
      const digit = buffer[i]! - 48;
      if (digit < 0 || digit > 9) break;
      if (fracDigits < 4) fracValue = fracValue * 10 + digit;
      else if (fracDigits === 4) roundUp = digit >= 5;
      fracDigits++;
      i++;
    }
  }
  if (i !== end || intDigits + fracDigits === 0 || intDigits > 15) {
    return parseMoneyText(buffer.toString("utf8", start, end));
  }
  for (let d = fracDigits; d < 4; d++) fracValue *= 10;
  const units = intValue * MONEY_SCALE + fracValue + (roundUp ? 1 : 0);
  return negative ? -units + 0 : units;
}
