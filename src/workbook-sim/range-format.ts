/** A range's formats: fill, font, column widths and autofit, and conditional formats (colour scales). */
import { ClientObject } from "./client-object";
import { SimExcelError } from "./errors";
import { DEFAULT_ROW_HEIGHT } from "./column-width";
import { newId } from "./model";
import type { RequestContext } from "./request-context";
import type { Range } from "./range";

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

/**
 * Excel's default column width in points: 8.43 characters of the default font, 64 px (learn.microsoft.com, "Change
 * the column width or row height in Excel").
 */
export const DEFAULT_COLUMN_WIDTH = 48;

/** The one value `each` gives for indexes start..start+count-1, or null when they differ. */
function sameOrNull(start: number, count: number, each: (index: number) => number): number | null {
  let value: number | undefined;
  for (let i = start; i < start + count; i++) {
    const v = each(i);
    if (value !== undefined && v !== value) return null;
    value = v;
  }
  return value ?? null;
}

export class RangeFormat extends ClientObject {
  readonly fill: RangeFill;
  readonly font: RangeFont;
  constructor(private readonly range: Range) {
    super(range.context);
    this.fill = new RangeFill(range);
    this.font = new RangeFont(range);
  }
  protected defaultLoadNames(): string[] {
    return ["columnWidth", "rowHeight"];
  }
  protected readProperty(name: string): unknown {
    // RangeFormat.columnWidth and rowHeight (ExcelApi 1.2): the width of all columns (height of all rows) of the
    // range in points, null when they differ.
    const { sheet, rect } = this.range.resolveTarget();
    if (name === "columnWidth")
      return sameOrNull(rect.column, rect.columnCount, (c) => sheet.columnWidths[c] ?? DEFAULT_COLUMN_WIDTH);
    if (name === "rowHeight")
      return sameOrNull(rect.row, rect.rowCount, (r) => sheet.rowHeights[r] ?? DEFAULT_ROW_HEIGHT);
    throw new SimExcelError("InvalidArgument", "RangeFormat.load", `Property ${name} is not modelled`);
  }
  get columnWidth(): number | null {
    return this.loaded<number | null>("columnWidth");
  }
  get rowHeight(): number | null {
    return this.loaded<number | null>("rowHeight");
  }
  autofitColumns(): void {
    this.range.autofit();
  }
  autofitRows(): void {
    this.range.autofitRows();
  }
  set columnWidth(width: number | null) {
    if (width === null) throw new SimExcelError("InvalidArgument", "RangeFormat.columnWidth", "null is not a width");
    this.range.setColumnWidth(width);
    this.setLocal("columnWidth", width);
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
