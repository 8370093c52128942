/**
 * The pane's workflow as a state hook: read the selection, guess and fix the mapping, run the engine (through the
 * injected runner, normally the Web Worker), ask before replacing earlier outputs, write, and remember settings.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
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
import type { PaneStrings } from "./strings-context";

// Marks the "read the selection first" problem, which is not an exception anywhere.
const NEED_SOURCE = Symbol("needSource");

type Stage = "idle" | "reading" | "computing" | "writing";

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
  const [stage, setStage] = useState<Stage>("idle");
  const [progress, setProgress] = useState(0);
  const [source, setSource] = useState<SourceRange>();
  const [mapping, setMapping] = useState<ColumnMapping>();
  const [settings, setSettings] = useState<PaneSettings>(() => ({
    ...defaultPaneSettings(),
    dateOrder: dateOrderForLocale(locale),
  }));
  const readOptions = useRef<ReadOptions>({});
  const [rerun, setRerun] = useState(false);
  const [result, setResult] = useState<AnalysisOutcome>();
  const [report, setReport] = useState<WriteReport>();
  const [compareUnavailable, setCompareUnavailable] = useState<ComparedRun["unavailable"]>();
  const [failure, setError] = useState<{ reason: unknown }>();
  const [notice, setNotice] = useState<MessageKey>();
  const [askReplace, setAskReplace] = useState(false);
  const [previousOutputs, setPreviousOutputs] = useState<PreviousOutput[]>();
  const [canUndo, setCanUndo] = useState(false);
  const persisted = useRef<ReturnType<typeof parsePersisted>>(undefined);
  const abort = useRef<AbortController | null>(null);
  const running = useRef(false);
  const replaceAnswer = useRef<((answer: { choice: ReplaceChoice; ids?: string[] }) => void) | null>(null);
  // Strings change with the language; the async flow must use the language current when it reaches each step.
  const stringsRef = useRef(strings);
  stringsRef.current = strings;
  const onStoredLanguageRef = useRef(onStoredLanguage);
  onStoredLanguageRef.current = onStoredLanguage;

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
          setSettings(stored.settings);
          if (stored.language) onStoredLanguageRef.current(stored.language);
        },
        // Unreadable settings only cost the user their remembered choices: the defaults are already in place.
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [gateway]);

  const fail = useCallback((reason: unknown) => {
    setStage("idle");
    if (reason instanceof CancelledError) setNotice("run.cancelled");
    else setError({ reason });
  }, []);

  const readSelection = useCallback(async () => {
    setError(undefined);
    setNotice(undefined);
    setStage("reading");
    setProgress(0);
    const controller = new AbortController();
    abort.current = controller;
    try {
      // Header and first rows only: the rows are read, and encoded as they arrive, when the analysis runs.
      const read = await gateway.previewSource(setProgress, readOptions.current);
      if (controller.signal.aborted) throw new CancelledError();
      const headers = headerTexts(read);
      const remembered = persisted.current ? mappingFromHeaders(persisted.current, headers) : undefined;
      setSource(read);
      setMapping(remembered ?? guessMapping(read.values[0] ?? []));
      setResult(undefined);
      setReport(undefined);
      setStage("idle");
    } catch (reason) {
      fail(reason);
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  }, [gateway, fail]);

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
      setStage("reading");
      setProgress(0);
      const read = await gateway.readEncoded(source, { mapping, options }, setProgress, {
        ...readOptions.current,
        signal: controller.signal,
      });
      if (controller.signal.aborted) throw new CancelledError();
      setSource(read.source);
      setStage("computing");
      setProgress(0);
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
        setStage("writing");
        setProgress(0);
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
          setCanUndo(gateway.canUndo());
        }
      }
      setResult(analysed);
      setCompareUnavailable(compared.unavailable);
      setReport(written);
      setStage("idle");
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
        // The results are written; only the remembered choices are lost, which the notice says.
        setNotice("error.settingsNotSaved");
      }
    },
    [source, mapping, settings, runAnalysis, gateway],
  );

  const run = useCallback(async () => {
    // Set before the first await: the stage is still "idle" while earlier outputs are listed, so a double click
    // would otherwise start a second run (two writes, or a dialog that orphans the first run's answer).
    if (running.current) return;
    setError(undefined);
    setNotice(undefined);
    if (!source || !mapping) {
      setError({ reason: NEED_SOURCE });
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
        setPreviousOutputs(listed);
        const answer = await new Promise<{ choice: ReplaceChoice; ids?: string[] }>((resolve) => {
          replaceAnswer.current = resolve;
          setAskReplace(true);
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

  const useAnalysisDate = useCallback((isoDate: string) => {
    setSettings((current) => ({ ...current, analysisDate: isoDate }));
    setRerun(true);
  }, []);
  // The run after useAnalysisDate, once the new setting is in `run`'s closure.
  useEffect(() => {
    if (!rerun) return;
    setRerun(false);
    void run();
  }, [rerun, run]);

  const answerReplace = useCallback((choice: ReplaceChoice, ids?: string[]) => {
    setAskReplace(false);
    replaceAnswer.current?.({ choice, ids });
    replaceAnswer.current = null;
  }, []);

  const cancel = useCallback(() => {
    abort.current?.abort();
    // A read cannot be interrupted in Excel; the pane stops waiting and ignores its result.
    if (stage === "reading") {
      setStage("idle");
      setNotice("run.cancelled");
    }
  }, [stage]);

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
    setError(undefined);
    setNotice(undefined);
    setStage("writing");
    try {
      await gateway.undoLastRun();
      setReport(undefined);
      setResult(undefined);
      setNotice("undo.done");
    } catch (reason) {
      setError({ reason });
    } finally {
      setCanUndo(gateway.canUndo());
      setStage("idle");
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

  return {
    stage,
    progress,
    source,
    headers,
    mapping,
    settings,
    result,
    report,
    compareUnavailable,
    error:
      failure === undefined
        ? undefined
        : failure.reason === NEED_SOURCE
          ? strings.t("run.needSource")
          : errorText(failure.reason, strings),
    notice,
    askReplace,
    previousOutputs,
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
    dismissError: () => setError(undefined),
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
