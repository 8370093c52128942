/**
 * Writes a run's outputs: customer sheet, summary sheet (tables, R×F grid, PivotTables, charts) and segment
 * columns. Nothing of the user's is overwritten: new sheets get names no other sheet has, tables names no table or
 * defined name has. A run is planned and checked before anything changes (which sheets are provably ours, which of
 * them the user agreed to replace, free names); then every change is recorded in a journal (how to reverse it)
 * before it is made. Replace writes the new outputs first; only once they are complete are the old ones renamed
 * aside and hidden (VeryHidden), recorded as pending deletion, and deleted for good after the next successful run.
 * If anything fails, the journal is played back (the workbook is as before the run) and the error is rethrown as an
 * ExcelWriteError with a plain message. After a successful run the same journal is the session's undo.
 */
import type { RfmResult } from "../engine/types";
import type { Forecast } from "../forecast";
import type { WorkbookLabels } from "../i18n/workbook-labels";
import type { SourceRange, WriteOptions, WriteReport, ProgressFn } from "./gateway";
import {
  OUTPUT_RECORD_SETTING,
  OUTPUT_TAG_PROPERTY,
  type HiddenSheetRecord,
  type OutputRecord,
  type OutputSheetRecord,
  type SegmentColumnsRecord,
  type SheetInfo,
  fingerprintSheets,
  headerHashes,
  listPreviousOutputs,
  listSheets,
  readOutputRecord,
  saveSetting,
} from "./add-in-ownership";
import { addCharts } from "./charts";
import { type ExcelWriteError, toExcelWriteError } from "./errors";
import { addDimensionPivot, addSegmentTierPivot } from "./pivot";
import { type ExcelCapabilities, detectCapabilities, startWritePhase } from "./requirements";
import { uniqueSheetName, uniqueTableName } from "./sheet-names";
import { customerColumnsLayout, writeCustomerSheet } from "./write-customer-sheet";
import { type CustomerTableRef, customerTableRef, writeMovementBlocks } from "./write-movement";
import { usableForecast, writeForecastSummary } from "./write-forecast";
import { type UndoStep, writeSegmentColumns } from "./write-segment-columns";
import { type SummaryPlacement, writeStaticPivotTables, writeSummaryTables } from "./write-summary";

/** Reverses one change; tolerant of the change never having been made (it is recorded before it is made). */
type JournalEntry = (context: Excel.RequestContext) => Promise<void>;

/** What undoLastRun needs: the journal of the last successful run and the output record before it. */
interface LastRun {
  journal: JournalEntry[];
  previousRecord: OutputRecord;
  /** The customer table this run wrote, for filtering it from the pane (write-movement.ts). */
  customerTable?: CustomerTableRef;
}

/** Per-gateway state: the last run of this session (the undo window). */
export interface RunSession {
  lastRun?: LastRun;
}

/** Name an old output sheet gets while hidden, so it never blocks the new outputs' names. */
const HIDDEN_SHEET_LABEL = "RFM replaced";

/** Everything a run works from: its inputs, and where it records what it did. */
interface RunJob {
  result: RfmResult;
  source: SourceRange;
  options: WriteOptions;
  capabilities: ExcelCapabilities;
  /** The output record as the run found it. */
  record: OutputRecord;
  report: WriteReport;
  journal: JournalEntry[];
  progress: (fraction: number) => void;
}

/** What a run that wrote everything leaves for after its Excel.run: the record to save and the sheets to purge. */
interface CommittedRun {
  record: OutputRecord;
  /** Earlier runs' hidden sheets, still provably ours: deleted for good once this run is saved. */
  purge: HiddenSheetRecord[];
  /** The sheets this run hid; their recorded positions follow the purge (undo puts them back there). */
  hiddenByRun: HiddenSheetRecord[];
  customerTableName: string | undefined;
}

/**
 * Writes a run's outputs as the file comment says: all of it, or (played back) nothing, with the error rethrown as
 * an ExcelWriteError. The session keeps the journal as its undo.
 */
