/** The proxy machinery every Excel object shares: load() and PropertyNotLoaded, item collections, ClientResult. */
import { SimExcelError, propertyNotLoaded } from "./errors";
import type { RequestContext } from "./request-context";

export type LoadOption = string | string[] | { select?: string | string[] } | undefined;

function loadNames(option: LoadOption): string[] | undefined {
  if (option === undefined) return undefined;
  const raw = typeof option === "string" || Array.isArray(option) ? option : option.select;
  if (raw === undefined) return undefined;
  const list = Array.isArray(raw) ? raw : raw.split(",");
  return list.map((name) => name.trim()).filter((name) => name.length > 0);
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

export abstract class ItemCollection<T extends ClientObject> extends ClientObject {
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

/**
 * A collection whose items are found by name or id: `getItem` fails at sync with ItemNotFound when there is none,
 * `getItemOrNullObject` gives a null object (`isNullObject` true) instead.
 */
export abstract class KeyedItemCollection<T extends ClientObject> extends ItemCollection<T> {
  getItem(key: string): T {
    return this.itemFor(key, false);
  }
  getItemOrNullObject(key: string): T {
    return this.itemFor(key, true);
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
