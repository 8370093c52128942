/**
 * The chunked read (issue 14 item 10): rows encoded into the engine's row form as each chunk arrives
 * (`readEncoded` + `analyzeEncodedRows`) give exactly what the whole-matrix path gives (`readSource` +
 * `analyzeRfm`) on random small sheets cut into chunks of a few rows: merged areas spanning chunks, hidden rows left
 * out or included, text and numeric ids, odd dates and amounts, order ids repeated across chunks, dimensions.
 */
import fc from "fast-check";
import { analyzeEncodedRows, analyzeRfm } from "../../src/engine";
import {
  CancelledError,
  type CellValue,
  type ColumnMapping,
  type RfmOptions,
  type RfmResult,
} from "../../src/engine/types";
import { readEncoded, readSource } from "../../src/excel/read-source";
import type { SimCellValue } from "../../src/workbook-sim";
import { installSim, salesRows } from "./helpers";

const CUSTOMERS: CellValue[] = ["C1", "C2", " c2 ", "C3", 17850, 17850.5, "", null, "#N/A", "客户1", "C4"];
const DATES: CellValue[] = [
  45000,
  45001,
  45100.75,
  45300,
  "2024-03-05",
  "03/05/2024",
  "05/03/2024",
  "bad",
  null,
  3e6,
  30000,
  46500,
];
const AMOUNTS: CellValue[] = [10, 0, -5, 12.5, "12.50", "¥1,200", "x", null, 1e13, 300000, -300000];
const ORDERS: CellValue[] = ["O1", "O2", "O1 ", "o1", "", null, 42, "订单1", "O3"];
const REGIONS: CellValue[] = ["North", "South", " North", "", null, 7, "区域"];
const EXTRA: CellValue[] = [1, 2.5, "3", null, "", true];

const pick = (list: CellValue[]) => fc.constantFrom(...list);
const row = fc.tuple(pick(CUSTOMERS), pick(DATES), pick(AMOUNTS), pick(ORDERS), pick(REGIONS), pick(EXTRA));

/** Non-overlapping vertical merged areas in one column: [first data row, length ≥ 2] pairs, 0-based sheet rows. */
function mergedIn(column: number, rows: number) {
  return fc
    .array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 2, max: 6 })), { maxLength: 5 })
    .map((gaps) => {
      const areas: { column: number; top: number; count: number }[] = [];
      let at = 1;
      for (const [gap, count] of gaps) {
        const top = at + gap;
        if (top + count > rows + 1) break;
        areas.push({ column, top, count });
        at = top + count;
      }
      return areas;
    });
}

const sheetArb = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record({
    rows: fc.array(row, { minLength: n, maxLength: n }),
    merged: fc.tuple(mergedIn(0, n), mergedIn(4, n)).map(([a, b]) => [...a, ...b]),
    hidden: fc.subarray(Array.from({ length: n }, (_v, i) => i + 1)),
    includeHidden: fc.boolean(),
    chunkRows: fc.integer({ min: 1, max: 9 }),
    wholeColumns: fc.boolean(),
    withOrder: fc.boolean(),
    withRegion: fc.boolean(),
    quantityPrice: fc.boolean(),
    dateOrder: fc.constantFrom<"DMY" | "MDY">("DMY", "MDY"),
    ignoreCase: fc.boolean(),
    analysisDate: fc.option(fc.constantFrom(45000, 45200, 46000), { nil: undefined }),
    compareDaysBefore: fc.option(fc.constantFrom(30, 200), { nil: undefined }),
  }),
);

const letter = (column: number) => String.fromCharCode(65 + column);

type Outcome = { result: RfmResult } | { error: { name: string; message: string; code?: unknown; detail?: unknown } };

function outcome(run: () => RfmResult): Outcome {
  try {
    return { result: run() };
  } catch (error) {
    const e = error as { name: string; message: string; code?: unknown; detail?: unknown };
    return { error: { name: e.name, message: e.message, code: e.code, detail: e.detail } };
  }
}

