import { CancelledError, type ColumnMapping } from "../../src/engine/types";
import type { PreviousOutput, SourceRange, WriteReport } from "../../src/excel/gateway";
import { defaultPaneSettings } from "../../src/taskpane/pane-settings";
import {
  flowReducer,
  initialFlowState,
  NEED_SOURCE,
  type FlowAction,
  type FlowState,
} from "../../src/taskpane/rfm-flow-state";
import type { AnalysisOutcome } from "../../src/worker/worker-client";

const source = (address: string): SourceRange => ({
  address,
  sheetName: "Sales",
  firstRow: 1,
  firstColumn: 0,
  rowCount: 3,
  columnCount: 3,
  values: [["Customer", "Date", "Amount"]],
});
const mapping: ColumnMapping = { customer: 0, date: 1, amount: 2, dimensions: [] };
// The reducer only stores these; their insides do not matter here.
const result = { marker: "result" } as unknown as AnalysisOutcome;
const report = { marker: "report" } as unknown as WriteReport;
const unavailable = { days: 90, analysisDate: 45_000 };
const outputs: PreviousOutput[] = [
  { id: "s1", currentName: "RFM Customers", writtenName: "RFM Customers", renamed: false, edited: false },
];

function play(actions: FlowAction[], from = initialFlowState(defaultPaneSettings())): FlowState {
  return actions.reduce(flowReducer, from);
}

