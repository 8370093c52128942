/**
 * The forecast's per-customer summary (x, t_x, T, m) from the rows the engine has already read (EncodedSales'
 * typed arrays), without a second read of the source. SPEC "Forecast": purchase days are the calendar days with
 * at least one row of amount ≥ 0 on or before the calibration end; all purchase rows of a day are one
 * transaction worth their sum; x = purchase days − 1, t_x = last − first purchase day, T = end − first purchase
 * day, m = mean value of the repeat days (0 when x = 0).
 *
 * One pass over the rows keeps per customer only: first and last purchase day, the day last seen, the number of
 * purchase days, the purchase total and the first day's total. Since the repeat days are all days but the first,
 * m = (total − first day's total) / x needs no list of days. Counting distinct days needs one when a customer's
 * rows are not in date order: such customers (none in a ledger sorted by date) are counted again afterwards from
 * their rows alone, grouped by a counting sort (4 bytes per row of those customers, freed at once).
 */
import { MONEY_SCALE, type EncodedSales } from "../engine";
import { unitsAt } from "../engine/encoded";

/** The row arrays a forecast reads (a subset of EncodedSales; customers numbered 0 … customerCount − 1). */
export type ForecastRows = Pick<EncodedSales, "rowCount" | "rowCustomer" | "rowDay" | "rowUnits" | "bigUnits">;

/** Per customer (the rows' numbering), as of one calibration end. */
export interface PurchaseSummary {
  /** The calibration end (an Excel serial day). */
  end: number;
  /** Purchase days on or before `end`; 0 = the customer has none (no forecast for them). */
  days: Int32Array;
  firstDay: Int32Array;
  lastDay: Int32Array;
  /** Money units (1/10,000) of all purchase rows, and of those on the first purchase day. */
  totalUnits: Float64Array;
  firstDayUnits: Float64Array;
}

const NONE = 0x7fffffff;

/** The summary of every customer's purchase rows on or before `end` (one pass, plus one for out-of-order rows). */
export function summarisePurchases(rows: ForecastRows, customerCount: number, end: number): PurchaseSummary {
  const days = new Int32Array(customerCount);
  const firstDay = new Int32Array(customerCount).fill(NONE);
  const lastDay = new Int32Array(customerCount).fill(-1);
  const totalUnits = new Float64Array(customerCount);
  const firstDayUnits = new Float64Array(customerCount);
  const outOfOrder = new Uint8Array(customerCount);
  let anyOutOfOrder = false;
  const { rowCount, rowCustomer, rowDay, rowUnits, bigUnits } = rows;
  for (let row = 0; row < rowCount; row++) {
    const c = rowCustomer[row]!;
    if (c < 0 || rowUnits[row]! < 0) continue; // skipped row, or a return
    const day = rowDay[row]!;
    if (day > end) continue;
    const units = unitsAt(rowUnits, bigUnits, row);
    totalUnits[c] = totalUnits[c]! + units;
    const first = firstDay[c]!;
    if (day < first) {
      firstDay[c] = day;
      firstDayUnits[c] = units;
    } else if (day === first) firstDayUnits[c] = firstDayUnits[c]! + units;
    const last = lastDay[c]!;
    if (day > last) {
      lastDay[c] = day;
      days[c] = days[c]! + 1;
    } else if (day < last && outOfOrder[c] === 0) {
      outOfOrder[c] = 1;
      anyOutOfOrder = true;
    }
  }
  if (anyOutOfOrder) recountDays(rows, customerCount, end, outOfOrder, days);
  return { end, days, firstDay, lastDay, totalUnits, firstDayUnits };
}

/** Distinct purchase days of the customers flagged in `which`, from their rows grouped and sorted by day. */
function recountDays(
  rows: ForecastRows,
  customerCount: number,
  end: number,
  which: Uint8Array,
  days: Int32Array,
): void {
  const { rowCount, rowCustomer, rowDay, rowUnits } = rows;
  const offsets = new Int32Array(customerCount + 1);
  for (let row = 0; row < rowCount; row++) {
    const c = rowCustomer[row]!;
    if (c >= 0 && which[c] === 1 && rowUnits[row]! >= 0 && rowDay[row]! <= end) offsets[c + 1] = offsets[c + 1]! + 1;
  }
  for (let c = 0; c < customerCount; c++) offsets[c + 1] = offsets[c + 1]! + offsets[c]!;
  const grouped = new Int32Array(offsets[customerCount]!);
  const next = offsets.slice(0, customerCount);
  for (let row = 0; row < rowCount; row++) {
    const c = rowCustomer[row]!;
    if (c >= 0 && which[c] === 1 && rowUnits[row]! >= 0 && rowDay[row]! <= end) grouped[next[c]!++] = rowDay[row]!;
  }
  for (let c = 0; c < customerCount; c++) {
    if (which[c] !== 1) continue;
    const group = grouped.subarray(offsets[c], offsets[c + 1]).sort();
    let distinct = 0;
    for (let i = 0; i < group.length; i++) if (i === 0 || group[i] !== group[i - 1]) distinct++;
    days[c] = distinct;
  }
}

/** x, t_x, T (in days) and m (money) of the customers with at least one purchase day, in the rows' numbering. */
export interface CustomerSummary {
  /** The rows' customer number of each summarised customer (ascending). */
  customer: Int32Array;
  x: Int32Array;
  tx: Int32Array;
  T: Int32Array;
  /** Mean value of the repeat purchase days (0 when x = 0). */
  m: Float64Array;
}

/** The customers of `summary` that have a purchase day, in their numbering order (that of `RfmResult.customers`). */
export function customerSummary(summary: PurchaseSummary): CustomerSummary {
  const { days, firstDay, lastDay, totalUnits, firstDayUnits, end } = summary;
  let n = 0;
  for (let c = 0; c < days.length; c++) if (days[c]! > 0) n++;
  const out: CustomerSummary = {
    customer: new Int32Array(n),
    x: new Int32Array(n),
    tx: new Int32Array(n),
    T: new Int32Array(n),
    m: new Float64Array(n),
  };
  let i = 0;
  for (let c = 0; c < days.length; c++) {
    if (days[c]! === 0) continue;
    const x = days[c]! - 1;
    out.customer[i] = c;
    out.x[i] = x;
    out.tx[i] = lastDay[c]! - firstDay[c]!;
    out.T[i] = end - firstDay[c]!;
    out.m[i] = x > 0 ? (totalUnits[c]! - firstDayUnits[c]!) / MONEY_SCALE / x : 0;
    i++;
  }
  return out;
}
