/**
 * RequestContext: the operation queue and sync() (one host round trip per sync), the 5 MB request and response
 * payload limits, requirement-set checks, the fault hook, and which PivotTables a sync must recompute.
 */
import { SimExcelError } from "./errors";
import type { WorkbookModel } from "./model";
import { PAYLOAD_LIMIT_BYTES } from "./payload";
import { hostRoundTrip } from "./host-round-trip";
import { refreshPivots } from "./pivot-compute";
import { Application } from "./application";
import { Workbook } from "./workbook";

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  operations: number;
  /** suspendScreenUpdatingUntilNextSync calls queued in this sync (the docs warn against calling it in a loop). */
  screenUpdatingSuspensions?: number;
  /** suspendApiCalculationUntilNextSync was queued in this sync. */
  calculationSuspended?: boolean;
}

/** Operations after which the user's formulas over the written cells need a recalculation. */
function writesCells(kind: string): boolean {
  return (
    kind === "range.values" ||
    kind === "range.clear" ||
    kind === "tables.add" ||
    kind === "table.rows.add" ||
    kind === "table.columns.add" ||
    kind === "table.column.delete"
  );
}

/** What changed the workbook: a sync that mutated it, or the user selecting cells (setSelection). */
export type WorkbookChangeCause = "sync" | "selection";

/** Shared by every RequestContext of one simulated workbook. */
export interface SimRuntime {
  model: WorkbookModel;
  /** Highest supported version per requirement set, e.g. { ExcelApi: "1.12" }. */
  requirementSets: Record<string, string>;
  syncLog: SyncRecord[];
  /**
   * Test hook: return true to make the operation fail with GeneralException at sync. Called once per operation;
   * `sheetName` is set for range.values (the sheet written to).
   */
  faultInjector?: (operation: { kind: string; sheetName?: string }) => boolean;
  notify(cause: WorkbookChangeCause): void;
}

function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split(".").map(Number);
  const [bMajor = 0, bMinor = 0] = b.split(".").map(Number);
  return aMajor !== bMajor ? aMajor - bMajor : aMinor - bMinor;
}

export function runtimeSupports(runtime: SimRuntime, set: string, version: string): boolean {
  const supported = runtime.requirementSets[set];
  return supported !== undefined && compareVersions(supported, version) >= 0;
}

/** Operations that change cell contents only; they call touchSheet so only pivots over that sheet recompute. */
const CELL_ONLY_OPERATIONS = new Set([
  "range.values",
  "range.numberFormat",
  "range.clear",
  "range.format",
  "range.format.autofitColumns",
  "range.format.autofitRows",
  "range.format.columnWidth",
]);

/**
 * Operations that change neither cells nor any PivotTable's source or layout, so a sync of only these (and cell
 * operations on other sheets) leaves every PivotTable report as it is.
 */
const PIVOT_NEUTRAL_OPERATIONS = new Set([
  "charts.add",
  "conditionalFormats.add",
  "conditionalFormat.colorScale",
  "customProperties.add",
  "freezePanes.freezeRows",
  "range.format.autofitRows",
  "range.select",
  "application.calculationMode",
  "table.name",
  "table.style",
  "worksheet.activate",
  "worksheet.name",
  "worksheet.position",
  "worksheet.visibility",
  "names.add",
]);

function leavesPivotsAlone(kind: string): boolean {
  return CELL_ONLY_OPERATIONS.has(kind) || PIVOT_NEUTRAL_OPERATIONS.has(kind) || kind.startsWith("chart.");
}

interface QueuedOperation {
  kind: string;
  mutates: boolean;
  run: () => void;
}

export class RequestContext {
  readonly workbook: Workbook;
  readonly application: Application;
  readonly trackedObjects = {
    add: (_object: unknown): void => undefined,
    remove: (_object: unknown): void => undefined,
  };
  private queue: QueuedOperation[] = [];
  private requestBytes = 0;
  private responseBytes = 0;
  /** Sheets whose cells changed in the running sync; PivotTables over other sheets need no recompute. */
  private touchedSheets = new Set<string>();
  private structureChanged = false;

  constructor(readonly runtime: SimRuntime) {
    this.workbook = new Workbook(this);
    this.application = new Application(this);
  }

  /** @internal queue an operation for the next sync. */
  enqueue(kind: string, run: () => void, options: { mutates?: boolean; requestBytes?: number } = {}): void {
    this.queue.push({ kind, run, mutates: options.mutates ?? true });
    this.requestBytes += options.requestBytes ?? 0;
  }

  /** @internal note that a sheet's cells changed (pivots over it are recomputed after the sync). */
  touchSheet(sheetId: string): void {
    this.touchedSheets.add(sheetId);
  }

  /** @internal count bytes returned by a load; fails the sync past 5 MB. */
  addResponseBytes(bytes: number): void {
    this.responseBytes += bytes;
    if (this.responseBytes > PAYLOAD_LIMIT_BYTES) throw new SimExcelError("ResponsePayloadSizeLimitExceeded");
  }

  /** @internal fail when the host lacks the requirement set (the real host answers ApiNotFound). */
  requireSet(version: string, location: string): void {
    if (!runtimeSupports(this.runtime, "ExcelApi", version)) throw new SimExcelError("ApiNotFound", location);
  }

  async sync(): Promise<void> {
    const operations = this.queue;
    const requestBytes = this.requestBytes;
    this.queue = [];
    this.requestBytes = 0;
    this.responseBytes = 0;
    // A real sync is a round trip to the host: it resolves in a later task, so input is handled between syncs.
    await hostRoundTrip();
    const screenUpdatingSuspensions = operations.filter(
      (o) => o.kind === "application.suspendScreenUpdatingUntilNextSync",
    ).length;
    // Suspension lasts for the whole batch, wherever in it the call was queued.
    const calculationSuspended = operations.some((o) => o.kind === "application.suspendApiCalculationUntilNextSync");
    const record: SyncRecord = {
      requestBytes,
      responseBytes: 0,
      operations: operations.length,
      screenUpdatingSuspensions,
      calculationSuspended,
    };
    this.runtime.syncLog.push(record);
    if (requestBytes > PAYLOAD_LIMIT_BYTES) throw new SimExcelError("RequestPayloadSizeLimitExceeded");
    let mutated = false;
    this.touchedSheets = new Set();
    this.structureChanged = false;
    try {
      for (const operation of operations) {
        // The hook sees each operation once: range.values asks it itself, with the sheet it writes to (known only
        // when it runs), so a predicate counting writes counts each write once.
        if (operation.kind !== "range.values" && this.runtime.faultInjector?.({ kind: operation.kind })) {
          throw new SimExcelError("GeneralException", operation.kind);
        }
        if (operation.mutates) {
          mutated = true;
          if (!leavesPivotsAlone(operation.kind)) this.structureChanged = true;
        }
        operation.run();
        const calculation = this.runtime.model.calculation;
        if (writesCells(operation.kind) && (calculationSuspended || calculation.mode === "Manual"))
          calculation.stale = true;
      }
    } finally {
      record.responseBytes = this.responseBytes;
      if (mutated) {
        const touched = this.touchedSheets;
        const all = this.structureChanged;
        refreshPivots(this.runtime.model, (pivot) => all || touched.has(pivot.source.sheetId));
        this.runtime.notify("sync");
      }
    }
  }
}
