/**
 * Where the demo grid draws each row: rows are ROW_HEIGHT px tall unless the sheet gives them a height
 * (`SheetModel.rowHeights`, points, e.g. from autofitRows over wrapped text) or hides them (`SheetModel.hiddenRows`, a
 * filtered ledger): a hidden row is 0 px tall, as Excel draws it. Such rows are few next to a 1,048,576-row sheet (a
 * filter may hide thousands), so the geometry keeps only them, sorted, with the px they add or take away above each,
 * plus the runs of hidden rows, and answers in O(log those rows) without a per-row table.
 */
import { DEFAULT_ROW_HEIGHT } from "../workbook-sim/column-width";

/** The grid's default row height in px (Excel's 15 pt at the demo's zoom). */
export const ROW_HEIGHT = 22;

/** Px height of a row `points` tall: scaled as the default row (15 pt → ROW_HEIGHT), never shorter than it. */
export function rowHeightPx(points: number): number {
  return Math.max(ROW_HEIGHT, Math.round((points * ROW_HEIGHT) / DEFAULT_ROW_HEIGHT));
}

export class RowGeometry {
  /** The rows whose height is not ROW_HEIGHT (tall or hidden), ascending. */
  private readonly rows: number[] = [];
  /** Their px heights (0 for a hidden row). */
  private readonly heights: number[] = [];
  /** deltaAbove[i]: px the rows before rows[i] add to (or, hidden, take from) ROW_HEIGHT each; one more entry: all. */
  private readonly deltaAbove: number[] = [0];
  /** Runs of consecutive hidden rows: runFirst[i] … runLast[i], ascending. */
  private readonly runFirst: number[] = [];
  private readonly runLast: number[] = [];
  /** Px from the top of row 0 to the first unfrozen row: the frozen band's height. */
  readonly frozenHeight: number;
  /** Px height of the unfrozen rows frozenRows … rowCount - 1: the scrolled canvas's height. */
  readonly scrolledHeight: number;

  /**
   * @param rowHeights the sheet's heights in points by row index (sparse)
   * @param rowCount rows the grid draws
   * @param frozenRows rows in the frozen band; the others are measured from the first unfrozen row
   * @param hiddenRows rows hidden in the sheet (0-based, any order): 0 px tall whatever their height
   */
  constructor(
    rowHeights: Readonly<Record<number, number>>,
    private readonly rowCount: number,
    readonly frozenRows = 0,
    hiddenRows: readonly number[] = [],
  ) {
    const hidden = [...new Set(hiddenRows.filter((row) => Number.isInteger(row) && row >= 0))].sort((a, b) => a - b);
    for (const row of hidden) {
      const last = this.runLast.length - 1;
      if (last >= 0 && this.runLast[last] === row - 1) this.runLast[last] = row;
      else {
        this.runFirst.push(row);
        this.runLast.push(row);
      }
    }
    const special: [number, number][] = hidden.map((row) => [row, 0]);
    for (const key of Object.keys(rowHeights)) {
      const row = Number(key);
      const points = rowHeights[row];
      if (!Number.isInteger(row) || row < 0 || points === undefined || !Number.isFinite(points)) continue;
      const height = rowHeightPx(points);
      if (height > ROW_HEIGHT && !this.hidden(row)) special.push([row, height]);
    }
    special.sort((a, b) => a[0] - b[0]);
    for (const [row, height] of special) {
      this.rows.push(row);
      this.heights.push(height);
      this.deltaAbove.push((this.deltaAbove[this.deltaAbove.length - 1] ?? 0) + height - ROW_HEIGHT);
    }
    this.frozenHeight = this.offset(frozenRows);
    this.scrolledHeight = this.offset(rowCount) - this.frozenHeight;
  }

  /** Px height of row `row` (0 if hidden). */
  height(row: number): number {
    const i = this.specialBefore(row + 1) - 1;
    return i >= 0 && this.rows[i] === row ? (this.heights[i] ?? ROW_HEIGHT) : ROW_HEIGHT;
  }

