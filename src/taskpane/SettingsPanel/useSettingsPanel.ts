import { DEFAULT_SEGMENT_GRID, STANDARD_SEGMENT_KEYS } from "../../engine";
import type { ColumnMapping, RfmResult, ScoreCount, StandardSegmentKey } from "../../engine/types";
import { ALL_SEGMENT_KEYS, SEGMENT_ACTIONS, SEGMENT_NAMES, type SegmentKey } from "../../i18n";
import {
  SCORE_COUNTS,
  SCORING_METRICS,
  scoringProblems,
  settingProblems,
  suggestedThresholds,
  thresholdText,
  TYPICAL_THRESHOLDS,
  type OutputChoices,
  type PaneSettings,
  type ScoringMetric,
  type ThresholdProblem,
} from "../pane-settings";
import { settingProblemText } from "../error-text";
import { useStrings } from "../strings-context";

export interface SettingsPanelProps {
  settings: PaneSettings;
  onChange: (settings: PaneSettings) => void;
  disabled?: boolean;
  /** The last run's result, whose breakpoints pre-fill fixed thresholds when its k is the current one. */
  lastResult?: Pick<RfmResult, "options" | "breakpoints">;
  /** The selection's header texts and the current mapping, for the SQL query's column names. */
  headers?: string[];
  mapping?: ColumnMapping;
}

/** Reads a typed number, or undefined while the field holds something that is not one. */
function parseNumber(text: string): number | undefined {
  if (text.trim() === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

export function useSettingsPanel({ settings, onChange, disabled, lastResult }: SettingsPanelProps) {
  const strings = useStrings();
  const { language, t } = strings;
  const update = (patch: Partial<PaneSettings>) => onChange({ ...settings, ...patch });
  const segmentName = (key: SegmentKey) => SEGMENT_NAMES[language][key];
  const problems = scoringProblems(settings);
  const fieldProblems = settingProblems(settings);
  const fieldProblem = (option: "tierCutoffs" | "lifecycleDays", index: number): string | undefined => {
    const problem = fieldProblems.find((p) => p.option === option && p.index === index);
    return problem && settingProblemText(problem, strings);
  };
  const problemText = (problem: ThresholdProblem | undefined): string | undefined => {
    if (problem === undefined) return undefined;
    switch (problem.kind) {
      case "empty":
        return t("settings.scoring.empty", { count: problem.expected });
      case "notNumber":
        return t("settings.scoring.notNumber", { text: problem.text });
      case "count":
        return t("settings.scoring.count", { k: settings.k, count: problem.expected, found: problem.found });
      case "order":
        return t("settings.scoring.order");
    }
  };
  return {
    strings,
    settings,
    disabled: disabled === true,
    scoreCounts: SCORE_COUNTS,
    standardKeys: STANDARD_SEGMENT_KEYS,
    actionKeys: ALL_SEGMENT_KEYS,
    segmentName,
    actionText: (key: SegmentKey) => settings.actions[key] ?? SEGMENT_ACTIONS[language][key],
    setAnalysisDate: (iso: string) => update({ analysisDate: iso }),
    // Fixed thresholds typed for the old k are left as they are, so they show as needing k - 1 numbers: the user
    // retypes them (or asks for suggestions) rather than the pane guessing how to stretch or shrink the list.
    setK: (value: string | undefined) => {
      const k = Number(value) as ScoreCount;
      if (SCORE_COUNTS.includes(k)) update({ k });
    },
    scoringMetrics: SCORING_METRICS,
    fixedScoring: settings.scoring.method === "fixed",
    thresholdCount: settings.k - 1,
    thresholdText: (metric: ScoringMetric) => settings.scoring.thresholds[metric],
    thresholdPlaceholder: (metric: ScoringMetric) => thresholdText(TYPICAL_THRESHOLDS[settings.k][metric]),
    /** The plain-words problem with a metric's list, or undefined when it can be used. */
    thresholdProblem: (metric: ScoringMetric) => problemText(problems[metric]),
    setScoringMethod: (value: string) => {
      if (value !== "fixed") {
        update({ scoring: { ...settings.scoring, method: "quantile" } });
        return;
      }
      // Fills only empty lists: anything typed before is kept, and marked if it no longer fits k.
      const suggested = suggestedThresholds(settings.k, lastResult);
      const thresholds = { ...settings.scoring.thresholds };
      for (const metric of SCORING_METRICS) {
        if (thresholds[metric].trim() === "") thresholds[metric] = suggested[metric];
      }
      update({ scoring: { method: "fixed", thresholds } });
    },
    setThresholds: (metric: ScoringMetric, text: string) =>
      update({ scoring: { ...settings.scoring, thresholds: { ...settings.scoring.thresholds, [metric]: text } } }),
    suggestThresholds: () =>
      update({ scoring: { ...settings.scoring, thresholds: suggestedThresholds(settings.k, lastResult) } }),
    setGridCell: (rowIndex: number, columnIndex: number, key: string) => {
      if (!(STANDARD_SEGMENT_KEYS as readonly string[]).includes(key)) return;
      const segmentGrid = settings.segmentGrid.map((row) => [...row]);
      const row = segmentGrid[rowIndex];
      if (row) row[columnIndex] = key as StandardSegmentKey;
      update({ segmentGrid });
    },
    resetGrid: () => update({ segmentGrid: DEFAULT_SEGMENT_GRID.map((row) => [...row]) }),
    setThreshold: (value: string) => update({ threshold: value === "median" ? "median" : "mean" }),
    setBasis: (value: string) => update({ basis: value === "aov" ? "aov" : "total" }),
    /** Why a tier share or lifecycle day count cannot be used, in the field's own words, or undefined. */
    tierProblem: (index: 0 | 1) => fieldProblem("tierCutoffs", index),
    lifecycleProblem: (index: 0 | 1 | 2) => fieldProblem("lifecycleDays", index),
    setTierCutoff: (index: 0 | 1, text: string) => {
      const value = parseNumber(text);
      if (value === undefined) return;
      const tierCutoffs: [number, number] = [...settings.tierCutoffs];
      tierCutoffs[index] = value;
      update({ tierCutoffs });
    },
    setLifecycleDay: (index: 0 | 1 | 2, text: string) => {
      const value = parseNumber(text);
      if (value === undefined) return;
      const lifecycleDays: [number, number, number] = [...settings.lifecycleDays];
      lifecycleDays[index] = Math.round(value);
      update({ lifecycleDays });
    },
    setIgnoreCase: (ignoreCase: boolean) => update({ ignoreCase }),
    setDateOrder: (value: string) => update({ dateOrder: value === "MDY" ? "MDY" : "DMY" }),
    setOutput: (key: keyof OutputChoices, checked: boolean) =>
      update({ outputs: { ...settings.outputs, [key]: checked } }),
    // An edited action is the user's own text: it stays as typed when the language changes. Typing the catalogue
    // text back (or restoring it) drops the edit, so the action follows the language again.
    actionEdited: (key: SegmentKey) => settings.actions[key] !== undefined,
    setAction: (key: SegmentKey, text: string) => {
      const actions = { ...settings.actions, [key]: text };
      if (text === SEGMENT_ACTIONS[language][key]) delete actions[key];
      update({ actions });
    },
    resetAction: (key: SegmentKey) => {
      const actions = { ...settings.actions };
      delete actions[key];
      update({ actions });
    },
    resetActions: () => update({ actions: {} }),
  };
}
