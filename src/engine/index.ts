/**
 * The RFM engine's public API, exactly the table in docs/ENGINE.md ("API"): pure TypeScript, no DOM, no Office.
 * What only the CLI's reader needs is in ./encoded.ts.
 */
export {
  analyzeRfm,
  analyzeColumns,
  analyzeEncoded,
  analyzeEncodedRows,
  startRowEncoder,
  rowsTransferables,
  type EncodedRows,
  type SalesColumns,
  type ColumnsContext,
  type AnalyzeHooks,
} from "./analyze";
export type { EncodedSales } from "./encoded-sales";
export { guessMapping, validateMapping } from "./mapping";
export { defaultRfmOptions, DEFAULT_SEGMENT_GRID, resolveOptions } from "./options";
export { serialToIsoDate, isoDateToSerial, parseDateText, civilToSerial } from "./excel-date";
export { parseMoneyText, numberToUnits, multiplyUnits, MONEY_SCALE } from "./money";
export { rfmCode, toFiveLevels } from "./scores";
export { customerOrderById } from "./sorted";
export { defaultCompareDate } from "./compare";
export { segmentMoves, type SegmentMove } from "./segment-moves";
export { cellText } from "./cells";
export { columnLetter } from "./column-letter";
export * from "./types";
