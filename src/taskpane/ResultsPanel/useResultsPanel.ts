import { useMemo, useState } from "react";
import { serialToIsoDate } from "../../engine";
import type { RfmResult, SchemeName, SkipReason } from "../../engine/types";
import type { WriteReport } from "../../excel/gateway";
import { SEGMENT_NAMES, workbookLabels, type MessageKey, type SegmentKey } from "../../i18n";
import type { PaneSettings } from "../pane-settings";
import { useStrings, type PaneStrings } from "../strings-context";

export interface ResultsPanelProps {
  result: RfmResult;
  report?: WriteReport;
  settings: PaneSettings;
  onShowSheet: (name: string) => void;
}

export const SCHEMES: readonly SchemeName[] = ["standard", "valueClass", "tier", "lifecycle"];

export interface SegmentRow {
  key: string;
  name: string;
  customers: string;
  share: number;
  barLabel: string;
  revenue: string;
  action: string;
}

/** Everything the panel shows, derived once per result, report, scheme and language rather than on every render. */
export function useResultsPanel({ result, report, settings }: ResultsPanelProps) {
  const strings = useStrings();
  const [scheme, setScheme] = useState<SchemeName>("standard");
  const rows = useMemo(
    () => segmentRows(result, scheme, strings, settings.actions),
    [result, scheme, strings, settings.actions],
  );
  const derived = useMemo(() => describeResult(result, report, strings), [result, report, strings]);
  return {
    strings,
    scheme,
    setScheme,
    schemeLabel: (name: SchemeName) => strings.t(`settings.scheme.${name}`),
    rows,
    ...derived,
  };
}

function segmentRows(
  result: RfmResult,
  scheme: SchemeName,
  strings: PaneStrings,
  actions: PaneSettings["actions"],
): SegmentRow[] {
  const { t, language, formatNumber, formatPercent, formatMoney } = strings;
  const labels = workbookLabels(language, actions);
  const names = SEGMENT_NAMES[language] as Record<string, string>;
  return (result.summaries[scheme] ?? [])
    .filter((row) => row.customers > 0)
    .map((row) => {
      const name = names[row.key as SegmentKey] ?? row.key;
      return {
        key: row.key,
        name,
        customers: formatNumber(row.customers, 0),
        share: row.customerShare,
        barLabel: t("results.customersBar", {
          segment: name,
          count: formatNumber(row.customers, 0),
          share: formatPercent(row.customerShare),
        }),
        revenue: formatMoney(row.revenue),
        action: labels.actions[row.key] ?? "",
      };
    });
}

function describeResult(result: RfmResult, report: WriteReport | undefined, strings: PaneStrings) {
  const { t, formatNumber, formatMoney } = strings;
  const { skipped } = result;
  const format = (values: number[], money = false) =>
    values.map((value) => (money ? formatMoney(value) : formatNumber(value))).join(" | ");
  return {
    overview: t("results.overview", {
      customers: formatNumber(result.totals.customers, 0),
      rows: formatNumber(result.totals.usedRows, 0),
      date: serialToIsoDate(result.analysisDate),
    }),
    breakpoints: [
      { label: t("results.bp.recency"), values: format(result.breakpoints.recency) },
      { label: t("results.bp.frequency"), values: format(result.breakpoints.frequency) },
      { label: t("results.bp.monetary"), values: format(result.breakpoints.monetary, true) },
    ],
    impossibleScores: impossibleScoresText(result, strings),
    skippedTitle:
      skipped.count === 0 ? t("results.noneSkipped") : t("results.skipped", { count: formatNumber(skipped.count, 0) }),
    skippedRows: skippedGroups(result, strings),
    skippedMore: undefined as string | undefined,
    returnsOnly:
      result.returnsOnlyCustomers.length > 0
        ? t("results.returnsOnly", { count: formatNumber(result.returnsOnlyCustomers.length, 0) })
        : undefined,
    sheets: report?.sheetsWritten ?? [],
    ...reportNotices(report, strings),
  };
}

/**
 * What the write left undone or did differently, in words: segment columns not written (warning), written beside
 * an earlier block the user changed, and features this Excel lacks (info).
 */
