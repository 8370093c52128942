/** Sheet, table and column names written into the workbook, per language, and `workbookLabels()`. */
import { COMPARE_WORKBOOK_TEXT } from "./compare-labels";
import type { Language } from "./languages";
import { ALL_SEGMENT_KEYS, SEGMENT_ACTIONS, SEGMENT_NAMES } from "./segments";
import { FORECAST_WORKBOOK_TEXT } from "./workbook-forecast-text";
import type { WorkbookLabels } from "./workbook-labels";

type WorkbookText = Omit<WorkbookLabels, "language" | "segmentNames" | "actions" | "forecast">;

// Table and PivotTable names stay ASCII without spaces in every language: Excel rejects spaces in them, and plain
// ASCII names keep formulas such as =SUM(RfmCustomers[Monetary]) portable between language versions of Excel.
const TABLES: WorkbookText["tables"] = {
  customers: "RfmCustomers",
  segmentSummary: "RfmSegmentSummary",
  tierSummary: "RfmTierSummary",
};
const PIVOTS: WorkbookText["pivots"] = { segmentByTier: "RfmSegmentByTier", byDimension: "RfmByDimension" };

export const WORKBOOK_TEXT: Record<Language, WorkbookText> = {
  en: {
    sheets: { customers: "RFM Customers", summary: "RFM Summary" },
    tables: TABLES,
    pivots: PIVOTS,
    customerColumns: {
      customer: "Customer",
      firstPurchase: "First purchase",
      lastPurchase: "Last purchase",
      recency: "Recency (days)",
      frequency: "Frequency",
      monetary: "Monetary",
      aov: "Average order value",
      r: "R",
      f: "F",
      m: "M",
      rfm: "RFM code",
      segment: "Segment",
      valueClass: "Value class",
      tier: "Tier",
      lifecycle: "Lifecycle",
      action: "Recommended action",
    },
    sourceColumns: { segment: "RFM segment", tier: "RFM tier" },
    summary: {
      title: "RFM summary",
      segment: "Segment",
      tier: "Tier",
      customers: "Customers",
      // A line feed marks where a long header wraps: the columns then fit their numbers, not the header.
      customerShare: "Share of\ncustomers",
      revenue: "Revenue",
      revenueShare: "Share of\nrevenue",
      avgRecency: "Average\nrecency\n(days)",
      avgFrequency: "Average\nfrequency",
      avgMonetary: "Average\nmonetary",
      rfGridTitle: "Customers by R score (rows) and F score (columns)",
      rAxis: "R",
      fAxis: "F",
      pivotTitle: "Customers by segment and tier",
      total: "Total",
    },
    charts: {
      customersPerSegment: "Customers per segment",
      revenueShare: "Revenue share per segment",
      pareto: "Pareto curve",
      shareOfCustomers: "Share of customers",
      shareOfRevenue: "Share of revenue",
    },
    report: {
      headlineCustomers: "Customers",
      headlineRevenue: "Revenue",
      headlineTierAShare: "Revenue from key customers",
      headlineAtRisk: "Customers at risk",
      headlineAtRiskNote:
        "Customers at risk: the At Risk and Cannot Lose Them segments. Key customers: the tier that brings the top 80% of revenue.",
      chartData: "Chart data (the charts on this sheet draw from these cells)",
      segmentAxis: "Segment",
      customersAxis: "Customers",
      revenueShareAxis: "Share of revenue",
      impossibleScores: "{metric} scores {scores} cannot occur: too many customers share the same {what}.",
      metricNames: { r: "number of days since their last purchase", f: "number of purchases", m: "spend" },
      segmentOrder: "Segment no.",
      listSeparator: ", ",
      listLastSeparator: " and ",
    },
    dateFormat: "yyyy-mm-dd",
    moneyFormat: "#,##0.00",
  },
  "zh-Hans": {
    sheets: { customers: "RFM 客户", summary: "RFM 汇总" },
    tables: TABLES,
    pivots: PIVOTS,
    customerColumns: {
      customer: "客户",
      firstPurchase: "首次购买",
      lastPurchase: "最近购买",
      recency: "最近购买间隔（天）",
      frequency: "购买频次",
      monetary: "消费金额",
      aov: "客单价",
      r: "R",
      f: "F",
      m: "M",
      rfm: "RFM 代码",
      segment: "客户分群",
      valueClass: "价值类别",
      tier: "客户等级",
      lifecycle: "生命周期",
      action: "建议行动",
    },
    sourceColumns: { segment: "RFM 分群", tier: "RFM 等级" },
    summary: {
      title: "RFM 汇总",
      segment: "分群",
      tier: "等级",
      customers: "客户数",
      customerShare: "客户占比",
      revenue: "销售额",
      revenueShare: "销售额占比",
      avgRecency: "平均间隔\n（天）",
      avgFrequency: "平均频次",
      avgMonetary: "平均\n消费金额",
      rfGridTitle: "按 R 分（行）和 F 分（列）统计的客户数",
      rAxis: "R",
      fAxis: "F",
      pivotTitle: "按分群和等级统计的客户数",
      total: "合计",
    },
    charts: {
      customersPerSegment: "各分群客户数",
      revenueShare: "各分群销售额占比",
      pareto: "帕累托曲线",
      shareOfCustomers: "客户占比",
      shareOfRevenue: "销售额占比",
    },
    report: {
      headlineCustomers: "客户数",
      headlineRevenue: "销售额",
      headlineTierAShare: "重点客户贡献的销售额占比",
      headlineAtRisk: "有流失风险的客户",
      headlineAtRiskNote:
        "有流失风险的客户：“流失风险客户”和“不能失去的客户”两个分群。重点客户：贡献前 80% 销售额的客户。",
      chartData: "图表数据（本表的图表引用这些单元格）",
      segmentAxis: "分群",
      customersAxis: "客户数",
      revenueShareAxis: "销售额占比",
      impossibleScores: "{metric} 分 {scores} 不会出现：太多客户的{what}相同。",
      metricNames: { r: "最近一次消费距今天数", f: "消费次数", m: "消费金额" },
      segmentOrder: "分群序号",
      listSeparator: "、",
      listLastSeparator: "和",
    },
    dateFormat: "yyyy-mm-dd",
    moneyFormat: "#,##0.00",
  },
  "zh-Hant": {
    sheets: { customers: "RFM 顧客", summary: "RFM 彙總" },
    tables: TABLES,
    pivots: PIVOTS,
    customerColumns: {
      customer: "顧客",
      firstPurchase: "首次購買",
      lastPurchase: "最近購買",
      recency: "最近購買間隔（天）",
      frequency: "購買頻次",
      monetary: "消費金額",
      aov: "客單價",
      r: "R",
      f: "F",
      m: "M",
      rfm: "RFM 代碼",
      segment: "顧客分群",
      valueClass: "價值類別",
      tier: "顧客等級",
      lifecycle: "生命週期",
      action: "建議行動",
    },
    sourceColumns: { segment: "RFM 分群", tier: "RFM 等級" },
    summary: {
      title: "RFM 彙總",
      segment: "分群",
      tier: "等級",
      customers: "顧客數",
      customerShare: "顧客佔比",
      revenue: "銷售額",
      revenueShare: "銷售額佔比",
      avgRecency: "平均間隔\n（天）",
      avgFrequency: "平均頻次",
      avgMonetary: "平均\n消費金額",
      rfGridTitle: "按 R 分（列）和 F 分（欄）統計的顧客數",
      rAxis: "R",
      fAxis: "F",
      pivotTitle: "按分群和等級統計的顧客數",
      total: "合計",
    },
    charts: {
      customersPerSegment: "各分群顧客數",
      revenueShare: "各分群銷售額佔比",
      pareto: "柏拉圖曲線",
      shareOfCustomers: "顧客佔比",
      shareOfRevenue: "銷售額佔比",
    },
    report: {
      headlineCustomers: "顧客數",
      headlineRevenue: "銷售額",
      headlineTierAShare: "重點顧客貢獻的銷售額佔比",
      headlineAtRisk: "有流失風險的顧客",
      headlineAtRiskNote:
        "有流失風險的顧客：「流失風險顧客」和「不能失去的顧客」兩個分群。重點顧客：貢獻前 80% 銷售額的顧客。",
      chartData: "圖表資料（本工作表的圖表引用這些儲存格）",
      segmentAxis: "分群",
      customersAxis: "顧客數",
      revenueShareAxis: "銷售額佔比",
      impossibleScores: "{metric} 分 {scores} 不會出現：太多顧客的{what}相同。",
      metricNames: { r: "最近一次消費距今天數", f: "消費次數", m: "消費金額" },
      segmentOrder: "分群序號",
      listSeparator: "、",
      listLastSeparator: "和",
    },
    dateFormat: "yyyy-mm-dd",
    moneyFormat: "#,##0.00",
  },
};

