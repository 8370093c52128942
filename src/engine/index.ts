/**
 * The RFM engine's public API: pure TypeScript, no DOM, no Office. See docs/ENGINE.md for the choices SPEC.md
 * leaves open.
 */
export {
  analyzeRfm,
  analyzeColumns,
  analyzeEncoded,
  analyzeEncodedRows,
  startRowEncoder,
  rowsTransferables,
  type EncodedRows,
  SkipLog,
  type SalesColumns,
  type ColumnsContext,
  type EncodedSales,
  type AnalyzeHooks,
} from "./analyze";
export { customerOrderById } from "./sorted";
export { defaultCompareDate, DEFAULT_COMPARE_DAYS } from "./compare";
export { isWhitespace, skipWhitespace, trimEndIndex } from "./text-range";
export { NumberedIds, RangeInterner, hashText } from "./interner";
export {
  NO_ORDER,
  numberCustomersById,
  ORDER_HASHED,
  ORDER_LINKED,
  type RowOrders,
  storeUnits,
  unitsAt,
  AmbiguousDateLog,
} from "./encoded-sales";
export { guessMapping, validateMapping, normaliseHeader } from "./mapping";
export { defaultRfmOptions, DEFAULT_SEGMENT_GRID, resolveOptions } from "./options";
export {
  serialToIsoDate,
  isoDateToSerial,
  parseDateText,
  civilToSerial,
  MAX_DATE_SERIAL,
  isAmbiguousDateText,
  todaySerial,
  EARLY_DATE_SERIAL,
} from "./excel-date";
export { parseMoneyText, numberToUnits, multiplyUnits, MONEY_SCALE, MAX_EXACT_UNITS, isOutOfRangeUnits } from "./money";
export { cellText, cellToSerialDay, cellToUnits, isExcelError } from "./cells";
export { rfmCode, toFiveLevels } from "./scores";
export * from "./types";
export { columnLetter } from "./column-letter";
export { grown } from "./typed-arrays";
