/**
 * Every odd or hostile input of issue 14 (and the ones handled before it), and the message each gets in the pane,
 * in English and 简体中文. Each row sets up a sheet and a selection in the simulator and goes the pane's way:
 * the real gateway reads the selection (createOfficeGateway → excel/read-source.ts), the engine analyses it with
 * the pane's default settings (runAnalysisInProcess, what the worker runs), and the pane's own formatting says what
 * happened: errorText (error-text.ts) for a read or run that stops, SourceNotes for what reading left out or filled
 * in, skippedGroups (ResultsPanel) for rows left out by reason, InputWarnings for dates.
 *
 * `messages` is every message the pane shows for the input, in order: read errors or notes, then the run's error or
 * its skipped rows and date warnings. `{today}` stands for today's date. The CLI's answers to the same inputs (in
 * English only: the CLI is English) are in tests/cli/bad-inputs.test.ts; a stray cell in row 1,048,576 itself
 * (here a stray cell a few rows down gets the same message) in tests/excel/selections.test.ts.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render } from "@testing-library/react";
import { serialToIsoDate } from "../../src/engine";
import { guessMapping } from "../../src/engine";
import type { CellValue } from "../../src/engine/types";
import type { SourceRange } from "../../src/excel/gateway";
import { createOfficeGateway } from "../../src/excel/office-gateway";
import type { Language } from "../../src/i18n";
import { errorText } from "../../src/taskpane/error-text";
import { defaultPaneSettings, toRfmOptions } from "../../src/taskpane/pane-settings";
import { InputWarnings } from "../../src/taskpane/ResultsPanel/InputWarnings";
import { skippedGroups } from "../../src/taskpane/ResultsPanel/useResultsPanel";
import { SourceNotes } from "../../src/taskpane/SourceNotes";
import { createPaneStrings, StringsProvider } from "../../src/taskpane/strings-context";
import { createWorkbookSim, installWorkbookSim, type InitialSheet } from "../../src/workbook-sim";
import { runAnalysisInProcess, type AnalysisOutcome } from "../../src/worker/worker-client";

jest.setTimeout(60_000);

const HEADER: CellValue[] = ["Order", "Customer", "Order date", "Amount"];
/** Three good lines: 2024-01-01, 2024-01-09, 2024-01-19. */
const GOOD: CellValue[][] = [
  ["A1", "C1", 45292, 120],
  ["A2", "C2", 45300, 80],
  ["A3", "C3", 45310, 50],
];
const sales = (...extra: CellValue[][]): CellValue[][] => [HEADER, ...GOOD, ...extra];

interface BadInput {
  input: string;
  sheet: Omit<InitialSheet, "name"> & { values: CellValue[][] };
  /** Default: the sheet's data, header included, as a user selects it. */
  selection?: string;
  /** ExcelApi level of the user's Excel (default 1.13, where merged areas can be read). */
  excelApi?: string;
  en: string[];
  "zh-Hans": string[];
  /** What else holds besides the messages (the read, the result). */
  check?: (read: SourceRange, result: AnalysisOutcome | undefined) => void;
}

