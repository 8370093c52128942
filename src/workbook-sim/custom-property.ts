/** Worksheet custom properties (ExcelApi 1.12). */
import { SimExcelError } from "./errors";
import type { SheetModel } from "./model";
import { ClientObject } from "./client-object";
import type { RequestContext } from "./request-context";

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
