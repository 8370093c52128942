/**
 * Runs the analysis with the "Compare with" choice (SPEC "Change since an earlier date"). A choice of N days is
 * passed as `compareDaysBefore`, which the engine resolves against the analysis date (typed, or the data's latest
 * purchase) in the same run. When the data do not reach back that far, the result has no comparison and
 * `unavailable` says why (the pane shows one line), instead of an error.
 */
import { isoDateToSerial } from "../engine";
import { RfmInputError, type ColumnMapping, type RfmOptions } from "../engine/types";
import type { ForecastRequest } from "../worker/protocol";
import type { AnalysisInput, AnalysisOutcome, AnalysisRunner } from "../worker/worker-client";
import type { PaneSettings } from "./pane-settings";

export interface ComparedRun {
  result: AnalysisOutcome;
  /** Set when N days before the analysis date nobody had bought yet: no comparison was made. */
  unavailable?: { days: number; analysisDate: number };
}

export async function runWithComparison(
  runAnalysis: AnalysisRunner,
  values: AnalysisInput,
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
  // Resolved by the engine once it knows the analysis date: one run, also when that date is the data's latest.
  const days = Number(compare);
  const result = await runAnalysis(
    values,
    mapping,
    { ...options, compareDaysBefore: days },
    onProgress,
    signal,
    forecast,
  );
  return result.comparisonUnavailable
    ? { result, unavailable: { days, analysisDate: result.analysisDate } }
    : { result };
}
