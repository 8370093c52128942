/**
 * Runs the analysis with the "Compare with" choice (SPEC "Change since an earlier date"). A choice of N days needs
 * the analysis date: when the user typed one, the compare date is that date − N; when the analysis date is the
 * data's latest purchase (unknown before the engine has run), the analysis runs once without a comparison and
 * again with `defaultCompareDate(result, N)`. When the data do not reach back that far, the result has no
 * comparison and `unavailable` says why (the pane shows one line), instead of an error.
 */
import { defaultCompareDate, isoDateToSerial } from "../engine";
import { RfmInputError, type CellValue, type ColumnMapping, type RfmOptions } from "../engine/types";
import type { ForecastRequest } from "../worker/protocol";
import type { AnalysisOutcome, AnalysisRunner } from "../worker/worker-client";
import type { PaneSettings } from "./pane-settings";

export interface ComparedRun {
  result: AnalysisOutcome;
  /** Set when N days before the analysis date nobody had bought yet: no comparison was made. */
  unavailable?: { days: number; analysisDate: number };
}

function isCompareDateProblem(error: unknown): boolean {
  return error instanceof RfmInputError && error.code === "bad_option" && error.detail.option === "compareDate";
}

export async function runWithComparison(
  runAnalysis: AnalysisRunner,
  values: CellValue[][],
  mapping: ColumnMapping,
  options: Partial<RfmOptions>,
  settings: Pick<PaneSettings, "compare" | "compareDate">,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
  forecast?: ForecastRequest,
): Promise<ComparedRun> {
  const { compare } = settings;
  if (compare === "off") return { result: await runAnalysis(values, mapping, options, onProgress, signal, forecast) };
  if (compare === "date") {
    const compareDate = isoDateToSerial(settings.compareDate);
    if (Number.isNaN(compareDate))
      throw new RfmInputError("bad_option", "Choose the date to compare with.", { option: "compareDate" });
    return { result: await runAnalysis(values, mapping, { ...options, compareDate }, onProgress, signal, forecast) };
  }
  const days = Number(compare);
  const half = (from: number) => (fraction: number) => onProgress(from + fraction / 2);
  if (options.analysisDate !== undefined && !Number.isNaN(options.analysisDate)) {
    const analysisDate = Math.floor(options.analysisDate);
    try {
      return {
        result: await runAnalysis(
          values,
          mapping,
          { ...options, compareDate: analysisDate - days },
          onProgress,
          signal,
          forecast,
        ),
      };
    } catch (error) {
      // Nobody had bought by then: the comparison is left out, the analysis itself still runs.
      if (!isCompareDateProblem(error)) throw error;
      const result = await runAnalysis(values, mapping, options, onProgress, signal, forecast);
      return { result, unavailable: { days, analysisDate: result.analysisDate } };
    }
  }
  const first = await runAnalysis(values, mapping, options, half(0), signal, forecast);
  const compareDate = defaultCompareDate(first, days);
  if (compareDate === undefined) {
    onProgress(1);
    return { result: first, unavailable: { days, analysisDate: first.analysisDate } };
  }
  // The analysis date stays the default (the same latest purchase), so its warnings read as in the first run.
  return { result: await runAnalysis(values, mapping, { ...options, compareDate }, half(0.5), signal, forecast) };
}
