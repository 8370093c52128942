/** Range, RangeAreas and RangeCollection: cell values, formulas, number formats, derived ranges, merged areas. */
import { SimExcelError } from "./errors";
import type { CellRect, RangeFormatModel, SheetModel, SimCellValue, WorkbookModel } from "./model";
import {
  MAX_COLUMNS,
  MAX_ROWS,
  clearRect,
  formatAddress,
  intersectRects,
  parseLocalAddress,
  readRect,
  splitSheetAddress,
  usedRect,
  writeNumberFormats,
  writeValues,
} from "./model";
import { READ_CELL_LIMIT, estimateGridBytes } from "./payload";
import {
  DEFAULT_ROW_HEIGHT,
  columnWidthFor,
  estimatedTextLength,
  textWidthUnits,
  wrappedLineCount,
  wrappedTextUnits,
} from "./column-width";
import { displayTextOf, valueTypeOf, writeEntries } from "./cell-input";
import { pivotRect } from "./pivot-compute";
import { ClientObject, ItemCollection } from "./client-object";
import type { RequestContext } from "./request-context";
import { ConditionalFormatCollection, DEFAULT_COLUMN_WIDTH, RangeFormat } from "./range-format";
import { Worksheet } from "./worksheet";

export interface RangeTarget {
  sheet: SheetModel;
  rect: CellRect;
}

export function sheetByNameOrId(model: WorkbookModel, key: string): SheetModel | undefined {
  const lower = key.toLowerCase();
  return model.sheets.find((sheet) => sheet.id === key || sheet.name.toLowerCase() === lower);
}

export function checkRect(rect: CellRect, location: string): CellRect {
  if (
    rect.row < 0 ||
    rect.column < 0 ||
    rect.rowCount < 1 ||
    rect.columnCount < 1 ||
    rect.row + rect.rowCount > MAX_ROWS ||
    rect.column + rect.columnCount > MAX_COLUMNS
  ) {
    throw new SimExcelError("InvalidArgument", location, "Range outside the grid (1,048,576 rows × 16,384 columns)");
  }
  return rect;
}

export function overlapsPivot(
  model: WorkbookModel,
  sheet: SheetModel,
  rect: CellRect,
  exceptPivotId?: string,
): boolean {
  return model.pivotTables.some(
    (pivot) =>
      pivot.id !== exceptPivotId &&
      pivot.sheetId === sheet.id &&
      pivot.result.length > 0 &&
      intersectRects(pivotRect(pivot), rect) !== null,
  );
}

