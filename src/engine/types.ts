/**
 * Public types of the RFM engine. The engine is pure TypeScript: cell values in, typed columnar results out.
 * Every other layer (worker, excel adapter, task pane, CLI) depends on these types only.
 */

/** A cell value as Office.js returns it from `range.values` (dates arrive as serial numbers). */
export type CellValue = string | number | boolean | null | undefined;

/** Column indexes (0-based, within the selected range) of each field; `undefined` = not mapped. */
export interface ColumnMapping {
  customer?: number;
  date?: number;
  amount?: number;
  orderId?: number;
  quantity?: number;
  price?: number;
  /** Extra columns (region, store, channel...) to break summaries down by. */
  dimensions: number[];
}

export type MappedField = Exclude<keyof ColumnMapping, "dimensions">;

export type ScoreCount = 3 | 4 | 5 | 10;

export const STANDARD_SEGMENT_KEYS = [
  "champions",
  "loyal",
  "potential_loyalist",
  "new",
  "promising",
  "need_attention",
  "about_to_sleep",
  "at_risk",
  "cannot_lose",
  "hibernating",
  "lost",
] as const;
export type StandardSegmentKey = (typeof STANDARD_SEGMENT_KEYS)[number];

export const VALUE_CLASS_KEYS = [
  "important_value",
  "important_develop",
  "important_retain",
  "important_recall",
  "general_value",
  "general_develop",
  "general_retain",
  "general_recall",
] as const;
export type ValueClassKey = (typeof VALUE_CLASS_KEYS)[number];

export const TIER_KEYS = ["A", "B", "C"] as const;
export type TierKey = (typeof TIER_KEYS)[number];

export const LIFECYCLE_KEYS = ["active", "recently_lapsed", "lapsed", "dormant"] as const;
export type LifecycleKey = (typeof LIFECYCLE_KEYS)[number];

/** `segment_change` of a customer: not in the earlier result, same standard segment, another one. */
export const SEGMENT_CHANGE_KEYS = ["new", "same", "changed"] as const;
export type SegmentChangeKey = (typeof SEGMENT_CHANGE_KEYS)[number];

/** `RfmComparison.prevSegment` etc. of a customer who had not bought by the compare date. */
export const NO_PREVIOUS = -1;

export type SchemeName = "standard" | "valueClass" | "tier" | "lifecycle";

/**
 * The standard-segment grid for scores mapped to 1..5: `grid[5 - r][fm - 1]` is the segment of a customer
 * with (mapped) R score r and FM score fm, i.e. the first row is R = 5, as SPEC.md prints it.
 */
export type SegmentGrid = StandardSegmentKey[][];

export type Scoring =
  | { method: "quantile" }
  /** User-typed breakpoints per metric, k - 1 ascending values each (recency in days). */
  | { method: "fixed"; recency: number[]; frequency: number[]; monetary: number[] };

export interface RfmOptions {
  /** Number of score bins: 3, 4, 5 (default) or 10. */
  k: ScoreCount;
  /** Analysis date as an Excel serial day number; default: the latest purchase date in the data. */
  analysisDate?: number;
  /**
   * Compare date as an Excel serial day number, strictly before the analysis date: when set, the result's
   * `comparison` holds the whole analysis as of that date and who moved where since (SPEC "Change since an
   * earlier date"). Default: none.
   */
  compareDate?: number;
  /**
   * Compare with this many days before the analysis date (the pane's "90 days earlier"), resolved once the
   * analysis date is known, so a default analysis date needs no second run. Unlike `compareDate`, a date before
   * every purchase is no error: the result has no `comparison` and `comparisonUnavailable` says so. Ignored when
   * `compareDate` is set.
   */
  compareDaysBefore?: number;
  scoring: Scoring;
  segmentGrid: SegmentGrid;
  valueMatrix: { threshold: "mean" | "median"; monetary: "total" | "aov" };
  /** Cumulative revenue share cut-offs for tiers A and B (default 0.8, 0.95). */
  tierCutoffs: [number, number];
  /** Inclusive recency limits in days for active, recently lapsed, lapsed (default 30, 90, 180). */
  lifecycleDays: [number, number, number];
  /** Treat `C001` and `c001` as one customer (default false: exact after trimming). */
  ignoreCase: boolean;
  /** How to read ambiguous `NN/NN/YYYY` date strings (default "DMY"). */
  dateOrder: "DMY" | "MDY";
  /** Whether `values[0]` is a header row (default true). */
  hasHeader: boolean;
  /** Worksheet row number (or file line number) of `values[0]`, for reporting skipped rows (default 1). */
  firstRowNumber: number;
  /** How many skipped rows to report individually (default 20; the count is always exact). */
  maxSkippedReported: number;
  /** "Today" as a serial day, for the dates-after-today warning (default: the machine's local date). */
  today?: number;
}

