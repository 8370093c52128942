/** The moves between segments since the compare date, ranked; shared by the summary sheet (src/excel) and the pane. */
import { STANDARD_SEGMENT_KEYS, type RfmComparison, type StandardSegmentKey } from "./types";

/** A move off the diagonal of the segment movement matrix: `count` customers from `from` to `to`. */
export interface SegmentMove {
  from: StandardSegmentKey;
  to: StandardSegmentKey;
  count: number;
  /** Net revenue of those customers in (compare date, analysis date]. */
  revenue: number;
  /** True when `to` comes before `from` in STANDARD_SEGMENT_KEYS (champions first, lost last): good news. */
  up: boolean;
}

/** The moves between two different segments, largest first (ties: the earlier segment order, then the later). */
export function segmentMoves(comparison: RfmComparison): SegmentMove[] {
  const { from, to, customers, revenue } = comparison.movement.segment;
  const moves: SegmentMove[] = [];
  from.forEach((fromKey, row) =>
    to.forEach((toKey, column) => {
      const count = customers[row]?.[column] ?? 0;
      if (fromKey === toKey || count === 0) return;
      const up = STANDARD_SEGMENT_KEYS.indexOf(toKey) < STANDARD_SEGMENT_KEYS.indexOf(fromKey);
      moves.push({ from: fromKey, to: toKey, count, revenue: revenue[row]?.[column] ?? 0, up });
    }),
  );
  return moves.sort((a, b) => b.count - a.count);
}
