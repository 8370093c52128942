/** A range's formats: fill, font, column widths and autofit, and conditional formats (colour scales). */
import { SimExcelError } from "./errors";
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
