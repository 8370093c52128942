/**
 * An independent reading of the demo's sample file and an independent RFM computation for it, written from SPEC.md
 * (not from the engine), so the browser tests can check what the add-in wrote into the in-browser workbook.
 */
import fs from "fs";
import path from "path";
import { parseCsvText } from "../../src/demo/csv-text";

const samplePath = path.resolve(__dirname, "../../assets/sample/online-retail-sample.csv");

export interface SampleRow {
  invoice: string;
  customer: string;
  /** Excel serial day (time of day dropped). */
  day: number;
  country: string;
  /** Amount in cents, exact. */
  cents: number;
}

function serialDay(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) throw new Error(`Unexpected date ${text}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000 + 25569;
}

/** The sample's data rows, read with the reference CSV reader (src/demo/csv-text.ts). */
export function readSample(): SampleRow[] {
  const rows = parseCsvText(fs.readFileSync(samplePath, "utf8")).filter((row) => row.some((cell) => cell !== ""));
  return rows.slice(1).map((row) => {
    const [invoice = "", customer = "", date = "", country = "", amount = ""] = row;
    return { invoice, customer, day: serialDay(date), country, cents: Math.round(Number(amount) * 100) };
  });
}

export interface ReferenceCustomer {
  id: string;
  lastDay: number;
  recency: number;
  frequency: number;
  monetaryCents: number;
  r: number;
  f: number;
  m: number;
  /** Standard segment machine key. */
  segment: string;
}

/** SPEC's default grid (rows R = 5..1, columns FM = 1..5) as machine keys. */
const GRID = [
  ["new", "potential_loyalist", "potential_loyalist", "champions", "champions"],
  ["promising", "potential_loyalist", "potential_loyalist", "loyal", "loyal"],
  ["about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"],
  ["hibernating", "hibernating", "at_risk", "at_risk", "cannot_lose"],
  ["lost", "hibernating", "at_risk", "at_risk", "cannot_lose"],
];

/** SPEC: b_j = PERCENTILE.INC(values, j/k), rank split into integer quotient and remainder. */
function breakpoints(values: number[], k: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const result: number[] = [];
  for (let j = 1; j < k; j++) {
    const q = Math.floor(((n - 1) * j) / k);
    const r = ((n - 1) * j) % k;
    const low = sorted[q] ?? 0;
    const high = sorted[Math.min(q + 1, n - 1)] ?? low;
    result.push(low + ((high - low) * r) / k);
  }
  return result;
}

function bin(value: number, points: number[]): number {
  return 1 + points.filter((p) => p < value).length;
}

/** Customers with at least one purchase (returns-only customers are not scored), scored with k = 5. */
export function referenceRfm(rows: SampleRow[]): Map<string, ReferenceCustomer> {
  const purchases = rows.filter((row) => row.customer.trim() !== "" && row.cents >= 0);
  const analysisDay = Math.max(...purchases.map((row) => row.day));
  const byCustomer = new Map<string, { lastDay: number; invoices: Set<string>; cents: number }>();
  for (const row of rows) {
    const id = row.customer.trim();
    if (id === "") continue;
    let entry = byCustomer.get(id);
    if (!entry) {
      entry = { lastDay: -Infinity, invoices: new Set(), cents: 0 };
      byCustomer.set(id, entry);
    }
    entry.cents += row.cents;
    if (row.cents >= 0) {
      entry.lastDay = Math.max(entry.lastDay, row.day);
      entry.invoices.add(row.invoice);
    }
  }
  const scored = [...byCustomer].filter(([, entry]) => entry.invoices.size > 0);
  const recencies = scored.map(([, e]) => analysisDay - e.lastDay);
  const rPoints = breakpoints(recencies, 5);
  const fPoints = breakpoints(
    scored.map(([, e]) => e.invoices.size),
    5,
  );
  const mPoints = breakpoints(
    scored.map(([, e]) => e.cents),
    5,
  );
  const result = new Map<string, ReferenceCustomer>();
  for (const [id, entry] of scored) {
    const recency = analysisDay - entry.lastDay;
    const r = 6 - bin(recency, rPoints);
    const f = bin(entry.invoices.size, fPoints);
    const m = bin(entry.cents, mPoints);
    const fm = Math.floor((f + m) / 2 + 0.5);
    const segment = GRID[5 - r]?.[fm - 1];
    if (!segment) throw new Error(`No grid cell for R ${r}, FM ${fm}`);
    result.set(id, {
      id,
      lastDay: entry.lastDay,
      recency,
      frequency: entry.invoices.size,
      monetaryCents: entry.cents,
      r,
      f,
      m,
      segment,
    });
  }
  return result;
}