export async function writeResults(
  result: RfmResult,
  source: SourceRange,
  options: WriteOptions,
  onProgress?: ProgressFn,
  session?: RunSession,
): Promise<WriteReport> {
  const job: RunJob = {
    result,
    source,
    options,
    capabilities: detectCapabilities(),
    record: readOutputRecord(),
    report: { sheetsWritten: [], fallbacks: [] },
    journal: [],
    progress: (fraction) => onProgress?.(Math.min(1, Math.max(0, fraction))),
  };
  let run: CommittedRun;
  try {
    run = await Excel.run((context) => writeAndCommit(context, job));
    await saveSetting(OUTPUT_RECORD_SETTING, run.record);
  } catch (error) {
    throw await rolledBack(job.journal, error);
  }
  if (session)
    session.lastRun = {
      journal: job.journal,
      previousRecord: job.record,
      customerTable:
        run.customerTableName === undefined
          ? undefined
          : customerTableRef(run.customerTableName, result, job.options.labels),
    };
  if (run.purge.length > 0) await purgeEarlierReplaced(run);
  job.progress(1);
  return job.report;
}

/**
 * The run inside one Excel.run: plan, write the new outputs (each change journalled before it is made), read back
 * what was written, and only then put the old outputs aside.
 */
async function writeAndCommit(context: Excel.RequestContext, job: RunJob): Promise<CommittedRun> {
  const { result, options, report } = job;
  const labels = options.labels;
  const plan = await planRun(context, job);
  const outputs = new NewOutputs(context, job.journal, plan);
  const customerSheet = options.customerSheet ? outputs.sheet(labels.sheets.customers, "customers") : undefined;
  const summarySheet = options.summary || options.charts ? outputs.sheet(labels.sheets.summary, "summary") : undefined;
  await context.sync();
  if (job.capabilities.worksheetCustomProperties) outputs.tagSheets();

  // The forecast of the same rows, when it has a purchase model (labels without forecast texts: none).
  const forecast = labels.forecast ? usableForecast(result, options.forecast) : undefined;
  let customerTable: Excel.Table | undefined;
  let customerTableName: string | undefined;
  if (customerSheet) {
    customerTableName = outputs.tableName(labels.tables.customers);
    customerTable = await writeCustomerSheet(
      context,
      customerSheet,
      result,
      labels,
      customerTableName,
      job.capabilities,
      (f) => job.progress(f * 0.6),
      forecast,
    );
  }
  if (summarySheet) await writeSummarySheet(context, job, summarySheet, outputs, customerTable, forecast);
  job.progress(0.8);
  const segmentColumns = options.segmentColumns
    ? await writeSegmentColumnsStep(context, job)
    : job.record.segmentColumns;

  // What was written, for telling later edits apart (read back, so it is exactly what the sheets hold).
  const createdIds = outputs.created.map((entry) => entry.sheet.id);
  const written: WrittenSheets = {
    contents: await fingerprintSheets(context, createdIds),
    headers: await headerHashes(context, createdIds),
  };

  // ---- commit: the new outputs are complete; only now are the old ones put aside ----
  const taken = new Set(outputs.takenSheetNames.map((name) => name.toLowerCase()));
  const first = summarySheet ?? customerSheet;
  if (first) activateFirstOutput(job.journal, first, plan.previousActiveId);
  const hidden = hideReplacedSheets(context, job.journal, plan.replaced, taken);
  const finalNames = giveFinalNames(job.journal, outputs.created, taken);
  await context.sync();
  report.sheetsWritten = outputs.created.map((entry) => finalNames.get(entry.sheet.id) ?? entry.name);
  return {
    record: newOutputRecord(job, plan, outputs.created, finalNames, written, segmentColumns, hidden),
    purge: plan.pending,
    hiddenByRun: hidden,
    customerTableName,
  };
}

/** The decisions of a run, all made before anything changes. */
interface RunPlan {
  /** Ids of the sheets before the run (a created sheet whose id never came back is found by not being one). */
  preRunIds: Set<string>;
  previousActiveId: string;
  /** Earlier runs' hidden sheets that are still provably ours. */
  pending: HiddenSheetRecord[];
  /** Our visible outputs that may be replaced, and those of them that will be. */
  candidates: SheetInfo[];
  replaced: SheetInfo[];
  takenSheetNames: string[];
  takenTableNames: string[];
}

/**
 * Plans and checks the run: which sheets are provably ours, which of them the user agreed to replace, which names
 * are taken. Nothing changes until every decision is made.
 */
