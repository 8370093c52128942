/**
 * The pane's workflow as a state hook: read the selection, guess and fix the mapping, run the engine (through the
 * injected runner, normally the Web Worker), ask before replacing earlier outputs, write, and remember settings.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import { cellText, guessMapping, isoDateToSerial } from "../engine";
import { CancelledError, type ColumnMapping, type StandardSegmentKey } from "../engine/types";
import type { PreviousOutput, ReadOptions, SourceRange, WorkbookGateway, WriteReport } from "../excel/gateway";
import { workbookLabels, type Language, type MessageKey } from "../i18n";
import type { AnalysisOutcome, AnalysisRunner } from "../worker/worker-client";
import { runWithComparison, type ComparedRun } from "./compare-run";
import { errorText } from "./error-text";
import {
  dateOrderForLocale,
  defaultPaneSettings,
  headersOfMapping,
  mappingFromHeaders,
  parsePersisted,
  toRfmOptions,
  type PaneSettings,
  type PersistedState,
} from "./pane-settings";
import type { ReplaceChoice } from "./ReplaceDialog";
import { flowReducer, initialFlowState, NEED_SOURCE, type Stage } from "./rfm-flow-state";
import type { PaneStrings } from "./strings-context";

export interface RfmFlow {
  stage: Stage;
  progress: number;
  source?: SourceRange;
  headers: string[];
  mapping?: ColumnMapping;
  settings: PaneSettings;
  /** The last run's result, with its forecast. */
  result?: AnalysisOutcome;
  report?: WriteReport;
  /** Set when the chosen "Compare with" reached back before the data: the result has no comparison. */
  compareUnavailable?: ComparedRun["unavailable"];
  /** A translated error message for the MessageBar. */
  error?: string;
  /** A translated notice (cancelled, settings not saved). */
  notice?: MessageKey;
  askReplace: boolean;
  /** The earlier outputs the Replace dialog lists. */
  previousOutputs?: PreviousOutput[];
  /** The last run can be undone (this session). */
  canUndo: boolean;
  undoLastRun: () => Promise<void>;
  readSelection: () => Promise<void>;
  /** Reads the selection again with rows hidden by a filter included or not (kept for later reads). */
  includeHiddenRows: (include: boolean) => void;
  /** Sets the analysis date (an ISO date) and runs again: the "Use today" answer to a future analysis date. */
  useAnalysisDate: (isoDate: string) => void;
  setMapping: (mapping: ColumnMapping) => void;
  setSettings: (settings: PaneSettings) => void;
  run: () => Promise<void>;
  answerReplace: (choice: ReplaceChoice, replaceSheetIds?: string[]) => void;
  cancel: () => void;
  dismissError: () => void;
  showSheet: (name: string) => Promise<void>;
  /** Filters the last run's customer table to one move; absent when there is none to filter. */
  filterMove?: (move: { from?: StandardSegmentKey; to?: StandardSegmentKey }) => Promise<void>;
}

