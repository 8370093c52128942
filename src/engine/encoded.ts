/**
 * The engine's internals that a reader of raw bytes needs to build `EncodedSales` itself (the CLI's CSV reader,
 * src/cli): skip and ambiguous-date logs, order-id encodings, money storage, text scanning, id interning. Not part
 * of the public API (src/engine/index.ts, docs/ENGINE.md); ESLint lets only src/cli, src/worker and src/forecast
 * import it, so these can change with the readers.
 */
export { SkipLog, AmbiguousDateLog } from "./encoded-sales";
export {
  NO_ORDER,
  numberCustomersById,
  ORDER_HASHED,
  ORDER_LINKED,
  storeUnits,
  unitsAt,
  type RowOrders,
} from "./encoded-sales";
export { isWhitespace, skipWhitespace, trimEndIndex } from "./text-range";
export { NumberedIds, RangeInterner } from "./interner";
export { normaliseHeader } from "./mapping";
export { isAmbiguousDateText } from "./excel-date";
export { MAX_EXACT_UNITS, isOutOfRangeUnits } from "./money";
export { cellToSerialDay, isExcelError } from "./cells";
export { grown } from "./typed-arrays";
