import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parseCsvText } from "../../src/demo/csv-text";
import { DATASETS } from "./helpers";

/**
 * describe() for tests that read files of the shared data sets. When a file is absent (a fresh clone without
 * ../shared), the block's tests are replaced by one skipped test whose title names the missing paths, and a line
 * on standard error says so, instead of failing at collection or passing silently.
 */
export function describeWithData(files: string[], name: string, body: () => void): void {
  const missing = files.map((file) => path.join(DATASETS, file)).filter((file) => !existsSync(file));
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const message = `data set missing: ${missing.join(", ")} (put the shared data sets there or set RFM_DATASETS)`;
  describe(name, () => {
    test.skip(`SKIPPED, ${message}`, () => undefined);
  });
  // Straight to stderr: jest prints no console output for a file whose tests were all skipped.
  process.stderr.write(`\nSkipping "${name}": ${message}\n`);
}

/** A data-set file, read with the reference CSV reader (src/demo/csv-text.ts) so it checks the CLI's reader. */
export function readCsv(relativePath: string): string[][] {
  return parseCsvText(readFileSync(path.join(DATASETS, relativePath), "utf8"));
}

/** Excel serial of a YYYYMMDD or YYYY-MM-DD… date, via Date.UTC (independent of the engine). */
export function serialOf(text: string): number {
  const digits = text.replace(/-/g, "").slice(0, 8);
  const utc = Date.UTC(Number(digits.slice(0, 4)), Number(digits.slice(4, 6)) - 1, Number(digits.slice(6, 8)));
  return utc / 86_400_000 + 25_569;
}

/** Whole cents of a decimal text, for reconciling sums. */
export function cents(text: string): number {
  return Math.round(Number(text) * 100);
}
