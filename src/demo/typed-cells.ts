/**
 * Turns text cells (from a CSV file) into the values Excel would hold after opening the file: numbers as numbers,
 * dates as serial day numbers with a date format, ids kept as text (Excel users format id columns as text so that
 * `00123` keeps its zeros).
 */
import { civilToSerial } from "../engine";
import type { SimCellValue } from "../workbook-sim/model";

export const DATE_FORMAT = "yyyy-mm-dd";
const DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm";
export const MONEY_FORMAT = "#,##0.00";

/** A block of cells ready for the workbook: the header row first, then data rows, with per-cell number formats. */
export interface TypedSheet {
  values: SimCellValue[][];
  /** Same shape as `values`; "General" where no format applies. */
  formats: string[][];
}

const ID_HEADER =
  /(^|[\s_\-.])(id|no|nr|number|code)$|^id|customer|client|member|invoice|order|receipt|sku|客户|客戶|会员|會員|订单|訂單|单号|單號|编号|編號/i;
const MONEY_HEADER =
  /amount|sales|revenue|price|total|value|spend|payment|profit|金额|金額|销售额|銷售額|单价|單價|收入/i;
const DATE_TEXT = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** `1,234.50`: Excel reads grouped digits as a number too. */
const GROUPED_NUMBER_TEXT = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** True when a header names an identifier column whose values must stay text. */
export function isIdHeader(header: string): boolean {
  return ID_HEADER.test(header.trim()) && !MONEY_HEADER.test(header) && !/date|time|日期|时间|時間/i.test(header);
}

/** True when a header names a money column (shown with a money format). */
export function isMoneyHeader(header: string): boolean {
  return MONEY_HEADER.test(header);
}

/** Reads `YYYY-MM-DD[ hh:mm[:ss]]` (also with `/` or `.`) as an Excel serial; null when the text is no such date. */
export function dateTextToSerial(text: string): { serial: number; hasTime: boolean } | null {
  const match = DATE_TEXT.exec(text.trim());
  if (!match) return null;
  const [, y, m, d, hh, mm, ss] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const days = civilToSerial(year, month, day);
  // civilToSerial rolls 2011-02-30 over into March; a file holding it has text, not a date.
  if (!Number.isFinite(days) || new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  if (hh === undefined) return { serial: days, hasTime: false };
  const seconds = Number(hh) * 3600 + Number(mm) * 60 + Number(ss ?? 0);
  if (seconds >= 86_400) return null;
  return { serial: days + seconds / 86_400, hasTime: true };
}

/** Converts one text cell of a column to a workbook value and its number format. */
export function typeTextCell(
  text: string,
  idColumn: boolean,
  moneyColumn: boolean,
): { value: SimCellValue; format: string } {
  const trimmed = text.trim();
  if (trimmed === "" || idColumn) return { value: text, format: "General" };
  const date = dateTextToSerial(trimmed);
  if (date) return { value: date.serial, format: date.hasTime ? DATE_TIME_FORMAT : DATE_FORMAT };
  if (NUMBER_TEXT.test(trimmed)) return { value: Number(trimmed), format: moneyColumn ? MONEY_FORMAT : "General" };
  if (GROUPED_NUMBER_TEXT.test(trimmed))
    return {
      value: Number(trimmed.replace(/,/g, "")),
      format: moneyColumn || trimmed.includes(".") ? MONEY_FORMAT : "#,##0",
    };
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === "true", format: "General" };
  return { value: text, format: "General" };
}

/** Types a grid of text cells whose first row is the header. */
export function typeTextRows(rows: readonly (readonly string[])[]): TypedSheet {
  const header = rows[0] ?? [];
  const idColumns = header.map((name) => isIdHeader(name));
  const moneyColumns = header.map((name) => isMoneyHeader(name));
  const values: SimCellValue[][] = [header.map((name) => name)];
  const formats: string[][] = [header.map(() => "General")];
  for (let r = 1; r < rows.length; r++) {
    const source = rows[r] ?? [];
    const rowValues: SimCellValue[] = new Array<SimCellValue>(source.length);
    const rowFormats: string[] = new Array<string>(source.length);
    for (let c = 0; c < source.length; c++) {
      const typed = typeTextCell(source[c] ?? "", idColumns[c] ?? false, moneyColumns[c] ?? false);
      rowValues[c] = typed.value;
      rowFormats[c] = typed.format;
    }
    values.push(rowValues);
    formats.push(rowFormats);
  }
  return { values, formats };
}

/** The demo reads its sample with the reference CSV reader (csv-text.ts), shared with the tests. */
export { parseCsvText } from "./csv-text";
