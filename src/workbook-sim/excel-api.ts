/**
 * The subset of the Excel JavaScript API the adapter uses, over a WorkbookModel. Class and member names follow
 * @types/office-js. Like Excel: objects are proxies whose scalar properties throw PropertyNotLoaded until load()
 * + sync(); every operation is queued and runs at sync(); a sync fails when its request or response payload
 * exceeds 5 MB; a read of more than 5,000,000 cells fails; names, shapes and grid limits are validated at sync.
 * Operations of a failed sync that ran before the failing one stay applied (Excel batches are not transactions).
 */
import { SimExcelError, propertyNotLoaded } from "./errors";
import type {
  CellRect,
  ChartSeriesModel,
  PivotSummarizeBy,
  PivotTableModel,
  RangeFormatModel,
  SheetModel,
  SimCellValue,
  TableModel,
  WorkbookModel,
} from "./model";
import {
  MAX_COLUMNS,
  MAX_ROWS,
  clearRect,
  createEmptySheet,
  findSheet,
  getCellValue,
  formatAddress,
  formatLocalAddress,
  intersectRects,
  newId,
  parseLocalAddress,
  readRect,
  rectContains,
  splitSheetAddress,
  usedRect,
  writeNumberFormats,
  writeValues,
} from "./model";
import { PAYLOAD_LIMIT_BYTES, READ_CELL_LIMIT, estimateGridBytes } from "./payload";
import { columnWidthFor, estimatedTextLength, textWidthUnits } from "./column-width";
import { displayTextOf, valueTypeOf, writeEntries } from "./cell-input";
import { hostRoundTrip } from "./host-round-trip";
import { pivotRect, pivotResultSize, refreshPivots } from "./pivot-compute";

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  operations: number;
  /** suspendScreenUpdatingUntilNextSync calls queued in this sync (the docs warn against calling it in a loop). */
  screenUpdatingSuspensions?: number;
  /** suspendApiCalculationUntilNextSync was queued in this sync. */
  calculationSuspended?: boolean;
}

/** Operations after which the user's formulas over the written cells need a recalculation. */
function writesCells(kind: string): boolean {
  return (
    kind === "range.values" ||
    kind === "range.clear" ||
    kind === "tables.add" ||
    kind === "table.rows.add" ||
    kind === "table.columns.add" ||
    kind === "table.column.delete"
  );
}

/** What changed the workbook: a sync that mutated it, or the user selecting cells (setSelection). */
export type WorkbookChangeCause = "sync" | "selection";

/** Shared by every RequestContext of one simulated workbook. */
export interface SimRuntime {
  model: WorkbookModel;
  /** Highest supported version per requirement set, e.g. { ExcelApi: "1.12" }. */
  requirementSets: Record<string, string>;
  syncLog: SyncRecord[];
  /**
   * Test hook: return true to make the operation fail with GeneralException at sync. Called once per operation;
   * `sheetName` is set for range.values (the sheet written to).
   */
  faultInjector?: (operation: { kind: string; sheetName?: string }) => boolean;
  notify(cause: WorkbookChangeCause): void;
}

export function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split(".").map(Number);
  const [bMajor = 0, bMinor = 0] = b.split(".").map(Number);
  return aMajor !== bMajor ? aMajor - bMajor : aMinor - bMinor;
}

export function runtimeSupports(runtime: SimRuntime, set: string, version: string): boolean {
  const supported = runtime.requirementSets[set];
  return supported !== undefined && compareVersions(supported, version) >= 0;
}

/** Operations that change cell contents only; they call touchSheet so only pivots over that sheet recompute. */
const CELL_ONLY_OPERATIONS = new Set([
  "range.values",
  "range.numberFormat",
  "range.clear",
  "range.format",
  "range.format.autofitColumns",
  "range.format.columnWidth",
]);

/**
 * Operations that change neither cells nor any PivotTable's source or layout, so a sync of only these (and cell
 * operations on other sheets) leaves every PivotTable report as it is.
 */
const PIVOT_NEUTRAL_OPERATIONS = new Set([
  "charts.add",
  "conditionalFormats.add",
  "conditionalFormat.colorScale",
  "customProperties.add",
  "freezePanes.freezeRows",
  "range.format.autofitRows",
  "range.select",
  "application.calculationMode",
  "table.name",
  "table.style",
  "worksheet.activate",
  "worksheet.name",
  "worksheet.position",
  "worksheet.visibility",
  "names.add",
]);

function leavesPivotsAlone(kind: string): boolean {
  return CELL_ONLY_OPERATIONS.has(kind) || PIVOT_NEUTRAL_OPERATIONS.has(kind) || kind.startsWith("chart.");
}

interface QueuedOperation {
  kind: string;
  mutates: boolean;
  run: () => void;
}

type LoadOption = string | string[] | { select?: string | string[] } | undefined;

function loadNames(option: LoadOption): string[] | undefined {
  if (option === undefined) return undefined;
  const raw = typeof option === "string" || Array.isArray(option) ? option : option.select;
  if (raw === undefined) return undefined;
  const list = Array.isArray(raw) ? raw : raw.split(",");
  return list.map((name) => name.trim()).filter((name) => name.length > 0);
}

export class RequestContext {
  readonly workbook: Workbook;
  readonly application: Application;
  readonly trackedObjects = {
    add: (_object: unknown): void => undefined,
    remove: (_object: unknown): void => undefined,
  };
  private queue: QueuedOperation[] = [];
  private requestBytes = 0;
  private responseBytes = 0;
  /** Sheets whose cells changed in the running sync; PivotTables over other sheets need no recompute. */
  private touchedSheets = new Set<string>();
  private structureChanged = false;

  constructor(readonly runtime: SimRuntime) {
    this.workbook = new Workbook(this);
    this.application = new Application(this);
  }

  /** @internal queue an operation for the next sync. */
  enqueue(kind: string, run: () => void, options: { mutates?: boolean; requestBytes?: number } = {}): void {
    this.queue.push({ kind, run, mutates: options.mutates ?? true });
    this.requestBytes += options.requestBytes ?? 0;
  }

  /** @internal note that a sheet's cells changed (pivots over it are recomputed after the sync). */
  touchSheet(sheetId: string): void {
    this.touchedSheets.add(sheetId);
  }

  /** @internal count bytes returned by a load; fails the sync past 5 MB. */
  addResponseBytes(bytes: number): void {
    this.responseBytes += bytes;
    if (this.responseBytes > PAYLOAD_LIMIT_BYTES) throw new SimExcelError("ResponsePayloadSizeLimitExceeded");
  }

  /** @internal fail when the host lacks the requirement set (the real host answers ApiNotFound). */
  requireSet(version: string, location: string): void {
    if (!runtimeSupports(this.runtime, "ExcelApi", version)) throw new SimExcelError("ApiNotFound", location);
  }

  async sync(): Promise<void> {
    const operations = this.queue;
    const requestBytes = this.requestBytes;
    this.queue = [];
    this.requestBytes = 0;
    this.responseBytes = 0;
    // A real sync is a round trip to the host: it resolves in a later task, so input is handled between syncs.
    await hostRoundTrip();
    const screenUpdatingSuspensions = operations.filter(
      (o) => o.kind === "application.suspendScreenUpdatingUntilNextSync",
    ).length;
    // Suspension lasts for the whole batch, wherever in it the call was queued.
    const calculationSuspended = operations.some((o) => o.kind === "application.suspendApiCalculationUntilNextSync");
    const record: SyncRecord = {
      requestBytes,
      responseBytes: 0,
      operations: operations.length,
      screenUpdatingSuspensions,
      calculationSuspended,
    };
    this.runtime.syncLog.push(record);
    if (requestBytes > PAYLOAD_LIMIT_BYTES) throw new SimExcelError("RequestPayloadSizeLimitExceeded");
    let mutated = false;
    this.touchedSheets = new Set();
    this.structureChanged = false;
    try {
      for (const operation of operations) {
        // The hook sees each operation once: range.values asks it itself, with the sheet it writes to (known only
        // when it runs), so a predicate counting writes counts each write once.
        if (operation.kind !== "range.values" && this.runtime.faultInjector?.({ kind: operation.kind })) {
          throw new SimExcelError("GeneralException", operation.kind);
        }
        if (operation.mutates) {
          mutated = true;
          if (!leavesPivotsAlone(operation.kind)) this.structureChanged = true;
        }
        operation.run();
        const calculation = this.runtime.model.calculation;
        if (writesCells(operation.kind) && (calculationSuspended || calculation.mode === "Manual"))
          calculation.stale = true;
      }
    } finally {
      record.responseBytes = this.responseBytes;
      if (mutated) {
        const touched = this.touchedSheets;
        const all = this.structureChanged;
        refreshPivots(this.runtime.model, (pivot) => all || touched.has(pivot.source.sheetId));
        this.runtime.notify("sync");
      }
    }
  }
}

/** Base of every proxy object: properties are readable only after load() and sync(). */
export abstract class ClientObject {
  private readonly loadedValues = new Map<string, unknown>();

  constructor(readonly context: RequestContext) {}

  protected abstract readProperty(name: string): unknown;
  protected abstract defaultLoadNames(): string[];
  /** Returns false when this is a null object (…OrNullObject that found nothing). */
  protected exists(): boolean {
    return true;
  }

  load(option?: LoadOption): this {
    const names = loadNames(option);
    this.context.enqueue("load", () => this.applyLoad(names), { mutates: false });
    return this;
  }

  /** @internal runs a load now (inside a sync). */
  applyLoad(names: string[] | undefined): void {
    const exists = this.exists();
    this.loadedValues.set("isNullObject", !exists);
    if (!exists) return;
    for (const name of names ?? this.defaultLoadNames()) this.loadedValues.set(name, this.readProperty(name));
  }

  get isNullObject(): boolean {
    return this.loaded<boolean>("isNullObject");
  }

  protected loaded<T>(name: string): T {
    if (!this.loadedValues.has(name)) throw propertyNotLoaded(name);
    return this.loadedValues.get(name) as T;
  }

  /** A property set locally reads back without a load, as in Office.js. */
  protected setLocal(name: string, value: unknown): void {
    this.loadedValues.set(name, value);
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loadedValues);
  }
}

// ---------- names ----------

const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/;

export function validateSheetName(model: WorkbookModel, name: string, exceptSheetId?: string): void {
  if (
    typeof name !== "string" ||
    name.trim() === "" ||
    name.length > 31 ||
    SHEET_NAME_FORBIDDEN.test(name) ||
    name.startsWith("'") ||
    name.endsWith("'") ||
    name.toLowerCase() === "history"
  ) {
    throw new SimExcelError("InvalidArgument", "Worksheet.name", `Invalid sheet name: ${name}`);
  }
  if (model.sheets.some((sheet) => sheet.id !== exceptSheetId && sheet.name.toLowerCase() === name.toLowerCase())) {
    throw new SimExcelError("ItemAlreadyExists", "Worksheet.name", `A sheet named ${name} exists`);
  }
}

