/**
 * A deep copy of everything in a simulated workbook the user could see or rely on: sheets (names, order, ids,
 * visibility, cells, formulas, number formats, fills/fonts, custom properties, frozen rows), tables, PivotTables, charts,
 * conditional formats and defined names. Compare two snapshots with toEqual to prove a run changed nothing.
 * Column widths are in too: undo puts back the widths the add-in's autofit changed. The active sheet and the
 * selection are left out (view state the user moves themselves).
 */
import type { WorkbookModel } from "../../src/workbook-sim";
import { DEFAULT_COLUMN_WIDTH } from "../../src/workbook-sim/range-format";

export interface WorkbookSnapshot {
  sheets: unknown[];
  tables: unknown[];
  pivotTables: unknown[];
  charts: unknown[];
  conditionalFormats: unknown[];
  names: unknown[];
}

/** Sparse rows as [row, column, value] triples, so holes and `undefined` compare alike. */
function cells(rows: (unknown[] | undefined)[]): [number, number, unknown][] {
  const out: [number, number, unknown][] = [];
  rows.forEach((row, r) => row?.forEach((value, c) => value !== undefined && out.push([r, c, value])));
  return out;
}

/**
 * Column widths as the user sees them: a column set back to Excel's default width looks as one never changed
 * (Office.js can set a width, not clear it; Excel keeps only a "custom width" flag apart, invisible on screen).
 */
function shownWidths(widths: Record<number, number>): Record<number, number> {
  return Object.fromEntries(Object.entries(widths).filter(([, width]) => width !== DEFAULT_COLUMN_WIDTH));
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null)) as T;

export function snapshotWorkbook(model: WorkbookModel): WorkbookSnapshot {
  return {
    sheets: model.sheets.map((sheet) => ({
      id: sheet.id,
      name: sheet.name,
      visibility: sheet.visibility ?? "Visible",
      values: cells(sheet.rows),
      formulas: cells(sheet.formulas),
      numberFormats: cells(sheet.numberFormats),
      rangeFormats: copy(sheet.rangeFormats),
      customProperties: copy(sheet.customProperties),
      frozenRows: sheet.frozenRows,
      columnWidths: shownWidths(sheet.columnWidths),
    })),
    tables: copy(model.tables),
    pivotTables: copy(model.pivotTables),
    charts: copy(model.charts),
    conditionalFormats: copy(model.conditionalFormats),
    names: copy(model.names ?? []),
  };
}