export function reportNotices(report: WriteReport | undefined, { t }: PaneStrings) {
  return {
    blocked: report?.segmentColumnsBlocked
      ? t("results.segmentColumnsBlocked", { address: report.segmentColumnsBlocked.address })
      : report?.segmentColumnsSourceChanged
        ? t("results.segmentColumnsSourceChanged", { address: report.segmentColumnsSourceChanged.address })
        : undefined,
    besideEarlier: report?.segmentColumnsBesideEarlier
      ? t("results.segmentColumnsBesideEarlier", report.segmentColumnsBesideEarlier)
      : undefined,
    fallbacks:
      report && report.fallbacks.length > 0 ? t("results.fallbacks", { list: report.fallbacks.join(", ") }) : undefined,
  };
}

const SKIP_ORDER: readonly SkipReason[] = [
  "missing_customer",
  "bad_date",
  "bad_amount",
  "amount_out_of_range",
  "after_analysis_date",
];

/**
 * One line per reason, largest group first: how many rows, why, and the first rows by number ("3,710 rows have no
 * customer ID: rows 48, 49, …"). A cell's value is shown only where it explains the reason (an unreadable date or
 * amount), a date as a date.
 */
export function skippedGroups(result: RfmResult, strings: PaneStrings): string[] {
  const { t, formatNumber } = strings;
  const { skipped } = result;
  return SKIP_ORDER.filter((reason) => (skipped.byReason[reason] ?? 0) > 0)
    .sort((a, b) => (skipped.byReason[b] ?? 0) - (skipped.byReason[a] ?? 0))
    .map((reason) => {
      const count = skipped.byReason[reason] ?? 0;
      const listed = skipped.rows.filter((row) => row.reason === reason);
      // Rows with the value that explains them are each an item ("row 5 (“#N/A”)"; Chinese 第 5 行（“#N/A”）),
      // other reasons list bare numbers under one "rows …" (第 48、49 行).
      const items = listed.map((row) => {
        if (reason === "after_analysis_date") {
          const serial = Number(row.value);
          return Number.isFinite(serial) && row.value.trim() !== ""
            ? t("report.rowDate", { row: row.row, date: serialToIsoDate(Math.floor(serial)) })
            : t("report.rowPlain", { row: row.row });
        }
        if (reason === "bad_date" || reason === "bad_amount")
          return row.value.trim() !== ""
            ? t("report.rowValue", { row: row.row, value: row.value })
            : t("report.rowPlain", { row: row.row });
        return String(row.row);
      });
      const rows =
        items.length === 0
          ? ""
          : `${items.join(t("report.listSeparator"))}${count > items.length ? t("report.listMore") : ""}`;
      // English needs the singular; Chinese repeats the same sentence under the ".one" key.
      return t((count === 1 ? `report.skip.${reason}.one` : `report.skip.${reason}`) as MessageKey, {
        count: formatNumber(count, 0),
        rows,
        date: serialToIsoDate(result.analysisDate),
      });
    });
}

/**
 * Scores no customer can get because tied values make two neighbouring breakpoints equal (the same rule as the
 * note under the summary sheet's R×F grid, excel/write-summary.ts): "F scores 2, 3 and 5 cannot occur: …".
 */
export function impossibleScoresText(result: RfmResult, strings: PaneStrings): string | undefined {
  const { t } = strings;
  const k = result.options.k;
  const metrics = [
    ["r", result.breakpoints.recency],
    ["f", result.breakpoints.frequency],
    ["m", result.breakpoints.monetary],
  ] as const;
  const sentences: string[] = [];
  for (const [metric, breakpoints] of metrics) {
    const scores: number[] = [];
    for (let j = 1; j < breakpoints.length; j++)
      if (breakpoints[j] === breakpoints[j - 1]) scores.push(metric === "r" ? k - j : j + 1);
    if (scores.length === 0) continue;
    scores.sort((a, b) => a - b);
    const list =
      scores.length === 1
        ? String(scores[0])
        : `${scores.slice(0, -1).join(t("report.listSeparator"))}${t("report.listAnd")}${scores.at(-1)}`;
    sentences.push(
      t("report.impossibleScores", { metric: metric.toUpperCase(), scores: list, what: t(`report.metric.${metric}`) }),
    );
  }
  return sentences.length > 0 ? sentences.join(strings.language === "en" ? " " : "") : undefined;
}