  /** Px top of row `row` in its layer: the frozen band from row 0, the scrolled canvas from the first unfrozen row. */
  top(row: number): number {
    return row < this.frozenRows ? this.offset(row) : this.offset(row) - this.frozenHeight;
  }

  /** Px height of rows `row` … `row + count - 1` (hidden rows add nothing). */
  span(row: number, count: number): number {
    return this.offset(row + count) - this.offset(row);
  }

  /** Whether row `row` is hidden (drawn 0 px tall). */
  hidden(row: number): boolean {
    return this.runAt(row) >= 0;
  }

  /** The first row at or after `row` that is not hidden (may be rowCount or beyond). */
  nextVisible(row: number): number {
    const run = this.runAt(row);
    return run < 0 ? row : (this.runLast[run] ?? row) + 1;
  }

  /** The run of hidden rows just above row `row` (both 0-based, inclusive), if `row` is shown and has one. */
  hiddenAbove(row: number): { first: number; last: number } | null {
    if (row <= 0 || this.hidden(row)) return null;
    const run = this.runAt(row - 1);
    return run < 0 ? null : { first: this.runFirst[run] ?? row - 1, last: row - 1 };
  }

  /**
   * The unfrozen row under `y` px down the scrolled canvas, clamped to the rows drawn; never a hidden row (0 px tall,
   * it holds no pixel) unless every unfrozen row is hidden.
   */
  rowAt(y: number): number {
    const absolute = Math.max(0, y) + this.frozenHeight;
    // The last special row starting at or above `absolute` (of hidden rows at the same offset, the last): the rows
    // after it up to the next special row are ROW_HEIGHT each. A hidden one holds no pixel, so the row is below it.
    const low = countWhile(this.rows.length, (i) => this.offsetOfSpecial(i) <= absolute);
    let row: number;
    if (low === 0) row = Math.floor(absolute / ROW_HEIGHT);
    else {
      const i = low - 1;
      const specialRow = this.rows[i] ?? 0;
      const below = absolute - this.offsetOfSpecial(i) - (this.heights[i] ?? ROW_HEIGHT);
      row = below < 0 ? specialRow : specialRow + 1 + Math.floor(below / ROW_HEIGHT);
    }
    if (row < this.rowCount) return Math.max(this.frozenRows, row);
    // Past the last row: the last one shown.
    const last = this.rowCount - 1;
    const run = this.runAt(last);
    const shown = run < 0 ? last : (this.runFirst[run] ?? last) - 1;
    return shown >= this.frozenRows
      ? shown
      : Math.max(this.frozenRows, Math.min(this.nextVisible(this.frozenRows), last));
  }

  /** Px from the top of row 0 to the top of row `row`. */
  private offset(row: number): number {
    return row * ROW_HEIGHT + (this.deltaAbove[this.specialBefore(row)] ?? 0);
  }

  /** Px from the top of row 0 to the top of rows[i]. */
  private offsetOfSpecial(i: number): number {
    return (this.rows[i] ?? 0) * ROW_HEIGHT + (this.deltaAbove[i] ?? 0);
  }

  /** How many special (tall or hidden) rows lie above row `row`. */
  private specialBefore(row: number): number {
    return countWhile(this.rows.length, (i) => (this.rows[i] ?? 0) < row);
  }

  /** Index of the run of hidden rows holding `row`, or -1. */
  private runAt(row: number): number {
    const run = countWhile(this.runFirst.length, (i) => (this.runFirst[i] ?? 0) <= row) - 1;
    return run >= 0 && row <= (this.runLast[run] ?? -1) ? run : -1;
  }
}

/** How many of the indexes 0 … length - 1 satisfy `holds`, which is true up to some index and false after it. */
function countWhile(length: number, holds: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (holds(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}
