/** The settings the pane edits, their defaults, and reading them back from a workbook's document settings. */
import { DEFAULT_SEGMENT_GRID, STANDARD_SEGMENT_KEYS } from "../engine";
import {
  RfmInputError,
  type ColumnMapping,
  type MappedField,
  type RfmOptions,
  type ScoreCount,
  type SegmentGrid,
} from "../engine/types";
import { isLanguage, type Language } from "../i18n";

export interface OutputChoices {
  customerSheet: boolean;
  segmentColumns: boolean;
  summary: boolean;
  charts: boolean;
}

/** The metrics that fixed thresholds apply to, in the engine's names. */
export type ScoringMetric = "recency" | "frequency" | "monetary";
export const SCORING_METRICS: readonly ScoringMetric[] = ["recency", "frequency", "monetary"];

interface ScoringChoice {
  method: "quantile" | "fixed";
  /**
   * Fixed thresholds per metric as the user typed them (k - 1 numbers, comma-separated; recency in days). Kept as
   * text so a half-typed list survives re-renders and a list typed for another k stays visible, marked invalid.
   */
  thresholds: Record<ScoringMetric, string>;
}

export interface PaneSettings {
  /** ISO date `YYYY-MM-DD`, or "" for the latest purchase date in the data. */
  analysisDate: string;
  k: ScoreCount;
  scoring: ScoringChoice;
  segmentGrid: SegmentGrid;
  threshold: "mean" | "median";
  basis: "total" | "aov";
  /** Tier cut-offs in percent (80, 95). */
  tierCutoffs: [number, number];
  lifecycleDays: [number, number, number];
  ignoreCase: boolean;
  dateOrder: "DMY" | "MDY";
  outputs: OutputChoices;
  /** Edited recommended actions by segment key; missing keys use the catalogue text. */
  actions: Record<string, string>;
  /** Compare with an earlier date: off, N days before the analysis date, or the date in `compareDate`. */
  compare: CompareChoice;
  /** ISO date `YYYY-MM-DD` used when `compare` is "date". */
  compareDate: string;
  /** The forecast's horizon in days (SPEC "Forecast"). */
  forecastDays: ForecastDays;
}

/** The "Compare with" choices: off, so many days before the analysis date, or a typed date. */
export const COMPARE_CHOICES = ["off", "30", "90", "180", "365", "date"] as const;
export type CompareChoice = (typeof COMPARE_CHOICES)[number];

export type ForecastDays = 30 | 90 | 180 | 365;
export const FORECAST_DAYS: readonly ForecastDays[] = [30, 90, 180, 365];

export const MAPPED_FIELDS: readonly MappedField[] = ["customer", "date", "amount", "orderId", "quantity", "price"];
export const SCORE_COUNTS: readonly ScoreCount[] = [3, 4, 5, 10];

/**
 * The day/month order for text dates like 03/04/2024 from Office's locale (contentLanguage, else displayLanguage):
 * month first for US English, day first everywhere else.
 */
export function dateOrderForLocale(locale: string | undefined): "DMY" | "MDY" {
  return /^en-US$/i.test(locale ?? "") ? "MDY" : "DMY";
}

export function defaultPaneSettings(): PaneSettings {
  return {
    analysisDate: "",
    k: 5,
    scoring: { method: "quantile", thresholds: { recency: "", frequency: "", monetary: "" } },
    segmentGrid: DEFAULT_SEGMENT_GRID.map((row) => [...row]),
    threshold: "mean",
    basis: "total",
    tierCutoffs: [80, 95],
    lifecycleDays: [30, 90, 180],
    ignoreCase: false,
    dateOrder: "DMY",
    outputs: { customerSheet: true, segmentColumns: true, summary: true, charts: true },
    actions: {},
    compare: "90",
    compareDate: "",
    forecastDays: 90,
  };
}

/** Why a typed threshold list cannot be used, for the message under its field. */
export type ThresholdProblem =
  | { kind: "empty"; expected: number }
  | { kind: "notNumber"; text: string }
  | { kind: "count"; expected: number; found: number }
  | { kind: "order" };

export type ThresholdParse = { ok: true; values: number[] } | { ok: false; problem: ThresholdProblem };

// Commas (ASCII, full-width, ideographic), semicolons and spaces all separate; NFKC has made full-width ones ASCII.
const THRESHOLD_SEPARATORS = /[,;、\s]+/;
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)$/;

/**
 * Reads a typed threshold list for `k` score levels: k - 1 plain numbers from smallest to largest (equal
 * neighbours allowed, as the engine allows them: that score level is then empty). Full-width digits and commas,
 * as a Chinese IME types them, are accepted.
 */
