/**
 * Reads a CSV or XLSX file with SheetJS into typed cells: dates become serial numbers with a date format, numbers
 * stay numbers, id columns stay text, Excel error cells read as their text (`#N/A`), as Office.js returns them.
 * From an XLSX also its merged areas (`!merges`) and hidden rows (`!rows[i].hidden`, rows hidden by hand or by an
 * AutoFilter), which the add-in reads and must handle as in Excel.
 */
import { read, utils, type CellObject, type WorkSheet } from "@e965/xlsx";
import type { CellRect, SimCellValue } from "../workbook-sim/model";
import { isDateFormat } from "./cell-format";
import { isIdHeader, isMoneyHeader, MONEY_FORMAT, typeTextCell, typeTextRows, type TypedSheet } from "./typed-cells";
import type { LoadedSheet } from "./workbook-data";

/** Sheets larger than this are refused rather than freezing the page. */
const MAX_CELLS = 20_000_000;

function isCsvName(name: string): boolean {
  return /\.(csv|txt|tsv)$/i.test(name);
}

function firstSheet(workbook: ReturnType<typeof read>): WorkSheet {
  const name = workbook.SheetNames[0];
  const sheet = name === undefined ? undefined : workbook.Sheets[name];
  if (!sheet) throw new Error("The file has no sheets.");
  return sheet;
}

function typeCsv(text: string): TypedSheet {
  // raw: keep every field as written; typeTextRows decides what is a date, a number or an id.
  const sheet = firstSheet(read(text, { type: "string", raw: true, dense: false }));
  const rows = utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false, defval: "", blankrows: true });
  return typeTextRows(rows.map((row) => row.map((cell) => String(cell))));
}

function typeWorkbookCell(
  cell: CellObject | undefined,
  idColumn: boolean,
  moneyColumn: boolean,
): { value: SimCellValue; format: string } {
  if (!cell || cell.v === undefined || cell.t === "z") return { value: "", format: "General" };
  switch (cell.t) {
    case "n": {
      const value = Number(cell.v);
      const format = typeof cell.z === "string" ? cell.z : "General";
      if (idColumn && !isDateFormat(format)) return { value: cell.w ?? String(value), format: "General" };
      if (format === "General" && moneyColumn) return { value, format: MONEY_FORMAT };
      return { value, format };
    }
    case "b":
      return { value: Boolean(cell.v), format: "General" };
    case "e":
      return { value: cell.w ?? "#N/A", format: "General" };
    case "d": {
      const date = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      // SheetJS builds dates from local calendar fields; read them back the same way.
      const serial =
        Date.UTC(
          date.getFullYear(),
          date.getMonth(),
          date.getDate(),
          date.getHours(),
          date.getMinutes(),
          date.getSeconds(),
        ) /
          86_400_000 +
        25569;
      return { value: serial, format: "yyyy-mm-dd" };
    }
    default:
      return typeTextCell(String(cell.v), idColumn, moneyColumn);
  }
}

function typeXlsx(data: ArrayBuffer): LoadedSheet {
  // cellNF keeps each cell's number format, which tells a date serial from a plain number; cellStyles reads row
  // properties (`!rows`), hidden rows among them.
  const sheet = firstSheet(read(data, { type: "array", dense: false, cellNF: true, cellStyles: true }));
  const ref = sheet["!ref"];
  if (!ref) return { values: [], formats: [] };
  const range = utils.decode_range(ref);
  const rowCount = range.e.r - range.s.r + 1;
  const columnCount = range.e.c - range.s.c + 1;
  if (rowCount * columnCount > MAX_CELLS)
    throw new Error(`The sheet has ${rowCount} rows × ${columnCount} columns, more than this demo loads.`);
  const cellAt = (r: number, c: number): CellObject | undefined =>
    sheet[utils.encode_cell({ r: range.s.r + r, c: range.s.c + c })] as CellObject | undefined;
  const header: string[] = [];
  for (let c = 0; c < columnCount; c++) {
    const cell = cellAt(0, c);
    header.push(cell?.w ?? (cell?.v === undefined ? "" : String(cell.v)));
  }
  const idColumns = header.map(isIdHeader);
  const moneyColumns = header.map(isMoneyHeader);
  const values: SimCellValue[][] = [header];
  const formats: string[][] = [header.map(() => "General")];
  for (let r = 1; r < rowCount; r++) {
    const rowValues: SimCellValue[] = [];
    const rowFormats: string[] = [];
    for (let c = 0; c < columnCount; c++) {
      const typed = typeWorkbookCell(cellAt(r, c), idColumns[c] ?? false, moneyColumns[c] ?? false);
      rowValues.push(typed.value);
      rowFormats.push(typed.format);
    }
    values.push(rowValues);
    formats.push(rowFormats);
  }
  const mergedAreas = mergedAreasOf(sheet, range, values);
  const hiddenRows = (sheet["!rows"] ?? []).flatMap((info, r) =>
    info?.hidden && r >= range.s.r && r <= range.e.r ? [r - range.s.r] : [],
  );
  return { values, formats, mergedAreas, hiddenRows };
}

/**
 * The sheet's merged areas within its used range, as rectangles from the range's top-left cell. As in Excel only an
 * area's top-left cell keeps a value ("Merge cells" keeps the upper-left value): any other cell's is cleared.
 */
function mergedAreasOf(sheet: WorkSheet, range: ReturnType<typeof utils.decode_range>, values: SimCellValue[][]) {
  const areas: CellRect[] = [];
  for (const merge of sheet["!merges"] ?? []) {
    const top = Math.max(merge.s.r, range.s.r);
    const left = Math.max(merge.s.c, range.s.c);
    const bottom = Math.min(merge.e.r, range.e.r);
    const right = Math.min(merge.e.c, range.e.c);
    // An area cut by the used range, or of one cell, is no merged area of these cells.
    if (top !== merge.s.r || left !== merge.s.c || bottom < top || right < left) continue;
    if (bottom === top && right === left) continue;
    const rect = {
      row: top - range.s.r,
      column: left - range.s.c,
      rowCount: bottom - top + 1,
      columnCount: right - left + 1,
    };
    for (let r = rect.row; r < rect.row + rect.rowCount; r++)
      for (let c = rect.column; c < rect.column + rect.columnCount; c++) {
        const row = values[r];
        if (row && (r !== rect.row || c !== rect.column) && c < row.length) row[c] = "";
      }
    areas.push(rect);
  }
  return areas;
}

/** Reads the first sheet of a CSV (UTF-8) or XLSX/XLS file. */
export async function readSpreadsheetFile(file: File): Promise<LoadedSheet> {
  if (isCsvName(file.name)) return typeCsv(await file.text());
  return typeXlsx(await file.arrayBuffer());
}

/** Same as readSpreadsheetFile for bytes already in memory (tests, drag and drop). */
export function readSpreadsheetData(name: string, data: ArrayBuffer | string): LoadedSheet {
  if (typeof data === "string") return typeCsv(data);
  return isCsvName(name) ? typeCsv(new TextDecoder().decode(data)) : typeXlsx(data);
}
