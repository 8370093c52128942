/**
 * An in-memory workbook that speaks the Excel JavaScript API subset the add-in uses. Runs in Node and the browser
 * (no Node imports). `createWorkbookSim()` builds one; `installWorkbookSim(globalThis, sim)` makes the real add-in
 * code run against it unmodified; `sim.workbook` is the plain data model to assert on or draw.
 *
 * What is modelled, and how it departs from Excel:
 * - proxies throw PropertyNotLoaded (Excel's wording) until load() + sync(); operations run at sync(); a failing
 *   operation fails the sync but earlier operations of that batch stay applied;
 * - request and response payloads are estimated as the JSON length of the values moved; over 5 MB the sync fails
 *   with RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded; reading > 5,000,000 cells fails;
 * - the grid stops at 1,048,576 rows × 16,384 columns; sheet and table names follow Excel's rules;
 * - writing an array whose shape differs from the range fails with InvalidArgument; a scalar fills the range;
 * - strings written to `values` are parsed like typed input (formulas, numbers, dates, booleans) unless the cell is
 *   formatted as text "@" (cell-input.ts); formulas are stored apart from their values;
 * - a whole-column selection is a 1,048,576-row range (`Sheet1!A:F`), as Excel returns it;
 * - writes next to a table do not auto-expand it (use table.columns.add / rows.add);
 * - PivotTables are computed (one row field, one column field, any data fields) and written to their cells;
 *   charts store their series resolved from the source range when added;
 * - requirement sets come from `requirementSets` (default ExcelApi 1.12); APIs above it fail with ApiNotFound.
 */
import { ClientResult, RequestContext, type SimRuntime, type SyncRecord, type WorkbookChangeCause } from "./excel-api";
import { SimExcelError } from "./errors";
import type { CellRect, InitialSheet, WorkbookModel } from "./model";
import { createWorkbookModel, parseLocalAddress, splitSheetAddress } from "./model";
import { createOfficeApi, type SimOffice } from "./office-api";

export * from "./model";
export { PAYLOAD_LIMIT_BYTES } from "./payload";

export interface WorkbookSimOptions {
  sheets?: InitialSheet[];
  /** Supported requirement sets and their highest version, default `{ ExcelApi: "1.12" }`. */
  requirementSets?: Record<string, string>;
  displayLanguage?: string;
  /** Initial selection, e.g. `Sales!A1:F100` (default A1 of the first sheet). */
  selection?: string;
}

interface SimExcelNamespace {
  run<T>(batch: (context: RequestContext) => Promise<T>): Promise<T>;
  RequestContext: new () => RequestContext;
  ClientResult: typeof ClientResult;
  ChartType: Record<string, string>;
  ChartSeriesBy: Record<string, string>;
  AggregationFunction: Record<string, string>;
  ConditionalFormatType: Record<string, string>;
  ConditionalFormatColorCriterionType: Record<string, string>;
  ErrorCodes: Record<string, string>;
}

export interface WorkbookSim {
  Excel: SimExcelNamespace;
  Office: SimOffice;
  OfficeExtension: { Error: typeof SimExcelError };
  /** The live model (mutated by syncs). */
  workbook: WorkbookModel;
  /** One record per sync, to check payload sizes and batching. */
  syncLog: SyncRecord[];
  setSelection(address: string): void;
  setRequirementSets(sets: Record<string, string>): void;
  /** Test hook: make matching operations fail at sync (undefined clears it). */
  injectFault(predicate: SimRuntime["faultInjector"]): void;
  /**
   * Saves the file and opens it again in a new session: every sheet gets a new id by tab position, the first sheet
   * `{00000000-0001-0000-0000-000000000000}` (the id every new Excel on the web workbook's first sheet has,
   * OfficeDev/office-js#552; ids are stable within a session only and change on reopening, office-js-docs#297,
   * office-js#1390), the second `{00000000-0002-…}` and so on. Contents, custom properties and the saved document
   * settings survive; settings set but not saved with saveAsync are lost.
   */
  saveAndReopen(): void;
  /**
   * Called after every sync that changed the workbook (cause "sync"), and after setSelection ("selection").
   * Returns an unsubscribe function.
   */
  subscribe(listener: (cause: WorkbookChangeCause) => void): () => void;
}