async function planRun(context: Excel.RequestContext, job: RunJob): Promise<RunPlan> {
  const { capabilities, record, options, source } = job;
  const sheets = await listSheets(context, capabilities, record);
  const active = context.workbook.worksheets.getActiveWorksheet();
  active.load("id");
  const pending = provenPending(sheets, record, capabilities);
  const pendingIds = new Set(pending.map((p) => p.id));
  // The sheet being analysed is never replaced, even if it is one of ours (a user may analyse our output).
  const candidates = sheets.filter(
    (sheet) =>
      sheet.owned && sheet.visibility === "Visible" && !pendingIds.has(sheet.id) && sheet.name !== source.sheetName,
  );
  let replaced: SheetInfo[] = [];
  if (options.replacePrevious) {
    const agreed = options.replaceSheetIds
      ? new Set(options.replaceSheetIds)
      : new Set(
          (await listPreviousOutputs(context, capabilities, record, candidates))
            .filter((output) => !output.renamed && !output.edited)
            .map((output) => output.id),
        );
    replaced = candidates.filter((sheet) => agreed.has(sheet.id));
  }
  const tables = context.workbook.tables;
  tables.load("items/name");
  // Table names and defined names share one namespace (a clash fails with InvalidArgument, office-js#551).
  const names = context.workbook.names;
  names.load("items/name");
  await context.sync();
  return {
    preRunIds: new Set(sheets.map((sheet) => sheet.id)),
    previousActiveId: active.id,
    pending,
    candidates,
    replaced,
    takenSheetNames: sheets.map((sheet) => sheet.name),
    takenTableNames: [...tables.items.map((table) => table.name), ...names.items.map((name) => name.name)],
  };
}

/** A sheet this run created: the label it is named after, the name it got, its ownership tag. */
interface CreatedSheet {
  sheet: Excel.Worksheet;
  label: string;
  name: string;
  tag: string;
}

/** New sheets and table names under names nobody else has; each sheet's deletion is journalled as it is added. */
class NewOutputs {
  readonly created: CreatedSheet[] = [];
  readonly takenSheetNames: string[];
  private readonly takenTableNames: string[];
  private readonly runTag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly journal: JournalEntry[],
    private readonly plan: RunPlan,
  ) {
    this.takenSheetNames = plan.takenSheetNames;
    this.takenTableNames = plan.takenTableNames;
  }

  /** Adds a sheet named after `label`; `kind` goes into its ownership tag. */
  sheet(label: string, kind: string): Excel.Worksheet {
    const name = uniqueSheetName(label, this.takenSheetNames);
    this.takenSheetNames.push(name);
    const sheet = this.context.workbook.worksheets.add(name);
    const entry = { sheet, label, name, tag: `${kind}:${this.runTag}` };
    const preRunIds = this.plan.preRunIds;
    this.journal.push((ctx) => deleteCreatedSheet(ctx, preRunIds, entry));
    sheet.load("id,name");
    this.created.push(entry);
    return sheet;
  }

  /** A table name no table or defined name has. */
  tableName(label: string): string {
    const name = uniqueTableName(label, this.takenTableNames);
    this.takenTableNames.push(name);
    return name;
  }

  /** Tags the created sheets as ours (ExcelApi 1.12): ids change when a file is reopened, the tag does not. */
  tagSheets(): void {
    for (const entry of this.created) entry.sheet.customProperties.add(OUTPUT_TAG_PROPERTY, entry.tag);
  }
}

/** The summary sheet: tables, PivotTables (or static tables), charts, movement and forecast blocks. */
async function writeSummarySheet(
  context: Excel.RequestContext,
  job: RunJob,
  summarySheet: Excel.Worksheet,
  outputs: NewOutputs,
  customerTable: Excel.Table | undefined,
  forecast: Forecast | undefined,
): Promise<void> {
  const { result, options, report } = job;
  const labels = options.labels;
  const placement = writeSummaryTables(summarySheet, result, labels, {
    segmentSummary: outputs.tableName(labels.tables.segmentSummary),
    tierSummary: outputs.tableName(labels.tables.tierSummary),
  });
  if (options.summary) {
    if (customerTable) addSummaryPivots(summarySheet, customerTable, result, labels, forecast, placement);
    else {
      // PivotTables need the customer table as their source.
      report.fallbacks.push("No customer sheet: static tables instead of PivotTables");
      writeStaticPivotTables(summarySheet, result, labels, placement);
    }
  }
  if (options.charts) addCharts(summarySheet, labels, placement);
  if (options.summary && placement.layout.movement) {
    writeMovementBlocks(summarySheet, result, labels, {
      layout: placement.layout.movement,
      customerTable,
      customerHeaders: customerColumnsLayout(result, labels, forecast).headers,
      colourScale: true,
      charts: options.charts,
    });
  }
  if (forecast && options.summary) {
    writeForecastSummary(summarySheet, result, forecast, labels, placement.layout, {
      charts: options.charts,
      // A PivotTable data field where PivotTables exist, the static table otherwise.
      pivot: customerTable
        ? { table: customerTable, headers: customerColumnsLayout(result, labels, forecast).headers }
        : undefined,
    });
  }
  startWritePhase(context, job.capabilities);
  await context.sync();
}

