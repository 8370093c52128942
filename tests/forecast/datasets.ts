/** Loading the shared CDNOW files into forecast rows (tests only). */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { civilToSerial } from "../../src/engine/excel-date";
import type { ForecastRows } from "../../src/forecast/index";

const CDNOW_DIR = join(__dirname, "../../../shared/datasets/cdnow");
export const CDNOW_SAMPLE = join(CDNOW_DIR, "CDNOW_sample.txt");
export const CDNOW_MASTER = join(CDNOW_DIR, "CDNOW_master.txt");
export const CDNOW_SUMMARY = join(CDNOW_DIR, "cdnow_sample_summary_lifetimes.csv");

export interface LoadedRows extends ForecastRows {
  customerCount: number;
  ids: string[];
}

/** `available(path)` says whether a shared file is present; tests skip with a message naming it when not. */
export function available(path: string): boolean {
  if (existsSync(path)) return true;
  console.warn(`Skipping: ${path} is absent (the shared datasets folder ../shared/datasets is not there).`);
  return false;
}

/** Whitespace-separated CDNOW rows: the customer column, a YYYYMMDD date column and the dollar column. */
export function loadCdnow(path: string, columns: { customer: number; date: number; amount: number }): LoadedRows {
  const lines = readFileSync(path, "utf8").split("\n");
  const numberOf = new Map<string, number>();
  const ids: string[] = [];
  const customers: number[] = [];
  const days: number[] = [];
  const units: number[] = [];
  for (const line of lines) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 3 || !/^\d{8}$/.test(fields[columns.date]!)) continue;
    const id = fields[columns.customer]!;
    let c = numberOf.get(id);
    if (c === undefined) {
      c = ids.length;
      numberOf.set(id, c);
      ids.push(id);
    }
    const date = fields[columns.date]!;
    customers.push(c);
    days.push(civilToSerial(Number(date.slice(0, 4)), Number(date.slice(4, 6)), Number(date.slice(6, 8))));
    units.push(Math.round(Number(fields[columns.amount]!) * 10_000));
  }
  return {
    rowCount: customers.length,
    rowCustomer: Int32Array.from(customers),
    rowDay: Int32Array.from(days),
    rowUnits: Int32Array.from(units),
    bigUnits: new Map(),
    customerCount: ids.length,
    ids,
  };
}

export const CDNOW_END = civilToSerial(1997, 9, 30);