export function parseThresholds(text: string, k: ScoreCount): ThresholdParse {
  const expected = k - 1;
  const pieces = text
    .normalize("NFKC")
    .split(THRESHOLD_SEPARATORS)
    .filter((piece) => piece !== "");
  if (pieces.length === 0) return { ok: false, problem: { kind: "empty", expected } };
  const bad = pieces.find((piece) => !PLAIN_NUMBER.test(piece));
  if (bad !== undefined) return { ok: false, problem: { kind: "notNumber", text: bad } };
  const values = pieces.map(Number);
  if (values.length !== expected) return { ok: false, problem: { kind: "count", expected, found: values.length } };
  if (values.some((value, index) => index > 0 && value < values[index - 1]!))
    return { ok: false, problem: { kind: "order" } };
  return { ok: true, values };
}

/** The problem with each fixed-threshold list; empty when quantiles are chosen or every list is usable. */
export function scoringProblems(settings: PaneSettings): Partial<Record<ScoringMetric, ThresholdProblem>> {
  const problems: Partial<Record<ScoringMetric, ThresholdProblem>> = {};
  if (settings.scoring.method !== "fixed") return problems;
  for (const metric of SCORING_METRICS) {
    const parsed = parseThresholds(settings.scoring.thresholds[metric], settings.k);
    if (!parsed.ok) problems[metric] = parsed.problem;
  }
  return problems;
}

/** Whether the scoring settings can be run as they are (the Run button can be disabled on false). */
export function scoringIsValid(settings: PaneSettings): boolean {
  return Object.keys(scoringProblems(settings)).length === 0;
}

/**
 * A tier or lifecycle setting the engine would refuse (engine/options.ts: tier shares above 0, the first no larger
 * than the second, at most 100%; lifecycle days from 0 up, never shrinking), with the numbers to say why in the
 * field's own words. `index` is the field that shows it: the earlier of two that are out of order.
 */
export type SettingProblem =
  | { option: "lifecycleDays"; kind: "negative"; index: 0 | 1 | 2; value: number }
  | { option: "lifecycleDays"; kind: "order"; index: 0 | 1; value: number; next: number }
  | { option: "tierCutoffs"; kind: "notPositive"; index: 0; value: number }
  | { option: "tierCutoffs"; kind: "over100"; index: 1; value: number }
  | { option: "tierCutoffs"; kind: "order"; index: 0; value: number; next: number };

/** Every tier and lifecycle problem of `settings`, at most one per field; empty when the engine would accept them. */
export function settingProblems(settings: PaneSettings): SettingProblem[] {
  const problems: SettingProblem[] = [];
  const [tierA, tierB] = settings.tierCutoffs;
  if (!(tierA > 0)) problems.push({ option: "tierCutoffs", kind: "notPositive", index: 0, value: tierA });
  else if (tierA > tierB) problems.push({ option: "tierCutoffs", kind: "order", index: 0, value: tierA, next: tierB });
  if (tierB > 100) problems.push({ option: "tierCutoffs", kind: "over100", index: 1, value: tierB });
  const days = settings.lifecycleDays;
  ([0, 1, 2] as const).forEach((index) => {
    const value = days[index];
    if (value < 0) problems.push({ option: "lifecycleDays", kind: "negative", index, value });
    else if (index < 2 && value > days[index + 1]!)
      problems.push({ option: "lifecycleDays", kind: "order", index: index as 0 | 1, value, next: days[index + 1]! });
  });
  return problems;
}

/** The problem as an RfmInputError's detail (flat, as the detail type wants) and back. */
function settingProblemDetail(problem: SettingProblem): Record<string, string | number> {
  return { ...problem };
}

export function settingProblemFromDetail(detail: Record<string, string | number>): SettingProblem | undefined {
  const { option, kind, index, value, next } = detail;
  if (typeof index !== "number" || typeof value !== "number") return undefined;
  const candidate = { option, kind, index, value, ...(typeof next === "number" ? { next } : {}) } as SettingProblem;
  const known =
    (option === "lifecycleDays" && (kind === "negative" || (kind === "order" && typeof next === "number"))) ||
    (option === "tierCutoffs" &&
      (kind === "notPositive" || kind === "over100" || (kind === "order" && typeof next === "number")));
  return known ? candidate : undefined;
}

/** Typical thresholds per k, used to pre-fill and as placeholders when there is no earlier run to start from. */
export const TYPICAL_THRESHOLDS: Record<ScoreCount, Record<ScoringMetric, number[]>> = {
  3: { recency: [90, 365], frequency: [2, 5], monetary: [200, 1000] },
  4: { recency: [30, 90, 365], frequency: [2, 4, 10], monetary: [100, 500, 1000] },
  5: { recency: [30, 90, 180, 365], frequency: [2, 3, 5, 10], monetary: [100, 250, 500, 1000] },
  10: {
    recency: [7, 14, 30, 60, 90, 120, 180, 270, 365],
    frequency: [2, 3, 4, 5, 6, 8, 10, 15, 20],
    monetary: [50, 100, 150, 200, 300, 500, 750, 1000, 2000],
  },
};