/** The segment × tier PivotTable and one PivotTable per mapped dimension, side by side (summary-layout.ts). */
function addSummaryPivots(
  summarySheet: Excel.Worksheet,
  customerTable: Excel.Table,
  result: RfmResult,
  labels: WorkbookLabels,
  forecast: Forecast | undefined,
  placement: SummaryPlacement,
): void {
  const columns = customerColumnsLayout(result, labels, forecast);
  addSegmentTierPivot(summarySheet, customerTable, labels, columns, placement.layout.segmentTierPivot);
  placement.layout.dimensionPivots.forEach((rect, i) => {
    const dimensionHeader = columns.headers[columns.dimensionStart + i];
    if (dimensionHeader !== undefined)
      addDimensionPivot(summarySheet, customerTable, labels, columns, dimensionHeader, rect, i);
  });
}

/**
 * The segment columns beside the source, when every cell there is free or provably ours; their undo steps are
 * journalled as one entry before any is written. Returns what the record keeps of them.
 */
async function writeSegmentColumnsStep(
  context: Excel.RequestContext,
  job: RunJob,
): Promise<SegmentColumnsRecord | undefined> {
  const { report, record } = job;
  const undo: UndoStep[] = [];
  job.journal.push(async (ctx) => {
    for (const step of undo) await step(ctx);
    await ctx.sync();
  });
  const outcome = await writeSegmentColumns(
    context,
    job.result,
    job.source,
    job.options.labels,
    job.capabilities,
    record.segmentColumns,
    undo,
    (f) => job.progress(0.8 + f * 0.2),
  );
  if (outcome.blocked) report.segmentColumnsBlocked = outcome.blocked;
  if (outcome.sourceChanged) report.segmentColumnsSourceChanged = outcome.sourceChanged;
  if (outcome.fallback) report.fallbacks.push(outcome.fallback);
  if (outcome.besideEarlier) report.segmentColumnsBesideEarlier = outcome.besideEarlier;
  return outcome.written ?? record.segmentColumns;
}

/** Shows the first new output; undo makes the sheet that was active before active again. */
function activateFirstOutput(journal: JournalEntry[], first: Excel.Worksheet, previousActiveId: string): void {
  journal.push((ctx) => reactivate(ctx, previousActiveId));
  first.activate();
}

/**
 * Puts the replaced outputs aside: renamed (so their names are free for the new outputs) and VeryHidden until the
 * next successful run deletes them, so undo can bring them back. Returns what the record keeps of each.
 */
function hideReplacedSheets(
  context: Excel.RequestContext,
  journal: JournalEntry[],
  replaced: SheetInfo[],
  taken: Set<string>,
): HiddenSheetRecord[] {
  const hidden: HiddenSheetRecord[] = [];
  for (const old of replaced) {
    const hiddenName = uniqueSheetName(HIDDEN_SHEET_LABEL, taken);
    taken.add(hiddenName.toLowerCase());
    taken.delete(old.name.toLowerCase());
    const entry: HiddenSheetRecord = {
      id: old.id,
      hiddenName,
      name: old.name,
      position: old.position,
      visibility: old.visibility,
    };
    hidden.push(entry);
    journal.push((ctx) => restoreHiddenSheet(ctx, entry));
    const sheet = context.workbook.worksheets.getItem(old.id);
    sheet.name = hiddenName;
    sheet.visibility = "VeryHidden";
  }
  return hidden;
}

/**
 * Renames each new sheet to its label's name now that the replaced ones freed theirs (`Customers`, not
 * `Customers (2)`). Returns the final name by sheet id.
 */
