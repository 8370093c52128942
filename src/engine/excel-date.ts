/**
 * Excel serial day numbers (1900 date system) and the date texts the engine accepts.
 * All arithmetic is on calendar days; no Date objects, so the machine's time zone never matters.
 */
import { isWhitespace, skipWhitespace, trimEndIndex } from "./text-range";

/** Serial of 1970-01-01; serial 61 is 1900-03-01 (Excel counts a fictitious 1900-02-29 as serial 60). */
const UNIX_EPOCH_SERIAL = 25569;
/** Largest serial Excel shows as a date: 9999-12-31. */
export const MAX_DATE_SERIAL = 2958465;

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Serial day of a calendar date, or NaN when the date does not exist or is outside 1900-01-01..9999-12-31. */
export function civilToSerial(year: number, month: number, day: number): number {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  const serial = daysFromCivil(year, month, day) + UNIX_EPOCH_SERIAL;
  // Before 1900-03-01 Excel's serials are one lower than the real day count (its 1900-02-29 bug).
  return serial < 61 ? serial - 1 : serial;
}

/** `YYYY-MM-DD` of a serial day (fraction dropped). Serial 60 is Excel's fictitious 1900-02-29. */
export function serialToIsoDate(serial: number): string {
  const day = Math.floor(serial);
  if (day === 60) return "1900-02-29";
  const days = (day < 60 ? day + 1 : day) - UNIX_EPOCH_SERIAL;
  // civil_from_days
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

// The digit reader's results, kept in module variables so reading a date allocates nothing.
let digitsValue = 0;
let digitsEnd = -1;

/** Reads 1..maxDigits ASCII digits at `pos` (before `end`) into digitsValue / digitsEnd (-1 when none). */
function readDigits(text: string, pos: number, end: number, maxDigits: number): void {
  let value = 0;
  let i = pos;
  while (i < end && i - pos < maxDigits) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    value = value * 10 + c;
    i++;
  }
  digitsValue = value;
  digitsEnd = i === pos ? -1 : i;
}

/** After the date part: the end, or a time of day (dropped) introduced by `T` or a space and a digit. */
function endsAsDateTime(text: string, pos: number, end: number): boolean {
  if (pos === end) return true;
  const c = text.charCodeAt(pos);
  if (c !== 84 /* T */ && c !== 32 /* space */ && c !== 116 /* t */) return false;
  const next = text.charCodeAt(pos + 1);
  return pos + 1 < end && next >= 48 && next <= 57;
}

/**
 * Serial day of a date text (or of `text[start, end)`, white space around it ignored): `YYYY-MM-DD`,
 * `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYY年M月D日`, each optionally followed by a time of day (ignored, no time-zone
 * conversion), or `DD/MM/YYYY` / `MM/DD/YYYY` (also with `-` or `.`) read in the given order. NaN otherwise.
 */
export function parseDateText(text: string, dateOrder: "DMY" | "MDY" = "DMY", from = 0, to = text.length): number {
  // Most cells have no surrounding white space: test one character before calling the full trimmer.
  const start = from < to && isWhitespace(text.charCodeAt(from)) ? skipWhitespace(text, from, to) : from;
  const end = start < to && isWhitespace(text.charCodeAt(to - 1)) ? trimEndIndex(text, start, to) : to;
  readDigits(text, start, end, 4);
  const first = digitsValue;
  const afterFirst = digitsEnd;
  if (afterFirst < 0) return NaN;
  const sep = text.charCodeAt(afterFirst);
  if (afterFirst - start === 4) {
    // Year first.
    if (sep === 0x5e74 /* 年 */) {
      readDigits(text, afterFirst + 1, end, 2);
      const month = digitsValue;
      if (digitsEnd < 0 || text.charCodeAt(digitsEnd) !== 0x6708 /* 月 */) return NaN;
      readDigits(text, digitsEnd + 1, end, 2);
      const day = digitsValue;
      if (digitsEnd < 0 || text.charCodeAt(digitsEnd) !== 0x65e5 /* 日 */) return NaN;
      const after = digitsEnd + 1;
      if (after === end) return civilToSerial(first, month, day);
      // A trailing time of day (`14:30`, ` 14:30`, `下午2:30`) is dropped.
      const next = text.charCodeAt(after);
      const timeFollows =
        next === 32 || (next >= 48 && next <= 57) || next === 0x4e0a /* 上 */ || next === 0x4e0b; /* 下 */
      return timeFollows ? civilToSerial(first, month, day) : NaN;
    }
    if (sep !== 45 /* - */ && sep !== 47 /* / */ && sep !== 46 /* . */) return NaN;
    readDigits(text, afterFirst + 1, end, 2);
    const month = digitsValue;
    if (digitsEnd < 0 || text.charCodeAt(digitsEnd) !== sep) return NaN;
    readDigits(text, digitsEnd + 1, end, 2);
    const day = digitsValue;
    if (digitsEnd < 0 || !endsAsDateTime(text, digitsEnd, end)) return NaN;
    return civilToSerial(first, month, day);
  }
  if (afterFirst - start > 2 || (sep !== 47 && sep !== 45 && sep !== 46)) return NaN;
  readDigits(text, afterFirst + 1, end, 2);
  const second = digitsValue;
  if (digitsEnd < 0 || text.charCodeAt(digitsEnd) !== sep) return NaN;
  const yearStart = digitsEnd + 1;
  readDigits(text, yearStart, end, 4);
  const year = digitsValue;
  if (digitsEnd - yearStart !== 4 || !endsAsDateTime(text, digitsEnd, end)) return NaN;
  return dateOrder === "DMY" ? civilToSerial(year, second, first) : civilToSerial(year, first, second);
}

/**
 * Whether a date text reads as two different real dates by day-month and by month-day order (`03/05/2024`; not
 * `05/05/2024`, not `13/05/2024`, never a year-first form). Cheap for other texts: it parses only texts whose
 * first number has one or two digits.
 */
export function isAmbiguousDateText(text: string): boolean {
  const start = skipWhitespace(text, 0, text.length);
  const c1 = text.charCodeAt(start + 1);
  const c2 = text.charCodeAt(start + 2);
  const isSep = (c: number) => c === 47 || c === 45 || c === 46;
  if (!isSep(c1) && !isSep(c2)) return false;
  const dayFirst = parseDateText(text, "DMY");
  const monthFirst = parseDateText(text, "MDY");
  return dayFirst === dayFirst && monthFirst === monthFirst && dayFirst !== monthFirst;
}

/** Today's date in the machine's local calendar, as a serial day (the one place the engine asks for the clock). */
export function todaySerial(now: Date = new Date()): number {
  return civilToSerial(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** Serial of 1990-01-01: dates before it are warned about (a typo, or a 1 read as 1900-01-01). */
export const EARLY_DATE_SERIAL = 32874;

/**
 * Serial day of an ISO-like date text (`2024-03-01`, `2024-03-01T10:00:00Z`, `2024/3/1`, `2024年3月1日`);
 * NaN when it is not a date. Surrounding white space is ignored.
 */
export function isoDateToSerial(text: string): number {
  return parseDateText(text, "DMY");
}
