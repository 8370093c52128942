/** Workbook: its collections, the selection (getSelectedRange, getSelectedRanges) and the active cell. */
import { SimExcelError } from "./errors";
import { findSheet } from "./model";
import { ClientObject } from "./client-object";
import type { RequestContext } from "./request-context";
import { Range, RangeAreas } from "./range";
import { TableCollection } from "./table";
import { PivotTableCollection } from "./pivot-table";
import { WorksheetCollection } from "./worksheet";
import type { Application } from "./application";
import { NamedItemCollection } from "./names";

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