export function normalizeGrid(value: unknown, rect: CellRect, location: string): unknown[][] {
  if (!Array.isArray(value)) {
    // A single value applies to every cell of the range, as in Office.js.
    return Array.from({ length: rect.rowCount }, () => new Array<unknown>(rect.columnCount).fill(value));
  }
  const grid = value as unknown[];
  if (grid.length !== rect.rowCount || grid.some((row) => !Array.isArray(row) || row.length !== rect.columnCount)) {
    throw new SimExcelError(
      "InvalidArgument",
      location,
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rect.rowCount}×${rect.columnCount}).`,
    );
  }
  return grid as unknown[][];
}

export function toCellValue(value: unknown, location: string): SimCellValue | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new SimExcelError("InvalidArgument", location, "Non-finite number");
    return value;
  }
  // Office.js serialises through JSON: a Date arrives as its ISO text and stays text here.
  if (value instanceof Date) return value.toJSON();
  throw new SimExcelError("InvalidArgument", location, "Unsupported cell value");
}

export class Range extends ClientObject {
  readonly format: RangeFormat;
  readonly conditionalFormats: ConditionalFormatCollection;

  constructor(
    context: RequestContext,
    private readonly resolve: () => RangeTarget | undefined,
  ) {
    super(context);
    this.format = new RangeFormat(this);
    this.conditionalFormats = new ConditionalFormatCollection(this);
  }

  /** @internal */
  resolveTarget(): RangeTarget {
    const target = this.resolve();
    if (!target) throw new SimExcelError("ItemNotFound", "Range");
    return target;
  }

  protected override exists(): boolean {
    return this.resolve() !== undefined;
  }

  protected defaultLoadNames(): string[] {
    return [
      "address",
      "addressLocal",
      "rowCount",
      "columnCount",
      "cellCount",
      "rowIndex",
      "columnIndex",
      "values",
      "numberFormat",
    ];
  }

  protected readProperty(name: string): unknown {
    const { sheet, rect } = this.resolveTarget();
    switch (name) {
      case "address":
        return formatAddress(sheet.name, rect);
      case "addressLocal":
        return formatAddress(sheet.name, rect);
      case "rowCount":
        return rect.rowCount;
      case "columnCount":
        return rect.columnCount;
      case "cellCount":
        return rect.rowCount * rect.columnCount;
      case "rowIndex":
        return rect.row;
      case "columnIndex":
        return rect.column;
      case "rowHidden": {
        // @types/office-js (ExcelApi 1.2): true when all rows of the range are hidden, false when none is, null when
        // some are. Rows a filter hides count as hidden, as rows hidden by hand do.
        const hidden = hiddenRowsIn(sheet, rect.row, rect.rowCount);
        return hidden === 0 ? false : hidden === rect.rowCount ? true : null;
      }
      case "values":
      case "formulas":
      case "text":
      case "valueTypes":
      case "numberFormat": {
        if (rect.rowCount * rect.columnCount > READ_CELL_LIMIT) {
          throw new SimExcelError(
            "InvalidOperation",
            `Range.${name}`,
            "The range is too large: reads are limited to 5,000,000 cells",
          );
        }
        const grid =
          name === "numberFormat"
            ? Array.from({ length: rect.rowCount }, (_r, i) =>
                Array.from(
                  { length: rect.columnCount },
                  (_c, j) => sheet.numberFormats[rect.row + i]?.[rect.column + j] ?? "General",
                ),
              )
            : name === "values"
              ? readRect(sheet, rect)
              : Array.from({ length: rect.rowCount }, (_r, i) =>
                  Array.from({ length: rect.columnCount }, (_c, j): SimCellValue => {
                    const r = rect.row + i;
                    const c = rect.column + j;
                    const value = sheet.rows[r]?.[c];
                    const formula = sheet.formulas[r]?.[c];
                    const format = sheet.numberFormats[r]?.[c] ?? "General";
                    // formulas: "If a cell has no formula, its value is returned instead" (@types/office-js).
                    if (name === "formulas") return formula ?? value ?? "";
                    if (name === "valueTypes")
                      return formula !== undefined && value === undefined
                        ? "String" // a formula returning "" (e.g. `=""`)
                        : valueTypeOf(value, formula !== undefined || format !== "@");
                    return displayTextOf(value, format);
                  }),
                );
        this.context.addResponseBytes(estimateGridBytes(grid));
        // Office.js builds loaded values from the host's JSON answer (OfficeExtension's response parsing): every
        // read hands over new strings and arrays, never the workbook's own, so holding a read grid costs what it
        // costs in Excel.
        return JSON.parse(JSON.stringify(grid)) as unknown;
      }
      default:
        throw new SimExcelError("InvalidArgument", "Range.load", `Property ${name} is not modelled`);
    }
  }

  get address(): string {
    return this.loaded("address");
  }
  get addressLocal(): string {
    return this.loaded("addressLocal");
  }
  get rowCount(): number {
    return this.loaded("rowCount");
  }
  get columnCount(): number {
    return this.loaded("columnCount");
  }
  get cellCount(): number {
    return this.loaded("cellCount");
  }
  get rowIndex(): number {
    return this.loaded("rowIndex");
  }
  get columnIndex(): number {
    return this.loaded("columnIndex");
  }
  get text(): string[][] {
    return this.loaded("text");
  }
  get rowHidden(): boolean | null {
    return this.loaded("rowHidden");
  }

  get values(): SimCellValue[][] {
    return this.loaded("values");
  }
  set values(values: unknown) {
    this.setLocal("values", values);
    this.context.enqueue(
      "range.values",
      () => {
        const { sheet, rect } = this.resolveTarget();
        const grid = normalizeGrid(values, rect, "Range.values");
        if (overlapsPivot(this.context.runtime.model, sheet, rect))
          throw new SimExcelError("InvalidOperation", "Range.values", "Cannot change part of a PivotTable");
        if (this.context.runtime.faultInjector?.({ kind: "range.values", sheetName: sheet.name }))
          throw new SimExcelError("GeneralException", "Range.values");
        const cells = grid.map((row) => row.map((value) => toCellValue(value, "Range.values")));
        // Strings are interpreted like typed input (formulas, numbers, dates) unless the cell is formatted "@".
        writeEntries(sheet, rect.row, rect.column, cells);
        this.context.touchSheet(sheet.id);
      },
      { requestBytes: estimateGridBytes(values) },
    );
  }

  get formulas(): SimCellValue[][] {
    return this.loaded("formulas");
  }
  set formulas(formulas: unknown) {
    // Same entry rules as values (cell-input.ts); formula text is kept apart from its (literal-only) value.
    this.values = formulas;
    this.setLocal("formulas", formulas);
  }
  get valueTypes(): string[][] {
    return this.loaded("valueTypes");
  }

  get numberFormat(): string[][] {
    return this.loaded("numberFormat");
  }
  set numberFormat(formats: unknown) {
    this.setLocal("numberFormat", formats);
    this.context.enqueue(
      "range.numberFormat",
      () => {
        const { sheet, rect } = this.resolveTarget();
        const grid = normalizeGrid(formats, rect, "Range.numberFormat");
        writeNumberFormats(
          sheet,
          rect.row,
          rect.column,
          grid.map((row) => row.map((format) => (typeof format === "string" ? format : "General"))),
        );
      },
      { requestBytes: estimateGridBytes(formats) },
    );
  }

  /** @internal */
  applyFormat(format: Omit<RangeFormatModel, "rect">): void {
    this.context.enqueue("range.format", () => {
      const { sheet, rect } = this.resolveTarget();
      sheet.rangeFormats.push({ rect, ...format });
    });
  }

  /** @internal */
  autofit(): void {
    this.context.enqueue("range.format.autofitColumns", () => {
      const { sheet, rect } = this.resolveTarget();
      // Excel fits each column to the content of the WHOLE column, not only the range's rows (office-js#5999,
      // #1017): a long value far below the range widens it too.
      const lastRow = sheet.rows.length;
      for (let c = rect.column; c < rect.column + rect.columnCount; c++) {
        let longest = 0;
        for (let r = 0; r < lastRow; r++) {
          const value = sheet.rows[r]?.[c];
          if (value === undefined) continue;
          // Excel fits the text a cell shows: a date serial as its formatted date (2010-12-01, not 40513), a
          // share as its percentage.
          const format = sheet.numberFormats[r]?.[c] ?? "General";
          const shown =
            typeof value === "number" && (/[yd]/i.test(format) || format.includes("%"))
              ? textWidthUnits(displayTextOf(value, format))
              : typeof value === "string"
                ? wrappedTextUnits(value, value.includes("\n") && wrapsAt(sheet, r, c))
                : estimatedTextLength(value);
          longest = Math.max(longest, shown);
        }
        sheet.columnWidths[c] = columnWidthFor(longest);
      }
    });
  }

  /** @internal */
  autofitRows(): void {
    this.context.enqueue("range.format.autofitRows", () => {
      const { sheet, rect } = this.resolveTarget();
      // A row is as tall as its tallest cell, over the whole row like autofitColumns over the whole column. Only
      // wrapped text makes a cell taller here (VBA Range.WrapText: Excel adjusts the row height to the text); other
      // reasons (larger fonts) are not modelled. Excel may also adjust rows by itself when wrapping is set; the
      // simulator does not, so the add-in must call autofitRows.
      for (let r = rect.row; r < rect.row + rect.rowCount; r++) {
        let lines = 1;
        (sheet.rows[r] ?? []).forEach((value, c) => {
          if (typeof value === "string" && wrapsAt(sheet, r, c))
            lines = Math.max(lines, wrappedLineCount(value, sheet.columnWidths[c] ?? DEFAULT_COLUMN_WIDTH));
        });
        if (lines > 1) sheet.rowHeights[r] = lines * DEFAULT_ROW_HEIGHT;
        else delete sheet.rowHeights[r];
      }
    });
  }

  /** @internal */
  setColumnWidth(width: number): void {
    this.context.enqueue("range.format.columnWidth", () => {
      const { sheet, rect } = this.resolveTarget();
      for (let c = rect.column; c < rect.column + rect.columnCount; c++) sheet.columnWidths[c] = width;
    });
  }

  private derived(compute: (target: RangeTarget) => RangeTarget | undefined, location: string, orNull = false): Range {
    return new Range(this.context, () => {
      const target = this.resolve();
      if (!target) {
        if (orNull) return undefined;
        throw new SimExcelError("ItemNotFound", location);
      }
      const result = compute(target);
      if (!result && !orNull) throw new SimExcelError("InvalidArgument", location);
      return result ? { sheet: result.sheet, rect: checkRect(result.rect, location) } : undefined;
    });
  }

  private otherTarget(other: Range | string, sheet: SheetModel): RangeTarget {
    if (typeof other === "string") {
      const rect = parseLocalAddress(splitSheetAddress(other).local);
      if (!rect) throw new SimExcelError("InvalidArgument", "Range.getIntersection");
      return { sheet, rect };
    }
    return other.resolveTarget();
  }

  /** The part of this range that `other` covers (none when it is on another sheet). */
  private intersection(other: Range | string): (target: RangeTarget) => RangeTarget | undefined {
    return (target) => {
      const second = this.otherTarget(other, target.sheet);
      const rect = second.sheet.id === target.sheet.id ? intersectRects(target.rect, second.rect) : null;
      return rect ? { sheet: target.sheet, rect } : undefined;
    };
  }

  getIntersection(other: Range | string): Range {
    return this.derived(this.intersection(other), "Range.getIntersection");
  }

  getIntersectionOrNullObject(other: Range | string): Range {
    return this.derived(this.intersection(other), "Range.getIntersectionOrNullObject", true);
  }

  getCell(row: number, column: number): Range {
    return this.derived(
      (t) => ({
        sheet: t.sheet,
        rect: { row: t.rect.row + row, column: t.rect.column + column, rowCount: 1, columnCount: 1 },
      }),
      "Range.getCell",
    );
  }

  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this.derived(
      (t) => ({
        sheet: t.sheet,
        rect: { ...t.rect, rowCount: t.rect.rowCount + deltaRows, columnCount: t.rect.columnCount + deltaColumns },
      }),
      "Range.getResizedRange",
    );
  }

  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this.derived(
      (t) => ({
        sheet: t.sheet,
        rect: { ...t.rect, row: t.rect.row + rowOffset, column: t.rect.column + columnOffset },
      }),
      "Range.getOffsetRange",
    );
  }

  getRow(row: number): Range {
    return this.derived(
      (t) => ({ sheet: t.sheet, rect: { ...t.rect, row: t.rect.row + row, rowCount: 1 } }),
      "Range.getRow",
    );
  }

  getColumn(column: number): Range {
    return this.derived(
      (t) => ({ sheet: t.sheet, rect: { ...t.rect, column: t.rect.column + column, columnCount: 1 } }),
      "Range.getColumn",
    );
  }

  /** The sheet's used range clipped to this range (not fitted to this range's own cells). */
  private usedPart(valuesOnly: boolean | undefined): (target: RangeTarget) => RangeTarget | undefined {
    return (t) => {
      const used = usedRect(t.sheet, valuesOnly ?? false);
      const rect = used ? intersectRects(used, t.rect) : null;
      return rect ? { sheet: t.sheet, rect } : undefined;
    };
  }

  getUsedRange(valuesOnly?: boolean): Range {
    return this.derived(this.usedPart(valuesOnly), "Range.getUsedRange");
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    return this.derived(this.usedPart(valuesOnly), "Range.getUsedRangeOrNullObject", true);
  }

  /** applyTo "Contents" clears values, "Formats" number formats, "All" (default) both. */
  clear(applyTo: "All" | "Formats" | "Contents" = "All"): void {
    this.context.enqueue("range.clear", () => {
      const { sheet, rect } = this.resolveTarget();
      if (overlapsPivot(this.context.runtime.model, sheet, rect))
        throw new SimExcelError("InvalidOperation", "Range.clear", "Cannot change part of a PivotTable");
      this.context.touchSheet(sheet.id);
      if (applyTo === "All") clearRect(sheet, rect);
      else {
        const blank = Array.from({ length: Math.min(rect.rowCount, Math.max(0, sheet.rows.length - rect.row)) }, () =>
          new Array<null>(rect.columnCount).fill(null),
        );
        if (applyTo === "Contents") writeValues(sheet, rect.row, rect.column, blank);
        else
          writeNumberFormats(
            sheet,
            rect.row,
            rect.column,
            blank.map((row) => row.map(() => "General")),
          );
      }
    });
  }

  /**
   * ExcelApi 1.13: the merged areas that intersect this range, whole (a merged area is one cell to Excel), or a null
   * object when there are none. @types/office-js: "if the merged areas count in this range is more than 512, then
   * this method will fail to return the result" (modelled as InvalidOperation at sync).
   */
  getMergedAreasOrNullObject(): RangeAreas {
    return new RangeAreas(
      this.context,
      () => {
        this.context.requireSet("1.13", "Range.getMergedAreasOrNullObject");
        const { sheet, rect } = this.resolveTarget();
        const areas = (sheet.mergedAreas ?? []).filter((area) => intersectRects(area, rect) !== null);
        if (areas.length > MERGED_AREAS_LIMIT)
          throw new SimExcelError("InvalidOperation", "Range.getMergedAreasOrNullObject", "More than 512 merged areas");
        return areas.sort((a, b) => a.row - b.row || a.column - b.column).map((area) => ({ sheet, rect: area }));
      },
      true,
    );
  }

  select(): void {
    this.context.enqueue("range.select", () => {
      const { sheet, rect } = this.resolveTarget();
      this.context.runtime.model.activeSheetId = sheet.id;
      this.context.runtime.model.selection = { sheetId: sheet.id, rect };
    });
  }

  get worksheet(): Worksheet {
    return new Worksheet(this.context, () => this.resolveTarget().sheet);
  }
}

/**
 * ExcelApi 1.9 `RangeAreas`, as `Workbook.getSelectedRanges()` returns it: modelled are `address` (the areas'
 * addresses joined by commas, as Excel prints them) and `areaCount`.
 */
export class RangeAreas extends ClientObject {
  /** The rectangles (ExcelApi 1.9 `RangeAreas.areas`), loadable as `load("items/rowIndex,rowCount")`. */
  readonly areas: RangeCollection;
  constructor(
    context: RequestContext,
    private readonly resolve: () => RangeTarget[],
    /** An …OrNullObject result: a null object when there are no areas. */
    private readonly orNull = false,
  ) {
    super(context);
    this.areas = new RangeCollection(context, () => this.resolve());
  }
  protected override exists(): boolean {
    return !this.orNull || this.resolve().length > 0;
  }
  protected defaultLoadNames(): string[] {
    return ["address", "areaCount"];
  }
  protected readProperty(name: string): unknown {
    const areas = this.resolve();
    if (name === "address") return areas.map(({ sheet, rect }) => formatAddress(sheet.name, rect)).join(",");
    if (name === "areaCount") return areas.length;
    throw new SimExcelError("InvalidArgument", "RangeAreas.load", `Property ${name} is not modelled`);
  }
  get address(): string {
    return this.loaded("address");
  }
  get areaCount(): number {
    return this.loaded("areaCount");
  }
}

/** Rows of `row .. row + count - 1` that are hidden (the sheet's hiddenRows are ascending). */
function hiddenRowsIn(sheet: SheetModel, row: number, count: number): number {
  const hidden = sheet.hiddenRows;
  if (!hidden || hidden.length === 0) return 0;
  const firstAtOrAfter = (target: number): number => {
    let lo = 0;
    let hi = hidden.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (hidden[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return firstAtOrAfter(row + count) - firstAtOrAfter(row);
}

/** Range.getMergedAreasOrNullObject fails past this many areas (@types/office-js, ExcelApi 1.13). */
const MERGED_AREAS_LIMIT = 512;

/** `RangeAreas.areas` (ExcelApi 1.9): one Range per rectangle. */
export class RangeCollection extends ItemCollection<Range> {
  constructor(
    context: RequestContext,
    private readonly targets: () => RangeTarget[],
  ) {
    super(context);
  }
  private resolved: RangeTarget[] = [];
  protected keys(): string[] {
    this.resolved = this.targets();
    return this.resolved.map((_t, i) => String(i));
  }
  protected itemFor(key: string): Range {
    const target = this.resolved[Number(key)];
    return new Range(this.context, () => target);
  }
}

/** Whether text wraps in a cell: the last format over it that set RangeFormat.wrapText says so. */
function wrapsAt(sheet: SheetModel, row: number, column: number): boolean {
  for (let i = sheet.rangeFormats.length - 1; i >= 0; i--) {
    const format = sheet.rangeFormats[i]!;
    const { rect } = format;
    if (format.wrapText === undefined) continue;
    if (
      row >= rect.row &&
      row < rect.row + rect.rowCount &&
      column >= rect.column &&
      column < rect.column + rect.columnCount
    )
      return format.wrapText;
  }
  return false;
}