const BAD_INPUTS: BadInput[] = [
  {
    input: "a huge amount (1e308)",
    sheet: { values: sales(["A4", "C4", 45311, 1e308]) },
    en: ["1 row has an amount beyond ±900 billion: row 5"],
    "zh-Hans": ["1 行的金额超出 ±9000 亿：第 5 行"],
  },
  {
    input: "a customer's total beyond 900 billion",
    sheet: { values: sales(["A4", "C9", 45311, 800e9], ["A5", "C9", 45312, 200e9]) },
    en: [
      "The amounts of customer “C9” add up to more than 900 billion, beyond what can be summed exactly. Check that customer's amounts for a wrong value.",
    ],
    "zh-Hans": ["客户“C9”的金额合计超过 9000 亿，超出精确求和的范围。请检查该客户的金额中是否有错误的数值。"],
  },
  {
    input: "Excel error values (#N/A date, #VALUE! amount)",
    sheet: { values: sales(["A4", "C4", "#N/A", 10], ["A5", "C5", 45311, "#VALUE!"]) },
    en: [
      "1 row has a date that cannot be read: row 5 (“#N/A”)",
      "1 row has an amount that cannot be read: row 6 (“#VALUE!”)",
    ],
    "zh-Hans": ["1 行的日期无法识别：第 5 行（“#N/A”）", "1 行的金额无法识别：第 6 行（“#VALUE!”）"],
  },
  {
    input: "a date in 2099",
    sheet: { values: sales(["A4", "C4", 72686, 10]) },
    en: [
      "1 row is dated after today ({today}); it is 2099-01-01 (row 5).",
      "The analysis date 2099-01-01 comes from a row dated after today, so every recency is counted from that day. Check that row's date, or set the analysis date yourself.",
    ],
    "zh-Hans": [
      "有 1 行的日期晚于今天（{today}）：2099-01-01（第 5 行）。",
      "分析日期 2099-01-01 来自一行晚于今天的日期，所有最近购买天数都从这一天算起。请检查该行的日期，或自行设置分析日期。",
    ],
  },
  {
    input: "serial 1 (1900-01-01) and a date before 1990",
    sheet: { values: sales(["A4", "C4", 1, 10], ["A5", "C5", 29000, 10]) },
    en: [
      "2 rows are dated before 1990; the earliest is 1900-01-01 (row 5). A cell holding just 1 reads as 1900-01-01. Check those dates.",
    ],
    "zh-Hans": [
      "有 2 行的日期早于 1990 年，最早的是 1900-01-01（第 5 行）。单元格中只有 1 时会被读作 1900-01-01。请检查这些日期。",
    ],
  },
  {
    input: "an ambiguous text date 03/05/2024",
    sheet: { values: sales(["A4", "C4", "03/05/2024", 10]) },
    en: [
      "1 date, 03/05/2024, can be read two ways; it was read day first (DD/MM/YYYY). If your dates are month first, change the date order and run again.",
    ],
    "zh-Hans": [
      "有 1 个日期（03/05/2024）可以有两种读法，已按“日在前”（DD/MM/YYYY）读取。如果您的日期是月在前，请更改日期顺序后重新运行。",
    ],
  },
  {
    input: "customer ids starting with = + - @",
    sheet: {
      values: sales(
        ["A4", '=HYPERLINK("http://x","y")', 45311, 10],
        ["A5", "+cmd|' /C calc'!A0", 45311, 10],
        ["A6", "-2+3", 45311, 10],
        ["A7", "@SUM(1+1)", 45311, 10],
      ),
    },
    en: [],
    "zh-Hans": [],
    check: (_read, result) =>
      expect(result?.customers.id).toEqual(
        expect.arrayContaining(['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)"]),
      ),
  },
  {
    input: "rows hidden by a filter",
    sheet: { values: sales(["A4", "C4", 45311, 10]), hiddenRows: [2, 3] },
    en: ["2 rows hidden by a filter were left out; their segment cells stay empty."],
    "zh-Hans": ["已跳过 2 行被筛选隐藏的数据；这些行的分群单元格保持为空。"],
    check: (read) => expect(read.rowCount).toBe(5),
  },
  {
    input: "a member id merged down over its rows",
    sheet: { values: sales(["A4", null, 45311, 10], ["A5", null, 45312, 10]), merged: ["B4:B6"] },
    en: ["1 merged cell was read as one value for every row it covers (cells filled: 2)."],
    "zh-Hans": ["1 个合并单元格的值已用于其覆盖的每一行（填入 2 个单元格）。"],
  },
  {
    input: "merged cells where Excel cannot list them (below ExcelApi 1.13)",
    sheet: { values: sales(["A4", null, 45311, 10], ["A5", "C5", 45312, 10]), merged: ["B4:B5"] },
    excelApi: "1.12",
    en: [
      "This version of Excel cannot list merged cells: rows under a merged customer cell would count as having no customer. Unmerge them first if you have any.",
      "1 row has no customer ID: row 5",
    ],
    "zh-Hans": [
      "此版本的 Excel 无法列出合并单元格：合并的客户单元格下方的行会被视为没有客户。如有合并单元格，请先取消合并。",
      "1 行没有客户编号：第 5 行",
    ],
  },
  {
    input: "a stray cell far below the data (whole columns selected)",
    sheet: { values: [...sales(), [], [], [], [], [], ["", "", "", "note"]] },
    selection: "Sales!A:D",
    en: [
      "Reading stopped at the last row with a customer. 1 row below it holds other cells (Sales!A10:D10) and was left out.",
    ],
    "zh-Hans": ["读取到最后一个有客户的行为止。其下方有 1 行含有其他单元格（Sales!A10:D10），未纳入分析。"],
  },
  {
    input: "rows 2:3 selected without the header",
    sheet: { values: sales() },
    selection: "Sales!A2:D3",
    en: [
      "The first row of your selection looks like data (dates or amounts where column names should be). The first row must be the header row: select it too, then choose Use selection.",
    ],
    "zh-Hans": [
      "所选区域的第一行看起来是数据（本应是列名的位置出现了日期或金额）。第一行必须是标题行：请连同标题行一起选择，然后点击“使用所选区域”。",
    ],
  },
  {
    input: "a totals row under the data",
    sheet: { values: sales(["Total", null, null, 250]) },
    en: [
      "Reading stopped at the last row with a customer. 1 row below it holds other cells (Sales!A5:D5) and was left out.",
    ],
    "zh-Hans": ["读取到最后一个有客户的行为止。其下方有 1 行含有其他单元格（Sales!A5:D5），未纳入分析。"],
  },
  {
    input: "several areas selected",
    sheet: { values: sales() },
    selection: "Sales!A1:B4,D1:D4",
    en: ["Several areas are selected. Select one block of cells (your sales data with its header row)."],
    "zh-Hans": ["选中了多个区域。请只选中一块连续的单元格（销售数据及其标题行）。"],
  },
  {
    input: "no column can be guessed (missing columns)",
    sheet: {
      values: [
        ["Col A", "Col B", "Col C"],
        ["x", "y", "z"],
      ],
    },
    en: ["Choose which columns hold the customer, order date, amount (or quantity and unit price)."],
    "zh-Hans": ["请选择客户、订单日期、金额（或数量和单价）所在的列。"],
  },
  {
    input: "an empty sheet selected",
    sheet: { values: [] },
    selection: "Sales!B2:D9",
    en: ["There is nothing to read. Select your sales data (with its header row) and try again."],
    "zh-Hans": ["没有可读取的内容。请选中销售数据（包括标题行）后重试。"],
  },
  {
    input: "a single cell in the data selected",
    sheet: { values: sales() },
    selection: "Sales!B3",
    en: [],
    "zh-Hans": [],
    check: (read) => expect(read.address).toBe("Sales!A1:D4"),
  },
  {
    input: "only the header row",
    sheet: { values: [HEADER] },
    en: ["The selection has only a header row. Select the sales rows below it too."],
    "zh-Hans": ["所选区域只有标题行。请同时选中下面的销售数据行。"],
  },
  {
    input: "a blank customer, an unreadable text amount and a text date that is no date",
    sheet: { values: sales(["A4", "", 45311, 10], ["A5", "C5", 45311, "abc"], ["A6", "C6", "soon", 10]) },
    en: [
      "1 row has no customer ID: row 5",
      "1 row has a date that cannot be read: row 7 (“soon”)",
      "1 row has an amount that cannot be read: row 6 (“abc”)",
    ],
    "zh-Hans": [
      "1 行没有客户编号：第 5 行",
      "1 行的日期无法识别：第 7 行（“soon”）",
      "1 行的金额无法识别：第 6 行（“abc”）",
    ],
  },
  {
    input: "currency text (¥1,234.50) and an accounting negative ((12.50))",
    sheet: { values: sales(["A4", "C4", 45311, "¥1,234.50"], ["A5", "C1", 45311, "(12.50)"]) },
    en: [],
    "zh-Hans": [],
    check: (_read, result) => expect(result?.skipped.count).toBe(0),
  },
];

/** The texts a pane component shows: its captions and message bars, in order. */
function shownTexts(element: React.ReactElement, language: Language): string[] {
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <StringsProvider language={language}>{element}</StringsProvider>
    </FluentProvider>,
  );
  const texts = [...view.container.querySelectorAll(".fui-Caption1, .fui-MessageBarBody")].map(
    (node) => node.textContent ?? "",
  );
  view.unmount();
  return texts;
}

/** What the pane says about `row` in `language`, and what was read and computed. */
async function paneMessages(row: BadInput, language: Language) {
  const strings = createPaneStrings(language);
  const lastColumn = String.fromCharCode(64 + Math.max(1, ...row.sheet.values.map((r) => r.length)));
  const sim = createWorkbookSim({
    sheets: [{ name: "Sales", ...row.sheet }],
    selection: row.selection ?? `Sales!A1:${lastColumn}${Math.max(1, row.sheet.values.length)}`,
    requirementSets: { ExcelApi: row.excelApi ?? "1.13" },
  });
  installWorkbookSim(globalThis, sim);
  let read: SourceRange;
  try {
    read = await createOfficeGateway().readSource();
  } catch (error) {
    return { messages: [errorText(error, strings)], read: undefined, result: undefined };
  }
  const messages = shownTexts(
    <SourceNotes source={read} disabled={false} onIncludeHidden={() => undefined} />,
    language,
  );
  let result: AnalysisOutcome | undefined;
  try {
    const options = toRfmOptions(defaultPaneSettings(), undefined, read.firstRow);
    result = await runAnalysisInProcess(read.values, guessMapping(read.values[0] ?? []), options);
  } catch (error) {
    return { messages: [...messages, errorText(error, strings)], read, result };
  }
  messages.push(...skippedGroups(result, strings));
  messages.push(
    ...shownTexts(<InputWarnings result={result} disabled={false} onUseToday={() => undefined} />, language),
  );
  const today = serialToIsoDate(result.dateWarnings.today);
  return { messages: messages.map((text) => text.split(today).join("{today}")), read, result };
}

describe("bad inputs: what the pane says", () => {
  test.each(BAD_INPUTS.map((row) => [row.input, row] as const))("%s", async (_input, row) => {
    const english = await paneMessages(row, "en");
    const chinese = await paneMessages(row, "zh-Hans");
    if (process.env.PRINT_MESSAGES) console.log(row.input, JSON.stringify([english.messages, chinese.messages]));
    expect(english.messages).toEqual(row.en);
    expect(chinese.messages).toEqual(row["zh-Hans"]);
    if (row.check && english.read) row.check(english.read, english.result);
  });
});
