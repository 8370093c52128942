/**
 * What the forecast adds to the workbook (customer-sheet columns, summary blocks), per language. `{days}` and
 * `{months}` are filled in by excel/ with the run's horizon.
 */
import type { Language } from "./languages";

export interface ForecastWorkbookLabels {
  /** Customer-sheet columns. */
  pAlive: string;
  expectedPurchases: string;
  expectedRevenue: string;
  expectedAov: string;
  clv: string;
  /** Summary sheet: per segment. */
  segmentTitle: string;
  meanPAlive: string;
  /** Summary sheet: the check against the past. */
  holdoutTitle: string;
  repeats: string;
  customers: string;
  predicted: string;
  actual: string;
  holdoutChart: string;
}

export const FORECAST_WORKBOOK_TEXT: Record<Language, ForecastWorkbookLabels> = {
  en: {
    pAlive: "Chance still active",
    expectedPurchases: "Expected purchases, next {days} days",
    expectedRevenue: "Expected revenue, next {days} days",
    expectedAov: "Expected order value",
    clv: "Customer lifetime value, {months} months",
    segmentTitle: "Forecast by segment, next {days} days",
    meanPAlive: "Average chance still active",
    holdoutTitle: "Check against the last {days} days: purchases per customer",
    repeats: "Repeat purchases before",
    customers: "Customers",
    predicted: "Predicted",
    actual: "Actual",
    holdoutChart: "Predicted and actual purchases in the last {days} days",
  },
  "zh-Hans": {
    pAlive: "仍活跃的概率",
    expectedPurchases: "预期购买次数，未来 {days} 天",
    expectedRevenue: "预期收入，未来 {days} 天",
    expectedAov: "预期客单价",
    clv: "客户终身价值，{months} 个月",
    segmentTitle: "按分群预测，未来 {days} 天",
    meanPAlive: "平均仍活跃的概率",
    holdoutTitle: "最近 {days} 天回测：每位客户的购买次数",
    repeats: "此前复购次数",
    customers: "客户数",
    predicted: "预测",
    actual: "实际",
    holdoutChart: "最近 {days} 天的预测与实际购买次数",
  },
  "zh-Hant": {
    pAlive: "仍活躍的機率",
    expectedPurchases: "預期購買次數，未來 {days} 天",
    expectedRevenue: "預期營收，未來 {days} 天",
    expectedAov: "預期客單價",
    clv: "顧客終身價值，{months} 個月",
    segmentTitle: "依分群預測，未來 {days} 天",
    meanPAlive: "平均仍活躍的機率",
    holdoutTitle: "最近 {days} 天回測：每位顧客的購買次數",
    repeats: "此前回購次數",
    customers: "顧客數",
    predicted: "預測",
    actual: "實際",
    holdoutChart: "最近 {days} 天的預測與實際購買次數",
  },
};
