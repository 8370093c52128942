/** PivotTables: hierarchies, fields, axes and layout; the report itself is computed in pivot-compute.ts. */
import { SimExcelError } from "./errors";
import type { CellRect, PivotSummarizeBy, PivotTableModel, SheetModel } from "./model";
import {
  clearRect,
  findSheet,
  formatAddress,
  getCellValue,
  intersectRects,
  newId,
  parseLocalAddress,
  readRect,
  splitSheetAddress,
} from "./model";
import { pivotRect, pivotResultSize } from "./pivot-compute";
import { ClientObject, KeyedItemCollection } from "./client-object";
import type { RequestContext } from "./request-context";
import type { RangeTarget } from "./range";
import { Range, overlapsPivot, sheetByNameOrId } from "./range";
import { Table, tableOverlaps } from "./table";
import { Worksheet } from "./worksheet";

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

export class PivotTableCollection extends KeyedItemCollection<PivotTable> {
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
