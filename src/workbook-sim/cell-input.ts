/**
 * How Excel turns what is written to `Range.values` / `Range.formulas` into cell contents: the same rules as typed
 * input. The adapter's "text stays text" rule is only testable if the simulator is at least this strict.
 *
 * Sources:
 * - @types/office-js, `Range.values`: "If the returned value starts with a plus ("+"), minus ("-"), or equal sign
 *   ("="), Excel interprets this value as a formula." and ISO dates (YYYY-MM-DD) are stored as dates;
 * - @types/office-js, `Range.formulas`: "If a cell has no formula, its value is returned instead.";
 * - `Range.numberFormat` "@" is Excel's Text format (Number format codes, support.microsoft.com
 *   5026bbd6-04bc-48cd-bf33-80f18b4eae68): a cell formatted as text keeps what is entered verbatim;
 * - a leading apostrophe makes the rest of the entry literal text (Excel's prefix character).
 * The simulator does not calculate: a formula's value is evaluated only for literal cases (`=""`, `="a"`, `=12`,
 * `=TRUE`); anything else gets `#NAME?`, which is what an entry like `-10% coupon` gives in Excel.
 */
import type { SheetModel, SimCellValue } from "./model";
import { getNumberFormat, setFormula, writeNumberFormats, writeValues } from "./model";

/** What a write leaves in one cell. `value` null = empty cell. */
interface CellContent {
  value: SimCellValue | null;
  /** Formula text (`=...`) when the entry became a formula. */
  formula?: string;
  /** Number format Excel applies on entry (only when the cell's format was General): dates, percentages. */
  numberFormat?: string;
}

const ERROR_VALUES = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"]);

