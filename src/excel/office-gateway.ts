/** The WorkbookGateway over Office.js; the only object the pane gets from this folder. */
import type { WorkbookGateway } from "./gateway";
import { SETTINGS_KEY, listPreviousOutputs, readOutputRecord, saveSetting } from "./add-in-ownership";
import { toExcelWriteError } from "./errors";
import { CancelledError, RfmInputError } from "../engine/types";
import { previewSource, readEncoded, readSource } from "./read-source";
import { detectCapabilities } from "./requirements";
import { ExcelWriteError } from "./errors";
import { filterCustomerMove } from "./write-movement";
import { type RunSession, undoLastRun, writeResults } from "./write-results";

async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toExcelWriteError(error);
  }
}

/** As mapped, but the engine's input errors (mapping, options) and a cancel pass through as they are. */
async function mappedRead<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RfmInputError || error instanceof CancelledError) throw error;
    throw toExcelWriteError(error);
  }
}

export function createOfficeGateway(): WorkbookGateway {
  // The undo window: the last successful run of this pane session (Office.js changes are not on Excel's undo stack).
  const session: RunSession = {};
  const previousOutputs = () =>
    mapped(() => Excel.run((context) => listPreviousOutputs(context, detectCapabilities(), readOutputRecord())));
  return {
    readSource: (onProgress, options) => mapped(() => readSource(onProgress, options)),
    previewSource: (onProgress, options) => mapped(() => previewSource(onProgress, options)),
    readEncoded: (source, request, onProgress, options) =>
      mappedRead(() => readEncoded(source, request, onProgress, options)),
    hasPreviousOutputs: async () => (await previousOutputs()).length > 0,
    listPreviousOutputs: previousOutputs,
    writeResults: (result, source, options, onProgress) => writeResults(result, source, options, onProgress, session),
    undoLastRun: () => undoLastRun(session),
    canUndo: () => session.lastRun !== undefined,
    filterCustomerMove: (move) => {
      const table = session.lastRun?.customerTable;
      if (!table)
        return Promise.reject(new ExcelWriteError("excel_error", "No customer table of this session to filter."));
      return mapped(() => filterCustomerMove(table, move));
    },
    showSheet: (name) =>
      mapped(() =>
        Excel.run(async (context) => {
          context.workbook.worksheets.getItem(name).activate();
          await context.sync();
        }),
      ),
    loadSettings: () => Promise.resolve(Office.context.document.settings.get(SETTINGS_KEY) as unknown),
    saveSettings: (value) => mapped(() => saveSetting(SETTINGS_KEY, value)),
  };
}
