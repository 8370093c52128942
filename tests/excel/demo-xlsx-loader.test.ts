/**
 * The browser demo's xlsx loader (src/demo/file-loader.ts) and workbook (src/demo/workbook-data.ts) on the Chinese
 * pharmacy ledger (../shared/datasets/chinese_pharmacy): the file's merged member cells and filter-hidden rows reach
 * the simulator, and the demo's Excel (ExcelApi 1.13, where merged areas can be read) gives the adapter the same
 * customers as tests/excel/pharmacy-ledger.test.ts, which loads the file straight into the simulator.
 */
import fs from "fs";
import { analyzeRfm, guessMapping } from "../../src/engine";
import { createOfficeGateway } from "../../src/excel/office-gateway";
import { readSpreadsheetData } from "../../src/demo/file-loader";
import { addTypedSheet, DEMO_REQUIREMENT_SETS } from "../../src/demo/workbook-data";
import { createWorkbookSim, installWorkbookSim } from "../../src/workbook-sim";
import { PHARMACY_LEDGER_FILE, pharmacyLedgerFacts, pharmacyLedgerPresent } from "../pharmacy-ledger-dataset";

const present = pharmacyLedgerPresent("the demo ledger test");

describe("the demo workbook", () => {
  it("runs at ExcelApi 1.13, so merged areas are read and no 'could not be read' note appears", async () => {
    const sim = createWorkbookSim({
      sheets: [
        {
          name: "Sales",
          values: [
            ["Customer", "Date", "Amount"],
            ["C1", 45000, 10],
          ],
        },
      ],
      requirementSets: DEMO_REQUIREMENT_SETS,
    });
    installWorkbookSim(globalThis, sim);
    sim.setSelection("Sales!A1:C2");
    const source = await createOfficeGateway().readSource();
    expect(source.mergedAreasUnread).toBeUndefined();
    expect(source.mergedAreas).toBeUndefined();
  });
});

(present ? describe : describe.skip)("the demo's xlsx loader on the Chinese pharmacy ledger", () => {
  it("keeps merged member cells and filtered rows: the same customers as the adapter test", async () => {
    const facts = pharmacyLedgerFacts();
    const bytes = fs.readFileSync(PHARMACY_LEDGER_FILE);
    const typed = readSpreadsheetData(
      "pharmacy_ledger.xlsx",
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    const sim = createWorkbookSim({
      sheets: [{ name: "Sheet1", values: [[""]] }],
      requirementSets: DEMO_REQUIREMENT_SETS,
    });
    installWorkbookSim(globalThis, sim);
    // As the demo's "Load CSV / XLSX file" does: a new sheet, its data selected.
    addTypedSheet(sim, "pharmacy_ledger", typed);
    const sheet = sim.workbook.sheets[1]!;
    expect(sheet.mergedAreas).toHaveLength(2 * facts.merged_areas_per_column);
    expect(sheet.hiddenRows).toHaveLength(facts.hidden_rows_test_store);

    const source = await createOfficeGateway().readSource();
    expect(source.mergedAreasUnread).toBeUndefined();
    expect(source.rowCount).toBe(1 + facts.data_rows);
    expect(source.strayRows).toMatchObject({ count: 1, firstRow: facts.totals_row, lastRow: facts.totals_row });
    expect(source.hiddenRows).toMatchObject({ count: facts.hidden_rows_test_store, included: false });
    expect(source.mergedAreas).toEqual({
      areas: 2 * facts.merged_areas_per_column,
      cellsFilled: 2 * (facts.rows_in_merged_areas - facts.merged_areas_per_column),
    });
    const mapping = guessMapping(source.values[0]!);
    expect(source.values[0]![mapping.customer!]).toBe("会员编号");
    const result = analyzeRfm(source.values, mapping);
    expect(result.totals.customers + result.returnsOnlyCustomers.length).toBe(facts.members);
    expect(result.skipped.byReason).toMatchObject({ missing_customer: 0, bad_date: 0, bad_amount: 0 });
    expect(result.totals.blankRows).toBe(facts.hidden_rows_test_store);
  }, 300_000);
});
