import {
  analyzeRfm,
  guessMapping,
  isoDateToSerial,
  parseDateText,
  parseMoneyText,
  serialToIsoDate,
  validateMapping,
} from "../../src/engine/index";
import { CancelledError, RfmInputError, type CellValue } from "../../src/engine/types";
import { BASIC_MAPPING, byCustomer, get, ORDER_MAPPING, sheet } from "./helpers";

describe("dates", () => {
  it("converts between serials and ISO dates like Excel's 1900 system", () => {
    expect(isoDateToSerial("1970-01-01")).toBe(25569);
    expect(isoDateToSerial("1900-01-01")).toBe(1);
    expect(isoDateToSerial("1900-03-01")).toBe(61);
    expect(serialToIsoDate(60)).toBe("1900-02-29");
    expect(isoDateToSerial("2024-02-29")).toBe(45351);
    expect(serialToIsoDate(45351.99)).toBe("2024-02-29");
    expect(isoDateToSerial("2023-02-29")).toBeNaN();
    for (let serial = 61; serial < 2958465; serial += 997)
      expect(isoDateToSerial(serialToIsoDate(serial))).toBe(serial);
  });

  it("reads every accepted date form, dropping the time of day without time-zone conversion", () => {
    const serial = isoDateToSerial("2024-03-05");
    for (const text of [
      "2024-03-05",
      "2024-03-05T23:59:59Z",
      "2024-03-05T23:30:00-08:00",
      "2024-03-05 08:26:00",
      "2024/03/05",
      "2024/3/5",
      "2024年3月5日",
      "2024年3月5日 14:30",
      " 2024-03-05 ",
    ]) {
      expect([text, parseDateText(text)]).toEqual([text, serial]);
    }
    expect(parseDateText("05/03/2024", "DMY")).toBe(serial);
    expect(parseDateText("03/05/2024", "MDY")).toBe(serial);
    expect(parseDateText("13/05/2024", "MDY")).toBeNaN();
    for (const bad of ["", "yesterday", "2024-13-01", "2024-03-05x", "#N/A", "05/03/24"])
      expect(parseDateText(bad)).toBeNaN();
  });

  it("drops the serial's fraction: a purchase at 23:59 is that day", () => {
    const rows = [
      ["a", 45351.999, 1],
      ["a", 45350.0001, 1],
    ];
    const c = get(byCustomer(analyzeRfm(sheet(rows), BASIC_MAPPING)), "a");
    expect([c.first, c.last, c.recency]).toEqual(["2024-02-28", "2024-02-29", 0]);
  });

  // Time-zone independence is checked by running the built CLI under several TZ values: tests/cli/segment.test.ts.
});

describe("amounts", () => {
  it("reads numbers written as text", () => {
    const cases: [string, number][] = [
      ["1,234.50", 12_345_000],
      ["¥1,234.50", 12_345_000],
      ["￥12", 120_000],
      ["$12", 120_000],
      ["€3.5", 35_000],
      ["£0.99", 9_900],
      ["(12.00)", -120_000],
      ["-12", -120_000],
      ["12-", -120_000],
      ["-$12", -120_000],
      ["+7", 70_000],
      ["1.5E3", 15_000_000],
      ["0.00005", 1],
      ["0.00004", 0],
      ["12元", 120_000],
      [" 42 ", 420_000],
      ["\u00a042\t", 420_000],
    ];
    for (const [text, units] of cases) expect([text, parseMoneyText(text)]).toEqual([text, units]);
    for (const bad of ["", "abc", "1.234,50", "1,23", "#VALUE!", "--5", "12.3.4", "$"])
      expect([bad, parseMoneyText(bad)]).toEqual([bad, NaN]);
  });

  it("keeps amounts beyond ±214,748.3647 (past 32-bit units) exact, as purchases and returns", () => {
    const rows = [
      ["big", "2024-01-01", 250_000.5],
      ["big", "2024-01-02", 999_999_999.9999],
      ["big", "2024-01-03", -214_748.3648],
      ["big", "2024-01-03", 214_748.3647],
      ["small", "2024-01-04", 1],
      ["returns", "2024-01-04", -300_000],
    ];
    const result = analyzeRfm(sheet(rows), BASIC_MAPPING);
    const big = get(byCustomer(result), "big");
    expect(big.monetary).toBe(1_000_250_000.4998); // 250,000.5 + 999,999,999.9999 − 0.0001
    expect(big.frequency).toBe(3);
    expect(big.last).toBe("2024-01-03"); // the big return on 01-03 is not a purchase, the line beside it is
    expect(result.returnsOnlyCustomers).toEqual(["returns"]);
    expect(result.totals.revenue).toBe(999_950_001.4998);
  });

  it("sums exactly: 3 × 19.99 = 59.97, and quantity × price works the same", () => {
    const rows = [
      ["a", "2024-01-01", 19.99],
      ["a", "2024-01-01", 19.99],
      ["a", "2024-01-01", 19.99],
    ];
    expect(get(byCustomer(analyzeRfm(sheet(rows), BASIC_MAPPING)), "a").monetary).toBe(59.97);
    expect(0.1 + 0.2).not.toBe(0.3);
    const tenths = Array.from({ length: 10 }, () => ["b", "2024-01-01", 0.1]);
    expect(get(byCustomer(analyzeRfm(sheet(tenths), BASIC_MAPPING)), "b").monetary).toBe(1);
    const qp = sheet(
      [
        ["a", "2024-01-01", 3, "19.99"],
        ["a", "2024-01-02", "2", 0.5],
      ],
      ["Customer", "Date", "Qty", "Unit price"],
    );
    const c = get(byCustomer(analyzeRfm(qp, { customer: 0, date: 1, quantity: 2, price: 3, dimensions: [] })), "a");
    expect(c.monetary).toBe(60.97);
  });
});

