/** Workbook texts of the comparison with an earlier date (SPEC "Change since an earlier date"), per language. */
import type { Language } from "./languages";
import type { CompareWorkbookLabels } from "./workbook-labels";

export const COMPARE_WORKBOOK_TEXT: Record<Language, CompareWorkbookLabels> = {
  en: {
    previousSegment: "Segment on {date}",
    change: "Change",
    changeNames: { new: "new", same: "same", changed: "changed" },
    movementTitle: "Customers by segment on {date} (rows) and now (columns)",
    newRow: "New since {date}",
    movesChart: "Largest moves since {date} (customers; losses below zero)",
    move: "{from} → {to}",
    movesCustomers: "Customers",
  },
  "zh-Hans": {
    previousSegment: "{date}的分群",
    change: "变化",
    changeNames: { new: "新增", same: "不变", changed: "变化" },
    movementTitle: "客户数：{date}的分群（行）与现在的分群（列）",
    newRow: "{date}之后的新客户",
    movesChart: "自{date}以来最大的变化（客户数；流失为负）",
    move: "{from} → {to}",
    movesCustomers: "客户数",
  },
  "zh-Hant": {
    previousSegment: "{date}的分群",
    change: "變化",
    changeNames: { new: "新增", same: "不變", changed: "變化" },
    movementTitle: "顧客數：{date}的分群（列）與現在的分群（欄）",
    newRow: "{date}之後的新顧客",
    movesChart: "自{date}以來最大的變化（顧客數；流失為負）",
    move: "{from} → {to}",
    movesCustomers: "顧客數",
  },
};

/** An Excel serial day in the language's date form: `2024-03-31` (en), `2024年3月31日` (zh). */
export function formatDay(serial: number, language: Language): string {
  // Serial 25569 is 1970-01-01 (1900 date system; serials before 1900-03-01 do not occur as compare dates).
  const date = new Date((Math.floor(serial) - 25569) * 86_400_000);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  if (language === "en") return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return `${year}年${month}月${day}日`;
}

/** `template` with `{date}` (and other `{name}`s) filled in. */
export function fillDate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
