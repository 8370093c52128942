/**
 * The customer sheet: one row per customer with every SPEC column (plus the mapped dimensions, which the
 * by-dimension PivotTable needs), written range-first in chunks and then made into an Excel table.
 * Every text column (ids, RFM codes, segment names, actions, dimensions) and the header row get the text format "@"
 * before their values arrive, so `00001`, `545`, `-10% coupon` or `=HYPERLINK(…)` stay text (text-cells.ts).
 */
import type { CellValue, RfmResult } from "../engine/types";
import type { Forecast } from "../forecast";
import type { WorkbookLabels } from "../i18n/workbook-labels";
import { bytesPerRow, chunkRanges, rowsPerChunk } from "./chunking";
import { displayName, lifecycleKeyOf, rfmCode, segmentKeyOf, tierKeyOf, valueClassKeyOf } from "./labels";
import type { ExcelCapabilities } from "./requirements";
import { startWritePhase } from "./requirements";
import { TEXT_FORMAT, writeTextCells } from "./text-cells";
import { comparisonCells, comparisonColumns } from "./write-movement";
import { forecastCells, forecastColumnsLayout } from "./write-forecast";

export interface CustomerColumnsLayout {
  headers: string[];
  /** Number format per column; undefined = leave General. */
  formats: (string | undefined)[];
  /** Index of the first mapped dimension's column (they follow the SPEC columns). */
  dimensionStart: number;
  /** The header each of the add-in's columns got (renamed when a dimension of the user's has its name). */
  ours: WorkbookLabels["customerColumns"];
  /** Header of the last column: the segment's position in the pane's order (1 = Champions). */
  segmentOrder: string;
}

