import {
  type CellValue,
  type ColumnMapping,
  type RfmResult,
  STANDARD_SEGMENT_KEYS,
  VALUE_CLASS_KEYS,
  TIER_KEYS,
  LIFECYCLE_KEYS,
} from "../../src/engine/types";
import { serialToIsoDate } from "../../src/engine/index";
import * as path from "node:path";
import fc from "fast-check";

/** The shared data sets: ../shared/datasets beside the repository, or wherever RFM_DATASETS points. */
export const DATASETS = path.resolve(process.env.RFM_DATASETS ?? path.join(__dirname, "../../../shared/datasets"));

/**
 * A reordering of up to `maxLength` items as an arbitrary of its own: one sort key per position (ties keep the
 * original order), so any permutation can be drawn, and a failing case shrinks towards no reordering at all.
 * Apply it with permute(). Drawing with fc.sample inside a property instead hides the order from shrinking.
 */
export function reorderKeys(maxLength: number): fc.Arbitrary<number[]> {
  return fc.array(fc.nat({ max: maxLength }), { minLength: maxLength, maxLength });
}

/** `items` in the order the keys give (see reorderKeys). */
export function permute<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, index) => ({ item, index, key: keys[index] ?? 0 }))
    .sort((a, b) => a.key - b.key || a.index - b.index)
    .map((entry) => entry.item);
}

export const BASIC_MAPPING: ColumnMapping = { customer: 0, date: 1, amount: 2, dimensions: [] };
export const ORDER_MAPPING: ColumnMapping = { customer: 0, date: 1, amount: 2, orderId: 3, dimensions: [] };

/** Rows with a header, as Office.js would hand them over. */
export function sheet(
  rows: CellValue[][],
  header: CellValue[] = ["Customer", "Date", "Amount", "Order"],
): CellValue[][] {
  return [header, ...rows];
}

/** Days between two ISO dates, computed with Date.UTC: an independent check of the engine's calendar code. */
export function daysBetween(fromIso: string, toIso: string): number {
  const utc = (iso: string) => {
    const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((utc(toIso) - utc(fromIso)) / 86_400_000);
}

export interface CustomerRecord {
  first: string;
  last: string;
  recency: number;
  frequency: number;
  monetary: number;
  aov: number;
  r: number;
  f: number;
  m: number;
  segment: string;
  valueClass: string;
  tier: string;
  lifecycle: string;
}

/** The result's customers as plain records keyed by id, for readable assertions. */
export function byCustomer(result: RfmResult): Map<string, CustomerRecord> {
  const c = result.customers;
  const out = new Map<string, CustomerRecord>();
  for (let i = 0; i < c.id.length; i++) {
    out.set(c.id[i]!, {
      first: serialToIsoDate(c.firstPurchase[i]!),
      last: serialToIsoDate(c.lastPurchase[i]!),
      recency: c.recency[i]!,
      frequency: c.frequency[i]!,
      monetary: c.monetary[i]!,
      aov: c.aov[i]!,
      r: c.r[i]!,
      f: c.f[i]!,
      m: c.m[i]!,
      segment: STANDARD_SEGMENT_KEYS[c.segment[i]!]!,
      valueClass: VALUE_CLASS_KEYS[c.valueClass[i]!]!,
      tier: TIER_KEYS[c.tier[i]!]!,
      lifecycle: LIFECYCLE_KEYS[c.lifecycle[i]!]!,
    });
  }
  return out;
}

export function get<K, V>(map: Map<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`missing ${String(key)}`);
  return value;
}

/** Every customer is in exactly one segment of each scheme, and the summaries add up to the totals. */
export function expectSummariesConsistent(result: RfmResult): void {
  const n = result.totals.customers;
  let scoredUnits = 0;
  for (let i = 0; i < n; i++) scoredUnits += Math.round(result.customers.monetary[i]! * 10_000);
  for (const scheme of ["standard", "valueClass", "tier", "lifecycle"] as const) {
    const rows = result.summaries[scheme];
    expect(rows.reduce((sum, row) => sum + row.customers, 0)).toBe(n);
    expect(Math.round(rows.reduce((sum, row) => sum + row.revenue * 10_000, 0))).toBe(scoredUnits);
  }
  expect(result.rfGrid.flat().reduce((a, b) => a + b, 0)).toBe(n);
}
