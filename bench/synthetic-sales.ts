/**
 * Deterministic synthetic sales ledgers for the benchmark: one row per sales line, about ten rows per customer with
 * a heavy-tailed (Lomax) number of rows per customer, orders of one to a few lines, 3% returns (negative amounts),
 * dates as Excel serial numbers, customer and order ids as strings. The same seed always gives the same rows.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import type { CellValue } from "../src/engine/types";

export interface SyntheticSalesOptions {
  /** Number of data rows (header excluded). */
  rows: number;
  seed?: number;
  /** Average rows per customer (default 10). */
  rowsPerCustomer?: number;
  /** Share of rows that are returns (default 0.03). */
  returnRate?: number;
  /** Share of orders that carry a time of day, i.e. a fractional serial (default 0.25; 0 for plain dates). */
  timeOfDayShare?: number;
  /** Last possible sales day as an Excel serial (default 46022 = 2025-12-31). */
  lastSerial?: number;
  /** Number of days covered (default 3 × 365). */
  days?: number;
}

/** The ledger in columns; `customer[i]` indexes `customerIds`. Rows are in date order, as a POS export would be. */
export interface SyntheticSales {
  customerIds: string[];
  customer: Int32Array;
  /** Excel serial, possibly with a time-of-day fraction. */
  serial: Float64Array;
  /** Two decimals; negative for returns. */
  amount: Float64Array;
  /** Order number; the id is `O` + number, or `R` + number for a return note. */
  orderNumber: Int32Array;
  isReturn: Uint8Array;
}

export const SALES_HEADER = ["Customer ID", "Order Date", "Amount", "Order ID"] as const;
/** The column mapping of the matrix produced by {@link salesToCellValues}. */
export const SALES_MAPPING = { customer: 0, date: 1, amount: 2, orderId: 3, dimensions: [] as number[] };

/** mulberry32: tiny, fast, good enough for synthetic data, and identical on every machine. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Generates the ledger in columns. */
export function generateSales(options: SyntheticSalesOptions): SyntheticSales {
  const rows = options.rows;
  const random = mulberry32(options.seed ?? 20240601);
  const returnRate = options.returnRate ?? 0.03;
  const timeOfDayShare = options.timeOfDayShare ?? 0.25;
  const lastSerial = options.lastSerial ?? 46022;
  const days = options.days ?? 3 * 365;
  const firstSerial = lastSerial - days + 1;
  const customerCount = Math.max(1, Math.round(rows / (options.rowsPerCustomer ?? 10)));

  const rowsPerCustomer = paretoCounts(rows, customerCount, random);
  // Ids are a random permutation of 1..n so that an id says nothing about how much the customer buys.
  const idNumbers = shuffledRange(customerCount, random);
  const customerIds = new Array<string>(customerCount);
  for (let c = 0; c < customerCount; c++) customerIds[c] = "C" + String((idNumbers[c] ?? 0) + 1).padStart(6, "0");

  const customer = new Int32Array(rows);
  const serial = new Float64Array(rows);
  const amount = new Float64Array(rows);
  const orderNumber = new Int32Array(rows);
  const isReturn = new Uint8Array(rows);
  let row = 0;
  let nextOrder = 1;
  for (let c = 0; c < customerCount; c++) {
    let remaining = rowsPerCustomer[c] ?? 1;
    // Each customer is active from a random first day to the end of the period.
    const since = firstSerial + Math.floor(random() * days);
    const span = lastSerial - since + 1;
    let lastLineAmount = 0;
    let lastLineSerial = since;
    while (remaining > 0) {
      const orderDay = since + Math.floor(random() * span);
      const orderSerial = random() < timeOfDayShare ? orderDay + Math.floor(random() * 86400) / 86400 : orderDay;
      const order = nextOrder++;
      // 1 + geometric lines per order (mean about 1.5).
      let lines = 1;
      while (random() < 0.35) lines++;
      lines = Math.min(lines, remaining);
      for (let line = 0; line < lines; line++) {
        customer[row] = c;
        if (random() < returnRate) {
          // A return of an earlier line (or of something bought before the period when there is none),
          // booked on the same day or up to two weeks later, never after the period.
          isReturn[row] = 1;
          const returned = lastLineAmount > 0 ? lastLineAmount : lineAmount(random);
          amount[row] = -returned;
          serial[row] = Math.min(lastSerial, Math.floor(lastLineSerial) + Math.floor(random() * 15));
          orderNumber[row] = nextOrder++;
        } else {
          const value = lineAmount(random);
          amount[row] = value;
          serial[row] = orderSerial;
          orderNumber[row] = order;
          lastLineAmount = value;
          lastLineSerial = orderSerial;
        }
        row++;
      }
      remaining -= lines;
    }
  }
  return sortByDay({ customerIds, customer, serial, amount, orderNumber, isReturn }, firstSerial, days);
}

