/** Turns engine indexes into the user's words (WorkbookLabels). */
import { LIFECYCLE_KEYS, STANDARD_SEGMENT_KEYS, TIER_KEYS, VALUE_CLASS_KEYS } from "../engine/types";
import type { RfmResult } from "../engine/types";
import type { WorkbookLabels } from "../i18n/workbook-labels";

export function displayName(labels: WorkbookLabels, key: string): string {
  return labels.segmentNames[key] ?? key;
}

export function segmentKeyOf(result: RfmResult, customer: number): string {
  return STANDARD_SEGMENT_KEYS[result.customers.segment[customer] ?? 0] ?? "";
}

export function tierKeyOf(result: RfmResult, customer: number): string {
  return TIER_KEYS[result.customers.tier[customer] ?? 0] ?? "";
}

export function valueClassKeyOf(result: RfmResult, customer: number): string {
  return VALUE_CLASS_KEYS[result.customers.valueClass[customer] ?? 0] ?? "";
}

export function lifecycleKeyOf(result: RfmResult, customer: number): string {
  return LIFECYCLE_KEYS[result.customers.lifecycle[customer] ?? 0] ?? "";
}

/** `545`, or `10-7-7` when k = 10 (SPEC). */
export function rfmCode(result: RfmResult, customer: number): string {
  const { r, f, m } = result.customers;
  const parts = [r[customer] ?? 0, f[customer] ?? 0, m[customer] ?? 0];
  return result.options.k === 10 ? parts.join("-") : parts.join("");
}
