/**
 * The plain data model behind the workbook simulator: what a workbook holds after the add-in ran. Tests assert on
 * it and the demo's workbook view renders it. Plain objects and arrays only (no classes), so it can be inspected,
 * copied and drawn without knowing the API layer.
 */

/** A stored cell value. Empty cells are absent (read back as ""), as Excel returns them. */
export type SimCellValue = string | number | boolean;

/** A rectangle of cells, 0-based. */
export interface CellRect {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

/** Excel's grid limits. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface RangeFormatModel {
  rect: CellRect;
  fillColor?: string;
  fontBold?: boolean;
  fontColor?: string;
  /** RangeFont.italic and RangeFont.size in points (ExcelApi 1.1). */
  fontItalic?: boolean;
  fontSize?: number;
  /** RangeFormat.wrapText (ExcelApi 1.1): text wraps inside the column's width instead of running on. */
  wrapText?: boolean;
}

export interface SheetModel {
  /** Stable id (Excel's worksheet.id survives renames). */
  id: string;
  name: string;
  /** Sparse rows: `rows[r]?.[c]`; a hole or `undefined` is an empty cell. */
  rows: (SimCellValue[] | undefined)[];
  /** Sparse number formats in the same layout; absent = "General". */
  numberFormats: (string[] | undefined)[];
  /**
   * Sparse formula text (`=...`) in the same layout; `rows` then holds the formula's computed value. Absent = the
   * cell holds a constant (Range.formulas returns the value then, as the @types/office-js comment says).
   */
  formulas: (string[] | undefined)[];
  /** Widths in points set by autofit (estimated from the text length), by column index. */
  columnWidths: Record<number, number>;
  /** Heights in points of rows taller than DEFAULT_ROW_HEIGHT (set by autofitRows for wrapped text), by row. */
  rowHeights: Record<number, number>;
  /** Fills / fonts applied to ranges, in the order applied. */
  rangeFormats: RangeFormatModel[];
  /** worksheet.customProperties (ExcelApi 1.12). */
  customProperties: Record<string, string>;
  /** Frozen top rows (freezePanes.freezeRows). */
  frozenRows: number;
  /**
   * worksheet.visibility (ExcelApi 1.1, Excel.SheetVisibility); absent = "Visible". "VeryHidden" sheets cannot be
   * unhidden from Excel's UI, only through the API (XlSheetVisibility.xlSheetVeryHidden in the VBA reference).
   */
  visibility?: SheetVisibility;
  /**
   * Hidden rows (0-based, ascending): rows hidden by hand or by a filter, which Excel hides the same way
   * (Range.rowHidden, ExcelApi 1.2, is true for both). Absent = none.
   */
  hiddenRows?: number[];
  /**
   * Merged areas. As in Excel only the top-left cell holds a value; the others read as empty (Excel's "Merge
   * cells" keeps only the upper-left value). Read with Range.getMergedAreasOrNullObject (ExcelApi 1.13).
   */
  mergedAreas?: CellRect[];
}

type SheetVisibility = "Visible" | "Hidden" | "VeryHidden";

/**
 * A defined name (workbook.names, Excel.NamedItem): `formula` is the reference, e.g. `=Sales!$A$1:$B$4`.
 */
export interface NamedItemModel {
  name: string;
  formula: string;
  comment: string;
}

export interface TableModel {
  id: string;
  name: string;
  sheetId: string;
  /** Header row included. */
  rect: CellRect;
  showHeaders: boolean;
  /**
   * The table ends in a totals row (`rect` includes it): `Table.showTotals` (ExcelApi 1.1, "Specifies if the total
   * row is visible"). `getRange()` includes it, `getDataBodyRange()` does not, `getTotalRowRange()` is that row.
   */
  showTotals?: boolean;
  style: string;
  /**
   * Values filters by column offset (`TableColumn.filter.applyValuesFilter`, ExcelApi 1.2): the shown texts of
   * that column. Excel hides the data-body rows whose text is not among them; hiding is not modelled here (tests
   * read the filters).
   */
  columnFilters?: Record<number, string[]>;
}

export type PivotSummarizeBy = "Sum" | "Count" | "Average" | "Max" | "Min" | "Automatic";

interface PivotDataFieldModel {
  /** Display name, e.g. "Count of Customer". */
  name: string;
  /** Source column header. */
  sourceField: string;
  summarizeBy: PivotSummarizeBy;
  /** DataPivotHierarchy.numberFormat (ExcelApi 1.8); absent = General. */
  numberFormat?: string;
}