/** The ledger as the cell values Office.js would return for the range: header row, then one array per row. */
export function salesToCellValues(sales: SyntheticSales): CellValue[][] {
  const rows = sales.customer.length;
  const values = new Array<CellValue[]>(rows + 1);
  values[0] = [...SALES_HEADER];
  for (let i = 0; i < rows; i++) {
    // Fresh strings per row, as Office.js hands them over (no sharing between cells).
    const id = sales.customerIds[sales.customer[i] ?? 0] ?? "";
    values[i + 1] = [
      id.slice(0, 1) + id.slice(1),
      sales.serial[i] ?? 0,
      sales.amount[i] ?? 0,
      orderId(sales.orderNumber[i] ?? 0, sales.isReturn[i] === 1),
    ];
  }
  return values;
}

/** How a CSV file is written: the benchmark's plain shape, and the other shapes real exports take. */
export interface CsvShape {
  /** Every field in double quotes, as some point-of-sale systems and `QUOTE_ALL` writers do. */
  quoteAll?: boolean;
  /** Customer ids as e-mail addresses (long, not numbered) instead of `C004711`. */
  emailIds?: boolean;
  /** Dates as `DD/MM/YYYY` instead of `YYYY-MM-DD`. */
  dayMonthYear?: boolean;
}

/**
 * Writes the ledger as CSV (`customer_id,order_date,amount,order_id`, dates as `YYYY-MM-DD`, or
 * `YYYY-MM-DDTHH:MM:SS` when the serial has a time of day), in the given shape. Returns the number of bytes written.
 */
