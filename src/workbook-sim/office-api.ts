/** The bits of the `Office` namespace the add-in uses: onReady, context.document.settings, requirements, language. */
import type { SimRuntime } from "./excel-api";
import { runtimeSupports } from "./excel-api";

interface SimAsyncResult {
  status: "succeeded" | "failed";
  error?: { code: number; name: string; message: string };
  value?: unknown;
}

/** Settings travel as JSON in Office; a JSON copy also avoids structuredClone, which jsdom lacks. */
function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}

class SimSettings {
  private working: Record<string, unknown>;

  constructor(private readonly runtime: SimRuntime) {
    this.working = jsonCopy(runtime.model.savedSettings);
  }

  get(name: string): unknown {
    // Office returns null for a missing setting.
    return name in this.working ? jsonCopy(this.working[name]) : null;
  }

  set(name: string, value: unknown): void {
    // Settings are stored as JSON: functions and undefined vanish, Dates become text.
    this.working[name] = JSON.parse(JSON.stringify(value ?? null)) as unknown;
  }

  remove(name: string): void {
    delete this.working[name];
  }

  saveAsync(callback?: (result: SimAsyncResult) => void): void;
  saveAsync(options: unknown, callback?: (result: SimAsyncResult) => void): void;
  saveAsync(first?: unknown, second?: (result: SimAsyncResult) => void): void {
    const callback = typeof first === "function" ? (first as (result: SimAsyncResult) => void) : second;
    setTimeout(() => {
      this.runtime.model.savedSettings = jsonCopy(this.working);
      callback?.({ status: "succeeded" });
    }, 0);
  }

  /** @internal a reopened document: the working copy is what was last saved. */
  reloadSaved(): void {
    this.working = jsonCopy(this.runtime.model.savedSettings);
  }

  refreshAsync(callback?: (result: SimAsyncResult) => void): void {
    setTimeout(() => {
      this.working = jsonCopy(this.runtime.model.savedSettings);
      callback?.({ status: "succeeded", value: this });
    }, 0);
  }
}

export interface SimOffice {
  context: {
    displayLanguage: string;
    contentLanguage: string;
    document: { settings: SimSettings };
    requirements: { isSetSupported(name: string, minVersion?: string | number): boolean };
    host: string;
    platform: string;
  };
  onReady(callback?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }>;
  HostType: { Excel: "Excel" };
  PlatformType: { OfficeOnline: "OfficeOnline"; PC: "PC"; Mac: "Mac" };
  AsyncResultStatus: { Succeeded: "succeeded"; Failed: "failed" };
}

export function createOfficeApi(runtime: SimRuntime, displayLanguage: string): SimOffice {
  const info = { host: "Excel", platform: "OfficeOnline" };
  const settings = new SimSettings(runtime);
  return {
    context: {
      displayLanguage,
      contentLanguage: displayLanguage,
      document: { settings },
      requirements: {
        isSetSupported(name: string, minVersion?: string | number): boolean {
          return runtimeSupports(runtime, name, minVersion === undefined ? "1.1" : String(minVersion));
        },
      },
      host: "Excel",
      platform: "OfficeOnline",
    },
    onReady(callback) {
      callback?.(info);
      return Promise.resolve(info);
    },
    HostType: { Excel: "Excel" },
    PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC", Mac: "Mac" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  };
}