export function validateTableName(model: WorkbookModel, name: string, exceptTableId?: string): void {
  const valid =
    typeof name === "string" &&
    name.length > 0 &&
    name.length <= 255 &&
    /^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^[RrCc]$/.test(name) &&
    !/^R\d*C\d*$/i.test(name);
  if (!valid) throw new SimExcelError("InvalidArgument", "Table.name", `Invalid table name: ${String(name)}`);
  const lower = name.toLowerCase();
  // Table names and defined names (workbook.names) share the workbook's one namespace, ignoring case (Excel's
  // "Rename an Excel table": a table name must be unique among all names in the workbook). A clash fails with the
  // vague InvalidArgument, not ItemAlreadyExists (OfficeDev/office-js#551).
  const taken =
    model.tables.some((t) => t.id !== exceptTableId && t.name.toLowerCase() === lower) ||
    model.pivotTables.some((p) => p.name.toLowerCase() === lower) ||
    model.names.some((n) => n.name.toLowerCase() === lower);
  if (taken) throw new SimExcelError("InvalidArgument", "Table.name", `The name ${name} is taken`);
}

/** Visible sheets left (Excel refuses to hide or delete the last one). */
function visibleSheetCount(model: WorkbookModel): number {
  return model.sheets.filter((sheet) => (sheet.visibility ?? "Visible") === "Visible").length;
}

// ---------- ranges ----------

interface RangeTarget {
  sheet: SheetModel;
  rect: CellRect;
}

function sheetByNameOrId(model: WorkbookModel, key: string): SheetModel | undefined {
  const lower = key.toLowerCase();
  return model.sheets.find((sheet) => sheet.id === key || sheet.name.toLowerCase() === lower);
}

