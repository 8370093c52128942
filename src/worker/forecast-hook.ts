/**
 * The forecast beside the analysis: an `onEncoded` hook for analyzeRfm that runs `forecastFromRows` on the rows as
 * read, before the analysis reuses their memory (docs/ENGINE.md, "Forecast"). Shared by the worker and the
 * in-process runner.
 */
import type { AnalyzeHooks } from "../engine";
import { type Forecast, forecastFromRows, latestPurchaseDay } from "../forecast";
import type { ForecastRequest } from "./protocol";

/** The hook for `request` (undefined when no forecast is asked for) and a way to read what it made. */
export function forecastHook(request: ForecastRequest | undefined): {
  onEncoded: AnalyzeHooks["onEncoded"];
  forecast: () => Forecast | undefined;
} {
  let forecast: Forecast | undefined;
  if (!request) return { onEncoded: undefined, forecast: () => undefined };
  return {
    onEncoded: (encoded, options) => {
      // The analysis date as analyzeEncoded settles it: the option, else the latest purchase day.
      const date = options.analysisDate ?? encoded.latestPurchaseDay ?? latestPurchaseDay(encoded);
      // No purchase at all: the analysis itself reports it.
      if (date >= 0) {
        forecast = forecastFromRows(encoded, encoded.customerIds.length, date, { horizonDays: request.horizonDays });
      }
    },
    forecast: () => forecast,
  };
}