describe("chunked read", () => {
  it("encodes chunk by chunk exactly as the whole matrix is analysed", async () => {
    await fc.assert(
      fc.asyncProperty(sheetArb, async (sheet) => {
        const values: SimCellValue[][] = [["Customer", "Date", "Amount", "Order", "Region", "Extra"]];
        // Empty cells read as "" from Excel.
        for (const cells of sheet.rows) values.push(cells.map((cell) => cell ?? "") as SimCellValue[]);
        // Excel keeps only a merged area's top-left value.
        for (const area of sheet.merged)
          for (let r = area.top + 1; r < area.top + area.count; r++) values[r]![area.column] = "";
        installSim({
          sheets: [
            {
              name: "Sales",
              values,
              hiddenRows: sheet.hidden,
              merged: sheet.merged.map((a) => `${letter(a.column)}${a.top + 1}:${letter(a.column)}${a.top + a.count}`),
            },
          ],
          selection: sheet.wholeColumns ? "Sales!A:F" : `Sales!A1:F${values.length}`,
          requirementSets: { ExcelApi: "1.13" },
        });
        const readOptions = { includeHiddenRows: sheet.includeHidden };
        let whole;
        try {
          whole = await readSource(undefined, readOptions);
        } catch {
          return; // no customer at all, no header…: the chunked read starts from a located source only
        }
        const mapping: ColumnMapping = {
          customer: 0,
          date: 1,
          ...(sheet.quantityPrice ? { quantity: 2, price: 5 } : { amount: 2 }),
          ...(sheet.withOrder ? { orderId: 3 } : {}),
          dimensions: sheet.withRegion ? [4] : [],
        };
        const options: Partial<RfmOptions> = {
          dateOrder: sheet.dateOrder,
          ignoreCase: sheet.ignoreCase,
          firstRowNumber: whole.firstRow,
          today: 45400,
          ...(sheet.analysisDate !== undefined ? { analysisDate: sheet.analysisDate } : {}),
          ...(sheet.compareDaysBefore !== undefined ? { compareDaysBefore: sheet.compareDaysBefore } : {}),
        };
        const expected = outcome(() => analyzeRfm(whole.values, mapping, options));
        let chunked: Outcome;
        try {
          const read = await readEncoded(whole, { mapping, options }, undefined, {
            ...readOptions,
            chunkRows: sheet.chunkRows,
          });
          expect(read.source.customerFingerprint).toEqual(whole.customerFingerprint);
          expect(read.source.mergedAreas).toEqual(whole.mergedAreas);
          expect(read.source.mergedAreasUnread).toEqual(whole.mergedAreasUnread);
          expect(read.source.hiddenRows).toEqual(whole.hiddenRows);
          expect(read.source.columnFormats).toEqual(whole.columnFormats);
          expect(read.source.values).toEqual(whole.values.slice(0, read.source.values.length));
          chunked = outcome(() => analyzeEncodedRows(read.rows, options));
        } catch (error) {
          chunked = outcome(() => {
            throw error;
          });
        }
        expect(chunked).toEqual(expected);
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 200) },
    );
  }, 300_000);

  it("stops between two chunks when cancelled, without reading the rest", async () => {
    const sim = installSim({ sheets: [{ name: "Sales", values: salesRows(2_000) as SimCellValue[][] }] });
    sim.setSelection("Sales!A1:E2001");
    const source = await readSource();
    const controller = new AbortController();
    let syncsAtAbort = 0;
    const read = readEncoded(
      source,
      { mapping: { customer: 0, date: 1, amount: 2, dimensions: [] }, options: {} },
      (fraction) => {
        if (fraction > 0.2 && !controller.signal.aborted) {
          syncsAtAbort = sim.syncLog.length;
          controller.abort();
        }
      },
      { chunkRows: 100, signal: controller.signal },
    );
    await expect(read).rejects.toBeInstanceOf(CancelledError);
    // No chunk is asked for after the abort (Excel.run's closing sync has nothing queued).
    expect(sim.syncLog.slice(syncsAtAbort).every((sync) => sync.operations === 0)).toBe(true);
  });
});
