/**
 * Sales rows after reading (pass 1), shared by the cell readers (`analyzeRfm`, `analyzeColumns`) and the CLI's CSV
 * reader, plus the skipped-row log they fill.
 */
import { CancelledError, type ProgressHooks, type SkippedRow, type SkipReason } from "./types";

/** Skipped-row bookkeeping shared by the readers: exact counts, the first `max` rows individually. */
export class SkipLog {
  count = 0;
  byReason: Record<SkipReason, number> = { missing_customer: 0, bad_date: 0, bad_amount: 0, after_analysis_date: 0 };
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
  rowUnits: Float64Array;
  /** Order ids per row, when an order column is mapped. */
  rowOrders?: RowOrders;
  /** Customer ids as written (trimmed); with ignoreCase the first spelling seen. */
  customerIds: string[];
  /** The latest day of a row with a customer and an amount ≥ 0 (-1 when none), if the reader kept track. */
  latestPurchaseDay?: number;
  blankRows: number;
  skipped: SkipLog;
  rowNumberOf: (row: number) => number;
  /** The date cell of a row as text, for reporting rows after the analysis date. */
  dateTextOf: (row: number) => string;
  /** Dimension cells as text per row. */
  dimensions: { name: string; textOf: (row: number) => string }[];
}

/** `RowOrders.sameAs` of a row without an order id: it counts as one purchase of its own. */
export const NO_ORDER = -2;

/**
 * Order ids per row, by hash: the readers keep no string per row. `sameAs` links a row to the previous row with the
 * same customer and the same order id when that row came just before among the rows with an order id (lines of one
 * order are usually consecutive), so most repeats need no lookup at all.
 */
export interface RowOrders {
  /** Per row a hash of the order id (equal ids have equal hashes; the function is the reader's). */
  hash: Int32Array;
  /** Per row an earlier row with the same customer and the same order id, -1 when none, NO_ORDER when empty. */
  sameAs: Int32Array;
  /** Whether two rows hold the same order id; asked only for rows of one customer with equal hashes. */
  sameOrder(rowA: number, rowB: number): boolean;
}

/** Groups up to this many candidate rows compare every pair of hashes; bigger ones use a scratch hash table. */
const PAIRWISE_LIMIT = 16;

/**
 * Adds to `frequency[c]` the number of distinct order ids among customer c's candidate rows
 * (`candidateRows[0, candidateCount)`, in row order, customers from `rowCustomer`). Rows are grouped by customer
 * with a counting sort, then compared by hash within each group; equal hashes are confirmed by `sameOrder`.
 */
export function addDistinctOrders(
  frequency: Int32Array,
  candidateRows: Int32Array,
  candidateCount: number,
  rowCustomer: Int32Array,
  orders: RowOrders,
): void {
  const customerCount = frequency.length;
  const { hash } = orders;
  const offsets = new Int32Array(customerCount + 1);
  for (let k = 0; k < candidateCount; k++) {
    const slot = rowCustomer[candidateRows[k]!]! + 1;
    offsets[slot] = offsets[slot]! + 1;
  }
  for (let c = 0; c < customerCount; c++) offsets[c + 1] = offsets[c + 1]! + offsets[c]!;
  const nextPosition = offsets.slice(0, customerCount);
  const groupedRow = new Int32Array(candidateCount);
  const groupedHash = new Int32Array(candidateCount);
  for (let k = 0; k < candidateCount; k++) {
    const row = candidateRows[k]!;
    const c = rowCustomer[row]!;
    const position = nextPosition[c]!;
    nextPosition[c] = position + 1;
    groupedRow[position] = row;
    groupedHash[position] = hash[row]!;
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