export function createWorkbookSim(options: WorkbookSimOptions = {}): WorkbookSim {
  const model = createWorkbookModel(options.sheets);
  const listeners = new Set<(cause: WorkbookChangeCause) => void>();
  const runtime: SimRuntime = {
    model,
    requirementSets: { ...(options.requirementSets ?? { ExcelApi: "1.12" }) },
    syncLog: [],
    notify: (cause) => {
      for (const listener of [...listeners]) listener(cause);
    },
  };

  const ChartType = {
    barClustered: "BarClustered",
    columnClustered: "ColumnClustered",
    pie: "Pie",
    doughnut: "Doughnut",
    line: "Line",
    lineMarkers: "LineMarkers",
    xyscatter: "XYScatter",
    xyscatterLines: "XYScatterLines",
    xyscatterLinesNoMarkers: "XYScatterLinesNoMarkers",
  };
  const Excel: SimExcelNamespace = {
    async run<T>(batch: (context: RequestContext) => Promise<T>): Promise<T> {
      const context = new RequestContext(runtime);
      const result = await batch(context);
      // Excel.run syncs whatever the batch left queued.
      await context.sync();
      return result;
    },
    RequestContext: class extends RequestContext {
      constructor() {
        super(runtime);
      }
    },
    ClientResult,
    ChartType,
    ChartSeriesBy: { auto: "Auto", columns: "Columns", rows: "Rows" },
    AggregationFunction: {
      unknown: "Unknown",
      automatic: "Automatic",
      sum: "Sum",
      count: "Count",
      average: "Average",
      max: "Max",
      min: "Min",
    },
    ConditionalFormatType: { colorScale: "ColorScale" },
    ConditionalFormatColorCriterionType: {
      lowestValue: "LowestValue",
      highestValue: "HighestValue",
      number: "Number",
      percent: "Percent",
      formula: "Formula",
      percentile: "Percentile",
    },
    ErrorCodes: {
      invalidArgument: "InvalidArgument",
      invalidOperation: "InvalidOperation",
      itemNotFound: "ItemNotFound",
      itemAlreadyExists: "ItemAlreadyExists",
      generalException: "GeneralException",
      apiNotFound: "ApiNotFound",
      requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
      responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
    },
  };

  const sim: WorkbookSim = {
    Excel,
    Office: createOfficeApi(runtime, options.displayLanguage ?? "en-US"),
    OfficeExtension: { Error: SimExcelError },
    workbook: model,
    syncLog: runtime.syncLog,
    setSelection(address: string) {
      // "Sales!A1:C5,E1:E5" selects several areas (Ctrl+click), all on the first area's sheet.
      const [first = "", ...more] = address.split(",");
      const { sheetName, local } = splitSheetAddress(first);
      const sheet =
        sheetName === undefined
          ? model.sheets.find((s) => s.id === model.activeSheetId)
          : model.sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
      const rect: CellRect | null = parseLocalAddress(local);
      if (!sheet || !rect) throw new Error(`Cannot select ${address}`);
      const areas = [rect];
      for (const part of more) {
        const area = parseLocalAddress(splitSheetAddress(part).local);
        if (!area) throw new Error(`Cannot select ${address}`);
        areas.push(area);
      }
      model.activeSheetId = sheet.id;
      model.selection = areas.length > 1 ? { sheetId: sheet.id, rect, areas } : { sheetId: sheet.id, rect };
      runtime.notify("selection");
    },
    setRequirementSets(sets) {
      runtime.requirementSets = { ...sets };
    },
    injectFault(predicate) {
      runtime.faultInjector = predicate;
    },
    saveAndReopen() {
      const ids = new Map<string, string>();
      model.sheets.forEach((sheet, i) => {
        const id = `{00000000-${(i + 1).toString(16).toUpperCase().padStart(4, "0")}-0000-0000-000000000000}`;
        ids.set(sheet.id, id);
      });
      const map = (id: string): string => ids.get(id) ?? id;
      for (const sheet of model.sheets) sheet.id = map(sheet.id);
      for (const table of model.tables) table.sheetId = map(table.sheetId);
      for (const pivot of model.pivotTables) {
        pivot.sheetId = map(pivot.sheetId);
        pivot.source.sheetId = map(pivot.source.sheetId);
      }
      for (const chart of model.charts) chart.sheetId = map(chart.sheetId);
      for (const format of model.conditionalFormats) format.sheetId = map(format.sheetId);
      model.activeSheetId = map(model.activeSheetId);
      if (model.selection) model.selection = { ...model.selection, sheetId: map(model.selection.sheetId) };
      sim.Office.context.document.settings.reloadSaved();
      runtime.notify("sync");
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  if (options.selection) sim.setSelection(options.selection);
  return sim;
}

/** Sets `Excel`, `Office` and `OfficeExtension` on the given global object so unmodified add-in code uses the sim. */
export function installWorkbookSim(globalObject: object, sim: WorkbookSim): void {
  Object.assign(globalObject, { Excel: sim.Excel, Office: sim.Office, OfficeExtension: sim.OfficeExtension });
}
