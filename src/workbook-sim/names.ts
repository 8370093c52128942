/** Excel's naming rules (sheets, tables) and the workbook's defined names (workbook.names). */
import { SimExcelError } from "./errors";
import type { NamedItemModel, WorkbookModel } from "./model";
import { formatAddress } from "./model";
import { ClientObject, KeyedItemCollection } from "./client-object";
import type { RequestContext } from "./request-context";
import type { Range } from "./range";

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

// ---------- defined names ----------

/**
 * Excel.NamedItem (workbook.names, ExcelApi 1.1; `formula` 1.7). Only workbook-scoped names referring to ranges or
 * constants are modelled.
 */
export class NamedItem extends ClientObject {
  constructor(
    context: RequestContext,
    private readonly resolve: () => NamedItemModel | undefined,
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
export class NamedItemCollection extends KeyedItemCollection<NamedItem> {
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
