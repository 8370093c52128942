import { useMemo } from "react";
import type { RfmResult } from "../../engine/types";
import type { Forecast } from "../../forecast";
import type { MessageKey } from "../../i18n";
import type { ForecastDays } from "../pane-settings";
import { useStrings, type PaneStrings } from "../strings-context";

export interface ForecastPanelProps {
  result: RfmResult;
  /** The forecast of the same run; absent when the run made none. */
  forecast?: Forecast;
  /** The horizon chosen in the settings (it applies from the next run). */
  horizon: ForecastDays;
  onHorizonChange: (days: ForecastDays) => void;
  disabled?: boolean;
}

/** Customers listed under "Worth a call", and the P(alive) below which a customer is more likely gone than not. */
const CALL_LIST_LENGTH = 10;
const CALL_BELOW = 0.5;

interface CallRow {
  customer: string;
  pastRevenue: string;
  pAlive: string;
}

interface ParameterRow {
  label: string;
  value: string;
}

export interface ForecastView {
  /** The horizon the shown numbers are for. */
  days: number;
  /** Plain reasons a forecast (or a part of it) was left out, translated. */
  notes: string[];
  /** Headline numbers; absent when there is no purchase model. */
  purchases?: string;
  revenue?: string;
  holdout?: string;
  callRows: CallRow[];
  purchaseModel: ParameterRow[];
  spendModel: ParameterRow[];
  fitCustomers?: string;
  byRepeats: { repeats: string; customers: string; predicted: string; actual: string }[];
}

export function useForecastPanel(props: ForecastPanelProps) {
  const strings = useStrings();
  const view = useMemo(
    () => (props.forecast ? describeForecast(props.result, props.forecast, strings) : undefined),
    [props.result, props.forecast, strings],
  );
  return { strings, view };
}

/** Sum of the defined (non-NaN) entries. */
function definedSum(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) sum += values[i]!;
  return sum;
}

/**
 * Customers whose P(alive) has fallen below 50%, by what they spent so far (highest first): the ones most worth a
 * call. Customers without a repeat purchase have no P(alive) and are not listed.
 */
function worthACall(result: RfmResult, forecast: Forecast, count = CALL_LIST_LENGTH): number[] {
  const { pAlive } = forecast.columns;
  const monetary = result.customers.monetary;
  const picked: number[] = [];
  const n = Math.min(pAlive.length, monetary.length);
  for (let i = 0; i < n; i++) if (pAlive[i]! < CALL_BELOW && monetary[i]! > 0) picked.push(i);
  picked.sort((a, b) => monetary[b]! - monetary[a]! || a - b);
  return picked.slice(0, count);
}

function describeForecast(result: RfmResult, forecast: Forecast, strings: PaneStrings): ForecastView {
  const { t, formatNumber, formatPercent } = strings;
  const { report, columns } = forecast;
  const days = report.horizonDays;
  const notes = report.notes.map((note) => t(`forecast.note.${note}` as MessageKey));
  const view: ForecastView = { days, notes, callRows: [], purchaseModel: [], spendModel: [], byRepeats: [] };
  if (!report.bgnbd) return view;
  view.purchases = formatNumber(definedSum(columns.expectedPurchases), 0);
  if (report.gammaGamma) view.revenue = formatNumber(definedSum(columns.expectedRevenue), 0);
  if (report.holdout) {
    view.holdout = t("forecastView.holdout", {
      days: report.holdout.days,
      predicted: formatNumber(report.holdout.predicted, 0),
      actual: formatNumber(report.holdout.actual, 0),
    });
    view.byRepeats = report.holdout.byRepeats.map((row) => ({
      repeats: row.repeats,
      customers: formatNumber(row.customers, 0),
      predicted: formatNumber(row.meanPredicted, 2),
      actual: formatNumber(row.meanActual, 2),
    }));
  }
  view.callRows = worthACall(result, forecast).map((i) => ({
    customer: result.customers.id[i]!,
    pastRevenue: formatNumber(result.customers.monetary[i]!, 2),
    pAlive: formatPercent(columns.pAlive[i]!),
  }));
  const parameter = (label: string, value: number, digits = 4): ParameterRow => ({
    label,
    value: formatNumber(value, digits),
  });
  const { r, alpha, a, b } = report.bgnbd;
  view.purchaseModel = [
    parameter("r", r),
    parameter("α", alpha),
    parameter("a", a),
    parameter("b", b),
    parameter(t("forecastView.logLikelihood"), report.bgnbd.logLikelihood, 2),
    parameter(t("forecastView.iterations"), report.bgnbd.iterations, 0),
  ];
  if (report.gammaGamma) {
    const { p, q, gamma } = report.gammaGamma;
    view.spendModel = [
      parameter("p", p),
      parameter("q", q),
      parameter("γ", gamma),
      parameter(t("forecastView.logLikelihood"), report.gammaGamma.logLikelihood, 2),
      parameter(t("forecastView.iterations"), report.gammaGamma.iterations, 0),
    ];
  }
  view.fitCustomers = t("forecastView.fitCustomers", {
    customers: formatNumber(report.customers, 0),
    repeat: formatNumber(report.repeatCustomers, 0),
  });
  return view;
}
