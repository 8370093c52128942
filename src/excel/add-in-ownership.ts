/**
 * Which workbook objects the add-in made. Recorded by id, not by name, in the document settings (and, where
 * ExcelApi 1.12 exists, as a worksheet custom property too), so a user's sheet that happens to carry the same name
 * is never taken for ours and a renamed output sheet is still recognised.
 */
import type { ExcelCapabilities } from "./requirements";

export const OUTPUT_RECORD_SETTING = "rfmSegments.outputs";
export const SETTINGS_KEY = "rfmSegments.settings";
export const OUTPUT_TAG_PROPERTY = "RfmSegmentsOutput";

/** Segment columns written beside the user's data (0-based cells; the header row included). */
export interface SegmentColumnsRecord {
  sheetId: string;
  row: number;
  column: number;
  rowCount: number;
  /** Set when the two columns were added to the user's table. */
  tableName?: string;
}

export interface OutputRecord {
  version: 1;
  sheetIds: string[];
  segmentColumns?: SegmentColumnsRecord;
}

export function readOutputRecord(): OutputRecord {
  const stored = Office.context.document.settings.get(OUTPUT_RECORD_SETTING) as Partial<OutputRecord> | null;
  if (!stored || stored.version !== 1 || !Array.isArray(stored.sheetIds)) return { version: 1, sheetIds: [] };
  return {
    version: 1,
    sheetIds: stored.sheetIds.filter((id): id is string => typeof id === "string"),
    segmentColumns: stored.segmentColumns,
  };
}

export function saveSetting(name: string, value: unknown): Promise<void> {
  const settings = Office.context.document.settings;
  settings.set(name, value);
  return new Promise((resolve, reject) => {
    settings.saveAsync((result) => {
      if (result.status === Office.AsyncResultStatus.Failed)
        reject(new Error(result.error?.message ?? "Saving the document settings failed"));
      else resolve();
    });
  });
}

export interface SheetInfo {
  id: string;
  name: string;
  owned: boolean;
}

/** Lists all sheets, marking the add-in's own (recorded ids, or tagged with the custom property). */
export async function listSheets(
  context: Excel.RequestContext,
  capabilities: ExcelCapabilities,
  record: OutputRecord,
): Promise<SheetInfo[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/id,items/name");
  await context.sync();
  const tags = capabilities.worksheetCustomProperties
    ? sheets.items.map((sheet) => {
        const tag = sheet.customProperties.getItemOrNullObject(OUTPUT_TAG_PROPERTY);
        tag.load("value");
        return tag;
      })
    : [];
  if (tags.length > 0) await context.sync();
  return sheets.items.map((sheet, i) => ({
    id: sheet.id,
    name: sheet.name,
    owned: record.sheetIds.includes(sheet.id) || (tags[i] !== undefined && !tags[i].isNullObject),
  }));
}
