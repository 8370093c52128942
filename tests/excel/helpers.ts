import { analyzeRfm, guessMapping } from "../../src/engine";
import type { CellValue, RfmResult } from "../../src/engine/types";
import type { SourceRange, WriteOptions } from "../../src/excel/gateway";
import {
  createWorkbookSim,
  installWorkbookSim,
  type WorkbookSim,
  type WorkbookSimOptions,
} from "../../src/workbook-sim";
import { testLabels } from "./labels-fixture";

/** A sim installed as the globals the adapter uses. */
export function installSim(options: WorkbookSimOptions = {}): WorkbookSim {
  const sim = createWorkbookSim(options);
  installWorkbookSim(globalThis, sim);
  return sim;
}

/** Deterministic sales lines: header + n rows of customer, date serial, amount, order, region. */
export function salesRows(n: number, customers = Math.max(1, Math.floor(n / 4))): CellValue[][] {
  const rows: CellValue[][] = [["Customer", "Date", "Amount", "Order", "Region"]];
  for (let i = 0; i < n; i++) {
    const customer = `C${String((i * 7919) % customers).padStart(5, "0")}`;
    rows.push([
      customer,
      45000 + ((i * 31) % 365),
      Math.round(((i * 13) % 500) + 9.99) / 1,
      `O${i}`,
      ["North", "South", "East"][i % 3] ?? "North",
    ]);
  }
  return rows;
}

export function analyze(values: CellValue[][], withRegion = true): RfmResult {
  const mapping = guessMapping(values[0] ?? []);
  mapping.dimensions = withRegion ? [4] : [];
  return analyzeRfm(values, mapping);
}

export function sourceOf(values: CellValue[][], sheetName = "Sales", tableName?: string): SourceRange {
  const columnCount = values[0]?.length ?? 0;
  const last = String.fromCharCode(64 + columnCount);
  return {
    address: `${sheetName}!A1:${last}${values.length}`,
    sheetName,
    firstRow: 1,
    firstColumn: 0,
    rowCount: values.length,
    columnCount,
    values,
    tableName,
  };
}

export function writeOptions(overrides: Partial<WriteOptions> = {}): WriteOptions {
  return {
    customerSheet: true,
    segmentColumns: true,
    summary: true,
    charts: true,
    labels: testLabels(),
    replacePrevious: false,
    ...overrides,
  };
}
