/** Rows whose date text reads as another real date in the other day/month order (`03/05/2024`). */
export class AmbiguousDateLog {
  count = 0;
  rows: number[] = [];
  example = "";

  add(row: number, text: string): void {
    if (this.count++ === 0) this.example = text.trim();
    if (this.rows.length < WARNING_ROWS) this.rows.push(row);
  }
}

/** How many row numbers a date warning lists. */
export const WARNING_ROWS = 5;

/**
 * Sales rows after reading (pass 1), shared by the cell readers (`analyzeRfm`, `analyzeColumns`) and the CLI's CSV
 * reader, plus the skipped-row log they fill.
 */
import { customerOrderById } from "./sorted";
import { CancelledError, type ProgressHooks, type SkippedRow, type SkipReason } from "./types";

/** Skipped-row bookkeeping shared by the readers: exact counts, the first `max` rows individually. */
export class SkipLog {
  count = 0;
  byReason: Record<SkipReason, number> = {
    missing_customer: 0,
    bad_date: 0,
    bad_amount: 0,
    amount_out_of_range: 0,
    after_analysis_date: 0,
  };
  rows: SkippedRow[] = [];
  constructor(private readonly max: number) {}

  add(row: number, reason: SkipReason, value: string): void {
    this.count++;
    this.byReason[reason]++;
    if (this.rows.length < this.max)
      this.rows.push({ row, reason, value: value.length > 40 ? `${value.slice(0, 39)}…` : value });
  }

  /** Whether a further skipped row would still be listed (so callers only build its text when needed). */
  get listing(): boolean {
    return this.rows.length < this.max;
  }
}

/**
 * Sales rows after reading (pass 1): per row a customer index (-1 = skipped or blank), a serial day, money units
 * and optionally the order id (`rowOrders`). No table of all order ids is ever built: order ids are only compared
 * within one customer's rows, after pass 2. The CLI builds this straight from file text; `analyzeColumns` and
 * `analyzeRfm` from cells.
 */
export interface EncodedSales {
  rowCount: number;
  rowCustomer: Int32Array;
  rowDay: Int32Array;
  /** Money units per row when they fit an int32 (4 bytes a row, not 8); else BIG_PURCHASE / BIG_RETURN. */
  rowUnits: Int32Array;
  /** The exact units of rows marked BIG_PURCHASE or BIG_RETURN (amounts beyond ±214,748.3647). */
  bigUnits: Map<number, number>;
  /** Order ids per row, when an order column is mapped. */
  rowOrders?: RowOrders;
  /** Customer ids as written (trimmed); with ignoreCase the first spelling seen. */
  customerIds: string[];
  /** The latest day of a row with a customer and an amount ≥ 0 (-1 when none), if the reader kept track. */
  latestPurchaseDay?: number;
  blankRows: number;
  skipped: SkipLog;
  /** Kept rows whose date text was ambiguous, if the reader kept track. */
  ambiguousDates?: AmbiguousDateLog;
  rowNumberOf: (row: number) => number;
  /** The date cell of a row as text, for reporting rows after the analysis date. */
  dateTextOf: (row: number) => string;
  /** Dimension cells as text per row. */
  dimensions: { name: string; textOf: (row: number) => string }[];
}

/**
 * Numbers the customers in the order of their ids as text, so every per-customer result comes out in that order:
 * whoever writes them sorted by id (the CLI) then walks each column front to back, not at random, which matters
 * once the columns outgrow the CPU's caches. The analysis does not depend on how customers are numbered.
 * `knownOrder`: the customers in id order when the reader already knows it.
 */
export function numberCustomersById(encoded: EncodedSales, knownOrder?: Uint32Array): void {
  const ids = encoded.customerIds;
  const order = knownOrder ?? customerOrderById({ id: ids });
  const numberOf = new Int32Array(ids.length);
  const sortedIds = new Array<string>(ids.length);
  for (let position = 0; position < order.length; position++) {
    numberOf[order[position]!] = position;
    sortedIds[position] = ids[order[position]!]!;
  }
  const { rowCustomer } = encoded;
  for (let row = 0; row < rowCustomer.length; row++) {
    const customer = rowCustomer[row]!;
    if (customer >= 0) rowCustomer[row] = numberOf[customer]!;
  }
  encoded.customerIds = sortedIds;
}

/** `rowUnits` of a purchase whose units do not fit an int32 (the sign is kept, so `>= 0` still tells purchases). */
export const BIG_PURCHASE = 0x7fffffff;
/** `rowUnits` of a return whose units do not fit an int32. */
export const BIG_RETURN = -0x80000000;

/** Stores a row's money units in `rowUnits`, or its sign there and the value in `bigUnits`. */
export function storeUnits(rowUnits: Int32Array, bigUnits: Map<number, number>, row: number, units: number): void {
  if (units > BIG_RETURN && units < BIG_PURCHASE) rowUnits[row] = units;
  else {
    rowUnits[row] = units >= 0 ? BIG_PURCHASE : BIG_RETURN;
    bigUnits.set(row, units);
  }
}

/** A row's money units (see `storeUnits`). */
export function unitsAt(rowUnits: Int32Array, bigUnits: Map<number, number>, row: number): number {
  const units = rowUnits[row]!;
  return units === BIG_PURCHASE || units === BIG_RETURN ? bigUnits.get(row)! : units;
}

