/** The WorkbookGateway over Office.js; the only object the pane gets from this folder. */
import type { WorkbookGateway } from "./gateway";
import { SETTINGS_KEY, listSheets, readOutputRecord, saveSetting } from "./add-in-ownership";
import { toExcelWriteError } from "./errors";
import { readSource } from "./read-source";
import { detectCapabilities } from "./requirements";
import { writeResults } from "./write-results";

async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toExcelWriteError(error);
  }
}

export function createOfficeGateway(): WorkbookGateway {
  return {
    readSource: (onProgress) => mapped(() => readSource(onProgress)),
    hasPreviousOutputs: () =>
      mapped(() =>
        Excel.run(async (context) => {
          const sheets = await listSheets(context, detectCapabilities(), readOutputRecord());
          return sheets.some((sheet) => sheet.owned);
        }),
      ),
    writeResults: (result, source, options, onProgress) => writeResults(result, source, options, onProgress),
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