export interface PivotTableModel {
  id: string;
  name: string;
  sheetId: string;
  /** Top-left cell of the pivot output. */
  anchor: { row: number; column: number };
  source: { sheetId: string; rect: CellRect; tableId?: string };
  rowFields: string[];
  columnFields: string[];
  dataFields: PivotDataFieldModel[];
  /** PivotLayout.layoutType (ExcelApi 1.8); absent = "Compact", Excel's default. */
  layoutType?: "Compact" | "Tabular" | "Outline";
  /** Row/column fields whose automatic subtotals were turned off (PivotField.subtotals, ExcelApi 1.8). */
  subtotalsOff?: string[];
  /** The computed pivot report (also written into the sheet cells at `anchor`), so a viewer can show it. */
  result: SimCellValue[][];
}

/** An Excel.ChartType name: "ColumnClustered", "Pie", "XYScatterLines" and the rest; stored as given. */
type SimChartType = string;

export interface ChartSeriesModel {
  name: string;
  /** Category labels (or X values of an XY chart). */
  categories: SimCellValue[];
  values: number[];
}

export interface ChartModel {
  id: string;
  name: string;
  sheetId: string;
  type: SimChartType;
  title: string;
  /** Cells the chart covers (from setPosition; default placement otherwise). */
  position: CellRect;
  /** Series resolved from the source range when the chart was added. */
  series: ChartSeriesModel[];
  sourceAddress: string;
  legendVisible: boolean;
  /** ChartAxisTitle.text of the category (X) and value (Y) axes (ExcelApi 1.1); absent = no title. */
  axisTitles?: { category?: string; value?: string };
  /** ChartAxis.reversePlotOrder of the category axis (ExcelApi 1.7): last category drawn first. */
  categoryReversed?: boolean;
  /** ChartDataLabels.showValue (ExcelApi 1.1) and numberFormat (ExcelApi 1.8); absent = no data labels. */
  dataLabels?: { showValue: boolean; numberFormat?: string };
}

interface ColorScaleCriterionModel {
  type: string;
  color: string;
  formula?: string;
}

export interface ConditionalFormatModel {
  id: string;
  sheetId: string;
  rect: CellRect;
  type: "ColorScale";
  criteria: {
    minimum?: ColorScaleCriterionModel;
    midpoint?: ColorScaleCriterionModel;
    maximum?: ColorScaleCriterionModel;
  };
}

/** Calculation state (Application.calculationMode, suspendApiCalculationUntilNextSync, Application.calculate). */
interface CalculationModel {
  mode: "Automatic" | "AutomaticExceptTables" | "Manual";
  /**
   * True when cells were written while calculation was suspended (or in Manual mode) and no
   * `application.calculate` ran since: the user's formulas over them show stale results. @types/office-js on
   * suspendApiCalculationUntilNextSync: "it is the developer's responsibility to re-calc the workbook".
   */
  stale: boolean;
  /** Number of application.calculate calls that ran. */
  recalculations: number;
}

export interface WorkbookModel {
  calculation: CalculationModel;
  /** In tab order. */
  sheets: SheetModel[];
  activeSheetId: string;
  /**
   * The user's selection on the active sheet. Whole columns are rect.rowCount = MAX_ROWS. `areas` (two or more)
   * is a multi-area (Ctrl+click) selection; `rect` is then its first area.
   */
  selection: { sheetId: string; rect: CellRect; areas?: CellRect[] } | null;
  tables: TableModel[];
  pivotTables: PivotTableModel[];
  charts: ChartModel[];
  conditionalFormats: ConditionalFormatModel[];
  /** Workbook-scoped defined names (workbook.names); they share one namespace with table names. */
  names: NamedItemModel[];
  /** Office.context.document.settings as last saved with saveAsync. */
  savedSettings: Record<string, unknown>;
  /** Counter for ids. */
  nextId: number;
}

/** Input for creating a sheet: name plus values from A1 (rows of cells; null/undefined/"" = empty). */
export interface InitialSheet {
  name: string;
  values?: (SimCellValue | null | undefined)[][];
  /** Top-left of `values`, default A1. */
  at?: string;
  /** Hidden rows, 0-based (row 2 of the sheet is 1). */
  hiddenRows?: number[];
  /** Merged areas, e.g. `B2:B8`; every cell but the top-left must be empty (Excel keeps only that value). */
  merged?: string[];
}