export function useRfmFlow(
  gateway: WorkbookGateway,
  runAnalysis: AnalysisRunner,
  strings: PaneStrings,
  onStoredLanguage: (language: Language) => void,
  /** Office's locale (contentLanguage or displayLanguage): the default day/month order of text dates. */
  locale?: string,
): RfmFlow {
  const [state, dispatch] = useReducer(flowReducer, locale, (initialLocale) =>
    initialFlowState({ ...defaultPaneSettings(), dateOrder: dateOrderForLocale(initialLocale) }),
  );
  const { stage, source, mapping, settings, report, canUndo, failure, rerun } = state;
  const readOptions = useRef<ReadOptions>({});
  const persisted = useRef<ReturnType<typeof parsePersisted>>(undefined);
  const abort = useRef<AbortController | null>(null);
  const running = useRef(false);
  const replaceAnswer = useRef<((answer: { choice: ReplaceChoice; ids?: string[] }) => void) | null>(null);
  // Strings change with the language; the async flow must use the language current when it reaches each step.
  const stringsRef = useRef(strings);
  stringsRef.current = strings;
  const onStoredLanguageRef = useRef(onStoredLanguage);
  onStoredLanguageRef.current = onStoredLanguage;
  // Stable (dispatch is), so the gateway and worker can report progress from any stage.
  const setProgress = useCallback((value: number) => dispatch({ type: "progress", value }), []);
  const setMapping = useCallback((value: ColumnMapping) => dispatch({ type: "mappingChanged", mapping: value }), []);
  const setSettings = useCallback((value: PaneSettings) => dispatch({ type: "settingsChanged", settings: value }), []);

  useEffect(() => {
    let live = true;
    // Through a promise so a gateway that throws synchronously is handled like one that rejects.
    Promise.resolve()
      .then(() => gateway.loadSettings())
      .then(
        (value) => {
          const stored = parsePersisted(value);
          if (!live || !stored) return;
          persisted.current = stored;
          dispatch({ type: "settingsLoaded", settings: stored.settings });
          if (stored.language) onStoredLanguageRef.current(stored.language);
        },
        // Unreadable settings only cost the user their remembered choices: the defaults are already in place.
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [gateway]);

  const fail = useCallback((reason: unknown) => dispatch({ type: "failed", reason }), []);

  const readSelection = useCallback(async () => {
    dispatch({ type: "previewStarted" });
    const controller = new AbortController();
    abort.current = controller;
    try {
      // Header and first rows only: the rows are read, and encoded as they arrive, when the analysis runs.
      const read = await gateway.previewSource(setProgress, readOptions.current);
      if (controller.signal.aborted) throw new CancelledError();
      const headers = headerTexts(read);
      const remembered = persisted.current ? mappingFromHeaders(persisted.current, headers) : undefined;
      dispatch({ type: "previewRead", source: read, mapping: remembered ?? guessMapping(read.values[0] ?? []) });
    } catch (reason) {
      fail(reason);
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  }, [gateway, fail, setProgress]);

  const includeHiddenRows = useCallback(
    (include: boolean) => {
      readOptions.current = { ...readOptions.current, includeHiddenRows: include };
      void readSelection();
    },
    [readSelection],
  );

  const proceed = useCallback(
    async (replacePrevious: boolean, controller: AbortController, replaceSheetIds?: string[]) => {
      if (!source || !mapping) return;
      const analysisDate = settings.analysisDate === "" ? undefined : isoDateToSerial(settings.analysisDate);
      const options = toRfmOptions(settings, analysisDate, source.firstRow);
      // The rows, read now chunk by chunk and encoded as they arrive: a million rows never sit in the pane as cells.
      dispatch({ type: "stageStarted", stage: "reading" });
      const read = await gateway.readEncoded(source, { mapping, options }, setProgress, {
        ...readOptions.current,
        signal: controller.signal,
      });
      if (controller.signal.aborted) throw new CancelledError();
      dispatch({ type: "rowsRead", source: read.source });
      dispatch({ type: "stageStarted", stage: "computing" });
      const compared = await runWithComparison(
        runAnalysis,
        read.rows,
        mapping,
        options,
        settings,
        setProgress,
        controller.signal,
        { horizonDays: settings.forecastDays },
      );
      const analysed = compared.result;
      if (controller.signal.aborted) throw new CancelledError();
      const { outputs } = settings;
      let written: WriteReport | undefined;
      if (outputs.customerSheet || outputs.segmentColumns || outputs.summary || outputs.charts) {
        dispatch({ type: "stageStarted", stage: "writing" });
        // The result arrives in the worker's message task; without a new task the write would join it, and the
        // pane would neither show "Writing" nor answer a click until the first sync waits for Excel.
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (controller.signal.aborted) throw new CancelledError();
        const labels = workbookLabels(stringsRef.current.language, settings.actions);
        try {
          written = await gateway.writeResults(
            analysed,
            read.source,
            { ...outputs, labels, replacePrevious, replaceSheetIds, forecast: analysed.forecast },
            setProgress,
          );
        } finally {
          dispatch({ type: "undoAvailability", canUndo: gateway.canUndo() });
        }
      }
      dispatch({ type: "runFinished", result: analysed, compareUnavailable: compared.unavailable, report: written });
      try {
        const state: PersistedState = {
          version: 1,
          language: stringsRef.current.language,
          settings,
          ...headersOfMapping(mapping, headerTexts(source)),
        };
        persisted.current = state;
        await gateway.saveSettings(state);
      } catch {
        dispatch({ type: "settingsNotSaved" });
      }
    },
    [source, mapping, settings, runAnalysis, gateway, setProgress],
  );

  const run = useCallback(async () => {
    // Set before the first await: the stage is still "idle" while earlier outputs are listed, so a double click
    // would otherwise start a second run (two writes, or a dialog that orphans the first run's answer).
    if (running.current) return;
    dispatch({ type: "runRequested" });
    if (!source || !mapping) {
      dispatch({ type: "sourceMissing" });
      return;
    }
    running.current = true;
    const controller = new AbortController();
    abort.current = controller;
    try {
      let replacePrevious = false;
      let replaceSheetIds: string[] | undefined;
      const listed = settingsWrite(settings) ? await gateway.listPreviousOutputs() : [];
      if (listed.length > 0) {
        const answer = await new Promise<{ choice: ReplaceChoice; ids?: string[] }>((resolve) => {
          replaceAnswer.current = resolve;
          dispatch({ type: "replaceAsked", outputs: listed });
        });
        if (answer.choice === "cancel") return;
        replacePrevious = answer.choice === "replace";
        replaceSheetIds = replacePrevious ? answer.ids : undefined;
      }
      await proceed(replacePrevious, controller, replaceSheetIds);
    } catch (reason) {
      fail(reason);
    } finally {
      running.current = false;
      if (abort.current === controller) abort.current = null;
    }
  }, [source, mapping, settings, gateway, proceed, fail]);

  const useAnalysisDate = useCallback((isoDate: string) => dispatch({ type: "analysisDateChosen", isoDate }), []);
  // The run after useAnalysisDate, once the new setting is in `run`'s closure.
  useEffect(() => {
    if (!rerun) return;
    dispatch({ type: "rerunStarted" });
    void run();
  }, [rerun, run]);

  const answerReplace = useCallback((choice: ReplaceChoice, ids?: string[]) => {
    dispatch({ type: "replaceAnswered" });
    replaceAnswer.current?.({ choice, ids });
    replaceAnswer.current = null;
  }, []);

  const cancel = useCallback(() => {
    abort.current?.abort();
    dispatch({ type: "cancelRequested" });
  }, []);

  const showSheet = useCallback(
    async (name: string) => {
      try {
        await gateway.showSheet(name);
      } catch (reason) {
        fail(reason);
      }
    },
    [gateway, fail],
  );

  const undoLastRun = useCallback(async () => {
    dispatch({ type: "undoStarted" });
    try {
      await gateway.undoLastRun();
      dispatch({ type: "undone" });
    } catch (reason) {
      dispatch({ type: "undoFailed", reason });
    } finally {
      dispatch({ type: "undoSettled", canUndo: gateway.canUndo() });
    }
  }, [gateway]);

  // Only while the last run's customer table is there to filter (written this session, not undone).
  const canFilter =
    gateway.filterCustomerMove !== undefined && canUndo && report !== undefined && settings.outputs.customerSheet;
  const filterMove = useCallback(
    async (move: { from?: StandardSegmentKey; to?: StandardSegmentKey }) => {
      try {
        await gateway.filterCustomerMove?.(move);
      } catch (reason) {
        fail(reason);
        throw reason;
      }
    },
    [gateway, fail],
  );

  // The same array until the source changes, so the memoised mapping panel skips renders for progress updates.
  const headers = useMemo(() => (source ? headerTexts(source) : []), [source]);

  const dismissError = useCallback(() => dispatch({ type: "errorDismissed" }), []);

  return {
    stage,
    progress: state.progress,
    source,
    headers,
    mapping,
    settings,
    result: state.result,
    report,
    compareUnavailable: state.compareUnavailable,
    error:
      failure === undefined
        ? undefined
        : failure.reason === NEED_SOURCE
          ? strings.t("run.needSource")
          : errorText(failure.reason, strings),
    notice: state.notice,
    askReplace: state.askReplace,
    previousOutputs: state.previousOutputs,
    canUndo,
    undoLastRun,
    readSelection,
    includeHiddenRows,
    useAnalysisDate,
    setMapping,
    setSettings,
    run,
    answerReplace,
    cancel,
    dismissError,
    showSheet,
    filterMove: canFilter ? filterMove : undefined,
  };
}

function settingsWrite(settings: PaneSettings): boolean {
  const { outputs } = settings;
  return outputs.customerSheet || outputs.segmentColumns || outputs.summary || outputs.charts;
}

function headerTexts(source: SourceRange): string[] {
  const header = source.values[0] ?? [];
  return Array.from({ length: source.columnCount }, (_, column) => cellText(header[column]));
}
