/** Helpers around SPEC's "Change since an earlier date" (the comparison itself is computed in analyze.ts). */
import type { RfmResult } from "./types";

/** SPEC: the pane's default compare date is 90 days before the analysis date. */
const DEFAULT_COMPARE_DAYS = 90;

/**
 * The default compare date for a result: `days` before its analysis date when the data reach back that far (some
 * customer's first purchase is on or before it), else undefined (no comparison offered by default).
 */
export function defaultCompareDate(
  result: Pick<RfmResult, "analysisDate" | "customers">,
  days: number = DEFAULT_COMPARE_DAYS,
): number | undefined {
  const compareDate = result.analysisDate - days;
  const first = result.customers.firstPurchase;
  for (let i = 0; i < first.length; i++) if (first[i]! <= compareDate) return compareDate;
  return undefined;
}