function checkRect(rect: CellRect, location: string): CellRect {
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

function overlapsPivot(model: WorkbookModel, sheet: SheetModel, rect: CellRect, exceptPivotId?: string): boolean {
  return model.pivotTables.some(
    (pivot) =>
      pivot.id !== exceptPivotId &&
      pivot.sheetId === sheet.id &&
      pivot.result.length > 0 &&
      intersectRects(pivotRect(pivot), rect) !== null,
  );
}

function normalizeGrid(value: unknown, rect: CellRect, location: string): unknown[][] {
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

function toCellValue(value: unknown, location: string): SimCellValue | null {
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

export class RangeFill {
  constructor(private readonly range: Range) {}
  set color(color: string) {
    this.range.applyFormat({ fillColor: color });
  }
}

export class RangeFont {
  constructor(private readonly range: Range) {}
  set bold(bold: boolean) {
    this.range.applyFormat({ fontBold: bold });
  }
  set color(color: string) {
    this.range.applyFormat({ fontColor: color });
  }
  /** RangeFont.italic (ExcelApi 1.1). */
  set italic(italic: boolean) {
    this.range.applyFormat({ fontItalic: italic });
  }
  /** RangeFont.size in points (ExcelApi 1.1). */
  set size(size: number) {
    this.range.applyFormat({ fontSize: size });
  }
}

export class RangeFormat {
  readonly fill: RangeFill;
  readonly font: RangeFont;
  constructor(private readonly range: Range) {
    this.fill = new RangeFill(range);
    this.font = new RangeFont(range);
  }
  autofitColumns(): void {
    this.range.autofit();
  }
  autofitRows(): void {
    // Row heights are not modelled; queued so call order matches the real API.
    this.range.context.enqueue("range.format.autofitRows", () => undefined, { mutates: false });
  }
  set columnWidth(width: number) {
    this.range.setColumnWidth(width);
  }
  /** RangeFormat.wrapText (ExcelApi 1.1). */
  set wrapText(wrap: boolean) {
    this.range.applyFormat({ wrapText: wrap });
  }
}

export class ColorScaleConditionalFormat {
  constructor(
    private readonly onSet: (
      criteria: Record<string, { type: string; color: string; formula?: string } | undefined>,
    ) => void,
  ) {}
  set criteria(criteria: Record<string, { type: string; color: string; formula?: string } | undefined>) {
    this.onSet(criteria);
  }
}

export class ConditionalFormat {
  readonly colorScale: ColorScaleConditionalFormat;
  constructor(context: RequestContext, formatId: () => string | undefined) {
    this.colorScale = new ColorScaleConditionalFormat((criteria) => {
      context.enqueue("conditionalFormat.colorScale", () => {
        const id = formatId();
        const format = context.runtime.model.conditionalFormats.find((f) => f.id === id);
        if (!format) throw new SimExcelError("ItemNotFound", "ConditionalFormat");
        format.criteria = { minimum: criteria.minimum, midpoint: criteria.midpoint, maximum: criteria.maximum };
      });
    });
  }
}

export class ConditionalFormatCollection {
  constructor(private readonly range: Range) {}
  add(type: string): ConditionalFormat {
    const context = this.range.context;
    let createdId: string | undefined;
    context.enqueue("conditionalFormats.add", () => {
      context.requireSet("1.6", "ConditionalFormatCollection.add");
      if (type !== "ColorScale")
        throw new SimExcelError(
          "InvalidArgument",
          "ConditionalFormatCollection.add",
          `Only ColorScale is modelled, not ${type}`,
        );
      const target = this.range.resolveTarget();
      createdId = newId(context.runtime.model, "cf");
      context.runtime.model.conditionalFormats.push({
        id: createdId,
        sheetId: target.sheet.id,
        rect: target.rect,
        type: "ColorScale",
        criteria: {},
      });
    });
    return new ConditionalFormat(context, () => createdId);
  }
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
        return grid;
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
              : estimatedTextLength(value);
          longest = Math.max(longest, shown);
        }
        sheet.columnWidths[c] = columnWidthFor(longest);
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

  getIntersection(other: Range | string): Range {
    return this.derived((target) => {
      const second = this.otherTarget(other, target.sheet);
      const rect = second.sheet.id === target.sheet.id ? intersectRects(target.rect, second.rect) : null;
      return rect ? { sheet: target.sheet, rect } : undefined;
    }, "Range.getIntersection");
  }

  getIntersectionOrNullObject(other: Range | string): Range {
    return this.derived(
      (target) => {
        const second = this.otherTarget(other, target.sheet);
        const rect = second.sheet.id === target.sheet.id ? intersectRects(target.rect, second.rect) : null;
        return rect ? { sheet: target.sheet, rect } : undefined;
      },
      "Range.getIntersectionOrNullObject",
      true,
    );
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

  getUsedRange(valuesOnly?: boolean): Range {
    return this.derived((t) => {
      const used = usedRect(t.sheet, valuesOnly ?? false);
      const rect = used ? intersectRects(used, t.rect) : null;
      return rect ? { sheet: t.sheet, rect } : undefined;
    }, "Range.getUsedRange");
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    return this.derived(
      (t) => {
        const used = usedRect(t.sheet, valuesOnly ?? false);
        const rect = used ? intersectRects(used, t.rect) : null;
        return rect ? { sheet: t.sheet, rect } : undefined;
      },
      "Range.getUsedRangeOrNullObject",
      true,
    );
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

// ---------- tables ----------

function uniqueHeaders(headers: SimCellValue[]): string[] {
  const seen = new Set<string>();
  return headers.map((value, index) => {
    let name = String(value).trim() === "" ? `Column${index + 1}` : String(value);
    let n = 2;
    const base = name;
    while (seen.has(name.toLowerCase())) name = `${base}${n++}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

function tableOverlaps(model: WorkbookModel, sheetId: string, rect: CellRect, exceptTableId?: string): boolean {
  return model.tables.some(
    (t) => t.id !== exceptTableId && t.sheetId === sheetId && intersectRects(t.rect, rect) !== null,
  );
}

export class TableRowCollection extends ClientObject {
  constructor(
    context: RequestContext,
    private readonly table: Table,
  ) {
    super(context);
  }
  protected defaultLoadNames(): string[] {
    return ["count"];
  }
  protected readProperty(name: string): unknown {
    if (name === "count") return this.table.resolveModel().rect.rowCount - 1;
    throw new SimExcelError("InvalidArgument", "TableRowCollection.load");
  }
  get count(): number {
    return this.loaded("count");
  }
  /** Appends rows below the table (index must be null/undefined: inserting inside is not modelled). */
  add(index: number | null | undefined, values: unknown[][]): void {
    this.context.enqueue(
      "table.rows.add",
      () => {
        if (index !== null && index !== undefined)
          throw new SimExcelError("InvalidArgument", "TableRowCollection.add", "Only appending is modelled");
        const table = this.table.resolveModel();
        const sheet = findSheet(this.context.runtime.model, table.sheetId);
        if (!sheet) throw new SimExcelError("ItemNotFound", "TableRowCollection.add");
        const rect = checkRect(
          {
            row: table.rect.row + table.rect.rowCount,
            column: table.rect.column,
            rowCount: values.length,
            columnCount: table.rect.columnCount,
          },
          "TableRowCollection.add",
        );
        const grid = normalizeGrid(values, rect, "TableRowCollection.add");
        writeEntries(
          sheet,
          rect.row,
          rect.column,
          grid.map((row) => row.map((v) => toCellValue(v, "TableRowCollection.add"))),
        );
        table.rect = { ...table.rect, rowCount: table.rect.rowCount + values.length };
      },
      { requestBytes: estimateGridBytes(values) },
    );
  }
}

export class TableColumn extends ClientObject {
  constructor(
    context: RequestContext,
    private readonly table: Table,
    private readonly columnOffset: () => number,
  ) {
    super(context);
  }
  protected defaultLoadNames(): string[] {
    return ["name", "index"];
  }
  protected readProperty(name: string): unknown {
    const table = this.table.resolveModel();
    const sheet = findSheet(this.context.runtime.model, table.sheetId);
    if (name === "index") return this.columnOffset();
    if (name === "name")
      return sheet ? String(sheet.rows[table.rect.row]?.[table.rect.column + this.columnOffset()] ?? "") : "";
    throw new SimExcelError("InvalidArgument", "TableColumn.load");
  }
  get name(): string {
    return this.loaded("name");
  }
  get index(): number {
    return this.loaded("index");
  }
  /** ExcelApi 1.2: "Retrieves the filter applied to the column" (Excel.TableColumn.filter). */
  get filter(): Filter {
    return new Filter(this.context, this.table, this.columnOffset);
  }
  /** Removes the column from the table, shifting the table rows' cells on its right to the left. */
  delete(): void {
    this.context.enqueue("table.column.delete", () => {
      const table = this.table.resolveModel();
      const sheet = findSheet(this.context.runtime.model, table.sheetId);
      const offset = this.columnOffset();
      if (!sheet || offset < 0 || offset >= table.rect.columnCount || table.rect.columnCount === 1)
        throw new SimExcelError("InvalidOperation", "TableColumn.delete");
      const column = table.rect.column + offset;
      for (let r = table.rect.row; r < table.rect.row + table.rect.rowCount; r++) {
        for (const rows of [sheet.rows, sheet.numberFormats, sheet.formulas] as (unknown[] | undefined)[][]) {
          const row = rows[r];
          if (!row || row.length <= column) continue;
          const tail = row.splice(column);
          tail.slice(1).forEach((cell, i) => {
            row[column + i] = cell;
          });
        }
      }
      table.rect = { ...table.rect, columnCount: table.rect.columnCount - 1 };
    });
  }
  getDataBodyRange(): Range {
    return new Range(this.context, () => {
      const table = this.table.resolveModel();
      const sheet = findSheet(this.context.runtime.model, table.sheetId);
      if (!sheet) throw new SimExcelError("ItemNotFound", "TableColumn.getDataBodyRange");
      return {
        sheet,
        rect: {
          row: table.rect.row + 1,
          column: table.rect.column + this.columnOffset(),
          rowCount: Math.max(1, table.rect.rowCount - 1),
          columnCount: 1,
        },
      };
    });
  }
}

/**
 * Excel.Filter (ExcelApi 1.2, "Manages the filtering of a table's column"): only the values filter and clear are
 * modelled. `applyValuesFilter(values)` shows the rows whose cell text (as displayed) is one of `values`.
 */
export class Filter extends ClientObject {
  constructor(
    context: RequestContext,
    private readonly table: Table,
    private readonly columnOffset: () => number,
  ) {
    super(context);
  }
  protected defaultLoadNames(): string[] {
    return [];
  }
  protected readProperty(name: string): unknown {
    throw new SimExcelError("InvalidArgument", "Filter.load", `Property ${name} is not modelled`);
  }
  applyValuesFilter(values: (string | { date: string; specificity: string })[]): void {
    this.context.enqueue("filter.applyValuesFilter", () => {
      this.context.requireSet("1.2", "Filter.applyValuesFilter");
      const table = this.table.resolveModel();
      const offset = this.columnOffset();
      if (offset < 0 || offset >= table.rect.columnCount)
        throw new SimExcelError("ItemNotFound", "Filter.applyValuesFilter");
      if (values.some((value) => typeof value !== "string"))
        throw new SimExcelError("InvalidArgument", "Filter.applyValuesFilter", "Date filters are not modelled");
      table.columnFilters = { ...(table.columnFilters ?? {}), [offset]: values as string[] };
    });
  }
  clear(): void {
    this.context.enqueue("filter.clear", () => {
      this.context.requireSet("1.2", "Filter.clear");
      const table = this.table.resolveModel();
      const rest = { ...(table.columnFilters ?? {}) };
      delete rest[this.columnOffset()];
      table.columnFilters = Object.keys(rest).length > 0 ? rest : undefined;
    });
  }
}

export class TableColumnCollection extends ClientObject {
  constructor(
    context: RequestContext,
    private readonly table: Table,
  ) {
    super(context);
  }
  protected defaultLoadNames(): string[] {
    return ["count"];
  }
  protected readProperty(name: string): unknown {
    if (name === "count") return this.table.resolveModel().rect.columnCount;
    throw new SimExcelError("InvalidArgument", "TableColumnCollection.load");
  }
  get count(): number {
    return this.loaded("count");
  }
  getItemAt(index: number): TableColumn {
    return new TableColumn(this.context, this.table, () => index);
  }
  /**
   * ExcelApi 1.1: "Gets a column object by name or ID." By header text (exact, then ignoring case as Excel's
   * names do); a number is the column's id, which here is its position + 1. Unknown: ItemNotFound at sync.
   */
  getItem(key: number | string): TableColumn {
    return new TableColumn(this.context, this.table, () => {
      const table = this.table.resolveModel();
      const sheet = findSheet(this.context.runtime.model, table.sheetId);
      if (typeof key === "number") {
        if (key >= 1 && key <= table.rect.columnCount) return key - 1;
        throw new SimExcelError("ItemNotFound", "TableColumnCollection.getItem", String(key));
      }
      const headers = Array.from({ length: table.rect.columnCount }, (_, c) =>
        String(sheet?.rows[table.rect.row]?.[table.rect.column + c] ?? ""),
      );
      let offset = headers.indexOf(key);
      if (offset < 0) offset = headers.findIndex((header) => header.toLowerCase() === key.toLowerCase());
      if (offset < 0) throw new SimExcelError("ItemNotFound", "TableColumnCollection.getItem", key);
      return offset;
    });
  }
  /**
   * Appends a column on the right (index null/undefined). Like Excel, the table's rows are shifted right from that
   * column, so cells beside the table move rather than being overwritten.
   */
  add(index?: number | null, values?: unknown[][] | null, name?: string): TableColumn {
    let createdAt = -1;
    this.context.enqueue(
      "table.columns.add",
      () => {
        if (index !== null && index !== undefined)
          throw new SimExcelError("InvalidArgument", "TableColumnCollection.add", "Only appending is modelled");
        const table = this.table.resolveModel();
        const model = this.context.runtime.model;
        const sheet = findSheet(model, table.sheetId);
        if (!sheet) throw new SimExcelError("ItemNotFound", "TableColumnCollection.add");
        const column = table.rect.column + table.rect.columnCount;
        checkRect(
          { row: table.rect.row, column, rowCount: table.rect.rowCount, columnCount: 1 },
          "TableColumnCollection.add",
        );
        for (let r = table.rect.row; r < table.rect.row + table.rect.rowCount; r++) {
          for (const rows of [sheet.rows, sheet.numberFormats, sheet.formulas] as (unknown[] | undefined)[][]) {
            const row = rows[r];
            if (!row || row.length <= column) continue;
            const tail = row.splice(column);
            tail.forEach((cell, offset) => {
              row[column + 1 + offset] = cell;
            });
          }
        }
        const existingHeaders = readRect(sheet, { ...table.rect, rowCount: 1 })[0] ?? [];
        const header = uniqueHeaders([...existingHeaders, name ?? ""]).at(-1) ?? "";
        if (values) {
          const grid = normalizeGrid(
            values,
            { row: 0, column: 0, rowCount: table.rect.rowCount, columnCount: 1 },
            "TableColumnCollection.add",
          );
          writeEntries(
            sheet,
            table.rect.row,
            column,
            grid.map((row) => row.map((v) => toCellValue(v, "TableColumnCollection.add"))),
          );
          if (name !== undefined) writeValues(sheet, table.rect.row, column, [[header]]);
        } else {
          writeValues(sheet, table.rect.row, column, [[header]]);
        }
        table.rect = { ...table.rect, columnCount: table.rect.columnCount + 1 };
        createdAt = table.rect.columnCount - 1;
      },
      { requestBytes: estimateGridBytes(values ?? []) },
    );
    return new TableColumn(this.context, this.table, () => createdAt);
  }
}

export class Table extends ClientObject {
  readonly rows: TableRowCollection;
  readonly columns: TableColumnCollection;

  constructor(
    context: RequestContext,
    private readonly resolve: () => TableModel | undefined,
  ) {
    super(context);
    this.rows = new TableRowCollection(context, this);
    this.columns = new TableColumnCollection(context, this);
  }

  /** @internal */
  resolveModel(): TableModel {
    const table = this.resolve();
    if (!table) throw new SimExcelError("ItemNotFound", "Table");
    return table;
  }
  protected override exists(): boolean {
    return this.resolve() !== undefined;
  }
  protected defaultLoadNames(): string[] {
    return ["name", "id", "style", "showHeaders", "showTotals"];
  }
  protected readProperty(name: string): unknown {
    const table = this.resolveModel();
    switch (name) {
      case "name":
        return table.name;
      case "id":
        return table.id;
      case "style":
        return table.style;
      case "showHeaders":
        return table.showHeaders;
      case "showTotals":
        return table.showTotals === true;
      default:
        throw new SimExcelError("InvalidArgument", "Table.load", `Property ${name} is not modelled`);
    }
  }
  get name(): string {
    return this.loaded("name");
  }
  set name(name: string) {
    this.setLocal("name", name);
    this.context.enqueue("table.name", () => {
      const table = this.resolveModel();
      validateTableName(this.context.runtime.model, name, table.id);
      table.name = name;
    });
  }
  get id(): string {
    return this.loaded("id");
  }
  get style(): string {
    return this.loaded("style");
  }
  set style(style: string) {
    this.setLocal("style", style);
    this.context.enqueue("table.style", () => {
      this.resolveModel().style = style;
    });
  }
  get showHeaders(): boolean {
    return this.loaded("showHeaders");
  }
  get showTotals(): boolean {
    return this.loaded("showTotals");
  }
  /**
   * ExcelApi 1.1 `showTotals` ("can be set to show or remove the total row"). Showing it takes the row below the
   * table, which must be empty here (the simulator does not insert a row); the first cell gets "Total", as in Excel.
   * Hiding it leaves that row's cells as plain cells outside the table.
   */
  set showTotals(show: boolean) {
    this.setLocal("showTotals", show);
    this.context.enqueue("table.showTotals", () => {
      const table = this.resolveModel();
      if ((table.showTotals === true) === show) return;
      const sheet = findSheet(this.context.runtime.model, table.sheetId);
      if (!sheet) throw new SimExcelError("ItemNotFound", "Table.showTotals");
      if (show) {
        const below = { ...table.rect, row: table.rect.row + table.rect.rowCount, rowCount: 1 };
        checkRect(below, "Table.showTotals");
        if (readRect(sheet, below)[0]?.some((cell) => cell !== null && cell !== ""))
          throw new SimExcelError("InvalidOperation", "Table.showTotals", "The row below the table is not empty");
        writeValues(sheet, below.row, below.column, [["Total"]]);
        table.rect = { ...table.rect, rowCount: table.rect.rowCount + 1 };
      } else {
        table.rect = { ...table.rect, rowCount: table.rect.rowCount - 1 };
      }
      table.showTotals = show;
      this.context.touchSheet(sheet.id);
    });
  }

  private part(rectOf: (table: TableModel) => CellRect): Range {
    return new Range(this.context, () => {
      const table = this.resolveModel();
      const sheet = findSheet(this.context.runtime.model, table.sheetId);
      if (!sheet) throw new SimExcelError("ItemNotFound", "Table");
      return { sheet, rect: rectOf(table) };
    });
  }
  getRange(): Range {
    return this.part((t) => t.rect);
  }
  getHeaderRowRange(): Range {
    return this.part((t) => ({ ...t.rect, rowCount: 1 }));
  }
  /** The rows between the header and the totals row (ExcelApi 1.1: "the data body of the table"). */
  getDataBodyRange(): Range {
    return this.part((t) => {
      const totals = t.showTotals === true ? 1 : 0;
      return { ...t.rect, row: t.rect.row + 1, rowCount: Math.max(1, t.rect.rowCount - 1 - totals) };
    });
  }
  /** ExcelApi 1.1: "the range object associated with the totals row"; Excel fails when the row is hidden. */
  getTotalRowRange(): Range {
    return new Range(this.context, () => {
      const table = this.resolveModel();
      const sheet = findSheet(this.context.runtime.model, table.sheetId);
      if (!sheet || table.showTotals !== true) throw new SimExcelError("ItemNotFound", "Table.getTotalRowRange");
      return { sheet, rect: { ...table.rect, row: table.rect.row + table.rect.rowCount - 1, rowCount: 1 } };
    });
  }
  get worksheet(): Worksheet {
    return new Worksheet(this.context, () => findSheet(this.context.runtime.model, this.resolveModel().sheetId));
  }
  /**
   * ExcelApi 1.13. Moves the table's border to `newRange`: same sheet, same header row and top-left cell, overlapping
   * the old range, no other table or PivotTable inside. No cell moves (unlike `columns.add`); the header cells of
   * columns that join take their current values (blank → `ColumnN`, duplicates numbered), cells that leave keep theirs.
   */
  resize(newRange: Range | string): void {
    this.context.enqueue("table.resize", () => {
      this.context.requireSet("1.13", "Table.resize");
      const table = this.resolveModel();
      const model = this.context.runtime.model;
      const sheet = findSheet(model, table.sheetId);
      if (!sheet) throw new SimExcelError("ItemNotFound", "Table.resize");
      let target: RangeTarget;
      if (typeof newRange === "string") {
        const { sheetName, local } = splitSheetAddress(newRange);
        const targetSheet = sheetName !== undefined ? sheetByNameOrId(model, sheetName) : sheet;
        const rect = parseLocalAddress(local);
        if (!targetSheet || !rect) throw new SimExcelError("InvalidArgument", "Table.resize", newRange);
        target = { sheet: targetSheet, rect: checkRect(rect, "Table.resize") };
      } else {
        target = newRange.resolveTarget();
      }
      const rect = target.rect;
      if (
        target.sheet.id !== sheet.id ||
        rect.row !== table.rect.row ||
        rect.column !== table.rect.column ||
        rect.rowCount < 2 ||
        intersectRects(rect, table.rect) === null
      ) {
        throw new SimExcelError(
          "InvalidArgument",
          "Table.resize",
          "The new range must overlap the table and keep its header row and top-left cell",
        );
      }
      if (tableOverlaps(model, sheet.id, rect, table.id) || overlapsPivot(model, sheet, rect)) {
        throw new SimExcelError(
          "InvalidOperation",
          "Table.resize",
          "A table can't overlap another table or a PivotTable",
        );
      }
      const headers = uniqueHeaders(readRect(sheet, { ...rect, rowCount: 1 })[0] ?? []);
      writeValues(sheet, rect.row, rect.column, [headers]);
      this.context.touchSheet(sheet.id);
      table.rect = { ...rect };
    });
  }
  /** ExcelApi 1.2: "Clears all the filters currently applied on the table." */
  clearFilters(): void {
    this.context.enqueue("table.clearFilters", () => {
      this.context.requireSet("1.2", "Table.clearFilters");
      this.resolveModel().columnFilters = undefined;
    });
  }
  delete(): void {
    this.context.enqueue("table.delete", () => {
      const table = this.resolveModel();
      const model = this.context.runtime.model;
      model.tables = model.tables.filter((t) => t.id !== table.id);
      const sheet = findSheet(model, table.sheetId);
      if (sheet) clearRect(sheet, table.rect);
    });
  }
}

abstract class ItemCollection<T extends ClientObject> extends ClientObject {
  protected abstract keys(): string[];
  protected abstract itemFor(key: string, orNull: boolean): T;

  protected defaultLoadNames(): string[] {
    return ["items"];
  }
  protected readProperty(name: string): unknown {
    if (name === "count") return this.keys().length;
    if (name === "items") return this.keys().map((key) => this.itemFor(key, false));
    throw new SimExcelError("InvalidArgument", "Collection.load", `Property ${name} is not modelled`);
  }
  /** `load("items/name")`, `load("name, id")` (shorthand for the items' properties) and `load("count")`. */
  override load(option?: LoadOption): this {
    const names = loadNames(option) ?? ["items"];
    const wantsCount = names.includes("count");
    const childNames = names
      .filter((n) => n !== "count" && n !== "items")
      .map((n) => (n.startsWith("items/") ? n.slice(6) : n));
    const wantsItems = names.includes("items") || childNames.length > 0 || !wantsCount;
    this.context.enqueue(
      "load",
      () => {
        this.setLocal("isNullObject", false);
        if (wantsCount) this.setLocal("count", this.keys().length);
        if (!wantsItems) return;
        const items = this.keys().map((key) => this.itemFor(key, false));
        for (const item of items) item.applyLoad(childNames.length > 0 ? childNames : undefined);
        this.setLocal("items", items);
      },
      { mutates: false },
    );
    return this;
  }
  get items(): T[] {
    return this.loaded<T[]>("items");
  }
  get count(): number {
    return this.loaded("count");
  }
  getCount(): ClientResult<number> {
    const result = new ClientResult<number>();
    this.context.enqueue("getCount", () => result.set(this.keys().length), { mutates: false });
    return result;
  }
}

/** Office.js ClientResult<T>: `.value` readable after sync. */
export class ClientResult<T = unknown> {
  private hasValue = false;
  private stored: T | undefined;
  /** @internal */
  set(value: T): void {
    this.stored = value;
    this.hasValue = true;
  }
  get value(): T {
    if (!this.hasValue) throw propertyNotLoaded("value");
    return this.stored as T;
  }
}

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

export class TableCollection extends ItemCollection<Table> {
  constructor(
    context: RequestContext,
    private readonly sheetScope: (() => SheetModel) | undefined,
  ) {
    super(context);
  }
  private tablesInScope(): TableModel[] {
    const model = this.context.runtime.model;
    if (!this.sheetScope) return model.tables;
    const sheet = this.sheetScope();
    return model.tables.filter((t) => t.sheetId === sheet.id);
  }
  protected keys(): string[] {
    return this.tablesInScope().map((t) => t.id);
  }
  protected itemFor(key: string, orNull: boolean): Table {
    const lower = key.toLowerCase();
    return new Table(this.context, () => {
      const table = this.tablesInScope().find((t) => t.id === key || t.name.toLowerCase() === lower);
      if (!table && !orNull) throw new SimExcelError("ItemNotFound", "TableCollection.getItem", key);
      return table;
    });
  }
  getItem(key: string): Table {
    return this.itemFor(key, false);
  }
  getItemOrNullObject(key: string): Table {
    return this.itemFor(key, true);
  }
  /** Creates a table over `address` (on the collection's sheet, or the sheet named in the address). */
  add(address: Range | string, hasHeaders: boolean): Table {
    let createdId: string | undefined;
    this.context.enqueue("tables.add", () => {
      const model = this.context.runtime.model;
      let target: RangeTarget;
      if (typeof address === "string") {
        const { sheetName, local } = splitSheetAddress(address);
        const sheet = sheetName !== undefined ? sheetByNameOrId(model, sheetName) : this.sheetScope?.();
        const rect = parseLocalAddress(local);
        if (!sheet || !rect) throw new SimExcelError("InvalidArgument", "TableCollection.add", address);
        target = { sheet, rect };
      } else {
        target = address.resolveTarget();
      }
      const { sheet } = target;
      let rect = target.rect;
      // Excel answers InvalidArgument when the new table's range overlaps a table (or a PivotTable report).
      if (tableOverlaps(model, sheet.id, rect) || overlapsPivot(model, sheet, rect)) {
        throw new SimExcelError(
          "InvalidArgument",
          "TableCollection.add",
          "A table can't overlap another table or a PivotTable",
        );
      }
      if (!hasHeaders) {
        // Excel inserts a header row above the data, shifting the cells of these columns down.
        for (
          let r = Math.max(sheet.rows.length, sheet.numberFormats.length, sheet.formulas.length) - 1;
          r >= rect.row;
          r--
        ) {
          for (const rows of [sheet.rows, sheet.numberFormats, sheet.formulas] as (unknown[] | undefined)[][]) {
            const row = rows[r];
            if (!row) continue;
            for (let c = rect.column; c < rect.column + rect.columnCount; c++) {
              if (!(c in row)) continue;
              const below = (rows[r + 1] ??= []);
              below[c] = row[c];
              // eslint-disable-next-line @typescript-eslint/no-array-delete -- rows are sparse: a hole is an empty cell
              delete row[c];
            }
          }
        }
        writeValues(sheet, rect.row, rect.column, [
          Array.from({ length: rect.columnCount }, (_v, i) => `Column${i + 1}`),
        ]);
        rect = checkRect({ ...rect, rowCount: rect.rowCount + 1 }, "TableCollection.add");
      }
      const headers = uniqueHeaders(readRect(sheet, { ...rect, rowCount: 1 })[0] ?? []);
      writeValues(sheet, rect.row, rect.column, [headers]);
      createdId = newId(model, "tbl");
      let n = model.tables.length + 1;
      while (model.tables.some((t) => t.name.toLowerCase() === `table${n}`)) n++;
      model.tables.push({
        id: createdId,
        name: `Table${n}`,
        sheetId: sheet.id,
        rect,
        showHeaders: true,
        style: "TableStyleMedium2",
      });
    });
    return new Table(this.context, () => this.context.runtime.model.tables.find((t) => t.id === createdId));
  }
}

// ---------- pivot tables ----------

export class PivotHierarchy extends ClientObject {
  constructor(
    context: RequestContext,
    readonly pivot: PivotTable,
    readonly hierarchyName: string,
  ) {
    super(context);
  }
  protected defaultLoadNames(): string[] {
    return ["name"];
  }
  protected readProperty(name: string): unknown {
    if (name === "name") return this.hierarchyName;
    throw new SimExcelError("InvalidArgument", "PivotHierarchy.load");
  }
  get name(): string {
    return this.loaded("name");
  }
}

export class PivotHierarchyCollection {
  constructor(
    private readonly context: RequestContext,
    private readonly pivot: PivotTable,
  ) {}
  getItem(name: string): PivotHierarchy {
    return new PivotHierarchy(this.context, this.pivot, name);
  }
}

/** PivotField (ExcelApi 1.8): only `subtotals` is modelled. */
export class PivotField {
  constructor(
    private readonly context: RequestContext,
    private readonly pivot: PivotTable,
    private readonly fieldName: string,
  ) {}
  /** "If Automatic is set to true, then all other values will be ignored" (Subtotals, @types/office-js). */
  set subtotals(subtotals: { automatic?: boolean } & Record<string, boolean | undefined>) {
    this.context.enqueue("pivot.field.subtotals", () => {
      const pivot = this.pivot.resolveModel();
      const field = [...pivot.rowFields, ...pivot.columnFields].find(
        (name) => name.toLowerCase() === this.fieldName.toLowerCase(),
      );
      if (field === undefined) throw new SimExcelError("ItemNotFound", "PivotFieldCollection.getItem", this.fieldName);
      const off = !subtotals.automatic && Object.values(subtotals).every((value) => !value);
      const rest = (pivot.subtotalsOff ?? []).filter((name) => name !== field);
      pivot.subtotalsOff = off ? [...rest, field] : rest;
    });
  }
}

export class PivotFieldCollection {
  constructor(
    private readonly context: RequestContext,
    private readonly pivot: PivotTable,
  ) {}
  getItem(name: string): PivotField {
    return new PivotField(this.context, this.pivot, name);
  }
}

export class DataPivotHierarchy extends ClientObject {
  /** The hierarchy's fields (RowColumnPivotHierarchy.fields, ExcelApi 1.8); a row/column hierarchy has one. */
  readonly fields: PivotFieldCollection;
  constructor(
    context: RequestContext,
    private readonly field: () => PivotTableModel["dataFields"][number],
    private readonly sourceHeaders: () => string[],
    pivot?: PivotTable,
  ) {
    super(context);
    this.fields = pivot ? new PivotFieldCollection(context, pivot) : (undefined as unknown as PivotFieldCollection);
  }
  protected defaultLoadNames(): string[] {
    return ["name", "summarizeBy"];
  }
  protected readProperty(name: string): unknown {
    const field = this.field();
    if (name === "name") return field.name;
    if (name === "summarizeBy") return field.summarizeBy;
    throw new SimExcelError("InvalidArgument", "DataPivotHierarchy.load");
  }
  get name(): string {
    return this.loaded("name");
  }
  set name(name: string) {
    this.setLocal("name", name);
    this.context.enqueue("dataHierarchy.name", () => {
      if (this.sourceHeaders().some((header) => header.toLowerCase() === name.toLowerCase())) {
        throw new SimExcelError("InvalidArgument", "DataPivotHierarchy.name", "A PivotTable field name already exists");
      }
      this.field().name = name;
    });
  }
  /** "Number format of the DataPivotHierarchy" (ExcelApi 1.8, @types/office-js). */
  set numberFormat(format: string) {
    this.setLocal("numberFormat", format);
    this.context.enqueue("dataHierarchy.numberFormat", () => {
      this.field().numberFormat = format;
    });
  }
  get summarizeBy(): PivotSummarizeBy {
    return this.loaded("summarizeBy");
  }
  set summarizeBy(summarizeBy: PivotSummarizeBy) {
    this.setLocal("summarizeBy", summarizeBy);
    this.context.enqueue("dataHierarchy.summarizeBy", () => {
      const field = this.field();
      if (field.name === `Sum of ${field.sourceField}` || field.name === `Count of ${field.sourceField}`)
        field.name = `${summarizeBy} of ${field.sourceField}`;
      field.summarizeBy = summarizeBy;
    });
  }
}

type AxisKind = "rowFields" | "columnFields" | "dataFields";

/** Whether a source column below its header holds only numbers and blanks (Excel then proposes Sum, else Count). */
function columnIsNumeric(sheet: SheetModel, source: CellRect, columnOffset: number): boolean {
  const column = source.column + columnOffset;
  for (let row = source.row + 1; row < source.row + source.rowCount; row++) {
    const value = getCellValue(sheet, row, column);
    if (value !== "" && typeof value !== "number") return false;
  }
  return true;
}

export class PivotAxisCollection {
  constructor(
    private readonly context: RequestContext,
    private readonly pivot: PivotTable,
    private readonly axis: AxisKind,
  ) {}
  add(hierarchy: PivotHierarchy): DataPivotHierarchy {
    let added: PivotTableModel["dataFields"][number] | undefined;
    this.context.enqueue(`pivot.${this.axis}.add`, () => {
      const pivot = this.pivot.resolveModel();
      const sheet = findSheet(this.context.runtime.model, pivot.source.sheetId);
      const headers = sheet ? (readRect(sheet, { ...pivot.source.rect, rowCount: 1 })[0] ?? []).map(String) : [];
      const field = headers.find((h) => h.toLowerCase() === hierarchy.hierarchyName.toLowerCase());
      if (field === undefined)
        throw new SimExcelError("ItemNotFound", "PivotHierarchyCollection.getItem", hierarchy.hierarchyName);
      if (this.axis === "dataFields") {
        const numeric = sheet ? columnIsNumeric(sheet, pivot.source.rect, headers.indexOf(field)) : true;
        added = {
          name: `${numeric ? "Sum" : "Count"} of ${field}`,
          sourceField: field,
          summarizeBy: numeric ? "Sum" : "Count",
        };
        pivot.dataFields.push(added);
      } else {
        if (pivot.rowFields.includes(field) || pivot.columnFields.includes(field))
          throw new SimExcelError("InvalidArgument", "PivotHierarchy.add", "Field already placed");
        pivot[this.axis].push(field);
      }
      try {
        this.checkOutputFits(pivot);
      } catch (error) {
        // The refused field is not placed: the report stays as it was (and overwrites nothing at the sync's end).
        if (this.axis === "dataFields") pivot.dataFields.pop();
        else pivot[this.axis].pop();
        throw error;
      }
    });
    return new DataPivotHierarchy(
      this.context,
      () => {
        if (!added) throw new SimExcelError("InvalidOperation", "DataPivotHierarchy", "Not a data hierarchy");
        return added;
      },
      () => {
        const pivot = this.pivot.resolveModel();
        const sheet = findSheet(this.context.runtime.model, pivot.source.sheetId);
        return sheet ? (readRect(sheet, { ...pivot.source.rect, rowCount: 1 })[0] ?? []).map(String) : [];
      },
      this.axis === "dataFields" ? undefined : this.pivot,
    );
  }

  /** Excel refuses a pivot layout that would run over a table or another PivotTable. */
  private checkOutputFits(pivot: PivotTableModel): void {
    const model = this.context.runtime.model;
    const sheet = findSheet(model, pivot.sheetId);
    if (!sheet) return;
    const sourceSheet = findSheet(model, pivot.source.sheetId);
    if (!sourceSheet) return;
    // Only the report's size matters here; the report itself is computed once, at the end of the sync.
    const rect = { row: pivot.anchor.row, column: pivot.anchor.column, ...pivotResultSize(pivot, sourceSheet) };
    if (tableOverlaps(model, sheet.id, rect) || overlapsPivot(model, sheet, rect, pivot.id)) {
      throw new SimExcelError(
        "InvalidOperation",
        "PivotTable",
        "A PivotTable report cannot overlap a table or another PivotTable",
      );
    }
    // Excel refuses a PivotTable report that would overwrite cells ("There's already data in ..."): the API gets an
    // error instead of the confirmation dialog. The report's own earlier cells do not count.
    const own = pivot.result.length > 0 ? pivotRect(pivot) : null;
    for (let r = rect.row; r < Math.min(rect.row + rect.rowCount, sheet.rows.length); r++) {
      const row = sheet.rows[r];
      if (!row) continue;
      for (let c = rect.column; c < rect.column + rect.columnCount; c++) {
        if (row[c] === undefined) continue;
        if (own && intersectRects(own, { row: r, column: c, rowCount: 1, columnCount: 1 })) continue;
        throw new SimExcelError(
          "InvalidOperation",
          "PivotTable",
          `The PivotTable report would overwrite cells that are not empty (${formatAddress(sheet.name, { row: r, column: c, rowCount: 1, columnCount: 1 })})`,
        );
      }
    }
  }
}

export class PivotLayout {
  constructor(private readonly pivot: PivotTable) {}
  /** "The PivotLayoutType of all fields on the PivotTable" (PivotLayout.layoutType, ExcelApi 1.8). */
  set layoutType(layoutType: "Compact" | "Tabular" | "Outline") {
    this.pivot.context.enqueue("pivot.layoutType", () => {
      this.pivot.resolveModel().layoutType = layoutType;
    });
  }
  getRange(): Range {
    return new Range(this.pivot.context, () => {
      const pivot = this.pivot.resolveModel();
      const sheet = findSheet(this.pivot.context.runtime.model, pivot.sheetId);
      if (!sheet) throw new SimExcelError("ItemNotFound", "PivotLayout.getRange");
      return { sheet, rect: pivotRect(pivot) };
    });
  }
}

export class PivotTable extends ClientObject {
  readonly hierarchies: PivotHierarchyCollection;
  readonly rowHierarchies: PivotAxisCollection;
  readonly columnHierarchies: PivotAxisCollection;
  readonly dataHierarchies: PivotAxisCollection;
  readonly layout: PivotLayout;

  constructor(
    context: RequestContext,
    private readonly resolve: () => PivotTableModel | undefined,
  ) {
    super(context);
    this.hierarchies = new PivotHierarchyCollection(context, this);
    this.rowHierarchies = new PivotAxisCollection(context, this, "rowFields");
    this.columnHierarchies = new PivotAxisCollection(context, this, "columnFields");
    this.dataHierarchies = new PivotAxisCollection(context, this, "dataFields");
    this.layout = new PivotLayout(this);
  }
  /** @internal */
  resolveModel(): PivotTableModel {
    const pivot = this.resolve();
    if (!pivot) throw new SimExcelError("ItemNotFound", "PivotTable");
    return pivot;
  }
  protected override exists(): boolean {
    return this.resolve() !== undefined;
  }
  protected defaultLoadNames(): string[] {
    return ["name", "id"];
  }
  protected readProperty(name: string): unknown {
    const pivot = this.resolveModel();
    if (name === "name") return pivot.name;
    if (name === "id") return pivot.id;
    throw new SimExcelError("InvalidArgument", "PivotTable.load");
  }
  get name(): string {
    return this.loaded("name");
  }
  get id(): string {
    return this.loaded("id");
  }
  get worksheet(): Worksheet {
    return new Worksheet(this.context, () => findSheet(this.context.runtime.model, this.resolveModel().sheetId));
  }
  delete(): void {
    this.context.enqueue("pivotTable.delete", () => {
      const pivot = this.resolveModel();
      const model = this.context.runtime.model;
      const sheet = findSheet(model, pivot.sheetId);
      model.pivotTables = model.pivotTables.filter((p) => p.id !== pivot.id);
      if (sheet) clearRect(sheet, pivotRect(pivot));
    });
  }
}

export class PivotTableCollection extends ItemCollection<PivotTable> {
  constructor(
    context: RequestContext,
    private readonly sheetScope: (() => SheetModel) | undefined,
  ) {
    super(context);
  }
  private inScope(): PivotTableModel[] {
    this.context.requireSet("1.8", "PivotTableCollection");
    const model = this.context.runtime.model;
    if (!this.sheetScope) return model.pivotTables;
    const sheet = this.sheetScope();
    return model.pivotTables.filter((p) => p.sheetId === sheet.id);
  }
  protected keys(): string[] {
    return this.inScope().map((p) => p.id);
  }
  protected itemFor(key: string, orNull: boolean): PivotTable {
    const lower = key.toLowerCase();
    return new PivotTable(this.context, () => {
      const pivot = this.inScope().find((p) => p.id === key || p.name.toLowerCase() === lower);
      if (!pivot && !orNull) throw new SimExcelError("ItemNotFound", "PivotTableCollection.getItem", key);
      return pivot;
    });
  }
  getItem(key: string): PivotTable {
    return this.itemFor(key, false);
  }
  getItemOrNullObject(key: string): PivotTable {
    return this.itemFor(key, true);
  }
  /** Creates an (empty) PivotTable over a table or range with its output starting at `destination`. */
  add(name: string, source: Range | Table | string, destination: Range | string): PivotTable {
    let createdId: string | undefined;
    this.context.enqueue("pivotTables.add", () => {
      this.context.requireSet("1.8", "PivotTableCollection.add");
      const model = this.context.runtime.model;
      if (typeof name !== "string" || name.trim() === "" || name.length > 255)
        throw new SimExcelError("InvalidArgument", "PivotTableCollection.add", "Invalid PivotTable name");
      let sourceRef: PivotTableModel["source"];
      if (source instanceof Table) {
        const table = source.resolveModel();
        sourceRef = { sheetId: table.sheetId, rect: { ...table.rect }, tableId: table.id };
      } else if (source instanceof Range) {
        const target = source.resolveTarget();
        sourceRef = { sheetId: target.sheet.id, rect: target.rect };
      } else {
        const table = model.tables.find((t) => t.name.toLowerCase() === source.toLowerCase());
        if (table) sourceRef = { sheetId: table.sheetId, rect: { ...table.rect }, tableId: table.id };
        else {
          const { sheetName, local } = splitSheetAddress(source);
          const sheet = sheetName !== undefined ? sheetByNameOrId(model, sheetName) : undefined;
          const rect = parseLocalAddress(local);
          if (!sheet || !rect) throw new SimExcelError("InvalidArgument", "PivotTableCollection.add", source);
          sourceRef = { sheetId: sheet.id, rect };
        }
      }
      let destinationTarget: RangeTarget;
      if (typeof destination === "string") {
        const { sheetName, local } = splitSheetAddress(destination);
        const sheet = sheetName !== undefined ? sheetByNameOrId(model, sheetName) : this.sheetScope?.();
        const rect = parseLocalAddress(local);
        if (!sheet || !rect) throw new SimExcelError("InvalidArgument", "PivotTableCollection.add", destination);
        destinationTarget = { sheet, rect };
      } else destinationTarget = destination.resolveTarget();
      if (
        model.pivotTables.some(
          (p) => p.sheetId === destinationTarget.sheet.id && p.name.toLowerCase() === name.toLowerCase(),
        )
      ) {
        throw new SimExcelError(
          "ItemAlreadyExists",
          "PivotTableCollection.add",
          `A PivotTable named ${name} exists on this sheet`,
        );
      }
      if (this.sheetScope && this.sheetScope().id !== destinationTarget.sheet.id)
        throw new SimExcelError("InvalidArgument", "PivotTableCollection.add", "Destination on another sheet");
      if (sourceRef.rect.rowCount < 2)
        throw new SimExcelError("InvalidArgument", "PivotTableCollection.add", "Source needs a header row and data");
      createdId = newId(model, "pvt");
      model.pivotTables.push({
        id: createdId,
        name,
        sheetId: destinationTarget.sheet.id,
        anchor: { row: destinationTarget.rect.row, column: destinationTarget.rect.column },
        source: sourceRef,
        rowFields: [],
        columnFields: [],
        dataFields: [],
        result: [],
      });
    });
    return new PivotTable(this.context, () => this.context.runtime.model.pivotTables.find((p) => p.id === createdId));
  }
}

// ---------- charts ----------

export class ChartTitle {
  constructor(private readonly chart: Chart) {}
  set text(text: string) {
    this.chart.update("chart.title", (c) => {
      c.title = text;
    });
  }
}

export class ChartLegend {
  constructor(private readonly chart: Chart) {}
  set visible(visible: boolean) {
    this.chart.update("chart.legend", (c) => {
      c.legendVisible = visible;
    });
  }
  set position(_position: string) {
    this.chart.update("chart.legend.position", () => undefined);
  }
}

export class ChartAxisTitle {
  constructor(
    private readonly chart: Chart,
    private readonly axis: "category" | "value",
  ) {}
  /** ChartAxisTitle.text (ExcelApi 1.1): setting it shows the title. */
  set text(text: string) {
    this.chart.update("chart.axis.title", (c) => {
      c.axisTitles = { ...c.axisTitles, [this.axis]: text };
    });
  }
}

export class ChartAxis {
  readonly title: ChartAxisTitle;
  constructor(
    private readonly chart: Chart,
    private readonly axis: "category" | "value",
  ) {
    this.title = new ChartAxisTitle(chart, axis);
  }
  /** "Specifies if Excel plots data points from last to first" (ChartAxis.reversePlotOrder, ExcelApi 1.7). */
  set reversePlotOrder(reversed: boolean) {
    this.chart.update("chart.axis.reversePlotOrder", (c) => {
      this.chart.context.requireSet("1.7", "ChartAxis.reversePlotOrder");
      if (this.axis === "category") c.categoryReversed = reversed;
    });
  }
}

export class ChartAxes {
  readonly categoryAxis: ChartAxis;
  readonly valueAxis: ChartAxis;
  constructor(chart: Chart) {
    this.categoryAxis = new ChartAxis(chart, "category");
    this.valueAxis = new ChartAxis(chart, "value");
  }
}

/** The chart's data labels (ChartDataLabels, ExcelApi 1.1; numberFormat ExcelApi 1.8). */
export class ChartDataLabels {
  constructor(private readonly chart: Chart) {}
  set showValue(show: boolean) {
    this.chart.update("chart.dataLabels.showValue", (c) => {
      c.dataLabels = { ...c.dataLabels, showValue: show };
    });
  }
  set numberFormat(format: string) {
    this.chart.update("chart.dataLabels.numberFormat", (c) => {
      this.chart.context.requireSet("1.8", "ChartDataLabels.numberFormat");
      c.dataLabels = { showValue: c.dataLabels?.showValue ?? false, numberFormat: format };
    });
  }
}

export class Chart extends ClientObject {
  readonly title: ChartTitle;
  readonly legend: ChartLegend;
  readonly axes: ChartAxes;
  readonly dataLabels: ChartDataLabels;

  constructor(
    context: RequestContext,
    private readonly resolve: () => import("./model").ChartModel | undefined,
  ) {
    super(context);
    this.title = new ChartTitle(this);
    this.legend = new ChartLegend(this);
    this.axes = new ChartAxes(this);
    this.dataLabels = new ChartDataLabels(this);
  }
  /** @internal */
  update(kind: string, change: (chart: import("./model").ChartModel) => void): void {
    this.context.enqueue(kind, () => {
      const chart = this.resolve();
      if (!chart) throw new SimExcelError("ItemNotFound", "Chart");
      change(chart);
    });
  }
  protected override exists(): boolean {
    return this.resolve() !== undefined;
  }
  protected defaultLoadNames(): string[] {
    return ["name", "id", "chartType"];
  }
  protected readProperty(name: string): unknown {
    const chart = this.resolve();
    if (!chart) throw new SimExcelError("ItemNotFound", "Chart");
    if (name === "name") return chart.name;
    if (name === "id") return chart.id;
    if (name === "chartType") return chart.type;
    throw new SimExcelError("InvalidArgument", "Chart.load");
  }
  get name(): string {
    return this.loaded("name");
  }
  set name(name: string) {
    this.setLocal("name", name);
    this.update("chart.name", (c) => {
      c.name = name;
    });
  }
  set chartType(type: string) {
    this.update("chart.chartType", (c) => {
      c.type = type;
    });
  }
  setPosition(startCell: Range | string, endCell?: Range | string): void {
    this.update("chart.setPosition", (chart) => {
      const model = this.context.runtime.model;
      const sheet = findSheet(model, chart.sheetId);
      if (!sheet) throw new SimExcelError("ItemNotFound", "Chart.setPosition");
      const toRect = (cell: Range | string): CellRect => {
        if (typeof cell !== "string") return cell.resolveTarget().rect;
        const rect = parseLocalAddress(splitSheetAddress(cell).local);
        if (!rect) throw new SimExcelError("InvalidArgument", "Chart.setPosition", cell);
        return rect;
      };
      const start = toRect(startCell);
      const end = endCell === undefined ? { ...start, row: start.row + 14, column: start.column + 7 } : toRect(endCell);
      chart.position = {
        row: start.row,
        column: start.column,
        rowCount: end.row + end.rowCount - start.row,
        columnCount: end.column + end.columnCount - start.column,
      };
    });
  }
  delete(): void {
    this.update("chart.delete", (chart) => {
      const model = this.context.runtime.model;
      model.charts = model.charts.filter((c) => c.id !== chart.id);
    });
  }
}

function seriesFromSource(sheet: SheetModel, rect: CellRect, type: string, seriesBy: string): ChartSeriesModel[] {
  let grid = readRect(sheet, rect);
  const byRows = seriesBy === "Rows";
  if (byRows) grid = (grid[0] ?? []).map((_v, c) => grid.map((row) => row[c] ?? ""));
  const columns = grid[0]?.length ?? 0;
  const hasHeader =
    grid.length >= 2 && grid[0]!.slice(columns > 1 ? 1 : 0).every((v) => typeof v === "string" && v !== "");
  const body = hasHeader ? grid.slice(1) : grid;
  const isXy = type.startsWith("XYScatter");
  const hasCategories = columns >= 2 && (isXy || body.some((row) => typeof row[0] === "string"));
  const categories = hasCategories ? body.map((row) => row[0] ?? "") : body.map((_row, i) => i + 1);
  const firstValueColumn = hasCategories ? 1 : 0;
  const series: ChartSeriesModel[] = [];
  for (let c = firstValueColumn; c < columns; c++) {
    series.push({
      name: hasHeader ? String(grid[0]?.[c] ?? "") : `Series${series.length + 1}`,
      categories,
      values: body.map((row) => (typeof row[c] === "number" ? (row[c] as number) : 0)),
    });
  }
  return series;
}

export class ChartCollection extends ItemCollection<Chart> {
  constructor(
    context: RequestContext,
    private readonly sheetScope: () => SheetModel,
  ) {
    super(context);
  }
  private inScope(): import("./model").ChartModel[] {
    const sheet = this.sheetScope();
    return this.context.runtime.model.charts.filter((c) => c.sheetId === sheet.id);
  }
  protected keys(): string[] {
    return this.inScope().map((c) => c.id);
  }
  protected itemFor(key: string, orNull: boolean): Chart {
    return new Chart(this.context, () => {
      const chart = this.inScope().find((c) => c.id === key || c.name === key);
      if (!chart && !orNull) throw new SimExcelError("ItemNotFound", "ChartCollection.getItem", key);
      return chart;
    });
  }
  getItem(key: string): Chart {
    return this.itemFor(key, false);
  }
  getItemOrNullObject(key: string): Chart {
    return this.itemFor(key, true);
  }
  /** Adds a chart whose series are read from `sourceData` now (the model stores resolved data). */
  add(type: string, sourceData: Range, seriesBy: string = "Auto"): Chart {
    let createdId: string | undefined;
    this.context.enqueue("charts.add", () => {
      const model = this.context.runtime.model;
      const sheet = this.sheetScope();
      const source = sourceData.resolveTarget();
      createdId = newId(model, "chart");
      model.charts.push({
        id: createdId,
        name: `Chart ${model.charts.length + 1}`,
        sheetId: sheet.id,
        type,
        title: "",
        position: { row: 1, column: 8, rowCount: 15, columnCount: 8 },
        series: seriesFromSource(source.sheet, source.rect, type, seriesBy),
        sourceAddress: formatAddress(source.sheet.name, source.rect),
        legendVisible: true,
      });
    });
    return new Chart(this.context, () => this.context.runtime.model.charts.find((c) => c.id === createdId));
  }
}

// ---------- worksheets ----------

export class CustomProperty extends ClientObject {
  constructor(
    context: RequestContext,
    private readonly sheet: () => SheetModel,
    private readonly propertyKey: string,
  ) {
    super(context);
  }
  protected override exists(): boolean {
    return this.propertyKey in this.sheet().customProperties;
  }
  protected defaultLoadNames(): string[] {
    return ["key", "value"];
  }
  protected readProperty(name: string): unknown {
    if (name === "key") return this.propertyKey;
    if (name === "value") return this.sheet().customProperties[this.propertyKey];
    throw new SimExcelError("InvalidArgument", "WorksheetCustomProperty.load");
  }
  get key(): string {
    return this.loaded("key");
  }
  get value(): string {
    return this.loaded("value");
  }
}

export class WorksheetCustomPropertyCollection {
  constructor(
    private readonly context: RequestContext,
    private readonly sheet: () => SheetModel,
  ) {}
  add(key: string, value: string): CustomProperty {
    this.context.enqueue("customProperties.add", () => {
      this.context.requireSet("1.12", "WorksheetCustomPropertyCollection.add");
      this.sheet().customProperties[key] = String(value);
    });
    return new CustomProperty(this.context, this.sheet, key);
  }
  getItemOrNullObject(key: string): CustomProperty {
    return new CustomProperty(
      this.context,
      () => {
        this.context.requireSet("1.12", "WorksheetCustomPropertyCollection.getItemOrNullObject");
        return this.sheet();
      },
      key,
    );
  }
}

export class WorksheetFreezePanes {
  constructor(private readonly worksheet: Worksheet) {}
  freezeRows(count: number): void {
    this.worksheet.context.enqueue("freezePanes.freezeRows", () => {
      this.worksheet.resolveModel().frozenRows = count;
    });
  }
}

export class Worksheet extends ClientObject {
  readonly tables: TableCollection;
  readonly pivotTables: PivotTableCollection;
  readonly charts: ChartCollection;
  readonly customProperties: WorksheetCustomPropertyCollection;
  readonly freezePanes: WorksheetFreezePanes;

  constructor(
    context: RequestContext,
    private readonly resolve: () => SheetModel | undefined,
  ) {
    super(context);
    const sheet = (): SheetModel => this.resolveModel();
    this.tables = new TableCollection(context, sheet);
    this.pivotTables = new PivotTableCollection(context, sheet);
    this.charts = new ChartCollection(context, sheet);
    this.customProperties = new WorksheetCustomPropertyCollection(context, sheet);
    this.freezePanes = new WorksheetFreezePanes(this);
  }
  /** @internal */
  resolveModel(): SheetModel {
    const sheet = this.resolve();
    if (!sheet) throw new SimExcelError("ItemNotFound", "Worksheet");
    return sheet;
  }
  protected override exists(): boolean {
    return this.resolve() !== undefined;
  }
  protected defaultLoadNames(): string[] {
    return ["name", "id", "position", "visibility"];
  }
  protected readProperty(name: string): unknown {
    const sheet = this.resolveModel();
    const model = this.context.runtime.model;
    switch (name) {
      case "name":
        return sheet.name;
      case "id":
        return sheet.id;
      case "position":
        return model.sheets.indexOf(sheet);
      case "visibility":
        return sheet.visibility ?? "Visible";
      default:
        throw new SimExcelError("InvalidArgument", "Worksheet.load", `Property ${name} is not modelled`);
    }
  }
  get name(): string {
    return this.loaded("name");
  }
  set name(name: string) {
    this.setLocal("name", name);
    this.context.enqueue("worksheet.name", () => {
      const sheet = this.resolveModel();
      validateSheetName(this.context.runtime.model, name, sheet.id);
      sheet.name = name;
    });
  }
  get id(): string {
    return this.loaded("id");
  }
  get position(): number {
    return this.loaded("position");
  }
  set position(position: number) {
    this.context.enqueue("worksheet.position", () => {
      const model = this.context.runtime.model;
      const sheet = this.resolveModel();
      model.sheets = model.sheets.filter((s) => s !== sheet);
      model.sheets.splice(Math.max(0, Math.min(position, model.sheets.length)), 0, sheet);
    });
  }
  get visibility(): string {
    return this.loaded("visibility");
  }
  /**
   * Excel.Worksheet.visibility (ExcelApi 1.1; Excel.SheetVisibility "Visible" | "Hidden" | "VeryHidden"). A workbook
   * must keep at least one visible sheet, so hiding the last visible one fails (as in Excel's UI and VBA's
   * Worksheet.Visible); hiding the active sheet activates the nearest visible one.
   */
  set visibility(visibility: string) {
    this.setLocal("visibility", visibility);
    this.context.enqueue("worksheet.visibility", () => {
      const model = this.context.runtime.model;
      const sheet = this.resolveModel();
      if (visibility !== "Visible" && visibility !== "Hidden" && visibility !== "VeryHidden")
        throw new SimExcelError("InvalidArgument", "Worksheet.visibility", `Invalid visibility: ${visibility}`);
      const wasVisible = (sheet.visibility ?? "Visible") === "Visible";
      if (wasVisible && visibility !== "Visible" && visibleSheetCount(model) <= 1)
        throw new SimExcelError(
          "InvalidOperation",
          "Worksheet.visibility",
          "A workbook must contain at least one visible worksheet",
        );
      if (visibility === "Visible") delete sheet.visibility;
      else sheet.visibility = visibility;
      if (visibility !== "Visible" && model.activeSheetId === sheet.id) {
        const index = model.sheets.indexOf(sheet);
        const visible = (s: SheetModel): boolean => (s.visibility ?? "Visible") === "Visible";
        const next =
          model.sheets.slice(index + 1).find(visible) ?? model.sheets.slice(0, index).reverse().find(visible);
        if (next) {
          model.activeSheetId = next.id;
          model.selection = { sheetId: next.id, rect: { row: 0, column: 0, rowCount: 1, columnCount: 1 } };
        }
      }
    });
  }

  getRange(address?: string): Range {
    return new Range(this.context, () => {
      const sheet = this.resolveModel();
      if (address === undefined)
        return { sheet, rect: { row: 0, column: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS } };
      const { sheetName, local } = splitSheetAddress(address);
      if (sheetName !== undefined && sheetName.toLowerCase() !== sheet.name.toLowerCase())
        throw new SimExcelError("InvalidArgument", "Worksheet.getRange", address);
      const rect = parseLocalAddress(local);
      if (!rect) throw new SimExcelError("InvalidArgument", "Worksheet.getRange", address);
      return { sheet, rect };
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    return new Range(this.context, () => ({
      sheet: this.resolveModel(),
      rect: checkRect({ row: startRow, column: startColumn, rowCount, columnCount }, "Worksheet.getRangeByIndexes"),
    }));
  }
  getCell(row: number, column: number): Range {
    return this.getRangeByIndexes(row, column, 1, 1);
  }
  /** Like Excel: the used range of an empty sheet is A1. */
  getUsedRange(valuesOnly?: boolean): Range {
    return new Range(this.context, () => {
      const sheet = this.resolveModel();
      return {
        sheet,
        rect: usedRect(sheet, valuesOnly ?? false) ?? { row: 0, column: 0, rowCount: 1, columnCount: 1 },
      };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    return new Range(this.context, () => {
      const sheet = this.resolveModel();
      const rect = usedRect(sheet, valuesOnly ?? false);
      return rect ? { sheet, rect } : undefined;
    });
  }
  activate(): void {
    this.context.enqueue("worksheet.activate", () => {
      const model = this.context.runtime.model;
      const sheet = this.resolveModel();
      if (model.activeSheetId !== sheet.id) {
        model.activeSheetId = sheet.id;
        model.selection = { sheetId: sheet.id, rect: { row: 0, column: 0, rowCount: 1, columnCount: 1 } };
      }
    });
  }
  delete(): void {
    this.context.enqueue("worksheet.delete", () => {
      const model = this.context.runtime.model;
      const sheet = this.resolveModel();
      // The last visible sheet cannot be deleted, however many hidden ones remain (Excel keeps one visible sheet).
      if (model.sheets.length <= 1 || ((sheet.visibility ?? "Visible") === "Visible" && visibleSheetCount(model) <= 1))
        throw new SimExcelError(
          "InvalidOperation",
          "Worksheet.delete",
          "A workbook must contain at least one visible worksheet",
        );
      const index = model.sheets.indexOf(sheet);
      model.sheets = model.sheets.filter((s) => s.id !== sheet.id);
      model.tables = model.tables.filter((t) => t.sheetId !== sheet.id);
      model.pivotTables = model.pivotTables.filter((p) => p.sheetId !== sheet.id);
      model.charts = model.charts.filter((c) => c.sheetId !== sheet.id);
      model.conditionalFormats = model.conditionalFormats.filter((f) => f.sheetId !== sheet.id);
      if (model.activeSheetId === sheet.id) {
        const visible = model.sheets.filter((s) => (s.visibility ?? "Visible") === "Visible");
        const next = visible.filter((s) => model.sheets.indexOf(s) < index).at(-1) ?? visible[0] ?? model.sheets[0];
        if (next) {
          model.activeSheetId = next.id;
          model.selection = { sheetId: next.id, rect: { row: 0, column: 0, rowCount: 1, columnCount: 1 } };
        }
      }
    });
  }
}

export class WorksheetCollection extends ItemCollection<Worksheet> {
  protected keys(): string[] {
    return this.context.runtime.model.sheets.map((s) => s.id);
  }
  protected itemFor(key: string, orNull: boolean): Worksheet {
    return new Worksheet(this.context, () => {
      const sheet = sheetByNameOrId(this.context.runtime.model, key);
      if (!sheet && !orNull) throw new SimExcelError("ItemNotFound", "WorksheetCollection.getItem", key);
      return sheet;
    });
  }
  getItem(key: string): Worksheet {
    return this.itemFor(key, false);
  }
  getItemOrNullObject(key: string): Worksheet {
    return this.itemFor(key, true);
  }
  getActiveWorksheet(): Worksheet {
    return new Worksheet(this.context, () =>
      findSheet(this.context.runtime.model, this.context.runtime.model.activeSheetId),
    );
  }
  /** Adds a sheet at the end; the name is validated at sync (Excel's rules). */
  add(name?: string): Worksheet {
    let createdId: string | undefined;
    this.context.enqueue("worksheets.add", () => {
      const model = this.context.runtime.model;
      let sheetName = name;
      if (sheetName === undefined) {
        let n = model.sheets.length + 1;
        while (model.sheets.some((s) => s.name.toLowerCase() === `sheet${n}`)) n++;
        sheetName = `Sheet${n}`;
      }
      validateSheetName(model, sheetName);
      createdId = `{${newId(model, "sheet-")}}`;
      model.sheets.push(createEmptySheet(createdId, sheetName));
    });
    return new Worksheet(this.context, () =>
      createdId === undefined ? undefined : findSheet(this.context.runtime.model, createdId),
    );
  }
}

export class Application extends ClientObject {
  protected defaultLoadNames(): string[] {
    return ["calculationMode"];
  }
  protected readProperty(name: string): unknown {
    if (name === "calculationMode") return this.context.runtime.model.calculation.mode;
    throw new SimExcelError("InvalidArgument", "Application.load");
  }
  get calculationMode(): string {
    return this.loaded("calculationMode");
  }
  /** Setting it needs ExcelApi 1.8 (@types/office-js, Application.calculationMode). */
  set calculationMode(mode: string) {
    this.setLocal("calculationMode", mode);
    this.context.enqueue("application.calculationMode", () => {
      this.context.requireSet("1.8", "Application.calculationMode");
      if (mode !== "Automatic" && mode !== "AutomaticExceptTables" && mode !== "Manual")
        throw new SimExcelError("InvalidArgument", "Application.calculationMode", mode);
      this.context.runtime.model.calculation.mode = mode;
    });
  }
  /** "Recalculate all currently opened workbooks" (ExcelApi 1.1); clears the stale flag. */
  calculate(calculationType: string): void {
    this.context.enqueue(
      "application.calculate",
      () => {
        if (!["Recalculate", "Full", "FullRebuild"].includes(calculationType))
          throw new SimExcelError("InvalidArgument", "Application.calculate", calculationType);
        const calculation = this.context.runtime.model.calculation;
        calculation.stale = false;
        calculation.recalculations += 1;
      },
      { mutates: false },
    );
  }
  suspendApiCalculationUntilNextSync(): void {
    this.context.enqueue(
      "application.suspendApiCalculationUntilNextSync",
      () => this.context.requireSet("1.6", "Application.suspendApiCalculationUntilNextSync"),
      { mutates: false },
    );
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.context.enqueue(
      "application.suspendScreenUpdatingUntilNextSync",
      () => this.context.requireSet("1.9", "Application.suspendScreenUpdatingUntilNextSync"),
      { mutates: false },
    );
  }
}

// ---------- defined names ----------

/**
 * Excel.NamedItem (workbook.names, ExcelApi 1.1; `formula` 1.7). Only workbook-scoped names referring to ranges or
 * constants are modelled.
 */
export class NamedItem extends ClientObject {
  constructor(
    context: RequestContext,
    private readonly resolve: () => import("./model").NamedItemModel | undefined,
  ) {
    super(context);
  }
  protected override exists(): boolean {
    return this.resolve() !== undefined;
  }
  protected defaultLoadNames(): string[] {
    return ["name", "formula", "comment", "visible"];
  }
  protected readProperty(name: string): unknown {
    const item = this.resolve();
    if (!item) throw new SimExcelError("ItemNotFound", "NamedItem");
    if (name === "name") return item.name;
    if (name === "formula") return item.formula;
    if (name === "comment") return item.comment;
    if (name === "visible") return true;
    throw new SimExcelError("InvalidArgument", "NamedItem.load", `Property ${name} is not modelled`);
  }
  get name(): string {
    return this.loaded("name");
  }
  get formula(): string {
    return this.loaded("formula");
  }
  get comment(): string {
    return this.loaded("comment");
  }
}

/**
 * Excel.NamedItemCollection. `add` (ExcelApi 1.4) follows the rules of the Name Manager: a name starts with a letter,
 * "_" or "\\", has no spaces, is not a cell reference, and is unique, ignoring case, among defined names and table
 * names (one namespace; a clash is refused).
 */
export class NamedItemCollection extends ItemCollection<NamedItem> {
  protected keys(): string[] {
    return this.context.runtime.model.names.map((n) => n.name);
  }
  protected itemFor(key: string, orNull: boolean): NamedItem {
    const lower = key.toLowerCase();
    return new NamedItem(this.context, () => {
      const item = this.context.runtime.model.names.find((n) => n.name.toLowerCase() === lower);
      if (!item && !orNull) throw new SimExcelError("ItemNotFound", "NamedItemCollection.getItem", key);
      return item;
    });
  }
  getItem(name: string): NamedItem {
    return this.itemFor(name, false);
  }
  getItemOrNullObject(name: string): NamedItem {
    return this.itemFor(name, true);
  }
  add(name: string, reference: Range | string, comment?: string): NamedItem {
    this.context.enqueue("names.add", () => {
      this.context.requireSet("1.4", "NamedItemCollection.add");
      const model = this.context.runtime.model;
      const valid =
        typeof name === "string" &&
        name.length > 0 &&
        name.length <= 255 &&
        /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) &&
        !/^[A-Za-z]{1,3}\d+$/.test(name) &&
        !/^[RrCc]$/.test(name) &&
        !/^R\d*C\d*$/i.test(name);
      if (!valid)
        throw new SimExcelError("InvalidArgument", "NamedItemCollection.add", `Invalid name: ${String(name)}`);
      const lower = name.toLowerCase();
      if (
        model.names.some((n) => n.name.toLowerCase() === lower) ||
        model.tables.some((t) => t.name.toLowerCase() === lower)
      )
        throw new SimExcelError("InvalidArgument", "NamedItemCollection.add", `The name ${name} is taken`);
      let formula: string;
      if (typeof reference === "string") formula = reference.startsWith("=") ? reference : `=${reference}`;
      else {
        const target = reference.resolveTarget();
        formula = `=${formatAddress(target.sheet.name, target.rect)}`;
      }
      model.names.push({ name, formula, comment: comment ?? "" });
    });
    return this.itemFor(name, false);
  }
}

export class Workbook extends ClientObject {
  readonly worksheets: WorksheetCollection;
  readonly tables: TableCollection;
  readonly pivotTables: PivotTableCollection;
  readonly names: NamedItemCollection;

  constructor(context: RequestContext) {
    super(context);
    this.names = new NamedItemCollection(context);
    this.worksheets = new WorksheetCollection(context);
    this.tables = new TableCollection(context, undefined);
    this.pivotTables = new PivotTableCollection(context, undefined);
  }
  get application(): Application {
    return this.context.application;
  }
  protected defaultLoadNames(): string[] {
    return ["name"];
  }
  protected readProperty(name: string): unknown {
    if (name === "name") return "Book1.xlsx";
    throw new SimExcelError("InvalidArgument", "Workbook.load");
  }
  get name(): string {
    return this.loaded("name");
  }
  /**
   * The selection. Whole-column selections come back as 1,048,576-row ranges (`Sheet1!A:F`), as in Excel. With
   * several areas selected it fails: "If there are multiple ranges selected, this method will throw an error"
   * (@types/office-js, Workbook.getSelectedRange); the code is Excel.ErrorCodes.invalidSelection.
   */
  getSelectedRange(): Range {
    return new Range(this.context, () => {
      const model = this.context.runtime.model;
      const selection = model.selection;
      const sheet = selection ? findSheet(model, selection.sheetId) : undefined;
      if (!selection || !sheet) throw new SimExcelError("ItemNotFound", "Workbook.getSelectedRange");
      if ((selection.areas?.length ?? 1) > 1)
        throw new SimExcelError(
          "InvalidSelection",
          "Workbook.getSelectedRange",
          "The current selection is invalid for this operation",
        );
      return { sheet, rect: selection.rect };
    });
  }
  /**
   * ExcelApi 1.9: every selected area ("Unlike `getSelectedRange()`, this method returns a `RangeAreas` object that
   * represents all the selected ranges", @types/office-js). Modelled: `areas` items with their rect properties.
   */
  getSelectedRanges(): RangeAreas {
    return new RangeAreas(this.context, () => {
      const model = this.context.runtime.model;
      const selection = model.selection;
      const sheet = selection ? findSheet(model, selection.sheetId) : undefined;
      if (!selection || !sheet) throw new SimExcelError("ItemNotFound", "Workbook.getSelectedRanges");
      this.context.requireSet("1.9", "Workbook.getSelectedRanges");
      return (selection.areas ?? [selection.rect]).map((rect) => ({ sheet, rect }));
    });
  }
  getActiveCell(): Range {
    return new Range(this.context, () => {
      const model = this.context.runtime.model;
      const selection = model.selection;
      const sheet = selection ? findSheet(model, selection.sheetId) : undefined;
      if (!selection || !sheet) throw new SimExcelError("ItemNotFound", "Workbook.getActiveCell");
      return { sheet, rect: { row: selection.rect.row, column: selection.rect.column, rowCount: 1, columnCount: 1 } };
    });
  }
}

export { formatLocalAddress, rectContains };