/**
 * Dates worth a second look; none of them changes a result. Rows are worksheet row / file line numbers (the
 * first few), counts are exact, over the rows read (customer, date and amount readable).
 */
export interface DateWarnings {
  /** The day taken as today. */
  today: number;
  /** Rows dated after today, and the latest such date. */
  future: { count: number; rows: number[]; latest: number } | null;
  /**
   * Whether the analysis date is the default (the latest purchase date) and that date is after today: then every
   * recency counts from it, and one mistyped year makes every customer look lapsed.
   */
  analysisDateInFuture: boolean;
  /** Rows dated before 1990-01-01 (a 1 in a date cell, or the text `1`, reads as 1900-01-01), and the earliest. */
  early: { count: number; rows: number[]; earliest: number } | null;
  /** Text dates such as `03/05/2024` that read as another real date in the other order, and the order used. */
  ambiguous: { order: "DMY" | "MDY"; count: number; rows: number[]; example: string } | null;
}

export type SkipReason =
  | "missing_customer"
  | "bad_date"
  | "bad_amount"
  /** A readable amount (or quantity × price) beyond ±900 billion, where sums stop being exact (money.ts). */
  | "amount_out_of_range"
  | "after_analysis_date";

export interface SkippedRow {
  /** Worksheet row number (or file line number). */
  row: number;
  reason: SkipReason;
  /** The offending cell value as text, shortened, for the message. */
  value: string;
}

/** One row per scored customer, in columns. Indexes line up across all arrays. */
export interface CustomerColumns {
  /** Customer ids as written (trimmed); with ignoreCase, the first spelling seen. */
  id: string[];
  firstPurchase: Int32Array; // Excel serial day
  lastPurchase: Int32Array; // Excel serial day
  recency: Int32Array; // days
  tenure: Int32Array; // days
  frequency: Int32Array;
  monetary: Float64Array; // net, exact to 1/10,000
  aov: Float64Array;
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
  /** Index into STANDARD_SEGMENT_KEYS. */
  segment: Uint8Array;
  /** Index into VALUE_CLASS_KEYS. */
  valueClass: Uint8Array;
  /** Index into TIER_KEYS. */
  tier: Uint8Array;
  /** Index into LIFECYCLE_KEYS. */
  lifecycle: Uint8Array;
  /** Per mapped dimension, the value on the customer's latest purchase row. */
  dimensions: { name: string; values: string[] }[];
}

export interface SegmentSummaryRow {
  key: string;
  customers: number;
  customerShare: number;
  revenue: number;
  revenueShare: number;
  avgRecency: number;
  avgFrequency: number;
  avgMonetary: number;
}

export interface RfmResult {
  options: RfmOptions;
  mapping: ColumnMapping;
  headers: string[];
  analysisDate: number;
  customers: CustomerColumns;
  /** Per data row (header excluded): index into `customers`, or -1 when the row was skipped or its customer not scored. */
  rowCustomer: Int32Array;
  /** Breakpoints used for each score (recency in days), so a user can see why a customer is a 3. */
  breakpoints: { recency: number[]; frequency: number[]; monetary: number[] };
  /** Value-matrix thresholds (mean or median) for R (recency days), F and M. */
  valueMatrixThresholds: { recency: number; frequency: number; monetary: number };
  summaries: Record<SchemeName, SegmentSummaryRow[]>;
  /** Customer counts by R score (row r - 1) and F score (column f - 1), k × k. */
  rfGrid: number[][];
  /** Pareto curve, customers by monetary descending, at most ~201 points from (0,0) to (1,1). */
  pareto: { customerShare: number[]; revenueShare: number[] };
  skipped: { count: number; byReason: Record<SkipReason, number>; rows: SkippedRow[] };
  /** Customers whose rows are all returns: reported, not scored. */
  returnsOnlyCustomers: string[];
  /** Dates in the future, before 1990, or read in a guessed day/month order. */
  dateWarnings: DateWarnings;
  totals: {
    dataRows: number;
    blankRows: number;
    usedRows: number;
    customers: number;
    revenue: number;
    positiveRevenue: number;
  };
  /** Present when `options.compareDate` is set: the earlier result and the change since (SPEC). */
  comparison?: RfmComparison;
  /** Set when `compareDaysBefore` reached back before every purchase: no comparison was made. */
  comparisonUnavailable?: { days: number; compareDate: number };
}