describe("run flow reducer", () => {
  test("starts idle with the given settings and nothing to show", () => {
    const settings = { ...defaultPaneSettings(), forecastDays: 30 as const };
    const state = initialFlowState(settings);
    expect(state).toMatchObject({ stage: "idle", progress: 0, settings, askReplace: false, canUndo: false });
    expect(state.source).toBeUndefined();
    expect(state.failure).toBeUndefined();
  });

  test("a preview clears old messages, shows reading, and a new source drops the last run's result", () => {
    const before = play([
      { type: "failed", reason: new Error("old") },
      { type: "runFinished", result, compareUnavailable: undefined, report },
      { type: "settingsNotSaved" },
    ]);
    const reading = flowReducer({ ...before, progress: 0.7 }, { type: "previewStarted" });
    expect(reading).toMatchObject({ stage: "reading", progress: 0 });
    expect(reading.failure).toBeUndefined();
    expect(reading.notice).toBeUndefined();

    const read = flowReducer(reading, { type: "previewRead", source: source("Sales!A1:C3"), mapping });
    expect(read).toMatchObject({ stage: "idle", mapping });
    expect(read.source?.address).toBe("Sales!A1:C3");
    expect(read.result).toBeUndefined();
    expect(read.report).toBeUndefined();
  });

  test("a run goes reading → computing → writing → idle with results, progress restarting per stage", () => {
    const start = play([{ type: "previewRead", source: source("Sales!A1:C3"), mapping }]);
    const reading = play([{ type: "runRequested" }, { type: "stageStarted", stage: "reading" }], start);
    expect(reading).toMatchObject({ stage: "reading", progress: 0 });
    const halfway = flowReducer(reading, { type: "progress", value: 0.5 });
    expect(halfway.progress).toBe(0.5);

    const computing = play(
      [
        { type: "rowsRead", source: source("Sales!A1:C4") },
        { type: "stageStarted", stage: "computing" },
      ],
      halfway,
    );
    expect(computing).toMatchObject({ stage: "computing", progress: 0 });
    expect(computing.source?.address).toBe("Sales!A1:C4");

    const done = play(
      [
        { type: "stageStarted", stage: "writing" },
        { type: "progress", value: 1 },
        { type: "undoAvailability", canUndo: true },
        { type: "runFinished", result, compareUnavailable: unavailable, report },
      ],
      computing,
    );
    expect(done).toMatchObject({ stage: "idle", result, report, compareUnavailable: unavailable, canUndo: true });
  });

  test("a run without a source says so, after clearing the earlier messages", () => {
    const state = play([{ type: "settingsNotSaved" }, { type: "runRequested" }, { type: "sourceMissing" }]);
    expect(state.failure).toEqual({ reason: NEED_SOURCE });
    expect(state.notice).toBeUndefined();
    expect(state.stage).toBe("idle");
  });

  test("the Replace dialog opens with the outputs and keeps listing them while it closes", () => {
    const asking = flowReducer(initialFlowState(defaultPaneSettings()), { type: "replaceAsked", outputs });
    expect(asking).toMatchObject({ askReplace: true, previousOutputs: outputs, stage: "idle" });
    const answered = flowReducer(asking, { type: "replaceAnswered" });
    expect(answered.askReplace).toBe(false);
    expect(answered.previousOutputs).toBe(outputs);
  });

  test("a failure returns to idle with the error; a CancelledError is a notice, not an error", () => {
    const computing = play([{ type: "stageStarted", stage: "computing" }]);
    const reason = new Error("boom");
    const failed = flowReducer(computing, { type: "failed", reason });
    expect(failed).toMatchObject({ stage: "idle", failure: { reason } });
    expect(failed.notice).toBeUndefined();

    const cancelled = flowReducer(computing, { type: "failed", reason: new CancelledError() });
    expect(cancelled).toMatchObject({ stage: "idle", notice: "run.cancelled" });
    expect(cancelled.failure).toBeUndefined();
  });

  test("cancel stops waiting for a read at once; other stages wait for their CancelledError", () => {
    const reading = play([{ type: "stageStarted", stage: "reading" }]);
    expect(flowReducer(reading, { type: "cancelRequested" })).toMatchObject({ stage: "idle", notice: "run.cancelled" });

    const computing = play([{ type: "stageStarted", stage: "computing" }]);
    expect(flowReducer(computing, { type: "cancelRequested" })).toBe(computing);
    const idle = initialFlowState(defaultPaneSettings());
    expect(flowReducer(idle, { type: "cancelRequested" })).toBe(idle);
  });

  test("“Use today” sets the analysis date and asks for one more run, once", () => {
    const chosen = flowReducer(initialFlowState(defaultPaneSettings()), {
      type: "analysisDateChosen",
      isoDate: "2024-05-01",
    });
    expect(chosen.settings.analysisDate).toBe("2024-05-01");
    expect(chosen.rerun).toBe(true);
    expect(flowReducer(chosen, { type: "rerunStarted" }).rerun).toBe(false);
  });

  test("undo: busy writing, then the result and report go and the notice says so", () => {
    const ran = play([
      { type: "undoAvailability", canUndo: true },
      { type: "runFinished", result, compareUnavailable: undefined, report },
      { type: "settingsNotSaved" },
    ]);
    const undoing = flowReducer(ran, { type: "undoStarted" });
    expect(undoing.stage).toBe("writing");
    expect(undoing.notice).toBeUndefined();

    const undone = play([{ type: "undone" }, { type: "undoSettled", canUndo: false }], undoing);
    expect(undone).toMatchObject({ stage: "idle", canUndo: false, notice: "undo.done" });
    expect(undone.result).toBeUndefined();
    expect(undone.report).toBeUndefined();
  });

  test("a failed undo keeps the result and shows every reason as an error, even a CancelledError", () => {
    const ran = play([
      { type: "undoAvailability", canUndo: true },
      { type: "runFinished", result, compareUnavailable: undefined, report },
    ]);
    const reason = new CancelledError();
    const failed = play(
      [{ type: "undoStarted" }, { type: "undoFailed", reason }, { type: "undoSettled", canUndo: true }],
      ran,
    );
    expect(failed).toMatchObject({ stage: "idle", canUndo: true, result, report, failure: { reason } });
    expect(failed.notice).toBeUndefined();
  });

  test("settings, mapping and dismissing an error change only their own field", () => {
    const settings = { ...defaultPaneSettings(), forecastDays: 180 as const };
    const base = play([{ type: "failed", reason: new Error("x") }]);
    expect(flowReducer(base, { type: "settingsChanged", settings })).toEqual({ ...base, settings });
    expect(flowReducer(base, { type: "settingsLoaded", settings })).toEqual({ ...base, settings });
    expect(flowReducer(base, { type: "mappingChanged", mapping })).toEqual({ ...base, mapping });
    expect(flowReducer(base, { type: "errorDismissed" })).toEqual({ ...base, failure: undefined });
  });
});