export function createEmptySheet(id: string, name: string): SheetModel {
  return {
    id,
    name,
    rows: [],
    numberFormats: [],
    formulas: [],
    columnWidths: {},
    rowHeights: {},
    rangeFormats: [],
    customProperties: {},
    frozenRows: 0,
  };
}

export function newId(model: WorkbookModel, prefix: string): string {
  model.nextId += 1;
  return `${prefix}${model.nextId}`;
}

export function createWorkbookModel(sheets: InitialSheet[] = [{ name: "Sheet1" }]): WorkbookModel {
  const model: WorkbookModel = {
    calculation: { mode: "Automatic", stale: false, recalculations: 0 },
    sheets: [],
    activeSheetId: "",
    selection: null,
    tables: [],
    pivotTables: [],
    charts: [],
    conditionalFormats: [],
    names: [],
    savedSettings: {},
    nextId: 0,
  };
  for (const initial of sheets.length > 0 ? sheets : [{ name: "Sheet1" }]) {
    const sheet = createEmptySheet(newId(model, "{sheet-"), initial.name);
    sheet.id += "}";
    model.sheets.push(sheet);
    if (initial.values) {
      const start = initial.at ? parseCellAddress(initial.at) : { row: 0, column: 0 };
      writeValues(sheet, start.row, start.column, initial.values);
    }
    if (initial.hiddenRows && initial.hiddenRows.length > 0)
      sheet.hiddenRows = [...new Set(initial.hiddenRows)].sort((a, b) => a - b);
    const mergedCells = new Set<number>();
    for (const address of initial.merged ?? []) mergedArea(sheet, address, mergedCells);
  }
  const first = model.sheets[0];
  if (!first) throw new Error("A workbook needs a sheet");
  model.activeSheetId = first.id;
  model.selection = { sheetId: first.id, rect: { row: 0, column: 0, rowCount: 1, columnCount: 1 } };
  return model;
}

/** Checks one merged area of an initial sheet: a rectangle of two or more cells, only its top-left cell filled. */
function mergedArea(sheet: SheetModel, address: string, taken: Set<number>): void {
  const rect = parseLocalAddress(address);
  if (!rect || rect.rowCount * rect.columnCount < 2) throw new Error(`Not a merged area: ${address}`);
  for (let r = rect.row; r < rect.row + rect.rowCount; r++)
    for (let c = rect.column; c < rect.column + rect.columnCount; c++) {
      const key = r * MAX_COLUMNS + c;
      if (taken.has(key)) throw new Error(`Merged areas overlap: ${address}`);
      taken.add(key);
      if ((r !== rect.row || c !== rect.column) && sheet.rows[r]?.[c] !== undefined)
        throw new Error(`Merged area ${address}: only its top-left cell may hold a value, as in Excel`);
    }
  (sheet.mergedAreas ??= []).push(rect);
}

export function getCellValue(sheet: SheetModel, row: number, column: number): SimCellValue {
  return sheet.rows[row]?.[column] ?? "";
}

export function getNumberFormat(sheet: SheetModel, row: number, column: number): string {
  return sheet.numberFormats[row]?.[column] ?? "General";
}

/**
 * Empties one cell of a sparse row. The rows are sparse arrays in which a hole is an empty cell, so this leaves a hole
 * where splice would shift the cells to its right.
 */
function clearSlot(row: unknown[], column: number): void {
  // eslint-disable-next-line @typescript-eslint/no-array-delete -- the hole is the point (see above)
  delete row[column];
}

/** Sets or removes (undefined) the formula text of one cell. */
export function setFormula(sheet: SheetModel, row: number, column: number, formula: string | undefined): void {
  let target = sheet.formulas[row];
  if (formula === undefined) {
    if (target) clearSlot(target, column);
    return;
  }
  if (!target) {
    target = [];
    sheet.formulas[row] = target;
  }
  target[column] = formula;
}

