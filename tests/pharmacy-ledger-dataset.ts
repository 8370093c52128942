/**
 * The Chinese pharmacy ledger in ../shared/datasets/chinese_pharmacy (beside the clone, as CI has it): the xlsx and
 * the facts file that says what it holds. Tests that read it skip, with a warning, when ../shared is absent.
 */
import fs from "fs";
import path from "path";

const FOLDER = path.resolve(__dirname, "../../shared/datasets/chinese_pharmacy");
export const PHARMACY_LEDGER_FILE = path.join(FOLDER, "pharmacy_ledger.xlsx");

/** pharmacy_ledger.facts.json: the counts a reading of the ledger must reproduce. */
export interface PharmacyLedgerFacts {
  data_rows: number;
  members: number;
  merged_areas_per_column: number;
  rows_in_merged_areas: number;
  hidden_rows_test_store: number;
  returns: number;
  totals_row: number;
  first_date: string;
  last_date: string;
}

/** Whether the ledger is there; warns, naming `what` would be skipped, when it is not. */
export function pharmacyLedgerPresent(what: string): boolean {
  const present = fs.existsSync(PHARMACY_LEDGER_FILE);
  if (!present) console.warn(`Skipping ${what}: ${PHARMACY_LEDGER_FILE} is absent (../shared is not checked out).`);
  return present;
}

export function pharmacyLedgerFacts(): PharmacyLedgerFacts {
  return JSON.parse(fs.readFileSync(path.join(FOLDER, "pharmacy_ledger.facts.json"), "utf8")) as PharmacyLedgerFacts;
}
