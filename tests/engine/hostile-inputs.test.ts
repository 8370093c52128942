/**
 * Issue 14, engine side: amounts beyond the exact range are skipped by row (both cell readers), a total beyond it
 * is a clear error naming the customer, and dates that move every result (after today, before 1990) or are read
 * in a guessed day/month order come back as structured warnings.
 */
import { analyzeColumns, analyzeRfm, isoDateToSerial, parseMoneyText } from "../../src/engine/index";
import { isAmbiguousDateText, MAX_EXACT_UNITS } from "../../src/engine/encoded";
import { type CellValue, type ColumnMapping, RfmInputError } from "../../src/engine/types";
import { BASIC_MAPPING, sheet } from "./helpers";

const TODAY = isoDateToSerial("2025-06-30");
const QP_MAPPING: ColumnMapping = { customer: 0, date: 1, quantity: 2, price: 3, dimensions: [] };

/** The same rows through both cell readers: the row matrix (`analyzeRfm`) and columns (`analyzeColumns`). */
function both(rows: CellValue[][], options: Parameters<typeof analyzeRfm>[2] = {}) {
  const byRows = analyzeRfm(sheet(rows), BASIC_MAPPING, { today: TODAY, ...options });
  const byColumns = analyzeColumns(
    { customer: rows.map((r) => r[0]), date: rows.map((r) => r[1]), amount: rows.map((r) => r[2]) },
    { today: TODAY, ...options },
  );
  return [byRows, byColumns];
}

