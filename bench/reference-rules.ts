/**
 * The parts of SPEC.md that the arquero and DuckDB versions of the benchmark re-implement, with the engine's
 * default settings, and the per-customer record all three implementations are compared on.
 */

/** Default settings, as SPEC.md gives them. */
export const REFERENCE_SETTINGS = {
  k: 5,
  tierCutoffs: [0.8, 0.95] as const,
  lifecycleDays: [30, 90, 180] as const,
};

/** The standard-segment grid of SPEC.md: first row is R = 5, columns are FM = 1..5. */
export const STANDARD_GRID: readonly (readonly string[])[] = [
  ["new", "potential_loyalist", "potential_loyalist", "champions", "champions"],
  ["promising", "potential_loyalist", "potential_loyalist", "loyal", "loyal"],
  ["about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"],
  ["hibernating", "hibernating", "at_risk", "at_risk", "cannot_lose"],
  ["lost", "hibernating", "at_risk", "at_risk", "cannot_lose"],
];

/** Value-matrix class by (R high, F high, M high). */
export function valueClassOf(recencyHigh: boolean, frequencyHigh: boolean, monetaryHigh: boolean): string {
  const importance = monetaryHigh ? "important" : "general";
  const kind = recencyHigh ? (frequencyHigh ? "value" : "develop") : frequencyHigh ? "retain" : "recall";
  return `${importance}_${kind}`;
}

export function lifecycleOf(recency: number): string {
  const [active, recentlyLapsed, lapsed] = REFERENCE_SETTINGS.lifecycleDays;
  if (recency <= active) return "active";
  if (recency <= recentlyLapsed) return "recently_lapsed";
  if (recency <= lapsed) return "lapsed";
  return "dormant";
}

/** 1 + number of breakpoints strictly below the value. */
export function binOf(value: number, breakpoints: readonly number[]): number {
  let bin = 1;
  for (const breakpoint of breakpoints) if (breakpoint < value) bin++;
  return bin;
}

/** Score mapped to 1..5 with CEIL(5 × score / k), then the grid cell. */
export function standardSegmentOf(r: number, f: number, m: number, k: number): string {
  const to5 = (score: number) => Math.ceil((5 * score) / k);
  const fm = Math.floor((to5(f) + to5(m) + 1) / 2);
  return STANDARD_GRID[5 - to5(r)]?.[fm - 1] ?? "?";
}

/** One customer's results, the unit the three implementations are compared on. */
export interface CustomerRecord {
  firstPurchase: number;
  lastPurchase: number;
  recency: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: string;
  valueClass: string;
  tier: string;
  lifecycle: string;
}

const COMPARED_FIELDS: readonly (keyof CustomerRecord)[] = [
  "firstPurchase",
  "lastPurchase",
  "recency",
  "frequency",
  "monetary",
  "r",
  "f",
  "m",
  "segment",
  "valueClass",
  "tier",
  "lifecycle",
];

export interface Agreement {
  customersLeft: number;
  customersRight: number;
  revenueLeft: number;
  revenueRight: number;
  /** Customers present on one side only. */
  missing: number;
  /** Per field, how many customers differ. */
  fieldMismatches: Partial<Record<keyof CustomerRecord, number>>;
  examples: string[];
  agree: boolean;
}

/** Compares every customer on every field (money to 1e-6, the rest exactly). */
export function compareRecords(left: Map<string, CustomerRecord>, right: Map<string, CustomerRecord>): Agreement {
  const fieldMismatches: Partial<Record<keyof CustomerRecord, number>> = {};
  const examples: string[] = [];
  let missing = 0;
  let revenueLeft = 0;
  let revenueRight = 0;
  for (const record of left.values()) revenueLeft += record.monetary;
  for (const record of right.values()) revenueRight += record.monetary;
  for (const [id, a] of left) {
    const b = right.get(id);
    if (!b) {
      missing++;
      if (examples.length < 5) examples.push(`${id} only on the left`);
      continue;
    }
    for (const field of COMPARED_FIELDS) {
      const x = a[field];
      const y = b[field];
      const same = typeof x === "number" && typeof y === "number" ? Math.abs(x - y) <= 1e-6 : x === y;
      if (!same) {
        fieldMismatches[field] = (fieldMismatches[field] ?? 0) + 1;
        if (examples.length < 5) examples.push(`${id}.${field}: ${String(x)} vs ${String(y)}`);
      }
    }
  }
  for (const id of right.keys()) {
    if (!left.has(id)) {
      missing++;
      if (examples.length < 5) examples.push(`${id} only on the right`);
    }
  }
  const agree =
    missing === 0 &&
    Object.keys(fieldMismatches).length === 0 &&
    left.size === right.size &&
    Math.abs(revenueLeft - revenueRight) < 0.005;
  return {
    customersLeft: left.size,
    customersRight: right.size,
    revenueLeft,
    revenueRight,
    missing,
    fieldMismatches,
    examples,
    agree,
  };
}