/**
 * Everything the adapter writes, in `language`. `actionOverrides` (by segment key) replaces the catalogue's
 * recommended actions; blank overrides are ignored so a cleared field falls back to the default text.
 */
export function workbookLabels(
  language: Language,
  actionOverrides: Partial<Record<string, string>> = {},
): WorkbookLabels {
  const text = WORKBOOK_TEXT[language];
  const segmentNames: Record<string, string> = {};
  const actions: Record<string, string> = {};
  for (const key of ALL_SEGMENT_KEYS) {
    segmentNames[key] = SEGMENT_NAMES[language][key];
    const override = actionOverrides[key];
    actions[key] = override !== undefined && override.trim() !== "" ? override.trim() : SEGMENT_ACTIONS[language][key];
  }
  const languages = Object.keys(WORKBOOK_TEXT) as Language[];
  const sourceColumnsAnyLanguage = { headers: languages.map((other) => WORKBOOK_TEXT[other].sourceColumns) };
  const compare = COMPARE_WORKBOOK_TEXT[language];
  const forecast = FORECAST_WORKBOOK_TEXT[language];
  return structuredCloneText({
    language,
    ...text,
    sourceColumnsAnyLanguage,
    segmentNames,
    actions,
    compare,
    forecast,
  });
}

// A deep copy so a consumer that edits its labels cannot change the catalogue for the next run.
function structuredCloneText(labels: WorkbookLabels): WorkbookLabels {
  return JSON.parse(JSON.stringify(labels)) as WorkbookLabels;
}