/** Makes headers unique case-insensitively (Excel would rename duplicates itself, breaking pivot field names). */
function uniqueHeaders(headers: string[], reserved: Iterable<string> = []): string[] {
  const seen = new Set<string>([...reserved].map((name) => name.toLowerCase()));
  return headers.map((header) => {
    let name = header.trim() === "" ? "Column" : header;
    const base = name;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base} ${n}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** With `forecast` (a usable one, write-forecast.ts `usableForecast`), its five columns come last. */
export function customerColumnsLayout(
  result: RfmResult,
  labels: WorkbookLabels,
  forecast?: Forecast,
): CustomerColumnsLayout {
  const c = labels.customerColumns;
  const text = TEXT_FORMAT;
  const whole = "0";
  const columns: [keyof WorkbookLabels["customerColumns"], string | undefined][] = [
    ["customer", text],
    ["firstPurchase", labels.dateFormat],
    ["lastPurchase", labels.dateFormat],
    ["recency", whole],
    ["frequency", whole],
    ["monetary", labels.moneyFormat],
    ["aov", labels.moneyFormat],
    ["r", whole],
    ["f", whole],
    ["m", whole],
    ["rfm", text],
    ["segment", text],
    ["valueClass", text],
    ["tier", text],
    ["lifecycle", text],
    ["action", text],
  ];
  // The user's headers stay as they are: a source column called "Segment" keeps its name, and ours becomes
  // "Segment (RFM)" (numbered if that is taken too).
  const dimensions = uniqueHeaders(result.customers.dimensions.map((d) => d.name));
  const taken = new Set(dimensions.map((name) => name.toLowerCase()));
  const ourHeaders = uniqueHeaders(
    columns.map(([key]) => (taken.has(c[key].toLowerCase()) ? `${c[key]} (RFM)` : c[key])),
    dimensions,
  );
  const ours = { ...c };
  columns.forEach(([key], i) => (ours[key] = ourHeaders[i] ?? c[key]));
  // Last, the segment's place in the pane's order (1 = Champions): the segment × tier PivotTable sorts its rows by
  // it, since a PivotTable sorts items by name and the API has no custom order (pivot.ts).
  // Then the comparison's and the forecast's columns, when the run has them.
  const extra: [string, string | undefined][] = [...comparisonColumns(result, labels)];
  if (forecast) {
    const added = forecastColumnsLayout(forecast, labels);
    added.headers.forEach((header, j) => extra.push([header, added.formats[j]]));
  }
  const extraHeaders = uniqueHeaders(
    extra.map(([header]) => header),
    [...ourHeaders, ...dimensions],
  );
  const [segmentOrder] = uniqueHeaders([labels.report.segmentOrder], [...ourHeaders, ...dimensions, ...extraHeaders]);
  return {
    headers: [...ourHeaders, ...dimensions, ...extraHeaders, segmentOrder ?? labels.report.segmentOrder],
    formats: [...columns.map(([, f]) => f), ...dimensions.map(() => text), ...extra.map(([, f]) => f), whole],
    dimensionStart: columns.length,
    ours,
    segmentOrder: segmentOrder ?? labels.report.segmentOrder,
  };
}

function customerRow(result: RfmResult, labels: WorkbookLabels, i: number, forecast?: Forecast): CellValue[] {
  const c = result.customers;
  const segmentKey = segmentKeyOf(result, i);
  return [
    c.id[i] ?? "",
    c.firstPurchase[i] ?? 0,
    c.lastPurchase[i] ?? 0,
    c.recency[i] ?? 0,
    c.frequency[i] ?? 0,
    c.monetary[i] ?? 0,
    c.aov[i] ?? 0,
    c.r[i] ?? 0,
    c.f[i] ?? 0,
    c.m[i] ?? 0,
    rfmCode(result, i),
    displayName(labels, segmentKey),
    displayName(labels, valueClassKeyOf(result, i)),
    displayName(labels, tierKeyOf(result, i)),
    displayName(labels, lifecycleKeyOf(result, i)),
    labels.actions[segmentKey] ?? "",
    ...c.dimensions.map((d) => d.values[i] ?? ""),
    ...comparisonCells(result, labels, i),
    ...(forecast ? forecastCells(forecast, i) : []),
    (c.segment[i] ?? 0) + 1,
  ];
}

function customerRows(
  result: RfmResult,
  labels: WorkbookLabels,
  start: number,
  count: number,
  forecast?: Forecast,
): CellValue[][] {
  const rows: CellValue[][] = new Array<CellValue[]>(count);
  for (let i = 0; i < count; i++) rows[i] = customerRow(result, labels, start + i, forecast);
  return rows;
}

/**
 * Writes header + rows at A1 of `sheet` in chunks, then adds the table. Progress runs from 0 to 1 over the chunks.
 * Returns the table proxy (named `tableName`) for the PivotTables.
 */
export async function writeCustomerSheet(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  result: RfmResult,
  labels: WorkbookLabels,
  tableName: string,
  capabilities: ExcelCapabilities,
  onProgress: (fraction: number) => void,
  forecast?: Forecast,
): Promise<Excel.Table> {
  const layout = customerColumnsLayout(result, labels, forecast);
  const columnCount = layout.headers.length;
  const customerCount = result.customers.id.length;
  const formatted = layout.formats.flatMap((format, column) => (format === undefined ? [] : [{ column, format }]));
  const sample = customerRows(result, labels, 0, Math.min(200, customerCount), forecast);
  const formatBytesPerRow = formatted.reduce((sum, f) => sum + f.format.length + 5, 0);
  const chunkRows = rowsPerChunk(bytesPerRow(sample, columnCount) + formatBytesPerRow, columnCount);
  const chunks = chunkRanges(customerCount, chunkRows);

  // A header such as `2024` or `-Region` must stay the text the PivotTables look its field up by.
  writeTextCells(sheet.getRangeByIndexes(0, 0, 1, columnCount), [layout.headers]);
  startWritePhase(context, capabilities);
  for (let i = 0; i < chunks.length; i++) {
    const [start, count] = chunks[i] ?? [0, 0];
    const firstRow = 1 + start;
    // Formats first: "@" must be in place before text that looks like a number arrives.
    for (const { column, format } of formatted) {
      sheet.getRangeByIndexes(firstRow, column, count, 1).numberFormat = Array.from({ length: count }, () => [format]);
    }
    sheet.getRangeByIndexes(firstRow, 0, count, columnCount).values =
      start < sample.length && start + count <= sample.length
        ? sample.slice(start, start + count)
        : customerRows(result, labels, start, count, forecast);
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk keeps each request under Excel's 5 MB limit
    await context.sync();
    onProgress((i + 1) / Math.max(1, chunks.length));
  }
  const table = sheet.tables.add(sheet.getRangeByIndexes(0, 0, customerCount + 1, columnCount), true);
  table.name = tableName;
  table.style = "TableStyleMedium2";
  sheet.freezePanes.freezeRows(1);
  // Excel fits whole columns whatever the range's rows (office-js#5999, #1017); the sheet is the add-in's own.
  sheet.getRangeByIndexes(0, 0, customerCount + 1, columnCount).format.autofitColumns();
  return table;
}
