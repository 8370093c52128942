/** Cell display text as Excel shows it: the stored value through its number format (SheetJS's SSF formatter). */
import { SSF } from "@e965/xlsx";
import type { SimCellValue } from "../workbook-sim/model";

const ssf = SSF as { format(format: string, value: number): string };
const cache = new Map<string, boolean>();

/** True when the format shows a number as a date or time. */
export function isDateFormat(format: string): boolean {
  let known = cache.get(format);
  if (known === undefined) {
    known = (SSF as { is_date(format: string): boolean }).is_date(format);
    cache.set(format, known);
  }
  return known;
}

/** The text a cell shows. Unreadable formats fall back to General rather than failing the whole view. */
export function displayText(value: SimCellValue, format: string): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return "#NUM!";
  try {
    return ssf.format(format === "" ? "General" : format, value);
  } catch {
    // An exotic format the formatter does not know: Excel would still show the number.
    return ssf.format("General", value);
  }
}
