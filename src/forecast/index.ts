/**
 * The forecast's public API (pure TypeScript, no DOM, no Office): BG/NBD and Gamma-Gamma fitted on the rows the
 * engine has read. See docs/ENGINE.md, "Forecast".
 */
export {
  type Forecast,
  type ForecastColumns,
  type ForecastNote,
  type ForecastOptions,
  type ForecastReport,
  type HoldoutCheck,
  FORECAST_NOTES,
  HOLDOUT_BUCKETS,
  MIN_REPEAT_CUSTOMERS,
  MIN_SPEND_CUSTOMERS,
  forecastFromRows,
  forecastFromSummary,
  latestPurchaseDay,
} from "./forecast";
export {
  type BgNbdFit,
  type BgNbdParameters,
  type FitOptions,
  type TripleGroups,
  bgNbdLogLikelihood,
  expectedPurchases,
  expectedPurchasesGivenAlive,
  fitBgNbd,
  groupTriples,
  logOddsDropped,
  probabilityAlive,
} from "./bgnbd";
export {
  type GammaGammaFit,
  type GammaGammaParameters,
  type SpendData,
  expectedOrderValue,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  spendData,
} from "./gamma-gamma";
export {
  type CustomerSummary,
  type ForecastRows,
  type PurchaseSummary,
  customerSummary,
  summarisePurchases,
} from "./summary";
export { hyp2f1, lnHyp2f1, hypergeometricTail } from "./hyp2f1";
export { lnGamma, digamma, logAddExp } from "./special";
export { minimizeBfgs, type MinimizeOptions, type MinimizeResult, type Objective } from "./optimize";
