import { useMemo, useState } from "react";
import { serialToIsoDate } from "../../engine";
import type { RfmResult, SchemeName } from "../../engine/types";
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
  const { t, language, formatNumber, formatPercent } = strings;
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
        revenue: formatNumber(row.revenue),
        action: labels.actions[row.key] ?? "",
      };
    });
}

function describeResult(result: RfmResult, report: WriteReport | undefined, strings: PaneStrings) {
  const { t, formatNumber } = strings;
  const { skipped } = result;
  const format = (values: number[]) => values.map((value) => formatNumber(value)).join(" | ");
  return {
    overview: t("results.overview", {
      customers: formatNumber(result.totals.customers, 0),
      rows: formatNumber(result.totals.usedRows, 0),
      date: serialToIsoDate(result.analysisDate),
    }),
    breakpoints: [
      { label: t("results.bp.recency"), values: format(result.breakpoints.recency) },
      { label: t("results.bp.frequency"), values: format(result.breakpoints.frequency) },
      { label: t("results.bp.monetary"), values: format(result.breakpoints.monetary) },
    ],
    skippedTitle:
      skipped.count === 0 ? t("results.noneSkipped") : t("results.skipped", { count: formatNumber(skipped.count, 0) }),
    skippedRows: skipped.rows.map((row) =>
      t("results.skippedRow", { row: row.row, reason: t(`skip.${row.reason}` as MessageKey), value: row.value }),
    ),
    skippedMore:
      skipped.count > skipped.rows.length
        ? t("results.skippedMore", { count: formatNumber(skipped.count - skipped.rows.length, 0) })
        : undefined,
    returnsOnly:
      result.returnsOnlyCustomers.length > 0
        ? t("results.returnsOnly", { count: formatNumber(result.returnsOnlyCustomers.length, 0) })
        : undefined,
    sheets: report?.sheetsWritten ?? [],
    blocked: report?.segmentColumnsBlocked
      ? t("results.segmentColumnsBlocked", { address: report.segmentColumnsBlocked.address })
      : report?.segmentColumnsSourceChanged
        ? t("results.segmentColumnsSourceChanged", { address: report.segmentColumnsSourceChanged.address })
        : undefined,
    fallbacks:
      report && report.fallbacks.length > 0 ? t("results.fallbacks", { list: report.fallbacks.join(", ") }) : undefined,
  };
}