describe("rows", () => {
  it("trims ids and keeps them as written; ignore case is an option", () => {
    const rows = [
      ["C001", "2024-01-01", 1],
      [" C001\u00a0", "2024-01-02", 1],
      ["c001\t", "2024-01-03", 1],
      [1001, "2024-01-03", 1],
      ["00001", "2024-01-03", 1],
    ];
    const exact = byCustomer(analyzeRfm(sheet(rows), BASIC_MAPPING));
    expect([...exact.keys()]).toEqual(["C001", "c001", "1001", "00001"]);
    expect(get(exact, "C001").frequency).toBe(2);
    const folded = byCustomer(analyzeRfm(sheet(rows), BASIC_MAPPING, { ignoreCase: true }));
    expect(get(folded, "C001").frequency).toBe(3);
    expect(folded.has("c001")).toBe(false);
  });

  it("counts distinct order ids per customer, returns excluded", () => {
    const rows = [
      ["a", "2024-01-01", 10, "O1"],
      ["a", "2024-01-01", 5, "O1"],
      ["a", "2024-01-02", 5, "O2"],
      ["a", "2024-01-03", -5, "R1"],
      ["b", "2024-01-02", 1, "O2"], // the same order id under another customer counts for that customer too
      ["b", "2024-01-03", 1, ""], // no order id: a purchase of its own
    ];
    const c = byCustomer(analyzeRfm(sheet(rows), ORDER_MAPPING));
    expect(get(c, "a")).toMatchObject({ frequency: 2, monetary: 15, aov: 7.5, last: "2024-01-02" });
    expect(get(c, "b")).toMatchObject({ frequency: 2, monetary: 2 });
  });

  it("treats a 0 amount as a purchase, reports returns-only customers and leaves them unscored", () => {
    const rows = [
      ["a", "2024-01-05", 0],
      ["r", "2024-01-01", -20],
      ["r", "2024-01-02", -5],
      ["b", "2024-01-01", 10],
    ];
    const result = analyzeRfm(sheet(rows), BASIC_MAPPING);
    expect(get(byCustomer(result), "a")).toMatchObject({ frequency: 1, monetary: 0, recency: 0 });
    expect(result.returnsOnlyCustomers).toEqual(["r"]);
    expect(byCustomer(result).has("r")).toBe(false);
    expect(result.totals).toMatchObject({ customers: 2, usedRows: 4, revenue: -15, positiveRevenue: 10 });
    expect(Array.from(result.rowCustomer)).toEqual([0, -1, -1, 1]);
  });

  it("reports and skips rows after the analysis date, returns included", () => {
    const rows = [
      ["a", "2024-01-01", 10],
      ["a", "2024-02-01", 10],
      ["a", "2024-02-02", -5],
      ["b", "2024-01-10", 3],
    ];
    const result = analyzeRfm(sheet(rows), BASIC_MAPPING, { analysisDate: isoDateToSerial("2024-01-31") });
    expect(result.skipped.byReason.after_analysis_date).toBe(2);
    expect(result.skipped.rows.map((r) => r.row)).toEqual([3, 4]);
    expect(get(byCustomer(result), "a")).toMatchObject({ recency: 30, monetary: 10, frequency: 1 });
    // Default analysis date: the latest purchase, so the later return is skipped.
    const byDefault = analyzeRfm(
      sheet([
        ["a", "2024-01-01", 10],
        ["a", "2024-01-05", -4],
      ]),
      BASIC_MAPPING,
    );
    expect(byDefault.skipped.byReason.after_analysis_date).toBe(1);
    expect(get(byCustomer(byDefault), "a").monetary).toBe(10);
  });

  it("skips unreadable rows by worksheet row number and never throws on odd cells", () => {
    const odd: CellValue[][] = [
      ["a", "2024-01-01", 10],
      ["", "2024-01-01", 10],
      ["b", "someday", 10],
      ["c", "2024-01-01", "ten"],
      ["#N/A", "2024-01-01", 1],
      ["d", Number.NaN, 1],
      ["e", "2024-01-01", Number.POSITIVE_INFINITY],
      ["f", true, 1],
      ["g", "2024-01-01", false],
      [null, null, null],
      ["h", "#VALUE!", 1],
      ["x".repeat(10_000), "2024-01-01", 1],
      [undefined, undefined, undefined],
      ["i", -5, 1],
      ["j", "2024-01-01", null],
    ];
    const result = analyzeRfm(sheet(odd), BASIC_MAPPING, { firstRowNumber: 3, maxSkippedReported: 5 });
    // Header on row 3, so data rows start at 4; blank rows 13 and 16 are ignored, not reported.
    expect(result.totals.blankRows).toBe(2);
    expect(result.skipped.count).toBe(11);
    expect(result.skipped.byReason).toEqual({
      missing_customer: 2,
      bad_date: 5,
      bad_amount: 4,
      amount_out_of_range: 0,
      after_analysis_date: 0,
    });
    expect(result.skipped.rows).toHaveLength(5);
    expect(result.skipped.rows.map((r) => [r.row, r.reason])).toEqual([
      [5, "missing_customer"],
      [6, "bad_date"],
      [7, "bad_amount"],
      [8, "missing_customer"],
      [9, "bad_date"],
    ]);
    expect(result.totals.customers).toBe(2);
    expect(result.customers.id[1]).toHaveLength(10_000);
  });

  it("keeps per-customer dimensions from the latest purchase row", () => {
    const rows = [
      ["a", "2024-01-01", 1, "North"],
      ["a", "2024-01-09", 1, "South"],
      ["a", "2024-01-05", 1, "East"],
      ["a", "2024-01-10", -1, "West"],
    ];
    const result = analyzeRfm(sheet(rows, ["Customer", "Date", "Amount", "Region"]), {
      customer: 0,
      date: 1,
      amount: 2,
      dimensions: [3],
    });
    expect(result.customers.dimensions).toEqual([{ name: "Region", values: ["South"] }]);
  });
});