const PLAIN_NUMBER = /^[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** `123`, `00123`, `-1.5`, `1e3`, `1,234`, `10%` → the number Excel stores, else null. */
function parseNumberEntry(text: string): { value: number; percent: boolean } | null {
  const trimmed = text.trim();
  const percent = trimmed.endsWith("%");
  const body = percent ? trimmed.slice(0, -1).trimEnd() : trimmed;
  if (!PLAIN_NUMBER.test(body)) return null;
  const value = Number(body.replace(/,/g, ""));
  if (!Number.isFinite(value)) return null;
  return { value: percent ? value / 100 : value, percent };
}

/** Days since 1899-12-30 (Excel's 1900 date system, valid from 1900-03-01). */
function dateSerial(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const utc = Date.UTC(year, month - 1, day);
  const back = new Date(utc);
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return Math.round((utc - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/** `2024-01-15`, `2024/1/15`, `2024-01` (first of the month), `1/15/2024` (en-US) → serial and format, else null. */
function parseDateEntry(text: string): { serial: number; format: string } | null {
  const t = text.trim();
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (m) {
    const serial = dateSerial(Number(m[1]), Number(m[2]), Number(m[3]));
    return serial === null ? null : { serial, format: "yyyy-mm-dd" };
  }
  m = /^(\d{4})[-/](\d{1,2})$/.exec(t);
  if (m) {
    const serial = dateSerial(Number(m[1]), Number(m[2]), 1);
    return serial === null ? null : { serial, format: "mmm-yy" };
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) {
    const serial = dateSerial(Number(m[3]), Number(m[1]), Number(m[2]));
    return serial === null ? null : { serial, format: "m/d/yyyy" };
  }
  return null;
}

/** The value of a formula the simulator can evaluate (literals only), else `#NAME?`. */
function evaluateFormula(formula: string): SimCellValue {
  const body = formula.slice(1).trim();
  const quoted = /^"((?:[^"]|"")*)"$/.exec(body);
  if (quoted) return (quoted[1] ?? "").replace(/""/g, '"');
  const number = parseNumberEntry(body);
  if (number && !body.includes(",")) return number.value;
  if (/^true$/i.test(body)) return true;
  if (/^false$/i.test(body)) return false;
  return "#NAME?";
}

/** Strings that cannot be anything but text (fast path for large writes). */
const SURELY_TEXT = /^[^=+\-@'0-9.,\s tTfF][^/\-:%]*$/;

/** Interprets one written entry as Excel does, given the cell's number format at the time of writing. */
function interpretEntry(entry: SimCellValue | null, numberFormat: string): CellContent {
  if (entry === null || entry === "") return { value: null };
  if (typeof entry !== "string") return { value: entry };
  if (SURELY_TEXT.test(entry) && !/\d/.test(entry)) return { value: entry };
  // Text format: the entry lands verbatim, whatever it looks like.
  if (numberFormat === "@") return { value: entry };
  if (entry.startsWith("'")) return entry.length > 1 ? { value: entry.slice(1) } : { value: null };
  if (entry.startsWith("=") && entry.length > 1) return { value: evaluateFormula(entry), formula: entry };
  const general = numberFormat === "General";
  const number = parseNumberEntry(entry);
  if (number) {
    return number.percent && general ? { value: number.value, numberFormat: "0%" } : { value: number.value };
  }
  // `+x`, `-x`, `@x` that are not numbers are formulas (a lone sign stays text).
  if ((entry.startsWith("+") || entry.startsWith("-") || entry.startsWith("@")) && entry.length > 1) {
    const formula = entry.startsWith("@") ? `=${entry.slice(1)}` : `=${entry}`;
    return { value: evaluateFormula(formula), formula };
  }
  const date = parseDateEntry(entry);
  if (date) return general ? { value: date.serial, numberFormat: date.format } : { value: date.serial };
  if (/^(true|false)$/i.test(entry)) return { value: entry.toLowerCase() === "true" };
  return { value: entry };
}

/** Excel's `Range.valueTypes` for a cell: "Empty", "String", "Double", "Boolean" or "Error". */
export function valueTypeOf(value: SimCellValue | undefined, isFormulaOrTyped: boolean): string {
  if (value === undefined || value === "") return "Empty";
  if (typeof value === "number") return "Double";
  if (typeof value === "boolean") return "Boolean";
  return isFormulaOrTyped && ERROR_VALUES.has(value) ? "Error" : "String";
}

/** A small subset of Excel's display (`Range.text`): booleans upper-case, percentages and ISO dates. */
export function displayTextOf(value: SimCellValue | undefined, numberFormat: string): string {
  if (value === undefined) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value !== "number") return value;
  if (/^0(\.0+)?%$/.test(numberFormat)) {
    const decimals = (numberFormat.split(".")[1] ?? "%").length - 1;
    return `${(value * 100).toFixed(decimals)}%`;
  }
  // Zero placeholders only (`00000`): "displays insignificant zeros if a number has fewer digits than there are
  // zeros in the format" (Number format codes, support.microsoft.com); 42 shows as 00042.
  if (/^0+$/.test(numberFormat)) {
    const digits = String(Math.round(Math.abs(value))).padStart(numberFormat.length, "0");
    return value < 0 ? `-${digits}` : digits;
  }
  // `#,##0.00`, `#,##0`, `0.00`: a comma between digit placeholders "displays a thousands separator", and the zeros
  // after the point fix the decimals, rounded (Number format codes, support.microsoft.com).
  const fixed = /^(#,##)?0(?:\.(0+))?$/.exec(numberFormat);
  if (fixed) {
    const decimals = fixed[2]?.length ?? 0;
    return value.toLocaleString("en-US", {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: fixed[1] !== undefined,
    });
  }
  if (/[yd]/i.test(numberFormat) && !numberFormat.includes("@")) {
    const date = new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000);
    return date.toISOString().slice(0, 10);
  }
  return String(value);
}

/**
 * Writes a block of entries through interpretEntry (Range.values / Range.formulas setters): formulas stored apart
 * from their values, numbers and dates parsed, formats applied, unless the cell is formatted as text ("@").
 */
export function writeEntries(
  sheet: SheetModel,
  row: number,
  column: number,
  grid: readonly (readonly (SimCellValue | null)[])[],
): void {
  const values: (SimCellValue | null)[][] = [];
  const pending: { r: number; c: number; content: CellContent }[] = [];
  for (let i = 0; i < grid.length; i++) {
    const source = grid[i] ?? [];
    const out = new Array<SimCellValue | null>(source.length);
    for (let j = 0; j < source.length; j++) {
      const entry = source[j] ?? null;
      const content =
        typeof entry === "string" ? interpretEntry(entry, getNumberFormat(sheet, row + i, column + j)) : null;
      out[j] = content ? content.value : entry;
      if (content && (content.formula !== undefined || content.numberFormat !== undefined))
        pending.push({ r: row + i, c: column + j, content });
    }
    values.push(out);
  }
  writeValues(sheet, row, column, values);
  for (const { r, c, content } of pending) {
    if (content.formula !== undefined) setFormula(sheet, r, c, content.formula);
    if (content.numberFormat !== undefined) writeNumberFormats(sheet, r, c, [[content.numberFormat]]);
  }
}
