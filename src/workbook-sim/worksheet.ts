/** Worksheets: name, position, visibility, ranges, freeze panes, and the workbook's worksheet collection. */
import { SimExcelError } from "./errors";
import type { SheetModel, WorkbookModel } from "./model";
import {
  MAX_COLUMNS,
  MAX_ROWS,
  createEmptySheet,
  findSheet,
  newId,
  parseLocalAddress,
  splitSheetAddress,
  usedRect,
} from "./model";
import { ClientObject, KeyedItemCollection } from "./client-object";
import type { RequestContext } from "./request-context";
import { Range, checkRect, sheetByNameOrId } from "./range";
import { TableCollection } from "./table";
import { PivotTableCollection } from "./pivot-table";
import { ChartCollection } from "./chart";
import { WorksheetCustomPropertyCollection } from "./custom-property";
import { validateSheetName } from "./names";

/** Visible sheets left (Excel refuses to hide or delete the last one). */
function visibleSheetCount(model: WorkbookModel): number {
  return model.sheets.filter((sheet) => (sheet.visibility ?? "Visible") === "Visible").length;
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

export class WorksheetCollection extends KeyedItemCollection<Worksheet> {
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
