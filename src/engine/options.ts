import { serialToIsoDate } from "./excel-date";
import {
  RfmInputError,
  type RfmOptions,
  type SegmentGrid,
  STANDARD_SEGMENT_KEYS,
  type StandardSegmentKey,
} from "./types";

/** SPEC.md's default standard-segment grid; `DEFAULT_SEGMENT_GRID[5 - r][fm - 1]`, first row R = 5. */
export const DEFAULT_SEGMENT_GRID: readonly (readonly StandardSegmentKey[])[] = [
  ["new", "potential_loyalist", "potential_loyalist", "champions", "champions"],
  ["promising", "potential_loyalist", "potential_loyalist", "loyal", "loyal"],
  ["about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"],
  ["hibernating", "hibernating", "at_risk", "at_risk", "cannot_lose"],
  ["lost", "hibernating", "at_risk", "at_risk", "cannot_lose"],
];

/** A fresh copy of the default options (k = 5, quantile scores, mean value matrix, tiers 80/95%, 30/90/180 days). */
export function defaultRfmOptions(): RfmOptions {
  return {
    k: 5,
    scoring: { method: "quantile" },
    segmentGrid: DEFAULT_SEGMENT_GRID.map((row) => [...row]) as SegmentGrid,
    valueMatrix: { threshold: "mean", monetary: "total" },
    tierCutoffs: [0.8, 0.95],
    lifecycleDays: [30, 90, 180],
    ignoreCase: false,
    dateOrder: "DMY",
    hasHeader: true,
    firstRowNumber: 1,
    maxSkippedReported: 20,
  };
}

function badOption(message: string, option: string): RfmInputError {
  return new RfmInputError("bad_option", message, { option });
}

/** The compare date is on or after the analysis date (SPEC: strictly before). */
export function compareDateNotBefore(compareDate: number, analysisDate: number): RfmInputError {
  return new RfmInputError(
    "bad_option",
    `The compare date (${serialToIsoDate(compareDate)}) must be before the analysis date (${serialToIsoDate(analysisDate)}). Choose an earlier compare date.`,
    { option: "compareDate", compareDate, analysisDate },
  );
}

function isAscending(values: readonly number[]): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) return false;
    if (i > 0 && v < values[i - 1]!) return false;
  }
  return true;
}

/** Defaults filled in and every option checked; throws RfmInputError("bad_option") with a plain sentence. */
export function resolveOptions(partial: Partial<RfmOptions> = {}): RfmOptions {
  const options: RfmOptions = { ...defaultRfmOptions(), ...stripUndefined(partial) };
  const { k } = options;
  if (k !== 3 && k !== 4 && k !== 5 && k !== 10)
    throw badOption("The number of score levels must be 3, 4, 5 or 10.", "k");
  if (options.analysisDate !== undefined && !Number.isFinite(options.analysisDate)) {
    throw badOption("The analysis date is not a valid date.", "analysisDate");
  }
  if (options.analysisDate !== undefined) options.analysisDate = Math.floor(options.analysisDate);
  if (options.compareDate !== undefined) {
    if (typeof options.compareDate !== "number" || !Number.isFinite(options.compareDate)) {
      throw badOption("The compare date is not a valid date.", "compareDate");
    }
    options.compareDate = Math.floor(options.compareDate);
    // With a default analysis date (the latest purchase) the check waits for the data: see analyze.ts.
    if (options.analysisDate !== undefined && options.compareDate >= options.analysisDate) {
      throw compareDateNotBefore(options.compareDate, options.analysisDate);
    }
  }
  if (options.compareDaysBefore !== undefined) {
    const days = options.compareDaysBefore;
    if (typeof days !== "number" || !Number.isInteger(days) || days < 1) {
      throw badOption("Compare with a whole number of days before the analysis date, 1 or more.", "compareDate");
    }
  }
  if (options.scoring.method === "fixed") {
    for (const metric of ["recency", "frequency", "monetary"] as const) {
      const limits = options.scoring[metric];
      if (!Array.isArray(limits) || limits.length !== k - 1 || !isAscending(limits)) {
        throw badOption(
          `Type ${k - 1} thresholds for ${metric}, from smallest to largest, to split customers into ${k} score levels.`,
          `scoring.${metric}`,
        );
      }
    }
  } else if (options.scoring.method !== "quantile") {
    throw badOption("The scoring method must be quantile or fixed thresholds.", "scoring");
  }
  const grid = options.segmentGrid;
  if (
    !Array.isArray(grid) ||
    grid.length !== 5 ||
    grid.some(
      (row) => !Array.isArray(row) || row.length !== 5 || row.some((key) => !STANDARD_SEGMENT_KEYS.includes(key)),
    )
  ) {
    throw badOption("The segment grid must have 5 rows and 5 columns of known segments.", "segmentGrid");
  }
  const { threshold, monetary } = options.valueMatrix;
  if ((threshold !== "mean" && threshold !== "median") || (monetary !== "total" && monetary !== "aov")) {
    throw badOption(
      "The value matrix compares against the mean or the median, of total spend or average order value.",
      "valueMatrix",
    );
  }
  const [cutA, cutB] = options.tierCutoffs;
  if (!(cutA > 0 && cutA <= cutB && cutB <= 1)) {
    throw badOption(
      "Tier cut-offs must be shares between 0 and 100%, the first no larger than the second.",
      "tierCutoffs",
    );
  }
  const days = options.lifecycleDays;
  if (days.length !== 3 || !isAscending(days) || days[0] < 0) {
    throw badOption("Lifecycle limits must be three day counts from smallest to largest.", "lifecycleDays");
  }
  if (options.dateOrder !== "DMY" && options.dateOrder !== "MDY") {
    throw badOption("The date order must be day/month/year or month/day/year.", "dateOrder");
  }
  if (
    !Number.isInteger(options.firstRowNumber) ||
    !Number.isInteger(options.maxSkippedReported) ||
    options.maxSkippedReported < 0
  ) {
    throw badOption("Row numbering options must be whole numbers.", "firstRowNumber");
  }
  return options;
}

function stripUndefined(partial: Partial<RfmOptions>): Partial<RfmOptions> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(partial)) if (value !== undefined) result[key] = value;
  return result as Partial<RfmOptions>;
}
