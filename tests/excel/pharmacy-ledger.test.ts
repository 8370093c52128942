/**
 * The Chinese pharmacy ledger (../shared/datasets/chinese_pharmacy): member ids merged down over their purchase
 * lines, a test store's rows hidden by a filter, text dates and amounts, a totals row. Loaded with SheetJS into the
 * simulator (merged areas, hidden rows, number formats as in the file) and read by the unmodified adapter;
 * pharmacy_ledger.facts.json says what the file holds.
 */
import fs from "fs";
import { read, utils, type CellObject } from "@e965/xlsx";
import { analyzeRfm, guessMapping } from "../../src/engine";
import { createOfficeGateway } from "../../src/excel/office-gateway";
import type { SimCellValue } from "../../src/workbook-sim";
import { PHARMACY_LEDGER_FILE, pharmacyLedgerFacts, pharmacyLedgerPresent } from "../pharmacy-ledger-dataset";
import { installSim } from "./helpers";

const present = pharmacyLedgerPresent("the pharmacy ledger test");

/** Excel serial of a yyyy-mm-dd date (1900 system). */
function serialOf(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25569;
}

/** The first sheet as the simulator's input: values, number formats, merged areas, hidden rows. */
function loadLedger() {
  const workbook = read(fs.readFileSync(PHARMACY_LEDGER_FILE), { cellNF: true, cellStyles: true });
  const sheetName = workbook.SheetNames[0]!;
  const sheet = workbook.Sheets[sheetName]!;
  const range = utils.decode_range(sheet["!ref"]!);
  const values: SimCellValue[][] = [];
  const formats: string[][] = [];
  for (let r = 0; r <= range.e.r; r++) {
    const row: SimCellValue[] = [];
    const rowFormats: string[] = [];
    for (let c = 0; c <= range.e.c; c++) {
      const cell = sheet[utils.encode_cell({ r, c })] as CellObject | undefined;
      if (cell && (cell.t === "n" || cell.t === "s" || cell.t === "b")) row[c] = cell.v as SimCellValue;
      rowFormats[c] = typeof cell?.z === "string" ? cell.z : "General";
    }
    values.push(row);
    formats.push(rowFormats);
  }
  const merged = (sheet["!merges"] ?? []).map((m) => utils.encode_range(m));
  const hiddenRows = (sheet["!rows"] ?? []).flatMap((info, r) => (info?.hidden ? [r] : []));
  return { sheetName, values, formats, merged, hiddenRows };
}

(present ? describe : describe.skip)("the Chinese pharmacy ledger", () => {
  it("counts every member once, on visible rows only, without the totals row", async () => {
    const facts = pharmacyLedgerFacts();
    const ledger = loadLedger();
    expect(ledger.merged).toHaveLength(2 * facts.merged_areas_per_column);
    expect(ledger.hiddenRows).toHaveLength(facts.hidden_rows_test_store);
    const sim = installSim({
      sheets: [{ name: ledger.sheetName, values: ledger.values, merged: ledger.merged, hiddenRows: ledger.hiddenRows }],
      selection: `${ledger.sheetName}!B5`,
      requirementSets: { ExcelApi: "1.13" },
    });
    sim.workbook.sheets[0]!.numberFormats = ledger.formats;

    const source = await createOfficeGateway().readSource();
    // Header + data rows; the totals row (合计) has no member: left out and reported.
    expect(source.rowCount).toBe(1 + facts.data_rows);
    expect(source.strayRows).toMatchObject({ count: 1, firstRow: facts.totals_row, lastRow: facts.totals_row });
    expect(source.hiddenRows).toMatchObject({ count: facts.hidden_rows_test_store, included: false });
    expect(source.mergedAreas).toEqual({
      areas: 2 * facts.merged_areas_per_column,
      cellsFilled: 2 * (facts.rows_in_merged_areas - facts.merged_areas_per_column),
    });

    const header = source.values[0]!;
    const mapping = guessMapping(header);
    expect(header[mapping.customer!]).toBe("会员编号");
    const result = analyzeRfm(source.values, mapping);
    console.info(
      `pharmacy ledger: ${result.totals.customers} customers, ${result.returnsOnlyCustomers.length} returns only, ` +
        `skipped ${JSON.stringify(result.skipped.byReason)}, blank ${result.totals.blankRows}, used ${result.totals.usedRows}`,
    );
    expect(result.totals.customers + result.returnsOnlyCustomers.length).toBe(facts.members);
    // Every line has a member (merged cells filled), a date (text dates read) and an amount (¥ texts read); only
    // refunds dated after the analysis date (the engine's, from the last sale) are left out.
    expect(result.skipped.byReason).toMatchObject({ missing_customer: 0, bad_date: 0, bad_amount: 0 });
    expect(result.skipped.count).toBe(result.skipped.byReason.after_analysis_date);
    expect(result.analysisDate).toBeLessThanOrEqual(serialOf(facts.last_date));
    expect(result.totals.blankRows).toBe(facts.hidden_rows_test_store);
    expect(Math.min(...result.customers.firstPurchase)).toBe(serialOf(facts.first_date));
  }, 300_000);
});