/** A threshold list as the text field shows it; quantile breakpoints are rounded to 2 decimals to be typeable. */
export function thresholdText(values: readonly number[]): string {
  return values.map((value) => String(Math.round(value * 100) / 100)).join(", ");
}

/**
 * Suggested threshold texts for `k`: the breakpoints of an earlier run with the same k (so switching to fixed
 * starts from what the customers looked like), otherwise typical values.
 */
export function suggestedThresholds(
  k: ScoreCount,
  lastRun?: { options: { k: ScoreCount }; breakpoints: Record<ScoringMetric, number[]> },
): Record<ScoringMetric, string> {
  const source =
    lastRun &&
    lastRun.options.k === k &&
    SCORING_METRICS.every((metric) => lastRun.breakpoints[metric].length === k - 1)
      ? lastRun.breakpoints
      : TYPICAL_THRESHOLDS[k];
  return {
    recency: thresholdText(source.recency),
    frequency: thresholdText(source.frequency),
    monetary: thresholdText(source.monetary),
  };
}

/**
 * The engine options for these settings (analysis date converted by the caller, which knows the engine's parser).
 * Throws RfmInputError("bad_option") when fixed thresholds are chosen but a list is not usable, or a tier or
 * lifecycle setting is (settingProblems; its detail says which and why), so nothing runs.
 */
export function toRfmOptions(
  settings: PaneSettings,
  analysisDate: number | undefined,
  firstRowNumber: number,
): Partial<RfmOptions> {
  const [problem] = settingProblems(settings);
  if (problem) {
    // The field shows the same problem; the error lets the pane say it again when Run is clicked.
    throw new RfmInputError(
      "bad_option",
      `The ${problem.option === "tierCutoffs" ? "tier shares" : "lifecycle days"} are not usable.`,
      settingProblemDetail(problem),
    );
  }
  return {
    k: settings.k,
    analysisDate,
    scoring: toScoring(settings),
    segmentGrid: settings.segmentGrid.map((row) => [...row]),
    valueMatrix: { threshold: settings.threshold, monetary: settings.basis },
    tierCutoffs: [settings.tierCutoffs[0] / 100, settings.tierCutoffs[1] / 100],
    lifecycleDays: [...settings.lifecycleDays],
    ignoreCase: settings.ignoreCase,
    dateOrder: settings.dateOrder,
    hasHeader: true,
    firstRowNumber,
  };
}

function toScoring(settings: PaneSettings): RfmOptions["scoring"] {
  if (settings.scoring.method !== "fixed") return { method: "quantile" };
  const lists: Partial<Record<ScoringMetric, number[]>> = {};
  for (const metric of SCORING_METRICS) {
    const parsed = parseThresholds(settings.scoring.thresholds[metric], settings.k);
    if (!parsed.ok) {
      throw new RfmInputError(
        "bad_option",
        `Type ${settings.k - 1} ${metric} thresholds, from smallest to largest, for ${settings.k} score levels.`,
        { option: `scoring.${metric}` },
      );
    }
    lists[metric] = parsed.values;
  }
  return { method: "fixed", recency: lists.recency!, frequency: lists.frequency!, monetary: lists.monetary! };
}