/** Writes a block of constant values (any formula there is removed); null, undefined and "" clear the cell. */
export function writeValues(
  sheet: SheetModel,
  row: number,
  column: number,
  values: readonly (readonly (SimCellValue | null | undefined)[])[],
): void {
  for (let i = 0; i < values.length; i++) {
    const source = values[i] ?? [];
    let target = sheet.rows[row + i];
    const formulas = sheet.formulas[row + i];
    for (let j = 0; j < source.length; j++) {
      const value = source[j];
      if (formulas) clearSlot(formulas, column + j);
      if (value === null || value === undefined || value === "") {
        if (target) clearSlot(target, column + j);
      } else {
        if (!target) {
          target = [];
          sheet.rows[row + i] = target;
        }
        target[column + j] = value;
      }
    }
  }
}

export function writeNumberFormats(
  sheet: SheetModel,
  row: number,
  column: number,
  formats: readonly (readonly string[])[],
): void {
  for (let i = 0; i < formats.length; i++) {
    const source = formats[i] ?? [];
    let target = sheet.numberFormats[row + i];
    for (let j = 0; j < source.length; j++) {
      const format = source[j];
      if (format === undefined || format === "General") {
        if (target) clearSlot(target, column + j);
      } else {
        if (!target) {
          target = [];
          sheet.numberFormats[row + i] = target;
        }
        target[column + j] = format;
      }
    }
  }
}

/** Clears values and formats in a rectangle. */
export function clearRect(sheet: SheetModel, rect: CellRect): void {
  const lastRow = Math.min(
    rect.row + rect.rowCount,
    Math.max(sheet.rows.length, sheet.numberFormats.length, sheet.formulas.length),
  );
  for (let r = rect.row; r < lastRow; r++) {
    const row = sheet.rows[r];
    const formats = sheet.numberFormats[r];
    const formulas = sheet.formulas[r];
    for (let c = rect.column; c < rect.column + rect.columnCount; c++) {
      if (row) clearSlot(row, c);
      if (formats) clearSlot(formats, c);
      if (formulas) clearSlot(formulas, c);
    }
  }
}

