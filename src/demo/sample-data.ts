/** The sales sheet the demo opens on (see assets/sample/README.md), typed as Excel would hold it. */
import sampleCsv from "../../assets/sample/online-retail-sample.csv";
import { parseCsvText, typeTextRows, type TypedSheet } from "./typed-cells";

export const SAMPLE_SHEET_NAME = "Sales";

export function sampleSales(): TypedSheet {
  const rows = parseCsvText(sampleCsv).filter((row) => row.some((cell) => cell !== ""));
  return typeTextRows(rows);
}
