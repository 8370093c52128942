import { analyzeRfm, guessMapping } from "../../src/engine";
import type { RfmResult, SkippedRow } from "../../src/engine/types";
import { MESSAGES } from "../../src/i18n";
import { errorText } from "../../src/taskpane/error-text";
import { impossibleScoresText, reportNotices, skippedGroups } from "../../src/taskpane/ResultsPanel/useResultsPanel";
import { createPaneStrings } from "../../src/taskpane/strings-context";

function resultWith(rows: SkippedRow[], byReason: Partial<RfmResult["skipped"]["byReason"]>): RfmResult {
  const counts = { missing_customer: 0, bad_date: 0, bad_amount: 0, amount_out_of_range: 0, after_analysis_date: 0 };
  const merged = { ...counts, ...byReason };
  const count = Object.values(merged).reduce((a, b) => a + b, 0);
  return { analysisDate: 40724, skipped: { count, byReason: merged, rows } } as unknown as RfmResult;
}

describe("skipped rows in the pane", () => {
  test("grouped by reason, largest first, dates as dates, no empty brackets", () => {
    const rows: SkippedRow[] = [
      { row: 48, reason: "missing_customer", value: "" },
      { row: 49, reason: "missing_customer", value: "" },
      { row: 50, reason: "after_analysis_date", value: "40725.388194444444" },
      { row: 51, reason: "bad_amount", value: "n/a" },
    ];
    const lines = skippedGroups(
      resultWith(rows, { missing_customer: 3710, after_analysis_date: 1, bad_amount: 1 }),
      createPaneStrings("en"),
    );
    expect(lines).toEqual([
      "3,710 rows have no customer ID: rows 48, 49, …",
      "1 row has an amount that cannot be read: row 51 (“n/a”)",
      "1 row is dated after the analysis date (2011-06-30): row 50 (2011-07-01)",
    ]);
    expect(lines.join(" ")).not.toContain("()");
    expect(lines.join(" ")).not.toContain("40725");
  });

  test("in Chinese with Chinese list punctuation", () => {
    const rows: SkippedRow[] = [
      { row: 48, reason: "missing_customer", value: "" },
      { row: 49, reason: "missing_customer", value: "" },
    ];
    expect(skippedGroups(resultWith(rows, { missing_customer: 2 }), createPaneStrings("zh-Hans"))).toEqual([
      "2 行没有客户编号：第 48、49 行",
    ]);
  });
});

describe("error messages that say what to fix", () => {
  const strings = createPaneStrings("en");

  test("several unmapped required columns are named together", () => {
    const values = [
      ["A", "B", "C"],
      ["x", "y", "z"],
    ];
    let error: unknown;
    try {
      analyzeRfm(values, { dimensions: [] });
    } catch (caught) {
      error = caught;
    }
    expect(errorText(error, strings)).toBe(
      "Choose which columns hold the customer, order date, amount (or quantity and unit price).",
    );
  });

  test("an invalid setting says which one and why", () => {
    let error: unknown;
    try {
      analyzeRfm(
        [
          ["Customer", "Date", "Amount"],
          ["C1", 45000, 10],
        ],
        guessMapping(["Customer", "Date", "Amount"]),
        {
          tierCutoffs: [0.9, 0.5],
        },
      );
    } catch (caught) {
      error = caught;
    }
    expect(errorText(error, strings)).toBe(MESSAGES.en["report.badOption.tierCutoffs"]);
    expect(errorText(error, strings)).not.toBe(MESSAGES.en["error.bad_option"]);
  });
});

describe("scores that cannot occur", () => {
  test("named in the pane when tied values make breakpoints equal", () => {
    const rows: (string | number)[][] = [["Customer", "Date", "Amount"]];
    for (let c = 0; c < 200; c++) {
      const purchases = c < 90 ? 1 : c < 140 ? 2 : c < 170 ? 3 : c < 185 ? 4 : 5 + (c % 7);
      for (let p = 0; p < purchases; p++) rows.push([`C${c}`, 45000 + ((c * 13 + p * 37) % 300), 10 + c + p]);
    }
    const result = analyzeRfm(rows, guessMapping(rows[0] ?? []), { k: 10 });
    const text = impossibleScoresText(result, createPaneStrings("en"));
    expect(text).toMatch(/^F scores [\d, and]+ cannot occur: too many customers share the same number of purchases\.$/);
    expect(impossibleScoresText(analyzeRfm(rows, guessMapping(rows[0] ?? []), { k: 3 }), createPaneStrings("en"))).toBe(
      undefined,
    );
  });
});

describe("what the write did differently", () => {
  const report = {
    sheetsWritten: [],
    fallbacks: [],
    segmentColumnsBesideEarlier: { earlier: "Sales!F1:G31", address: "Sales!H1:I31" },
  };

  test("names the earlier segment columns it left alone and where the new ones are", () => {
    expect(reportNotices(report, createPaneStrings("en"))).toEqual({
      blocked: undefined,
      besideEarlier:
        "The earlier segment columns at Sales!F1:G31 were changed since the add-in wrote them, so they were left as they are. The new ones are at Sales!H1:I31.",
      fallbacks: undefined,
    });
    expect(reportNotices(report, createPaneStrings("zh-Hans")).besideEarlier).toBe(
      "Sales!F1:G31 处之前的分群列在写入后被修改过，因此保留原样未动；新的分群列写在 Sales!H1:I31。",
    );
    expect(reportNotices(report, createPaneStrings("zh-Hant")).besideEarlier).toContain("Sales!H1:I31");
  });
});