describe("progress and cancel hooks", () => {
  const rows = Array.from({ length: 140_000 }, (_, i) => [`c${i % 997}`, 45_000 + (i % 400), (i % 50) + 0.25]);

  it("reports increasing progress ending at 1", () => {
    const seen: number[] = [];
    analyzeRfm(sheet(rows), BASIC_MAPPING, {}, { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(1);
  });

  it("stops with CancelledError when asked", () => {
    let polls = 0;
    expect(() => analyzeRfm(sheet(rows), BASIC_MAPPING, {}, { isCancelled: () => ++polls >= 2 })).toThrow(
      CancelledError,
    );
    expect(polls).toBe(2);
  });
});

describe("errors a shop owner can act on", () => {
  const expectCode = (fn: () => unknown, code: RfmInputError["code"]) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(RfmInputError);
      expect((error as RfmInputError).code).toBe(code);
      expect((error as RfmInputError).message).toMatch(/^[A-Z].*\.$/);
      return;
    }
    throw new Error(`expected ${code}`);
  };

  it("reports empty selections, header only, missing and duplicate fields, no valid rows, bad options", () => {
    expectCode(() => analyzeRfm([], BASIC_MAPPING), "empty_selection");
    expectCode(() => analyzeRfm([[]], BASIC_MAPPING), "empty_selection");
    expectCode(() => analyzeRfm([["Customer", "Date", "Amount"]], BASIC_MAPPING), "header_only");
    expectCode(
      () => analyzeRfm(sheet([["a", "2024-01-01", 1]]), { customer: 0, date: 1, dimensions: [] }),
      "missing_field",
    );
    expectCode(
      () => analyzeRfm(sheet([["a", "2024-01-01", 1]]), { customer: 0, date: 0, amount: 2, dimensions: [] }),
      "duplicate_column",
    );
    expectCode(
      () =>
        analyzeRfm(
          sheet([
            ["", "x", 1],
            ["a", "bad", 2],
          ]),
          BASIC_MAPPING,
        ),
      "no_valid_rows",
    );
    expectCode(() => analyzeRfm(sheet([["a", "2024-01-01", -1]]), BASIC_MAPPING), "no_valid_rows");
    expectCode(() => analyzeRfm(sheet([["a", "2024-01-01", 1]]), BASIC_MAPPING, { k: 7 as 5 }), "bad_option");
    expectCode(
      () => analyzeRfm(sheet([["a", "2024-01-01", 1]]), BASIC_MAPPING, { tierCutoffs: [0.9, 0.8] }),
      "bad_option",
    );
    expectCode(
      () => analyzeRfm(sheet([["a", "2024-01-01", 1]]), BASIC_MAPPING, { lifecycleDays: [90, 30, 180] }),
      "bad_option",
    );
  });

  it("accepts a mapped column beyond the first row when later rows reach it, and rejects one no row reaches", () => {
    const ragged: CellValue[][] = [
      ["Customer", "Date"],
      ["a", "2024-01-01", 5],
      ["b", "2024-01-02", 7, "O1"],
    ];
    const result = analyzeRfm(ragged, { customer: 0, date: 1, amount: 2, dimensions: [] });
    expect(result.totals.customers).toBe(2);
    expectCode(() => analyzeRfm(ragged, { customer: 0, date: 1, amount: 4, dimensions: [] }), "bad_option");
  });

  it("lists every mapping problem", () => {
    const problems = validateMapping({ customer: 5, date: 1, dimensions: [1] }, 3);
    expect(problems.map((p) => p.code).sort()).toEqual(["bad_option", "duplicate_column", "missing_field"]);
  });
});