function giveFinalNames(journal: JournalEntry[], created: CreatedSheet[], taken: Set<string>): Map<string, string> {
  const finalNames = new Map<string, string>();
  for (const entry of created) {
    taken.delete(entry.name.toLowerCase());
    const name = uniqueSheetName(entry.label, taken);
    taken.add(name.toLowerCase());
    finalNames.set(entry.sheet.id, name);
    if (name !== entry.name) {
      const id = entry.sheet.id;
      const temporary = entry.name;
      journal.push((ctx) => renameSheet(ctx, id, temporary));
      entry.sheet.name = name;
    }
  }
  return finalNames;
}

/** Content fingerprints and header hashes of the created sheets, by id, as read back after writing. */
interface WrittenSheets {
  contents: Map<string, string>;
  headers: Map<string, string>;
}

/**
 * The output record after the run: our sheets that stay, the new ones with what they hold (to tell later edits
 * apart), the segment columns, and the sheets awaiting deletion.
 */
function newOutputRecord(
  job: RunJob,
  plan: RunPlan,
  created: CreatedSheet[],
  finalNames: Map<string, string>,
  written: WrittenSheets,
  segmentColumns: SegmentColumnsRecord | undefined,
  hidden: HiddenSheetRecord[],
): OutputRecord {
  const replacedIds = new Set(plan.replaced.map((sheet) => sheet.id));
  const kept = plan.candidates.filter((sheet) => !replacedIds.has(sheet.id));
  const createdRecords: OutputSheetRecord[] = created.map((entry) => ({
    id: entry.sheet.id,
    name: finalNames.get(entry.sheet.id) ?? entry.name,
    header: written.headers.get(entry.sheet.id) ?? "",
    content: written.contents.get(entry.sheet.id) ?? "",
    tag: job.capabilities.worksheetCustomProperties ? entry.tag : undefined,
  }));
  const keptRecords = kept.flatMap((sheet) => (sheet.recorded ? [{ ...sheet.recorded, id: sheet.id }] : []));
  return {
    version: 1,
    sheetIds: [...kept.map((sheet) => sheet.id), ...created.map((entry) => entry.sheet.id)],
    sheets: [...keptRecords, ...createdRecords],
    segmentColumns,
    // Until they are purged below, the earlier pending sheets stay listed (a failed purge is retried later).
    pendingDeletion: [...hidden, ...plan.pending],
  };
}

/** A failed run: its journal played back, the error in plain words (and the cleanup's, if that failed too). */
async function rolledBack(journal: JournalEntry[], error: unknown): Promise<ExcelWriteError> {
  const mapped = toExcelWriteError(error);
  await playBack(journal).catch((cleanupError: unknown) => {
    mapped.cleanupError = toExcelWriteError(cleanupError);
  });
  return mapped;
}

/**
 * The undo window of the run before closes now: the sheets its Replace hid are deleted for good, and the record
 * saved without them. If that fails they stay hidden and recorded; the next run tries again (this run succeeded).
 */
async function purgeEarlierReplaced(run: CommittedRun): Promise<void> {
  const { purge, hiddenByRun } = run;
  try {
    await Excel.run((context) =>
      purgeHiddenSheets(context, purge, (position) => {
        // Deleting a sheet moves every later tab one to the left: so do the positions undo restores.
        for (const entry of hiddenByRun) if (entry.position > position) entry.position -= 1;
      }),
    );
    await saveSetting(OUTPUT_RECORD_SETTING, {
      ...run.record,
      pendingDeletion: run.record.pendingDeletion?.filter((p) => !purge.includes(p)),
    });
  } catch {
    // They stay hidden and recorded; the next run tries again. The run itself succeeded.
  }
}

/** Undoes the session's last run: plays its journal back and restores the output record as it was before it. */
export async function undoLastRun(session: RunSession): Promise<void> {
  const lastRun = session.lastRun;
  if (!lastRun) return;
  try {
    await playBack(lastRun.journal);
    await saveSetting(OUTPUT_RECORD_SETTING, lastRun.previousRecord);
  } catch (error) {
    throw toExcelWriteError(error);
  }
  session.lastRun = undefined;
}

/** Runs the journal backwards; every entry runs even if one fails, and the first failure is rethrown. */
async function playBack(journal: JournalEntry[]): Promise<void> {
  if (journal.length === 0) return;
  let failure: { error: unknown } | undefined;
  await Excel.run(async (context) => {
    for (const entry of [...journal].reverse()) {
      try {
        await entry(context);
      } catch (error) {
        failure ??= { error };
      }
    }
  });
  if (failure !== undefined) throw failure.error;
}

