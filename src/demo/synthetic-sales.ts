/**
 * Deterministic synthetic sales rows for load tests of the demo (`demo.html?rows=100000` or
 * `window.__demo.loadSyntheticSales(n)`): order id, customer id (text), order date (serial), region, amount.
 */
import type { SimCellValue } from "../workbook-sim/model";
import { DATE_FORMAT, MONEY_FORMAT } from "./typed-cells";

const REGIONS = ["North", "South", "East", "West", "Online"];
/** 2023-01-01 as an Excel serial. */
const FIRST_DAY = 44927;

export const SYNTHETIC_COLUMN_FORMATS = ["General", "General", DATE_FORMAT, "General", MONEY_FORMAT];

/** `count` data rows plus a header; about one customer per eight rows, two years of dates. */
export function syntheticSalesRows(count: number, seed = 1): SimCellValue[][] {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    // xorshift32: fast, and the same rows on every run for a given seed.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
  const customers = Math.max(1, Math.floor(count / 8));
  const rows: SimCellValue[][] = [["Order ID", "Customer ID", "Order Date", "Region", "Amount"]];
  for (let i = 0; i < count; i++) {
    // Skewed customer choice, so some customers buy often and most rarely, as in real ledgers.
    const customer = Math.floor(customers * next() ** 2);
    const day = FIRST_DAY + Math.floor(730 * Math.sqrt(next()));
    const amount = Math.round((5 + 400 * next() ** 3) * 100) / 100;
    rows.push([
      `SO${String(i + 1).padStart(7, "0")}`,
      `C${String(customer + 1).padStart(6, "0")}`,
      day,
      REGIONS[customer % REGIONS.length] ?? "North",
      amount,
    ]);
  }
  return rows;
}
