/**
 * `--movement FILE`: SPEC's movement matrices ("Change since an earlier date") as one long CSV table, and the
 * one-line summary of the change on standard error.
 */
import { type MovementMatrix, type RfmComparison, serialToIsoDate } from "../engine/index";
import { plainNumber } from "./customers-csv";

const MOVEMENT_COLUMNS = ["scheme", "from", "to", "customers", "revenue"] as const;

/**
 * One row per cell, every cell (zeros too, so the file pivots into the full matrix): scheme `segment` or `tier`;
 * `from` the earlier segment or tier, empty for customers who had not bought by the compare date (as
 * `prev_segment` is; a word such as `new` would read as the segment of that name); `to` the current one;
 * customers; revenue = their net revenue since the compare date (current − earlier monetary), plain decimal.
 */
export function formatMovementCsv(comparison: RfmComparison): string {
  const lines: string[] = [MOVEMENT_COLUMNS.join(",")];
  const add = <K extends string>(scheme: string, matrix: MovementMatrix<K>) => {
    for (let row = 0; row <= matrix.from.length; row++) {
      const from = row < matrix.from.length ? matrix.from[row]! : "";
      matrix.to.forEach((to, column) => {
        const revenue = plainNumber(matrix.revenue[row]![column]!);
        lines.push(`${scheme},${from},${to},${matrix.customers[row]![column]!},${revenue}`);
      });
    }
  };
  add("segment", comparison.movement.segment);
  add("tier", comparison.movement.tier);
  return `${lines.join("\n")}\n`;
}

/** The standard-error line: how many customers are new, kept their segment, changed it. */
export function formatChangeLine(comparison: RfmComparison): string {
  const { changeCounts } = comparison;
  return (
    `Compared with ${serialToIsoDate(comparison.compareDate)} (${comparison.earlier.totals.customers} customers then): ` +
    `${changeCounts.new} new, ${changeCounts.same} in the same segment, ${changeCounts.changed} in another segment\n`
  );
}
