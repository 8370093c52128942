/** Tables: rows, columns, filters, totals row, resize, and the table collections of a sheet or the workbook. */
import { SimExcelError } from "./errors";
import type { CellRect, SheetModel, SimCellValue, TableModel, WorkbookModel } from "./model";
import {
  clearRect,
  findSheet,
  intersectRects,
  newId,
  parseLocalAddress,
  readRect,
  splitSheetAddress,
  writeValues,
} from "./model";
import { estimateGridBytes } from "./payload";
import { writeEntries } from "./cell-input";
import { ClientObject, KeyedItemCollection } from "./client-object";
import type { RequestContext } from "./request-context";
import type { RangeTarget } from "./range";
import { Range, checkRect, normalizeGrid, overlapsPivot, sheetByNameOrId, toCellValue } from "./range";
import { Worksheet } from "./worksheet";
import { validateTableName } from "./names";

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

export function tableOverlaps(model: WorkbookModel, sheetId: string, rect: CellRect, exceptTableId?: string): boolean {
  return model.tables.some(
    (t) => t.id !== exceptTableId && t.sheetId === sheetId && intersectRects(t.rect, rect) !== null,
  );
}

/**
 * In rows `row .. row + rowCount - 1`, moves the cells from `column` on one column right (`by` 1, leaving `column`
 * empty) or left (`by` -1, dropping the cell at `column`): values, number formats and formulas alike.
 */
function shiftRowCells(sheet: SheetModel, row: number, rowCount: number, column: number, by: 1 | -1): void {
  for (let r = row; r < row + rowCount; r++) {
    for (const rows of [sheet.rows, sheet.numberFormats, sheet.formulas] as (unknown[] | undefined)[][]) {
      const cells = rows[r];
      if (!cells || cells.length <= column) continue;
      const tail = cells.splice(column);
      const start = by === 1 ? column + 1 : column;
      (by === 1 ? tail : tail.slice(1)).forEach((cell, i) => {
        cells[start + i] = cell;
      });
    }
  }
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
      shiftRowCells(sheet, table.rect.row, table.rect.rowCount, column, -1);
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
        shiftRowCells(sheet, table.rect.row, table.rect.rowCount, column, 1);
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

export class TableCollection extends KeyedItemCollection<Table> {
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
