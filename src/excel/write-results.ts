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
import type { SourceRange, WriteOptions, WriteReport, ProgressFn } from "./gateway";
import {
  OUTPUT_RECORD_SETTING,
  OUTPUT_TAG_PROPERTY,
  type HiddenSheetRecord,
  type OutputRecord,
  type OutputSheetRecord,
  type SheetInfo,
  fingerprintSheets,
  headerHashes,
  listPreviousOutputs,
  listSheets,
  readOutputRecord,
  saveSetting,
} from "./add-in-ownership";
import { addCharts } from "./charts";
import { toExcelWriteError } from "./errors";
import { addDimensionPivot, addSegmentTierPivot } from "./pivot";
import { type ExcelCapabilities, detectCapabilities, startWritePhase } from "./requirements";
import { uniqueSheetName, uniqueTableName } from "./sheet-names";
import { customerColumnsLayout, writeCustomerSheet } from "./write-customer-sheet";
import { type CustomerTableRef, customerTableRef, writeMovementBlocks } from "./write-movement";
import { usableForecast, writeForecastSummary } from "./write-forecast";
import { type UndoStep, writeSegmentColumns } from "./write-segment-columns";
import { writeStaticPivotTables, writeSummaryTables } from "./write-summary";

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

export async function writeResults(
  result: RfmResult,
  source: SourceRange,
  options: WriteOptions,
  onProgress?: ProgressFn,
  session?: RunSession,
): Promise<WriteReport> {
  const capabilities = detectCapabilities();
  const labels = options.labels;
  const record = readOutputRecord();
  const report: WriteReport = { sheetsWritten: [], fallbacks: [] };
  const journal: JournalEntry[] = [];
  const undo: UndoStep[] = [];
  let newRecord: OutputRecord = { ...record };
  let purge: HiddenSheetRecord[] = [];
  let customerTableName: string | undefined;
  /** The sheets this run hid; their recorded positions follow the purge below (undo puts them back there). */
  let hiddenByRun: HiddenSheetRecord[] = [];
  const progress = (fraction: number): void => onProgress?.(Math.min(1, Math.max(0, fraction)));

  try {
    await Excel.run(async (context) => {
      // ---- plan and check: nothing changes until every decision is made ----
      const sheets = await listSheets(context, capabilities, record);
      const preRunIds = new Set(sheets.map((sheet) => sheet.id));
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
      const previousActiveId = active.id;
      const takenSheetNames = sheets.map((sheet) => sheet.name);
      const takenTableNames = [...tables.items.map((table) => table.name), ...names.items.map((name) => name.name)];

      // ---- apply: each change's reversal is journalled before the change is queued ----
      const created: { sheet: Excel.Worksheet; label: string; name: string; tag: string }[] = [];
      const runTag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
      const newSheet = (label: string, kind: string): Excel.Worksheet => {
        const name = uniqueSheetName(label, takenSheetNames);
        takenSheetNames.push(name);
        const sheet = context.workbook.worksheets.add(name);
        const entry = { sheet, label, name, tag: `${kind}:${runTag}` };
        journal.push((ctx) => deleteCreatedSheet(ctx, preRunIds, entry));
        sheet.load("id,name");
        created.push(entry);
        return sheet;
      };
      const newTableName = (label: string): string => {
        const name = uniqueTableName(label, takenTableNames);
        takenTableNames.push(name);
        return name;
      };
      const customerSheet = options.customerSheet ? newSheet(labels.sheets.customers, "customers") : undefined;
      const summarySheet = options.summary || options.charts ? newSheet(labels.sheets.summary, "summary") : undefined;
      await context.sync();
      if (capabilities.worksheetCustomProperties)
        for (const entry of created) entry.sheet.customProperties.add(OUTPUT_TAG_PROPERTY, entry.tag);

      // The forecast of the same rows, when it has a purchase model (labels without forecast texts: none).
      const forecast = labels.forecast ? usableForecast(result, options.forecast) : undefined;
      let customerTable: Excel.Table | undefined;
      if (customerSheet) {
        customerTable = await writeCustomerSheet(
          context,
          customerSheet,
          result,
          labels,
          (customerTableName = newTableName(labels.tables.customers)),
          capabilities,
          (f) => progress(f * 0.6),
          forecast,
        );
      }
      if (summarySheet) {
        const placement = writeSummaryTables(summarySheet, result, labels, {
          segmentSummary: newTableName(labels.tables.segmentSummary),
          tierSummary: newTableName(labels.tables.tierSummary),
        });
        if (options.summary) {
          if (customerTable) {
            const columns = customerColumnsLayout(result, labels, forecast);
            addSegmentTierPivot(summarySheet, customerTable, labels, columns, placement.layout.segmentTierPivot);
            // One PivotTable per mapped dimension, side by side (summary-layout.ts).
            placement.layout.dimensionPivots.forEach((rect, i) => {
              const dimensionHeader = columns.headers[columns.dimensionStart + i];
              if (dimensionHeader !== undefined)
                addDimensionPivot(summarySheet, customerTable, labels, columns, dimensionHeader, rect, i);
            });
          } else {
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
        startWritePhase(context, capabilities);
        await context.sync();
      }
      progress(0.8);
      let segmentColumns = record.segmentColumns;
      if (options.segmentColumns) {
        journal.push(async (ctx) => {
          for (const step of undo) await step(ctx);
          await ctx.sync();
        });
        const outcome = await writeSegmentColumns(
          context,
          result,
          source,
          labels,
          capabilities,
          record.segmentColumns,
          undo,
          (f) => progress(0.8 + f * 0.2),
        );
        if (outcome.blocked) report.segmentColumnsBlocked = outcome.blocked;
        if (outcome.sourceChanged) report.segmentColumnsSourceChanged = outcome.sourceChanged;
        if (outcome.fallback) report.fallbacks.push(outcome.fallback);
        if (outcome.written) segmentColumns = outcome.written;
      }

      // What was written, for telling later edits apart (read back, so it is exactly what the sheets hold).
      const createdIds = created.map((entry) => entry.sheet.id);
      const contents = await fingerprintSheets(context, createdIds);
      const headers = await headerHashes(context, createdIds);

      // ---- commit: the new outputs are complete; only now are the old ones put aside ----
      const finalNames = new Map<string, string>();
      const taken = new Set(takenSheetNames.map((name) => name.toLowerCase()));
      const hidden: HiddenSheetRecord[] = [];
      const first = summarySheet ?? customerSheet;
      if (first) {
        journal.push((ctx) => reactivate(ctx, previousActiveId));
        first.activate();
      }
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
      await context.sync();
      report.sheetsWritten = created.map((entry) => finalNames.get(entry.sheet.id) ?? entry.name);

      const replacedIds = new Set(replaced.map((sheet) => sheet.id));
      const kept = candidates.filter((sheet) => !replacedIds.has(sheet.id));
      const createdRecords: OutputSheetRecord[] = created.map((entry) => ({
        id: entry.sheet.id,
        name: finalNames.get(entry.sheet.id) ?? entry.name,
        header: headers.get(entry.sheet.id) ?? "",
        content: contents.get(entry.sheet.id) ?? "",
        tag: capabilities.worksheetCustomProperties ? entry.tag : undefined,
      }));
      const keptRecords = kept.flatMap((sheet) => (sheet.recorded ? [{ ...sheet.recorded, id: sheet.id }] : []));
      purge = pending;
      hiddenByRun = hidden;
      newRecord = {
        version: 1,
        sheetIds: [...kept.map((sheet) => sheet.id), ...createdIds],
        sheets: [...keptRecords, ...createdRecords],
        segmentColumns,
        // Until they are purged below, the earlier pending sheets stay listed (a failed purge is retried later).
        pendingDeletion: [...hidden, ...pending],
      };
    });
    await saveSetting(OUTPUT_RECORD_SETTING, newRecord);
  } catch (error) {
    const mapped = toExcelWriteError(error);
    await playBack(journal).catch((cleanupError: unknown) => {
      mapped.cleanupError = toExcelWriteError(cleanupError);
    });
    throw mapped;
  }
  if (session)
    session.lastRun = {
      journal,
      previousRecord: record,
      customerTable: customerTableName === undefined ? undefined : customerTableRef(customerTableName, result, labels),
    };
  // The undo window of the run before closes now: the sheets its Replace hid are deleted for good.
  if (purge.length > 0) {
    try {
      await Excel.run((context) =>
        purgeHiddenSheets(context, purge, (position) => {
          // Deleting a sheet moves every later tab one to the left: so do the positions undo restores.
          for (const entry of hiddenByRun) if (entry.position > position) entry.position -= 1;
        }),
      );
      newRecord = { ...newRecord, pendingDeletion: newRecord.pendingDeletion?.filter((p) => !purge.includes(p)) };
      await saveSetting(OUTPUT_RECORD_SETTING, newRecord);
    } catch {
      // They stay hidden and recorded; the next run tries again. The run itself succeeded.
    }
  }
  progress(1);
  return report;
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