describe("amounts beyond ±900 billion", () => {
  it("skips a row of 1e308 (a number or text) by its row number instead of crashing", () => {
    for (const result of both([
      ["A", "2024-01-01", 1e308],
      ["B", "2024-01-02", "1e308"],
      ["C", "2024-01-02", 5],
    ])) {
      expect(result.skipped.byReason.amount_out_of_range).toBe(2);
      expect(result.skipped.rows.map((r) => [r.row, r.reason, r.value])).toEqual([
        [2, "amount_out_of_range", "1e+308"],
        [3, "amount_out_of_range", "1e308"],
      ]);
      expect(result.customers.id).toEqual(["C"]);
    }
  });

  it("has one rule for digits and scientific notation, at 2^53 − 1 units", () => {
    expect(MAX_EXACT_UNITS).toBe(2 ** 53 - 1);
    const rows: CellValue[][] = [
      ["A", "2024-01-01", "123456789012345678901234"],
      ["B", "2024-01-01", "1e23"],
      ["C", "2024-01-01", 1e21],
      ["D", "2024-01-01", "900719925474.0992"],
      ["E", "2024-01-01", "-900719925474.0992"],
      ["F", "2024-01-01", "900719925474.0991"],
      ["G", "2024-01-01", "(900,719,925,474.0991)"],
      ["H", "2024-01-01", 900719925474.0991],
    ];
    for (const result of both(rows)) {
      expect(result.skipped.rows.map((r) => [r.row, r.reason])).toEqual(
        [2, 3, 4, 5, 6].map((row) => [row, "amount_out_of_range"]),
      );
      expect(result.customers.id).toEqual(["F", "H"]);
      expect(Array.from(result.customers.monetary)).toEqual([900719925474.0991, 900719925474.0991]);
      expect(result.returnsOnlyCustomers).toEqual(["G"]); // the largest return that is still exact
    }
    expect(parseMoneyText("0000000000000000012.5")).toBe(125000);
  });

  it("skips quantity × unit price beyond the range, and a quantity beyond it even at price 0", () => {
    const rows: CellValue[][] = [
      ["A", "2024-01-01", 1e10, 1e10],
      ["B", "2024-01-01", 1e300, 0],
      ["C", "2024-01-01", 2, 3],
    ];
    const result = analyzeRfm(sheet(rows, ["Customer", "Date", "Qty", "Price"]), QP_MAPPING, { today: TODAY });
    expect(result.skipped.rows.map((r) => [r.row, r.reason])).toEqual([
      [2, "amount_out_of_range"],
      [3, "amount_out_of_range"],
    ]);
    expect(result.customers.id).toEqual(["C"]);
  });

  it("stops with a clear error naming the customer whose total would leave the range", () => {
    for (const run of [
      () =>
        both([
          ["Big Co", "2024-01-01", 9e11],
          ["Big Co", "2024-01-02", 9e11],
          ["B", "2024-01-02", 1],
        ]),
    ]) {
      let caught: unknown;
      try {
        run();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(RfmInputError);
      expect((caught as RfmInputError).code).toBe("total_out_of_range");
      expect((caught as RfmInputError).detail).toEqual({ customer: "Big Co" });
      expect((caught as RfmInputError).message).toContain('customer "Big Co" add up to more than 900 billion');
    }
  });

  it("does not mind a total that passes the range and comes back (it is exact only within it: refused)", () => {
    expect(() =>
      analyzeRfm(
        sheet([
          ["A", "2024-01-01", 9e11],
          ["A", "2024-01-01", 9e11],
          ["A", "2024-01-02", -9e11],
        ]),
        BASIC_MAPPING,
        { today: TODAY },
      ),
    ).toThrow(/customer "A" add up/);
  });
});

describe("date warnings", () => {
  it("reports rows dated after today and the default analysis date they produced", () => {
    for (const result of both([
      ["A", "2024-01-01", 5],
      ["B", "2099-01-01", 6],
      ["C", "2098-05-01", -1],
    ])) {
      expect(result.analysisDate).toBe(isoDateToSerial("2099-01-01")); // SPEC: the latest purchase date
      expect(result.dateWarnings.today).toBe(TODAY);
      expect(result.dateWarnings.future).toEqual({ count: 2, rows: [3, 4], latest: isoDateToSerial("2099-01-01") });
      expect(result.dateWarnings.analysisDateInFuture).toBe(true);
      expect(result.dateWarnings.early).toBeNull();
    }
  });

  it("does not blame a chosen analysis date, and says nothing for ordinary dates", () => {
    const [chosen] = both([["A", "2099-01-01", 5]], { analysisDate: isoDateToSerial("2100-01-01") });
    expect(chosen!.dateWarnings.analysisDateInFuture).toBe(false);
    expect(chosen!.dateWarnings.future?.count).toBe(1);
    const [plain] = both([
      ["A", "2024-01-01", 5],
      ["B", "2025-06-30", 6],
    ]);
    expect(plain!.dateWarnings).toEqual({
      today: TODAY,
      future: null,
      analysisDateInFuture: false,
      early: null,
      ambiguous: null,
    });
  });

  it("reports rows dated before 1990: serial 1 and the text 1 read as 1900-01-01", () => {
    for (const result of both([
      ["A", 1, 5],
      ["B", "1", 6],
      ["C", "1989-12-31", 7],
      ["D", "1990-01-01", 8],
    ])) {
      expect(result.dateWarnings.early).toEqual({ count: 3, rows: [2, 3, 4], earliest: 1 });
    }
  });

  it("uses the machine's date when no today is given", () => {
    const result = analyzeRfm(sheet([["A", "2099-01-01", 5]]), BASIC_MAPPING);
    expect(result.dateWarnings.future?.count).toBe(1);
  });
});

describe("ambiguous day/month dates", () => {
  it("tells which texts read as two different dates", () => {
    expect(isAmbiguousDateText("03/05/2024")).toBe(true);
    expect(isAmbiguousDateText(" 3-5-2024 ")).toBe(true);
    expect(isAmbiguousDateText("05/05/2024")).toBe(false);
    expect(isAmbiguousDateText("13/05/2024")).toBe(false);
    expect(isAmbiguousDateText("2024/03/05")).toBe(false);
    expect(isAmbiguousDateText("2024-03-05")).toBe(false);
    expect(isAmbiguousDateText("abc")).toBe(false);
  });

  it("counts the rows read with a guessed order, with the order used and an example", () => {
    const rows: CellValue[][] = [
      ["A", "03/05/2024", 5],
      ["A", "03/05/2024", 5],
      ["B", "13/05/2024", 6],
      ["C", "04/05/2024", 7],
      ["D", "04/05/2024", "bad"],
      ["E", 45000, 1],
    ];
    for (const result of both(rows)) {
      expect(result.dateWarnings.ambiguous).toEqual({ order: "DMY", count: 3, rows: [2, 3, 5], example: "03/05/2024" });
    }
    for (const result of both(rows.slice(0, 2), { dateOrder: "MDY" })) {
      expect(result.dateWarnings.ambiguous).toEqual({ order: "MDY", count: 2, rows: [2, 3], example: "03/05/2024" });
      expect(result.customers.firstPurchase[0]).toBe(isoDateToSerial("2024-03-05"));
    }
  });
});
