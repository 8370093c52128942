/**
 * Where the demo grid draws each row: rows are ROW_HEIGHT px tall unless the sheet gives them a height
 * (`SheetModel.rowHeights`, points, e.g. from autofitRows over wrapped text). Tall rows are few, so the geometry keeps
 * only them, sorted, with the extra height above each, and answers in O(log tall rows) for a 1,048,576-row sheet.
 */
import { DEFAULT_ROW_HEIGHT } from "../workbook-sim/column-width";

/** The grid's default row height in px (Excel's 15 pt at the demo's zoom). */
export const ROW_HEIGHT = 22;

/** Px height of a row `points` tall: scaled as the default row (15 pt → ROW_HEIGHT), never shorter than it. */
export function rowHeightPx(points: number): number {
  return Math.max(ROW_HEIGHT, Math.round((points * ROW_HEIGHT) / DEFAULT_ROW_HEIGHT));
}

export class RowGeometry {
  /** The rows taller than ROW_HEIGHT, ascending. */
  private readonly tallRows: number[] = [];
  /** Their px heights. */
  private readonly tallHeights: number[] = [];
  /** extraAbove[i]: px the tall rows before tallRows[i] add over ROW_HEIGHT each (one more entry: all of them). */
  private readonly extraAbove: number[] = [0];
  /** Px from the top of row 0 to the first unfrozen row: the frozen band's height. */
  readonly frozenHeight: number;
  /** Px height of the unfrozen rows frozenRows … rowCount - 1: the scrolled canvas's height. */
  readonly scrolledHeight: number;

  /**
   * @param rowHeights the sheet's heights in points by row index (sparse)
   * @param rowCount rows the grid draws
   * @param frozenRows rows in the frozen band; the others are measured from the first unfrozen row
   */
  constructor(
    rowHeights: Readonly<Record<number, number>>,
    private readonly rowCount: number,
    readonly frozenRows = 0,
  ) {
    const tall: [number, number][] = [];
    for (const key of Object.keys(rowHeights)) {
      const row = Number(key);
      const points = rowHeights[row];
      if (!Number.isInteger(row) || row < 0 || points === undefined || !Number.isFinite(points)) continue;
      const height = rowHeightPx(points);
      if (height > ROW_HEIGHT) tall.push([row, height]);
    }
    tall.sort((a, b) => a[0] - b[0]);
    for (const [row, height] of tall) {
      this.tallRows.push(row);
      this.tallHeights.push(height);
      this.extraAbove.push((this.extraAbove[this.extraAbove.length - 1] ?? 0) + height - ROW_HEIGHT);
    }
    this.frozenHeight = this.offset(frozenRows);
    this.scrolledHeight = this.offset(rowCount) - this.frozenHeight;
  }

  /** Px height of row `row`. */
  height(row: number): number {
    const i = this.tallBefore(row + 1) - 1;
    return i >= 0 && this.tallRows[i] === row ? (this.tallHeights[i] ?? ROW_HEIGHT) : ROW_HEIGHT;
  }

  /** Px top of row `row` in its layer: the frozen band from row 0, the scrolled canvas from the first unfrozen row. */
  top(row: number): number {
    return row < this.frozenRows ? this.offset(row) : this.offset(row) - this.frozenHeight;
  }

  /** Px height of rows `row` … `row + count - 1`. */
  span(row: number, count: number): number {
    return this.offset(row + count) - this.offset(row);
  }

  /** The unfrozen row under `y` px down the scrolled canvas (clamped to the rows drawn). */
  rowAt(y: number): number {
    const absolute = Math.max(0, y) + this.frozenHeight;
    // The last tall row starting at or above `absolute`: rows after it up to the next tall row are ROW_HEIGHT each.
    let low = 0;
    let high = this.tallRows.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.offsetOfTall(mid) <= absolute) low = mid + 1;
      else high = mid;
    }
    let row: number;
    if (low === 0) row = Math.floor(absolute / ROW_HEIGHT);
    else {
      const i = low - 1;
      const tallRow = this.tallRows[i] ?? 0;
      const below = absolute - this.offsetOfTall(i) - (this.tallHeights[i] ?? ROW_HEIGHT);
      row = below < 0 ? tallRow : tallRow + 1 + Math.floor(below / ROW_HEIGHT);
    }
    return Math.max(this.frozenRows, Math.min(row, this.rowCount - 1));
  }

  /** Px from the top of row 0 to the top of row `row`. */
  private offset(row: number): number {
    return row * ROW_HEIGHT + (this.extraAbove[this.tallBefore(row)] ?? 0);
  }

  /** Px from the top of row 0 to the top of tallRows[i]. */
  private offsetOfTall(i: number): number {
    return (this.tallRows[i] ?? 0) * ROW_HEIGHT + (this.extraAbove[i] ?? 0);
  }

  /** How many tall rows lie above row `row`. */
  private tallBefore(row: number): number {
    let low = 0;
    let high = this.tallRows.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.tallRows[mid] ?? 0) < row) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