export function writeSalesCsv(path: string, sales: SyntheticSales, shape: CsvShape = {}): number {
  const fd = openSync(path, "w");
  const field = shape.quoteAll ? (text: string) => `"${text}"` : (text: string) => text;
  const customerId = shape.emailIds ? (id: string) => `${id.toLowerCase()}.shopper@example.com` : (id: string) => id;
  const date = shape.dayMonthYear
    ? (serial: number) => {
        const iso = serialToIso(Math.floor(serial));
        return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
      }
    : serialToIso;
  let bytes = 0;
  try {
    let buffer = ["customer_id", "order_date", "amount", "order_id"].map(field).join(",") + "\n";
    const rows = sales.customer.length;
    for (let i = 0; i < rows; i++) {
      buffer +=
        field(customerId(sales.customerIds[sales.customer[i] ?? 0] ?? "")) +
        "," +
        field(date(sales.serial[i] ?? 0)) +
        "," +
        field((sales.amount[i] ?? 0).toFixed(2)) +
        "," +
        field(orderId(sales.orderNumber[i] ?? 0, sales.isReturn[i] === 1)) +
        "\n";
      if (buffer.length > 1 << 20) {
        bytes += writeSync(fd, buffer);
        buffer = "";
      }
    }
    bytes += writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

export function orderId(orderNumber: number, isReturn: boolean): string {
  return (isReturn ? "R" : "O") + String(orderNumber).padStart(9, "0");
}

/** Excel serial (1900 system, serial 25569 = 1970-01-01) to an ISO date, with the time when there is one. */
function serialToIso(serial: number): string {
  const day = Math.floor(serial);
  const date = new Date((day - 25569) * 86400000).toISOString().slice(0, 10);
  if (serial === day) return date;
  const seconds = Math.round((serial - day) * 86400);
  const hh = String(Math.floor(seconds / 3600)).padStart(2, "0");
  const mm = String(Math.floor((seconds % 3600) / 60)).padStart(2, "0");
  const ss = String(seconds % 60).padStart(2, "0");
  return `${date}T${hh}:${mm}:${ss}`;
}

/** Line amounts: log-normal around 30, two decimals, at least 0.01. */
function lineAmount(random: () => number): number {
  // Box-Muller; 1 - random() avoids log(0).
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.max(1, Math.round(Math.exp(3.4 + 0.9 * z) * 100)) / 100;
}

/**
 * Gives each customer 1 row plus a share of the rest in proportion to Lomax (Pareto type II, α = 1.5) weights:
 * about a sixth of the customers have one row, the top 1% hold about 30% of the rows. Exactly `rows` in all.
 */
function paretoCounts(rows: number, customers: number, random: () => number): Int32Array {
  const weights = new Float64Array(customers);
  let total = 0;
  for (let c = 0; c < customers; c++) {
    const weight = Math.pow(1 - random(), -1 / 1.5) - 1;
    weights[c] = weight;
    total += weight;
  }
  const counts = new Int32Array(customers);
  const spare = rows - customers;
  let assigned = 0;
  for (let c = 0; c < customers; c++) {
    const count = 1 + Math.floor(((weights[c] ?? 0) * spare) / total);
    counts[c] = count;
    assigned += count;
  }
  // Flooring leaves fewer than `customers` rows over; hand them out one each to random customers.
  for (let left = rows - assigned; left > 0; left--) {
    const c = Math.floor(random() * customers);
    counts[c] = (counts[c] ?? 0) + 1;
  }
  return counts;
}

function shuffledRange(n: number, random: () => number): Int32Array {
  const items = new Int32Array(n);
  for (let i = 0; i < n; i++) items[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = items[i] ?? 0;
    items[i] = items[j] ?? 0;
    items[j] = swap;
  }
  return items;
}

/** Stable counting sort of the rows by calendar day. */
function sortByDay(sales: SyntheticSales, firstSerial: number, days: number): SyntheticSales {
  const rows = sales.customer.length;
  const starts = new Int32Array(days + 1);
  for (let i = 0; i < rows; i++) {
    const d = Math.floor(sales.serial[i] ?? 0) - firstSerial + 1;
    starts[d] = (starts[d] ?? 0) + 1;
  }
  for (let d = 1; d <= days; d++) starts[d] = (starts[d] ?? 0) + (starts[d - 1] ?? 0);
  const order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const d = Math.floor(sales.serial[i] ?? 0) - firstSerial;
    order[starts[d] ?? 0] = i;
    starts[d] = (starts[d] ?? 0) + 1;
  }
  const customer = new Int32Array(rows);
  const serial = new Float64Array(rows);
  const amount = new Float64Array(rows);
  const orderNumber = new Int32Array(rows);
  const isReturn = new Uint8Array(rows);
  for (let k = 0; k < rows; k++) {
    const i = order[k] ?? 0;
    customer[k] = sales.customer[i] ?? 0;
    serial[k] = sales.serial[i] ?? 0;
    amount[k] = sales.amount[i] ?? 0;
    orderNumber[k] = sales.orderNumber[i] ?? 0;
    isReturn[k] = sales.isReturn[i] ?? 0;
  }
  return { customerIds: sales.customerIds, customer, serial, amount, orderNumber, isReturn };
}
