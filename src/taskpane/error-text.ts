/** Turns any error reaching the pane into a catalogue message: plain words and what to do, never a stack trace. */
import { serialToIsoDate } from "../engine";
import { RfmInputError } from "../engine/types";
import type { ExcelErrorCode } from "../excel/gateway";
import { SEGMENT_NAMES, type MessageKey } from "../i18n";
import { settingProblemFromDetail, type SettingProblem } from "./pane-settings";
import type { PaneStrings } from "./strings-context";

const EXCEL_CODES: readonly ExcelErrorCode[] = [
  "empty_source",
  "multiple_areas",
  "too_large",
  "not_supported",
  "cell_edit_mode",
  "protected",
  "name_conflict",
  "bad_shape",
  "excel_error",
];
const FIELD_KEYS: Record<string, MessageKey> = {
  customer: "field.customer",
  date: "field.date",
  amount: "field.amount",
  orderId: "field.orderId",
  quantity: "field.quantity",
  price: "field.price",
};

const LIFECYCLE_STAGES = ["active", "recently_lapsed", "lapsed"] as const;
const TIERS = ["A", "B"] as const;

/** A tier or lifecycle problem in the field's own words: "Active (200 days) cannot be longer than …". */
export function settingProblemText(problem: SettingProblem, strings: PaneStrings): string {
  const { t, language, formatNumber } = strings;
  const names = SEGMENT_NAMES[language];
  if (problem.option === "lifecycleDays") {
    const stage = names[LIFECYCLE_STAGES[problem.index]];
    if (problem.kind === "negative") return t("settings.problem.lifecycleNegative", { stage });
    return t("settings.problem.lifecycleOrder", {
      stage,
      days: formatNumber(problem.value, 0),
      next: names[LIFECYCLE_STAGES[problem.index + 1]!],
      nextDays: formatNumber(problem.next, 0),
    });
  }
  const tier = names[TIERS[problem.index]];
  const share = formatNumber(problem.value, 2);
  if (problem.kind === "notPositive") return t("settings.problem.tierNotPositive", { tier });
  if (problem.kind === "over100") return t("settings.problem.tierOver100", { tier, share });
  return t("settings.problem.tierOrder", { tier, share, next: names.B, nextShare: formatNumber(problem.next, 2) });
}

export function errorText(error: unknown, strings: PaneStrings): string {
  const { t } = strings;
  if (error instanceof RfmInputError) {
    if (error.code === "missing_field" && typeof error.detail.fields === "string") {
      // Every unmapped required column at once, not one per run.
      const names = error.detail.fields
        .split(",")
        .map((field) => (field === "amount" ? t("report.field.amountOrQuantity") : FIELD_KEYS[field]))
        .filter((name): name is string => name !== undefined)
        .map((name) => (name.startsWith("field.") ? t(name as MessageKey) : name));
      return t("report.error.missingFields", { fields: names.join(t("report.listSeparator")) });
    }
    if (error.code === "bad_option") {
      // Say which setting and why (detail.option names it, engine/options.ts and pane-settings.ts).
      const problem = settingProblemFromDetail(error.detail);
      if (problem) return t("report.badOption.inSettings", { problem: settingProblemText(problem, strings) });
      const option = String(error.detail.option ?? "");
      const metric = /^scoring\.(recency|frequency|monetary)$/.exec(option)?.[1] as
        "recency" | "frequency" | "monetary" | undefined;
      if (metric) return t("report.badOption.scoring", { metric: t(`settings.scoring.${metric}`) });
      const known: Record<string, MessageKey> = {
        k: "report.badOption.k",
        analysisDate: "report.badOption.analysisDate",
        compareDate: "report.badOption.compareDate",
        tierCutoffs: "report.badOption.tierCutoffs",
        lifecycleDays: "report.badOption.lifecycleDays",
      };
      const key = known[option];
      if (key) {
        const date = (name: string) =>
          typeof error.detail[name] === "number" ? serialToIsoDate(error.detail[name]) : "";
        return t(key, { compareDate: date("compareDate"), analysisDate: date("analysisDate") });
      }
    }
    if (error.code === "missing_field") {
      const field = String(error.detail.field ?? "");
      if (field === "amount") return t("error.missing_field.amount");
      const fieldKey = FIELD_KEYS[field];
      return fieldKey ? t("error.missing_field", { field: t(fieldKey) }) : t("error.missing_field.amount");
    }
    if (error.code === "total_out_of_range")
      return t("error.total_out_of_range", { customer: String(error.detail.customer ?? "") });
    return t(`error.${error.code}`);
  }
  // Duck-typed so errors from another bundle copy of the adapter (or a test fake) are recognised too.
  if (typeof error === "object" && error !== null && (error as { name?: unknown }).name === "ExcelWriteError") {
    const code = (error as { code?: unknown }).code;
    if (code === "no_header") return t("selection.noHeader");
    if (EXCEL_CODES.includes(code as ExcelErrorCode)) return t(`error.${code as Exclude<ExcelErrorCode, "no_header">}`);
    return t("error.excel_error");
  }
  if (error instanceof Error && error.name === "AnalysisFailedError") return t("error.worker");
  return t("error.unknown");
}