/**
 * Deletes a sheet this run created: by its id once known; if the sync that created it failed before its id came
 * back, the sheet with that name which did not exist before the run (its id is not among the pre-run ids).
 */
async function deleteCreatedSheet(
  context: Excel.RequestContext,
  preRunIds: Set<string>,
  entry: { sheet: Excel.Worksheet; name: string },
): Promise<void> {
  let id: string | undefined;
  try {
    id = entry.sheet.id;
  } catch {
    id = undefined;
  }
  if (id === undefined) {
    const all = context.workbook.worksheets;
    all.load("items/id,items/name");
    await context.sync();
    id = all.items.find((sheet) => !preRunIds.has(sheet.id) && sheet.name === entry.name)?.id;
    if (id === undefined) return;
  }
  const sheet = context.workbook.worksheets.getItemOrNullObject(id);
  sheet.load("id");
  await context.sync();
  if (sheet.isNullObject) return;
  await deleteSheetWithPivots(context, id);
}

/** Deletes a sheet, its PivotTables first (explicitly, so none is left pointing at a deleted source). */
async function deleteSheetWithPivots(context: Excel.RequestContext, id: string): Promise<void> {
  const pivots = context.workbook.worksheets.getItem(id).pivotTables;
  pivots.load("items/name");
  await context.sync();
  for (const pivot of pivots.items) pivot.delete();
  context.workbook.worksheets.getItem(id).delete();
  await context.sync();
}

async function restoreHiddenSheet(context: Excel.RequestContext, entry: HiddenSheetRecord): Promise<void> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(entry.id);
  sheet.load("name,visibility,position");
  await context.sync();
  if (sheet.isNullObject) return;
  if (sheet.name !== entry.name) sheet.name = entry.name;
  const visibility = entry.visibility as Excel.SheetVisibility;
  if (sheet.visibility !== visibility) sheet.visibility = visibility;
  if (sheet.position !== entry.position) sheet.position = entry.position;
  await context.sync();
}

async function renameSheet(context: Excel.RequestContext, id: string, name: string): Promise<void> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(id);
  sheet.load("name");
  await context.sync();
  if (sheet.isNullObject || sheet.name === name) return;
  sheet.name = name;
  await context.sync();
}

async function reactivate(context: Excel.RequestContext, id: string): Promise<void> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(id);
  sheet.load("visibility");
  await context.sync();
  if (sheet.isNullObject || sheet.visibility !== "Visible") return;
  sheet.activate();
  await context.sync();
}

/**
 * The recorded pending-deletion sheets that are provably ours: still VeryHidden (users cannot set that from Excel's
 * UI), still carrying the name the add-in gave them when hiding, and the recorded id (or, with ExcelApi 1.12, the
 * tag: ids change when a file is reopened).
 */
function provenPending(
  sheets: SheetInfo[],
  record: OutputRecord,
  capabilities: ExcelCapabilities,
): HiddenSheetRecord[] {
  const out: HiddenSheetRecord[] = [];
  for (const entry of record.pendingDeletion ?? []) {
    const sheet = sheets.find(
      (s) =>
        s.visibility === "VeryHidden" &&
        s.name === entry.hiddenName &&
        (s.id === entry.id || (capabilities.worksheetCustomProperties && s.tagged)),
    );
    if (sheet && (!capabilities.worksheetCustomProperties || sheet.tagged)) out.push({ ...entry, id: sheet.id });
  }
  return out;
}

/** Deletes the pending sheets still provably ours; `onDeleted` gets each deleted sheet's position as it was. */
async function purgeHiddenSheets(
  context: Excel.RequestContext,
  pending: HiddenSheetRecord[],
  onDeleted: (position: number) => void,
): Promise<void> {
  for (const entry of pending) {
    const sheet = context.workbook.worksheets.getItemOrNullObject(entry.id);
    sheet.load("name,visibility,position");
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- each sheet is checked before it is deleted
    await context.sync();
    if (sheet.isNullObject || sheet.visibility !== "VeryHidden" || sheet.name !== entry.hiddenName) continue;
    const position = sheet.position;
    await deleteSheetWithPivots(context, entry.id);
    onDeleted(position);
  }
}
