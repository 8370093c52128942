/**
 * Writes a run's outputs: customer sheet, summary sheet (tables, R×F grid, PivotTables, charts) and segment
 * columns. Nothing of the user's is overwritten: new sheets get names no other sheet has; with replacePrevious
 * only sheets recorded as the add-in's own are deleted first (their PivotTables explicitly, then the sheets).
 * If anything fails, the sheets created in this run are deleted and segment columns undone, and the error is
 * rethrown as an ExcelWriteError with a plain message.
 */
import type { RfmResult } from "../engine/types";
import type { SourceRange, WriteOptions, WriteReport, ProgressFn } from "./gateway";
import {
  OUTPUT_RECORD_SETTING,
  OUTPUT_TAG_PROPERTY,
  type OutputRecord,
  listSheets,
  readOutputRecord,
  saveSetting,
} from "./add-in-ownership";
import { addCharts } from "./charts";
import { ExcelWriteError, toExcelWriteError } from "./errors";
import { addDimensionPivot, addSegmentTierPivot } from "./pivot";
import { detectCapabilities, startWritePhase } from "./requirements";
import { uniqueSheetName, uniqueTableName } from "./sheet-names";
import { customerColumnsLayout, writeCustomerSheet } from "./write-customer-sheet";
import { type UndoStep, writeSegmentColumns } from "./write-segment-columns";
import { writeStaticPivotTables, writeSummaryTables } from "./write-summary";

export async function writeResults(
  result: RfmResult,
  source: SourceRange,
  options: WriteOptions,
  onProgress?: ProgressFn,
): Promise<WriteReport> {
  const capabilities = detectCapabilities();
  const labels = options.labels;
  const record = readOutputRecord();
  const report: WriteReport = { sheetsWritten: [], fallbacks: [] };
  if (options.summary && !capabilities.pivotTables)
    report.fallbacks.push("ExcelApi 1.8: PivotTable (static tables written instead)");
  if (options.summary && !capabilities.conditionalFormats)
    report.fallbacks.push("ExcelApi 1.6: colour scale on the R×F grid");
  if (options.charts && !capabilities.charts) report.fallbacks.push("ExcelApi 1.7: charts");
  const createdSheetNames: string[] = [];
  const undo: UndoStep[] = [];
  let newRecord: OutputRecord = { ...record };
  const progress = (fraction: number): void => onProgress?.(Math.min(1, Math.max(0, fraction)));

  try {
    await Excel.run(async (context) => {
      const sheets = await listSheets(context, capabilities, record);
      const owned = sheets.filter((sheet) => sheet.owned);
      // The sheet being analysed is never deleted, even if it is one of ours (a user may analyse our output).
      const replaced = options.replacePrevious ? owned.filter((sheet) => sheet.name !== source.sheetName) : [];
      if (replaced.length > 0 && capabilities.pivotTables) {
        const pivotLists = replaced.map((sheet) => {
          const pivots = context.workbook.worksheets.getItem(sheet.id).pivotTables;
          pivots.load("items/name");
          return pivots;
        });
        await context.sync();
        for (const pivots of pivotLists) for (const pivot of pivots.items) pivot.delete();
      }
      for (const sheet of replaced) context.workbook.worksheets.getItem(sheet.id).delete();
      const tables = context.workbook.tables;
      tables.load("items/name");
      await context.sync();
      const takenSheetNames = sheets.filter((sheet) => !replaced.includes(sheet)).map((sheet) => sheet.name);
      const takenTableNames = tables.items.map((table) => table.name);
      const newSheet = (label: string, tag: string): Excel.Worksheet => {
        const name = uniqueSheetName(label, takenSheetNames);
        takenSheetNames.push(name);
        createdSheetNames.push(name);
        const sheet = context.workbook.worksheets.add(name);
        sheet.load("id,name");
        if (capabilities.worksheetCustomProperties) sheet.customProperties.add(OUTPUT_TAG_PROPERTY, tag);
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
      const created = [customerSheet, summarySheet].filter((sheet): sheet is Excel.Worksheet => sheet !== undefined);
      report.sheetsWritten = created.map((sheet) => sheet.name);
      newRecord = {
        version: 1,
        sheetIds: [
          ...owned.filter((sheet) => !replaced.includes(sheet)).map((sheet) => sheet.id),
          ...created.map((sheet) => sheet.id),
        ],
        segmentColumns: record.segmentColumns,
      };

      let customerTable: Excel.Table | undefined;
      if (customerSheet) {
        customerTable = await writeCustomerSheet(
          context,
          customerSheet,
          result,
          labels,
          newTableName(labels.tables.customers),
          capabilities,
          (f) => progress(f * 0.6),
        );
      }
      if (summarySheet) {
        const placement = writeSummaryTables(
          summarySheet,
          result,
          labels,
          {
            segmentSummary: newTableName(labels.tables.segmentSummary),
            tierSummary: newTableName(labels.tables.tierSummary),
          },
          capabilities,
        );
        if (options.summary) {
          if (capabilities.pivotTables && customerTable) {
            const headers = customerColumnsLayout(result, labels).headers;
            addSegmentTierPivot(summarySheet, customerTable, labels, headers, placement.layout.segmentTierPivot);
            const dimensionHeader = headers[16];
            if (dimensionHeader !== undefined) {
              addDimensionPivot(summarySheet, customerTable, labels, headers, dimensionHeader, {
                row: placement.secondPivotRow,
                column: placement.layout.segmentTierPivot.column,
              });
            }
          } else {
            if (capabilities.pivotTables && !customerTable)
              report.fallbacks.push("No customer sheet: static tables instead of PivotTables");
            writeStaticPivotTables(summarySheet, result, labels, placement);
          }
        }
        if (options.charts && capabilities.charts) addCharts(summarySheet, labels, placement);
        startWritePhase(context, capabilities);
        await context.sync();
      }
      progress(0.8);
      if (options.segmentColumns) {
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
        if (outcome.written) newRecord.segmentColumns = outcome.written;
      }
      (summarySheet ?? customerSheet)?.activate();
      await context.sync();
    });
    await saveSetting(OUTPUT_RECORD_SETTING, newRecord);
    progress(1);
    return report;
  } catch (error) {
    const mapped = toExcelWriteError(error);
    await undoRun(createdSheetNames, undo).catch((cleanupError: unknown) => {
      mapped.cleanupError = toExcelWriteError(cleanupError);
    });
    throw mapped;
  }
}

/** Deletes this run's sheets (those that exist) and reverses segment columns. */
async function undoRun(createdSheetNames: string[], undo: UndoStep[]): Promise<void> {
  if (createdSheetNames.length === 0 && undo.length === 0) return;
  await Excel.run(async (context) => {
    // A step may sync itself (segment columns restore their earlier labels in chunks under the 5 MB limit).
    for (const step of undo) await step(context);
    const sheets = createdSheetNames.map((name) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(name);
      sheet.load("id");
      return sheet;
    });
    await context.sync();
    for (const sheet of sheets) if (!sheet.isNullObject) sheet.delete();
    await context.sync();
  });
}

export { ExcelWriteError };