describe("guessMapping", () => {
  it("recognises English, 简体 and 繁體 headers", () => {
    expect(guessMapping(["InvoiceNo", "CustomerID", "InvoiceDate", "Country", "Lines", "Quantity", "Amount"])).toEqual({
      orderId: 0,
      customer: 1,
      date: 2,
      amount: 6,
      quantity: 5,
      dimensions: [3],
    });
    expect(
      guessMapping([
        "Row ID",
        "Order ID",
        "Order Date",
        "Ship Date",
        "Customer ID",
        "Customer Name",
        "Segment",
        "Region",
        "Sales",
        "Quantity",
      ]),
    ).toMatchObject({
      orderId: 1,
      date: 2,
      customer: 4,
      amount: 8,
      quantity: 9,
      dimensions: [6, 7],
    });
    expect(guessMapping(["会员", "日期", "金额", "订单号", "门店", "渠道"])).toEqual({
      customer: 0,
      date: 1,
      amount: 2,
      orderId: 3,
      dimensions: [4, 5],
    });
    expect(guessMapping(["客戶", "訂單日期", "單號", "數量", "單價", "地區"])).toEqual({
      customer: 0,
      date: 1,
      orderId: 2,
      quantity: 3,
      price: 4,
      dimensions: [5],
    });
    expect(guessMapping(["Customer", "Order Date", "Revenue", "Unit Price"])).toMatchObject({
      customer: 0,
      date: 1,
      amount: 2,
      price: 3,
    });
    expect(guessMapping([null, 3, true])).toEqual({ dimensions: [] });
  });

  it("keeps a Country column a dimension although 'country' contains 'count'", () => {
    expect(guessMapping(["Customer", "Invoice", "Date", "Country", "Amount"])).toEqual({
      customer: 0,
      orderId: 1,
      date: 2,
      amount: 4,
      dimensions: [3],
    });
  });
});