/** The bounding box of non-empty cells (and of formatted cells unless valuesOnly), or null for an empty sheet. */
export function usedRect(sheet: SheetModel, valuesOnly: boolean): CellRect | null {
  let top = -1;
  let bottom = -1;
  let left = Number.MAX_SAFE_INTEGER;
  let right = -1;
  const scan = (rows: (unknown[] | undefined)[]): void => {
    rows.forEach((row, r) => {
      if (!row) return;
      let rowHasCell = false;
      // forEach skips holes, so sparse rows cost only their filled cells.
      row.forEach((_cell, c) => {
        rowHasCell = true;
        if (c < left) left = c;
        if (c > right) right = c;
      });
      if (rowHasCell) {
        if (top < 0 || r < top) top = r;
        if (r > bottom) bottom = r;
      }
    });
  };
  scan(sheet.rows);
  // A formula cell is used even when it shows "" (no stored value); with valuesOnly it is left out here, the
  // stricter reading (a check for empty cells must not rely on it).
  if (!valuesOnly) scan(sheet.numberFormats);
  if (!valuesOnly) scan(sheet.formulas);
  if (top < 0) return null;
  return { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
}

// ---- addresses ----

/**
 * Excel column letters for a 0-based column: 0 → `A`, 26 → `AA`. The same as engine/column-letter.ts on purpose:
 * workbook-sim imports nothing from src/ but types (docs/ARCHITECTURE.md), so it stands as Excel would on its own.
 */
export function columnLetters(column: number): string {
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function parseCellAddress(address: string): { row: number; column: number } {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!match) throw new Error(`Not a cell address: ${address}`);
  return { row: Number(match[2]) - 1, column: columnIndex(match[1] ?? "A") };
}

/** Splits `Sheet1!A1:B2` / `'My sheet'!A:A` into sheet name (or undefined) and the local part. */
export function splitSheetAddress(address: string): { sheetName?: string; local: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { local: address };
  let sheetName = address.slice(0, bang);
  if (sheetName.startsWith("'") && sheetName.endsWith("'")) sheetName = sheetName.slice(1, -1).replace(/''/g, "'");
  return { sheetName, local: address.slice(bang + 1) };
}

/**
 * Parses a local address: `A1`, `A1:F10`, whole columns `A:F`, whole rows `1:5`. Returns null when malformed or
 * beyond the grid.
 */
export function parseLocalAddress(local: string): CellRect | null {
  const parts = local.replace(/\$/g, "").toUpperCase().split(":");
  if (parts.length < 1 || parts.length > 2) return null;
  const first = parts[0] ?? "";
  const second = parts[1] ?? first;
  const columnsOnly = /^([A-Z]{1,3})$/;
  const rowsOnly = /^(\d+)$/;
  const cell = /^([A-Z]{1,3})(\d+)$/;
  let rect: CellRect | null = null;
  if (parts.length === 2 && columnsOnly.test(first) && columnsOnly.test(second)) {
    const a = columnIndex(first);
    const b = columnIndex(second);
    rect = { row: 0, rowCount: MAX_ROWS, column: Math.min(a, b), columnCount: Math.abs(a - b) + 1 };
  } else if (parts.length === 2 && rowsOnly.test(first) && rowsOnly.test(second)) {
    const a = Number(first) - 1;
    const b = Number(second) - 1;
    rect = { row: Math.min(a, b), rowCount: Math.abs(a - b) + 1, column: 0, columnCount: MAX_COLUMNS };
  } else {
    const m1 = cell.exec(first);
    const m2 = cell.exec(second);
    if (!m1 || !m2) return null;
    const r1 = Number(m1[2]) - 1;
    const r2 = Number(m2[2]) - 1;
    const c1 = columnIndex(m1[1] ?? "A");
    const c2 = columnIndex(m2[1] ?? "A");
    rect = {
      row: Math.min(r1, r2),
      rowCount: Math.abs(r1 - r2) + 1,
      column: Math.min(c1, c2),
      columnCount: Math.abs(c1 - c2) + 1,
    };
  }
  if (
    rect.row < 0 ||
    rect.column < 0 ||
    rect.row + rect.rowCount > MAX_ROWS ||
    rect.column + rect.columnCount > MAX_COLUMNS
  )
    return null;
  return rect;
}

/** Formats a rectangle the way Excel prints `range.address` (`A1`, `A1:F10`, `A:F`, `1:5`). */
export function formatLocalAddress(rect: CellRect): string {
  const wholeColumns = rect.row === 0 && rect.rowCount === MAX_ROWS;
  const wholeRows = rect.column === 0 && rect.columnCount === MAX_COLUMNS;
  const lastColumn = rect.column + rect.columnCount - 1;
  const lastRow = rect.row + rect.rowCount - 1;
  if (wholeColumns && !wholeRows) return `${columnLetters(rect.column)}:${columnLetters(lastColumn)}`;
  if (wholeRows && !wholeColumns) return `${rect.row + 1}:${lastRow + 1}`;
  const start = `${columnLetters(rect.column)}${rect.row + 1}`;
  if (rect.rowCount === 1 && rect.columnCount === 1) return start;
  return `${start}:${columnLetters(lastColumn)}${lastRow + 1}`;
}

/** Quotes a sheet name as Excel does in addresses (`'My Sales'!A1`). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

export function formatAddress(sheetName: string, rect: CellRect): string {
  return `${quoteSheetName(sheetName)}!${formatLocalAddress(rect)}`;
}

export function intersectRects(a: CellRect, b: CellRect): CellRect | null {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const rowEnd = Math.min(a.row + a.rowCount, b.row + b.rowCount);
  const columnEnd = Math.min(a.column + a.columnCount, b.column + b.columnCount);
  if (rowEnd <= row || columnEnd <= column) return null;
  return { row, column, rowCount: rowEnd - row, columnCount: columnEnd - column };
}

export function rectContains(outer: CellRect, inner: CellRect): boolean {
  return (
    inner.row >= outer.row &&
    inner.column >= outer.column &&
    inner.row + inner.rowCount <= outer.row + outer.rowCount &&
    inner.column + inner.columnCount <= outer.column + outer.columnCount
  );
}

/** Reads a rectangle as a dense 2D array ("" for empty cells). */
export function readRect(sheet: SheetModel, rect: CellRect): SimCellValue[][] {
  const out: SimCellValue[][] = new Array<SimCellValue[]>(rect.rowCount);
  for (let i = 0; i < rect.rowCount; i++) {
    const source = sheet.rows[rect.row + i];
    const row = new Array<SimCellValue>(rect.columnCount);
    for (let j = 0; j < rect.columnCount; j++) row[j] = source?.[rect.column + j] ?? "";
    out[i] = row;
  }
  return out;
}

export function findSheet(model: WorkbookModel, id: string): SheetModel | undefined {
  return model.sheets.find((sheet) => sheet.id === id);
}
