import { useMemo, useState } from "react";
import type { RfmResult, StandardSegmentKey } from "../../engine/types";
import { segmentMoves, type SegmentMove } from "../../engine";
import { formatDay, SEGMENT_NAMES } from "../../i18n";
import { useStrings } from "../strings-context";

export interface ChangesPanelProps {
  result: RfmResult;
  /** Set when the chosen compare date reached back before every purchase: one line says so. */
  unavailable?: { days: number; analysisDate: number };
  /** Filters the customer table to a move (absent: no customer table to filter, no buttons). */
  onFilter?: (move: { from?: StandardSegmentKey; to?: StandardSegmentKey }) => Promise<void>;
}

/** Moves the pane lists: the five largest, and up to three more gains ("the good news too"). */
const LARGEST_MOVES = 5;
const MORE_GAINS = 3;

export interface MoveRow {
  key: string;
  move: SegmentMove;
  text: string;
  direction: string;
  revenue: string;
  filterLabel: string;
}

export function useChangesPanel({ result, unavailable, onFilter }: ChangesPanelProps) {
  const strings = useStrings();
  const { t, language } = strings;
  const [filtered, setFiltered] = useState<string>();
  const comparison = result.comparison;
  const rows = useMemo(() => {
    if (!comparison) return { largest: [], gains: [] };
    const moves = segmentMoves(comparison);
    const names = SEGMENT_NAMES[language];
    const row = (move: SegmentMove): MoveRow => {
      const params = {
        count: strings.formatNumber(move.count, 0),
        from: names[move.from],
        to: names[move.to],
      };
      return {
        key: `${move.from}>${move.to}`,
        move,
        text: t("compare.move", params),
        direction: t(move.up ? "compare.moveUp" : "compare.moveDown"),
        revenue: t("compare.moveRevenue", { revenue: strings.formatNumber(move.revenue, 2) }),
        filterLabel: t("compare.filterFor", params),
      };
    };
    const largest = moves.slice(0, LARGEST_MOVES);
    const gains = moves
      .slice(LARGEST_MOVES)
      .filter((move) => move.up)
      .slice(0, MORE_GAINS);
    return { largest: largest.map(row), gains: gains.map(row) };
  }, [comparison, language, strings, t]);

  const filter = (key: string, move: { from?: StandardSegmentKey; to?: StandardSegmentKey }) =>
    onFilter?.(move).then(
      () => setFiltered(key),
      () => setFiltered(undefined),
    );

  return {
    strings,
    comparison,
    heading: comparison ? t("compare.heading", { date: formatDay(comparison.compareDate, language) }) : "",
    summary: comparison
      ? t("compare.summary", {
          same: strings.formatNumber(comparison.changeCounts.same, 0),
          changed: strings.formatNumber(comparison.changeCounts.changed, 0),
          new: strings.formatNumber(comparison.changeCounts.new, 0),
          date: formatDay(comparison.compareDate, language),
        })
      : "",
    unavailableText: unavailable
      ? t("compare.unavailable", { days: unavailable.days, date: formatDay(unavailable.analysisDate, language) })
      : undefined,
    newCustomers: comparison
      ? t("compare.newCustomers", { count: strings.formatNumber(comparison.changeCounts.new, 0) })
      : "",
    largest: rows.largest,
    gains: rows.gains,
    canFilter: onFilter !== undefined,
    filtered,
    filter,
  };
}