/** `RowOrders.kind` of a row: `word` is a hash of its order id. */
export const ORDER_HASHED = 0;
/** `RowOrders.kind`: `word` is an earlier row with the same customer and order id (the previous line of the order). */
export const ORDER_LINKED = 1;
/** `RowOrders.kind`: the row has no order id, so it counts as one purchase of its own. */
export const NO_ORDER = 2;
/** Flag added to `kind` by pass 2: a counted purchase whose order must be compared with the customer's others. */
export const ORDER_CANDIDATE = 4;

/**
 * Order ids per row in 5 bytes, by hash: the readers keep no string per row and no table of all orders. Lines of
 * one order usually follow each other, so a row repeating the previous order line of its customer is linked to
 * it instead of hashed, and most repeats need no lookup at all.
 */
export interface RowOrders {
  /** Per row the order id's hash (ORDER_HASHED; equal ids have equal hashes) or the linked row (ORDER_LINKED). */
  word: Int32Array;
  /** Per row ORDER_HASHED, ORDER_LINKED or NO_ORDER, plus ORDER_CANDIDATE once pass 2 has marked it. */
  kind: Uint8Array;
  /** Whether two rows hold the same order id; asked only for rows of one customer with equal hashes. */
  sameOrder(rowA: number, rowB: number): boolean;
}

/** The hash of a row's order id, following links back to the hashed row. */
function orderHashOf(orders: RowOrders, row: number): number {
  const { word, kind } = orders;
  while ((kind[row]! & ORDER_LINKED) !== 0) row = word[row]!;
  return word[row]!;
}

/** Groups up to this many candidate rows compare every pair of hashes; bigger ones use a scratch hash table. */
const PAIRWISE_LIMIT = 16;

/**
 * Adds to `frequency[c]` the number of distinct order ids among customer c's rows marked ORDER_CANDIDATE
 * (customers from `rowCustomer`). Candidate rows are grouped by customer with a counting sort, then compared by
 * hash within each group; equal hashes are confirmed by `sameOrder`. `scratch` is two per-row arrays no longer
 * needed (pass 2's days and units): the groups are built in them rather than in new memory.
 */
export function addDistinctOrders(
  frequency: Int32Array,
  rowCustomer: Int32Array,
  orders: RowOrders,
  scratch: [Int32Array, Int32Array],
): void {
  const customerCount = frequency.length;
  const { kind } = orders;
  const rowCount = rowCustomer.length;
  const offsets = new Int32Array(customerCount + 1);
  for (let row = 0; row < rowCount; row++) {
    if ((kind[row]! & ORDER_CANDIDATE) === 0) continue;
    const slot = rowCustomer[row]! + 1;
    offsets[slot] = offsets[slot]! + 1;
  }
  for (let c = 0; c < customerCount; c++) offsets[c + 1] = offsets[c + 1]! + offsets[c]!;
  const nextPosition = offsets.slice(0, customerCount);
  const [groupedRow, groupedHash] = scratch;
  for (let row = 0; row < rowCount; row++) {
    if ((kind[row]! & ORDER_CANDIDATE) === 0) continue;
    const c = rowCustomer[row]!;
    const position = nextPosition[c]!;
    nextPosition[c] = position + 1;
    groupedRow[position] = row;
    groupedHash[position] = orderHashOf(orders, row);
  }
  let table = new Int32Array(64);
  for (let c = 0; c < customerCount; c++) {
    const begin = offsets[c]!;
    const end = offsets[c + 1]!;
    const size = end - begin;
    if (size === 0) continue;
    let distinct = 0;
    if (size <= PAIRWISE_LIMIT) {
      for (let i = begin; i < end; i++) {
        const h = groupedHash[i]!;
        let repeat = false;
        for (let j = begin; j < i; j++) {
          if (groupedHash[j] === h && orders.sameOrder(groupedRow[j]!, groupedRow[i]!)) {
            repeat = true;
            break;
          }
        }
        if (!repeat) distinct++;
      }
    } else {
      let tableSize = 64;
      while (tableSize < size * 2) tableSize *= 2;
      if (table.length < tableSize) table = new Int32Array(tableSize);
      else table.fill(0, 0, tableSize);
      const mask = tableSize - 1;
      for (let i = begin; i < end; i++) {
        const h = groupedHash[i]!;
        let slot = h & mask;
        let repeat = false;
        for (let entry = table[slot]!; entry !== 0; entry = table[slot]!) {
          const j = entry - 1;
          if (groupedHash[j] === h && orders.sameOrder(groupedRow[j]!, groupedRow[i]!)) {
            repeat = true;
            break;
          }
          slot = (slot + 1) & mask;
        }
        if (!repeat) {
          table[slot] = i + 1;
          distinct++;
        }
      }
    }
    frequency[c] = frequency[c]! + distinct;
  }
}

/** Rows between polls of the progress / cancel hooks. */
export const CHECK_EVERY = 65_536;

/** Polls the hooks: throws CancelledError when cancelled, else reports progress. */
export function checkHooks(hooks: ProgressHooks, fraction: number): void {
  if (hooks.isCancelled?.()) throw new CancelledError();
  hooks.onProgress?.(fraction);
}
