/** Putting data into the sim's model as a new sheet, the way a user opening a file in Excel would see it. */
import type { WorkbookSim } from "../workbook-sim";
import {
  createEmptySheet,
  formatAddress,
  newId,
  writeNumberFormats,
  writeValues,
  type CellRect,
  type SheetModel,
  type SimCellValue,
} from "../workbook-sim/model";
import { textWidthUnits } from "../workbook-sim/column-width";
import { displayText } from "./cell-format";
import type { TypedSheet } from "./typed-cells";

/**
 * The demo's Excel: ExcelApi 1.13, the level of current Excel on the web and Microsoft 365, where the add-in can
 * list merged areas (Range.getMergedAreasOrNullObject) and resize tables (Table.resize). At 1.12 every read said
 * merged cells could not be read.
 */
export const DEMO_REQUIREMENT_SETS = { ExcelApi: "1.13" };

/** A sheet as read from a file: typed cells plus, from an xlsx, its merged areas and hidden rows (0-based). */
export interface LoadedSheet extends TypedSheet {
  mergedAreas?: CellRect[];
  hiddenRows?: number[];
}

/** Excel's sheet-name rules: 1-31 characters, none of `: \ / ? * [ ]`, no leading/trailing apostrophe, unique. */
export function uniqueSheetName(sim: WorkbookSim, wanted: string): string {
  let base =
    wanted
      .replace(/[:\\/?*[\]]/g, " ")
      .replace(/^'+|'+$/g, "")
      .trim()
      .slice(0, 31) || "Data";
  if (base.toLowerCase() === "history") base = "History data";
  const taken = new Set(sim.workbook.sheets.map((s) => s.name.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = base.slice(0, 31 - suffix.length) + suffix;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** Column widths in points from the longest shown text in the first rows, as Excel's autofit would roughly give. */
function estimateColumnWidths(sheet: SheetModel, sampleRows: number): Record<number, number> {
  const widths: Record<number, number> = {};
  const rows = Math.min(sheet.rows.length, sampleRows);
  for (let r = 0; r < rows; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    row.forEach((value, c) => {
      const text = displayText(value, sheet.numberFormats[r]?.[c] ?? "General");
      widths[c] = Math.max(widths[c] ?? 48, Math.min(240, textWidthUnits(text) * 6 + 14));
    });
  }
  return widths;
}

/**
 * Adds a sheet holding `typed` from A1, makes it active and selects its data (header included), as the user would
 * before clicking "Use selection". Returns the selected address.
 */
export function addTypedSheet(sim: WorkbookSim, wantedName: string, typed: LoadedSheet): string {
  const model = sim.workbook;
  const name = uniqueSheetName(sim, wantedName);
  const sheet = createEmptySheet(`${newId(model, "{sheet-")}}`, name);
  writeValues(sheet, 0, 0, typed.values);
  writeNumberFormats(sheet, 0, 0, typed.formats);
  if (typed.mergedAreas && typed.mergedAreas.length > 0) sheet.mergedAreas = typed.mergedAreas.map((r) => ({ ...r }));
  if (typed.hiddenRows && typed.hiddenRows.length > 0)
    sheet.hiddenRows = [...new Set(typed.hiddenRows)].sort((a, b) => a - b);
  sheet.columnWidths = estimateColumnWidths(sheet, 500);
  sheet.frozenRows = typed.values.length > 1 ? 1 : 0;
  model.sheets.push(sheet);
  const columnCount = typed.values.reduce((max, row) => Math.max(max, row.length), 0);
  const address = formatAddress(name, {
    row: 0,
    column: 0,
    rowCount: Math.max(1, typed.values.length),
    columnCount: Math.max(1, columnCount),
  });
  sim.setSelection(address);
  return address;
}

/** Builds a TypedSheet from rows of ready values plus one number format per column for the data rows. */
export function typedFromValues(rows: SimCellValue[][], columnFormats: readonly string[] = []): TypedSheet {
  const formats = rows.map((row, r) => row.map((_value, c) => (r === 0 ? "General" : (columnFormats[c] ?? "General"))));
  return { values: rows, formats };
}