/** What is stored per workbook: settings, language, and the last mapping by header name. */
export interface PersistedState {
  version: 1;
  language?: Language;
  settings: PaneSettings;
  /** Header name per mapped field, so the mapping survives columns moving. */
  mappingHeaders: Partial<Record<MappedField, string>>;
  dimensionHeaders: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const isFiniteNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** Reads stored state defensively: anything malformed (older version, hand-edited) falls back to defaults. */
export function parsePersisted(value: unknown): PersistedState | undefined {
  if (!isObject(value) || value.version !== 1) return undefined;
  const stored = isObject(value.settings) ? value.settings : {};
  const settings = defaultPaneSettings();
  if (typeof stored.analysisDate === "string" && /^(\d{4}-\d{2}-\d{2})?$/.test(stored.analysisDate))
    settings.analysisDate = stored.analysisDate;
  if (SCORE_COUNTS.includes(stored.k as ScoreCount)) settings.k = stored.k as ScoreCount;
  if (isObject(stored.scoring)) settings.scoring = parseScoring(stored.scoring);
  if (isValidGrid(stored.segmentGrid)) settings.segmentGrid = stored.segmentGrid.map((row) => [...row]);
  if (stored.threshold === "mean" || stored.threshold === "median") settings.threshold = stored.threshold;
  if (stored.basis === "total" || stored.basis === "aov") settings.basis = stored.basis;
  if (
    Array.isArray(stored.tierCutoffs) &&
    stored.tierCutoffs.length === 2 &&
    stored.tierCutoffs.every(isFiniteNumber)
  ) {
    const [a, b] = stored.tierCutoffs;
    settings.tierCutoffs = [a!, b!];
  }
  if (
    Array.isArray(stored.lifecycleDays) &&
    stored.lifecycleDays.length === 3 &&
    stored.lifecycleDays.every(isFiniteNumber)
  ) {
    const [active, recent, lapsed] = stored.lifecycleDays;
    settings.lifecycleDays = [active!, recent!, lapsed!];
  }
  if (typeof stored.ignoreCase === "boolean") settings.ignoreCase = stored.ignoreCase;
  if (stored.dateOrder === "DMY" || stored.dateOrder === "MDY") settings.dateOrder = stored.dateOrder;
  if (isObject(stored.outputs)) {
    for (const key of Object.keys(settings.outputs) as (keyof OutputChoices)[]) {
      const choice = stored.outputs[key];
      if (typeof choice === "boolean") settings.outputs[key] = choice;
    }
  }
  if (isObject(stored.actions)) {
    for (const [key, text] of Object.entries(stored.actions))
      if (typeof text === "string") settings.actions[key] = text;
  }
  if ((COMPARE_CHOICES as readonly unknown[]).includes(stored.compare))
    settings.compare = stored.compare as CompareChoice;
  if (typeof stored.compareDate === "string" && /^(\d{4}-\d{2}-\d{2})?$/.test(stored.compareDate))
    settings.compareDate = stored.compareDate;
  if (FORECAST_DAYS.includes(stored.forecastDays as ForecastDays))
    settings.forecastDays = stored.forecastDays as ForecastDays;
  const mappingHeaders: Partial<Record<MappedField, string>> = {};
  if (isObject(value.mappingHeaders)) {
    for (const field of MAPPED_FIELDS) {
      const header = value.mappingHeaders[field];
      if (typeof header === "string") mappingHeaders[field] = header;
    }
  }
  const dimensionHeaders = Array.isArray(value.dimensionHeaders)
    ? value.dimensionHeaders.filter((h): h is string => typeof h === "string")
    : [];
  return {
    version: 1,
    language: isLanguage(value.language) ? value.language : undefined,
    settings,
    mappingHeaders,
    dimensionHeaders,
  };
}

/** Stored scoring choice; a list stored as numbers (hand-edited) is shown as text, anything else left empty. */
function parseScoring(stored: Record<string, unknown>): ScoringChoice {
  const scoring = defaultPaneSettings().scoring;
  if (stored.method === "quantile" || stored.method === "fixed") scoring.method = stored.method;
  const thresholds = isObject(stored.thresholds) ? stored.thresholds : {};
  for (const metric of SCORING_METRICS) {
    const list = thresholds[metric];
    if (typeof list === "string") scoring.thresholds[metric] = list;
    else if (Array.isArray(list) && list.every(isFiniteNumber)) scoring.thresholds[metric] = thresholdText(list);
  }
  return scoring;
}

function isValidGrid(grid: unknown): grid is SegmentGrid {
  return (
    Array.isArray(grid) &&
    grid.length === 5 &&
    grid.every(
      (row) =>
        Array.isArray(row) &&
        row.length === 5 &&
        row.every((key) => (STANDARD_SEGMENT_KEYS as readonly unknown[]).includes(key)),
    )
  );
}

/**
 * The remembered mapping applied to a new header row, when every remembered column is still there by name;
 * otherwise undefined (the caller guesses afresh).
 */
export function mappingFromHeaders(persisted: PersistedState, headers: string[]): ColumnMapping | undefined {
  const entries = Object.entries(persisted.mappingHeaders) as [MappedField, string][];
  if (entries.length === 0) return undefined;
  const mapping: ColumnMapping = { dimensions: [] };
  for (const [field, header] of entries) {
    const column = headers.indexOf(header);
    if (column < 0) return undefined;
    mapping[field] = column;
  }
  for (const header of persisted.dimensionHeaders) {
    const column = headers.indexOf(header);
    if (column >= 0) mapping.dimensions.push(column);
  }
  return mapping;
}

export function headersOfMapping(
  mapping: ColumnMapping,
  headers: string[],
): Pick<PersistedState, "mappingHeaders" | "dimensionHeaders"> {
  const mappingHeaders: Partial<Record<MappedField, string>> = {};
  for (const field of MAPPED_FIELDS) {
    const column = mapping[field];
    const header = column === undefined ? undefined : headers[column];
    if (header !== undefined) mappingHeaders[field] = header;
  }
  const dimensionHeaders = mapping.dimensions.flatMap((column) =>
    headers[column] === undefined ? [] : [headers[column]],
  );
  return { mappingHeaders, dimensionHeaders };
}
