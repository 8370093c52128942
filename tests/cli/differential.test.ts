/**
 * The CLI's reader (bytes → encoded rows → customers numbered in id order) against the add-in's path (the same
 * values as text cells → analyzeRfm), on random sales: every customer's columns, the totals, the skipped rows.
 */
import fc from "fast-check";
import { readCsvHeaderBytes } from "../../src/cli/csv-reader";
import { encodeCsv } from "../../src/cli/encode-csv";
import { resolveMapping } from "../../src/cli/segment";
import {
  analyzeEncoded,
  analyzeRfm,
  type CellValue,
  resolveOptions,
  type RfmOptions,
  type RfmResult,
  type ScoreCount,
} from "../../src/engine/index";
import { numberCustomersById } from "../../src/engine/encoded";

const HEADERS = {
  amount: ["customer", "date", "amount", "order", "note"],
  // The fifth column is a unit price: amount = quantity × price.
  quantityPrice: ["customer", "date", "quantity", "order", "price"],
};
type Layout = keyof typeof HEADERS;

/** A field as a CSV writer might put it: bare when it can be, else (or sometimes anyway) quoted. */
function csvField(text: string, quote: boolean): string {
  return quote || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function throughCli(layout: Layout, rows: string[][], quoting: boolean[], options: Partial<RfmOptions>): RfmResult {
  const lines = [HEADERS[layout], ...rows].map((row, r) => row.map((cell, c) => csvField(cell, quoting[(r + c) % 7]!)));
  const bytes = Buffer.from(`${lines.map((row) => row.join(",")).join("\r\n")}\r\n`, "utf8");
  const header = readCsvHeaderBytes(bytes);
  const mapping = resolveMapping(header.names, {});
  const resolved = resolveOptions({ ...options, hasHeader: true, firstRowNumber: 1 });
  const encoded = encodeCsv(bytes, header, mapping, resolved);
  numberCustomersById(encoded, encoded.customerIdOrder);
  return analyzeEncoded(encoded, resolved, {}, { headers: header.names, mapping });
}

function throughCells(layout: Layout, rows: string[][], options: Partial<RfmOptions>): RfmResult {
  const values: CellValue[][] = [HEADERS[layout], ...rows];
  const mapping =
    layout === "amount"
      ? { customer: 0, date: 1, amount: 2, orderId: 3, dimensions: [] }
      : { customer: 0, date: 1, quantity: 2, orderId: 3, price: 4, dimensions: [] };
  return analyzeRfm(values, mapping, options);
}

/** Every output column of every customer, by id. */
function byCustomer(result: RfmResult): Map<string, unknown[]> {
  const c = result.customers;
  return new Map(
    c.id.map((id, i) => [
      id,
      [
        c.firstPurchase[i],
        c.lastPurchase[i],
        c.recency[i],
        c.frequency[i],
        c.monetary[i],
        c.aov[i],
        c.r[i],
        c.f[i],
        c.m[i],
        c.segment[i],
        c.valueClass[i],
        c.tier[i],
        c.lifecycle[i],
      ],
    ]),
  );
}

describe("the CLI reader against the add-in's cells", () => {
  it("gives every customer the same results on random sales, quoted or not", () => {
    const customer = fc.constantFrom(
      ...["C000101", "C000102", "C000013", "C1", "17850", "c000101", "ann@example.com", "客户甲", " C000102 ", ""],
    );
    const date = fc.constantFrom(
      ...["2024-01-02", "2024-03-15", "2024-03-16", "15/03/2024", "03/04/2024", "2024-12-31", "bad", "2023-07-01"],
      ...["2024-03-15 10:30", "45366", "2024/3/9", "#N/A", " 2024-01-02 "],
    );
    const amount = fc.constantFrom(
      ...["10", "-4.5", "0", "250000.1", "19.99", "1,234.50", "0.00005", "abc", "3", "$1,234.50", "-300000"],
      ...["¥20", "(5.00)", "1e3", " 7 ", "12.34565", "-0", "99999999999.9999"],
    );
    const order = fc.constantFrom("O1", "O2", "O3", " O1", "", "R7", "O-long-order-id-42");
    const row = fc.tuple(customer, date, amount, order, fc.constantFrom("", "gift", "a,b", "2", "0.5", "-1"));
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            { weight: 12, arbitrary: row },
            { weight: 1, arbitrary: fc.constant<string[]>(["", "", "", "", ""]) },
          ),
          {
            minLength: 1,
            maxLength: 40,
          },
        ),
        fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
        fc.constantFrom<ScoreCount>(3, 4, 5, 10),
        fc.boolean(),
        fc.option(fc.constantFrom(45300, 45365, 45657)),
        fc.constantFrom<Layout>("amount", "quantityPrice"),
        fc.constantFrom<"DMY" | "MDY">("DMY", "MDY"),
        (rows, quoting, k, ignoreCase, analysisDate, layout, dateOrder) => {
          const options: Partial<RfmOptions> = { k, ignoreCase, dateOrder, ...(analysisDate ? { analysisDate } : {}) };
          let cells: RfmResult | Error;
          try {
            cells = throughCells(layout, rows, options);
          } catch (error) {
            cells = error as Error;
          }
          if (cells instanceof Error) {
            expect(() => throughCli(layout, rows, quoting, options)).toThrow(cells.message);
            return;
          }
          const cli = throughCli(layout, rows, quoting, options);
          expect(byCustomer(cli)).toEqual(byCustomer(cells));
          expect(cli.totals).toEqual(cells.totals);
          expect(cli.skipped.byReason).toEqual(cells.skipped.byReason);
          expect(cli.skipped.rows).toEqual(cells.skipped.rows);
          expect([...cli.returnsOnlyCustomers].sort()).toEqual([...cells.returnsOnlyCustomers].sort());
          expect(cli.breakpoints).toEqual(cells.breakpoints);
          expect(cli.summaries).toEqual(cells.summaries);
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });
});
