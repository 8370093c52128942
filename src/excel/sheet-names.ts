/** Excel's naming rules for sheets and tables, and unique names that never clash with the user's. */
import { columnLetter } from "../engine";

const SHEET_FORBIDDEN = /[[\]:*?/\\]/g;
const MAX_SHEET_NAME_LENGTH = 31;

/** Makes a label a valid sheet name: forbidden characters become "_", no leading/trailing apostrophe, ≤ 31. */
export function toSheetName(label: string): string {
  let name = label
    .replace(SHEET_FORBIDDEN, "_")
    .replace(/^'+|'+$/g, "")
    .trim();
  if (name === "" || name.toLowerCase() === "history") name = "RFM";
  return name.slice(0, MAX_SHEET_NAME_LENGTH);
}

/** `name`, else `name (2)`, `name (3)`… (shortened to stay within 31 characters), unique case-insensitively. */
export function uniqueSheetName(label: string, taken: Iterable<string>): string {
  const base = toSheetName(label);
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = base.slice(0, MAX_SHEET_NAME_LENGTH - suffix.length) + suffix;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

/** Makes a label a valid table name: letters, digits, "_" and "."; starts with a letter or "_"; not a cell address. */
export function toTableName(label: string): string {
  let name = label.replace(/[^\p{L}\p{N}_.]/gu, "_");
  if (!/^[\p{L}_]/u.test(name)) name = `_${name}`;
  if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^R\d*C\d*$/i.test(name) || /^[RC]$/i.test(name)) name = `_${name}`;
  return name.slice(0, 255);
}

export function uniqueTableName(label: string, taken: Iterable<string>): string {
  const base = toTableName(label);
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

/** `'My Sheet'!A1:B2` style address for messages and SourceRange. */
function quoteSheetName(name: string): string {
  return /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

export function rangeAddress(
  sheetName: string,
  row: number,
  column: number,
  rowCount: number,
  columnCount: number,
): string {
  const start = `${columnLetter(column)}${row + 1}`;
  const end = `${columnLetter(column + columnCount - 1)}${row + rowCount}`;
  return `${quoteSheetName(sheetName)}!${rowCount === 1 && columnCount === 1 ? start : `${start}:${end}`}`;
}
