/** Texts the adapter writes into the workbook, in the user's chosen language. Built by i18n, consumed by excel/. */
import type { ForecastWorkbookLabels } from "./workbook-forecast-text";

export interface WorkbookLabels {
  language: "en" | "zh-Hans" | "zh-Hant";
  sheets: { customers: string; summary: string };
  tables: { customers: string; segmentSummary: string; tierSummary: string };
  pivots: { segmentByTier: string; byDimension: string };
  /** Customer-table column headers, in SPEC order. */
  customerColumns: {
    customer: string;
    firstPurchase: string;
    lastPurchase: string;
    recency: string;
    frequency: string;
    monetary: string;
    aov: string;
    r: string;
    f: string;
    m: string;
    rfm: string;
    segment: string;
    valueClass: string;
    tier: string;
    lifecycle: string;
    action: string;
  };
  /** Headers of the two columns written beside the source rows. */
  sourceColumns: { segment: string; tier: string };
  /**
   * The header pairs any run may have written beside the source, in every language: a re-run looks for its earlier
   * block under any of them (absent: this language's only). The block's rows are proven by the run record's hash.
   */
  sourceColumnsAnyLanguage?: { headers: { segment: string; tier: string }[] };
  summary: {
    title: string;
    segment: string;
    tier: string;
    customers: string;
    /** This header and the next four may hold a line feed where they wrap (the summary tables' header rows). */
    customerShare: string;
    revenue: string;
    revenueShare: string;
    avgRecency: string;
    avgFrequency: string;
    avgMonetary: string;
    rfGridTitle: string;
    rAxis: string;
    fAxis: string;
    pivotTitle: string;
    /** Header of a row-total column. */
    total: string;
  };
  charts: {
    customersPerSegment: string;
    revenueShare: string;
    pareto: string;
    shareOfCustomers: string;
    shareOfRevenue: string;
  };
  /** The summary sheet read as a report: headline figures, notes, chart axes. */
  report: {
    headlineCustomers: string;
    headlineRevenue: string;
    headlineTierAShare: string;
    headlineAtRisk: string;
    /** What the at-risk figure counts. */
    headlineAtRiskNote: string;
    /** Title over the ranges the charts draw from. */
    chartData: string;
    segmentAxis: string;
    customersAxis: string;
    revenueShareAxis: string;
    /** `{metric} scores {scores} cannot occur: too many customers share the same {what}.` */
    impossibleScores: string;
    metricNames: { r: string; f: string; m: string };
    /** Header of the customer table's last column: the segment's position in the pane's order. */
    segmentOrder: string;
    listSeparator: string;
    listLastSeparator: string;
  };
  /** Display names by machine key, for all four schemes (tiers keyed A, B, C). */
  segmentNames: Record<string, string>;
  /** Recommended action by machine key (may be edited by the user). */
  actions: Record<string, string>;
  dateFormat: string;
  moneyFormat: string;
  /** The forecast's columns and summary blocks (absent: labels built without them; no forecast is written). */
  forecast?: ForecastWorkbookLabels;
  /** Texts of the comparison with an earlier date (absent in older label sets: no comparison columns). */
  compare?: CompareWorkbookLabels;
}

/** `{date}` is the compare date in the language's date form (compare-labels.ts `formatDay`). */
export interface CompareWorkbookLabels {
  /** Customer-table header of the earlier segment, e.g. "Segment on {date}". */
  previousSegment: string;
  /** Customer-table header of new / same / changed. */
  change: string;
  changeNames: { new: string; same: string; changed: string };
  /** Title above the movement matrix (earlier segment × current segment). */
  movementTitle: string;
  /** Row label of the customers who had not bought by the compare date. */
  newRow: string;
  movesChart: string;
  /** A move's label in the chart, "{from} → {to}". */
  move: string;
  movesCustomers: string;
}
