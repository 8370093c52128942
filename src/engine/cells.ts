/** Reading single cells: customer ids, dates and amounts, as Office.js or a CSV reader hands them over. */
import { MAX_DATE_SERIAL, parseDateText } from "./excel-date";
import { numberToUnits, parseMoneyText } from "./money";
import type { CellValue } from "./types";

/** Excel's error values (`#N/A`, `#VALUE!`...), which arrive as strings and are never data. */
const EXCEL_ERROR =
  /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!|TIMEOUT!|EXTERNAL!)$/i;

export function isExcelError(text: string): boolean {
  return text.charCodeAt(0) === 35 /* # */ && EXCEL_ERROR.test(text);
}

export function isBlankCell(cell: CellValue): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

/** Trimmed text of an id or dimension cell; "" when empty or unreadable (booleans, NaN, error values). */
export function cellText(cell: CellValue): string {
  if (typeof cell === "string") {
    const text = cell.trim();
    return isExcelError(text) ? "" : text;
  }
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  return "";
}

/** Serial day of a date cell (fraction dropped), or NaN. Numeric text is read as a serial, as Excel would. */
export function cellToSerialDay(cell: CellValue, dateOrder: "DMY" | "MDY"): number {
  let serial: number;
  if (typeof cell === "number") serial = cell;
  else if (typeof cell === "string") {
    const text = cell.trim();
    serial = parseDateText(text, dateOrder);
    if (Number.isNaN(serial) && text !== "" && /^\d+(\.\d*)?$/.test(text)) serial = Number(text);
  } else return NaN;
  if (!(serial >= 1 && serial < MAX_DATE_SERIAL + 1)) return NaN;
  return Math.floor(serial);
}

/** Money units (1/10,000) of an amount, quantity or price cell, or NaN. */
export function cellToUnits(cell: CellValue): number {
  if (typeof cell === "number") return numberToUnits(cell);
  if (typeof cell === "string") return parseMoneyText(cell.trim());
  return NaN;
}

/** A cell shown in a message: text, shortened to 40 characters. */
export function describeCell(cell: CellValue): string {
  const text = cell === null || cell === undefined ? "" : String(cell);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