/**
 * The whole analysis as of the compare date: same rows and options, analysis date = compare date. Rows dated
 * after it do not count (and are not skipped rows: `skipped` is the current result's). `customers` are those with
 * a purchase on or before the compare date, in first-seen order; `totals.usedRows` counts the rows on or before it.
 */
export type RfmEarlierResult = Omit<
  RfmResult,
  "options" | "mapping" | "headers" | "rowCustomer" | "skipped" | "dateWarnings" | "comparison"
>;

/**
 * Customers counted and net revenue per cell: rows `from` (earlier classes) plus one last row, index `from.length`,
 * for customers not in the earlier result ("new"); columns `to` (current classes). Row sums are the earlier counts
 * per class (the last row: the new customers); the whole matrix sums to the current customer count.
 */
export interface MovementMatrix<K extends string> {
  from: readonly K[];
  to: readonly K[];
  /** `customers[row][column]`, (from.length + 1) × to.length. */
  customers: number[][];
  /** Net revenue in the period (C, D]: Σ (current monetary − earlier monetary), in currency. */
  revenue: number[][];
  /** The same, exactly, in whole 1/10,000 money units (`MONEY_SCALE`). */
  revenueUnits: number[][];
}

/** Change since the compare date (SPEC "Change since an earlier date"). */
export interface RfmComparison {
  /** Excel serial day, before `RfmResult.analysisDate`. */
  compareDate: number;
  earlier: RfmEarlierResult;
  /** Per current customer (indexed like `RfmResult.customers`): its index in `earlier.customers`, or -1. */
  earlierIndex: Int32Array;
  /** Per current customer: earlier index into STANDARD_SEGMENT_KEYS, or NO_PREVIOUS (-1) when new. */
  prevSegment: Int8Array;
  /** Per current customer: earlier index into VALUE_CLASS_KEYS, or NO_PREVIOUS. */
  prevValueClass: Int8Array;
  /** Per current customer: earlier index into TIER_KEYS, or NO_PREVIOUS. */
  prevTier: Int8Array;
  /** Per current customer: earlier index into LIFECYCLE_KEYS, or NO_PREVIOUS. */
  prevLifecycle: Int8Array;
  /** Per current customer: index into SEGMENT_CHANGE_KEYS (new, same, changed standard segment). */
  change: Uint8Array;
  /** Per current customer: net revenue in (C, D] = current monetary − earlier monetary (exact to 1/10,000). */
  periodMonetary: Float64Array;
  /** Customers per SEGMENT_CHANGE_KEYS entry. */
  changeCounts: Record<SegmentChangeKey, number>;
  movement: { segment: MovementMatrix<StandardSegmentKey>; tier: MovementMatrix<TierKey> };
}

export interface ProgressHooks {
  /** Called now and then with a fraction in [0, 1]. */
  onProgress?: (fraction: number) => void;
  /** Polled between chunks; return true to stop with a CancelledError. */
  isCancelled?: () => boolean;
}

/** A problem with the input as a whole, worded for a shop owner; `code` lets the pane translate it. */
export class RfmInputError extends Error {
  constructor(
    public readonly code:
      | "empty_selection"
      | "header_only"
      | "missing_field"
      | "duplicate_column"
      | "no_valid_rows"
      | "bad_option"
      /** A customer's total would pass ±900 billion, beyond exact sums; `detail.customer` names the customer. */
      | "total_out_of_range",
    message: string,
    public readonly detail: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = "RfmInputError";
  }
}

export class CancelledError extends Error {
  constructor() {
    super("Cancelled");
    this.name = "CancelledError";
  }
}
