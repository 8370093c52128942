/**
 * The pane's run flow as data: the state useRfmFlow renders from, the events its async steps report, and a pure
 * reducer between them. Nothing here touches the workbook, the worker or React; the hook does the effects and
 * dispatches what happened, so each transition can be tested on its own (tests/taskpane/rfm-flow-state.test.ts).
 */
import { CancelledError, type ColumnMapping } from "../engine/types";
import type { PreviousOutput, SourceRange, WriteReport } from "../excel/gateway";
import type { MessageKey } from "../i18n";
import type { AnalysisOutcome } from "../worker/worker-client";
import type { ComparedRun } from "./compare-run";
import type { PaneSettings } from "./pane-settings";

/** What the pane is busy with; "idle" also while the Replace dialog waits for an answer. */
export type Stage = "idle" | "reading" | "computing" | "writing";
type BusyStage = Exclude<Stage, "idle">;

/** Marks the "read the selection first" problem, which is not an exception anywhere. */
export const NEED_SOURCE = Symbol("needSource");

export interface FlowState {
  stage: Stage;
  /** 0..1 within the current stage; shown only while busy. */
  progress: number;
  source?: SourceRange;
  mapping?: ColumnMapping;
  settings: PaneSettings;
  result?: AnalysisOutcome;
  report?: WriteReport;
  compareUnavailable?: ComparedRun["unavailable"];
  /** The error the MessageBar shows, translated when rendered (the language can change meanwhile). */
  failure?: { reason: unknown };
  notice?: MessageKey;
  askReplace: boolean;
  /** Kept after the answer: the dialog still lists them while it closes. */
  previousOutputs?: PreviousOutput[];
  canUndo: boolean;
  /** Set by "Use today": the hook runs again once the new analysis date is in its closure. */
  rerun: boolean;
}

export type FlowAction =
  /** Remembered settings arrived from the document. */
  | { type: "settingsLoaded"; settings: PaneSettings }
  | { type: "settingsChanged"; settings: PaneSettings }
  | { type: "mappingChanged"; mapping: ColumnMapping }
  /** The selection's preview is being read: earlier messages go. */
  | { type: "previewStarted" }
  | { type: "previewRead"; source: SourceRange; mapping: ColumnMapping }
  /** A run was asked for: earlier messages go (also when it cannot start). */
  | { type: "runRequested" }
  | { type: "sourceMissing" }
  | { type: "replaceAsked"; outputs: PreviousOutput[] }
  | { type: "replaceAnswered" }
  /** A run enters one of its busy stages, from 0 progress. */
  | { type: "stageStarted"; stage: BusyStage }
  | { type: "progress"; value: number }
  /** The rows were read: the source as read (it may have grown or shrunk since the preview). */
  | { type: "rowsRead"; source: SourceRange }
  | { type: "undoAvailability"; canUndo: boolean }
  | {
      type: "runFinished";
      result: AnalysisOutcome;
      compareUnavailable: ComparedRun["unavailable"];
      report: WriteReport | undefined;
    }
  | { type: "settingsNotSaved" }
  /** A preview, run, sheet display or filter failed; a CancelledError is the user's cancel, not an error. */
  | { type: "failed"; reason: unknown }
  | { type: "cancelRequested" }
  | { type: "analysisDateChosen"; isoDate: string }
  | { type: "rerunStarted" }
  | { type: "undoStarted" }
  | { type: "undone" }
  | { type: "undoFailed"; reason: unknown }
  | { type: "undoSettled"; canUndo: boolean }
  | { type: "errorDismissed" };

export function initialFlowState(settings: PaneSettings): FlowState {
  return { stage: "idle", progress: 0, settings, askReplace: false, canUndo: false, rerun: false };
}

export function flowReducer(state: FlowState, action: FlowAction): FlowState {
  switch (action.type) {
    case "settingsLoaded":
    case "settingsChanged":
      return { ...state, settings: action.settings };
    case "mappingChanged":
      return { ...state, mapping: action.mapping };
    case "previewStarted":
      return { ...state, failure: undefined, notice: undefined, stage: "reading", progress: 0 };
    case "previewRead":
      // A new source: the last run's result and report belong to the old one.
      return {
        ...state,
        source: action.source,
        mapping: action.mapping,
        result: undefined,
        report: undefined,
        stage: "idle",
      };
    case "runRequested":
      return { ...state, failure: undefined, notice: undefined };
    case "sourceMissing":
      return { ...state, failure: { reason: NEED_SOURCE } };
    case "replaceAsked":
      return { ...state, previousOutputs: action.outputs, askReplace: true };
    case "replaceAnswered":
      return { ...state, askReplace: false };
    case "stageStarted":
      return { ...state, stage: action.stage, progress: 0 };
    case "progress":
      return { ...state, progress: action.value };
    case "rowsRead":
      return { ...state, source: action.source };
    case "undoAvailability":
      return { ...state, canUndo: action.canUndo };
    case "runFinished":
      return {
        ...state,
        result: action.result,
        compareUnavailable: action.compareUnavailable,
        report: action.report,
        stage: "idle",
      };
    case "settingsNotSaved":
      // The results are written; only the remembered choices are lost, which the notice says.
      return { ...state, notice: "error.settingsNotSaved" };
    case "failed":
      return action.reason instanceof CancelledError
        ? { ...state, stage: "idle", notice: "run.cancelled" }
        : { ...state, stage: "idle", failure: { reason: action.reason } };
    case "cancelRequested":
      // A read cannot be interrupted in Excel; the pane stops waiting and ignores its result. The other stages stop
      // at their next check of the abort signal and report a CancelledError.
      return state.stage === "reading" ? { ...state, stage: "idle", notice: "run.cancelled" } : state;
    case "analysisDateChosen":
      return { ...state, settings: { ...state.settings, analysisDate: action.isoDate }, rerun: true };
    case "rerunStarted":
      return { ...state, rerun: false };
    case "undoStarted":
      return { ...state, failure: undefined, notice: undefined, stage: "writing" };
    case "undone":
      return { ...state, report: undefined, result: undefined, notice: "undo.done" };
    case "undoFailed":
      // Not through "failed": an undo has no cancel, so every reason is shown as an error.
      return { ...state, failure: { reason: action.reason } };
    case "undoSettled":
      return { ...state, canUndo: action.canUndo, stage: "idle" };
    case "errorDismissed":
      return { ...state, failure: undefined };
  }
}
