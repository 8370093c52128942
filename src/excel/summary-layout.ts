/**
 * Where every block of the summary sheet goes, computed from the sizes the data can reach, so no block can run into
 * another whatever k (3, 4, 5, 10) or the number of a dimension's distinct values. The sheet reads like a report on
 * one screen: the title and the headline figures on top; then sections, each a table on the left with its chart
 * right beside it (segments with customers per segment and revenue share per segment, tiers with the Pareto curve);
 * then the R×F grid. Right of the charts: the PivotTables (or their static stand-ins) at their largest possible size,
 * side by side; right of them the small ranges the charts draw from, under a title of their own ("chart data"), out
 * of the reader's way. Each section starts one empty row after the taller of its blocks.
 */
import { STANDARD_SEGMENT_KEYS, TIER_KEYS } from "../engine/types";

/** A rectangle of cells, 0-based (as getRangeByIndexes takes it). */
export interface Rect {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

export interface SummaryLayoutInput {
  /** Scores per dimension (R×F grid is k × k). */
  k: number;
  /** Rows of the segment summary table and of the tier summary table. */
  segmentCount: number;
  tierCount: number;
  /** Distinct values of the first mapped dimension, or undefined when there is none. */
  dimensionValueCount?: number;
  /** Distinct values of every mapped dimension (one PivotTable each); overrides dimensionValueCount. */
  dimensionValueCounts?: number[];
  /** Points of the Pareto curve. */
  paretoPoints: number;
  /** The result compares with an earlier date: place the movement matrix, its chart and the chart's data. */
  movement?: boolean;
}

/** The comparison's blocks (write-movement.ts): title, matrix (PivotTable or static), moves chart and its data. */
export interface MovementLayout {
  title: Rect;
  /** Largest extent of the movement PivotTable or of its static stand-in (12 earlier rows × 11 segments). */
  matrix: Rect;
  chart: Rect;
  chartData: Rect;
}

export interface SummaryLayout {
  title: Rect;
  /** Headline figures: a row of labels over a row of values (customers, revenue, tier A share, at risk). */
  headline: Rect;
  /**
   * Each figure's column (label over value). A label is not wrapped (the row keeps its height) and runs on over the
   * empty label cells to its right: the long "Revenue from key customers" gets columns C–E, "Customers at risk" F on.
   */
  headlineColumns: [number, number, number, number];
  /** One line under the headline saying what "at risk" counts. */
  headlineNote: Rect;
  segmentTable: Rect;
  tierTable: Rect;
  gridTitle: Rect;
  /** Header row and column included ((k + 1) × (k + 1)). */
  grid: Rect;
  /** One line under the grid (scores that cannot occur). */
  gridNote: Rect;
  /** Columns fitted by autofit: the left block's, which hold nothing else. */
  leftColumns: { column: number; columnCount: number };
  /** Largest extent of the segment × tier PivotTable (every segment and tier, two data fields, totals). */
  segmentTierPivot: Rect;
  /** Largest extent of the first by-dimension PivotTable; undefined without a dimension. */
  dimensionPivot?: Rect;
  /** One per mapped dimension, side by side right of the segment × tier PivotTable. */
  dimensionPivots: Rect[];
  /** The static stand-ins (no PivotTables): customers and revenue by segment × tier, by dimension. */
  staticCounts: Rect;
  staticRevenue: Rect;
  staticDimension?: Rect;
  staticDimensions: Rect[];
  /** Customers per segment, revenue share per segment (sorted bars), Pareto curve. */
  charts: [Rect, Rect, Rect];
  /** Title over the chart data ranges. */
  chartDataTitle: Rect;
  pieData: Rect;
  paretoData: Rect;
  /** Only when `movement` was asked for: the moves chart beside the R×F grid, the matrix right of the chart data. */
  movement?: MovementLayout;
}

/** Moves the chart of the largest moves shows at most. */
export const MOVES_CHART_BARS = 10;

const CHART_ROWS = 16;
/** Seven default columns (about 440 px): beside the English segment table, within a 1,280 px screen. */
const CHART_COLUMNS = 7;

/** Rows a PivotTable report may take beyond its row items: column labels, field names, grand total, one spare. */
const PIVOT_EXTRA_ROWS = 4;
/** Columns before the segment names in the segment × tier PivotTable (the hidden-order field, pivot.ts). */
const SEGMENT_PIVOT_LEAD_COLUMNS = 1;

export function computeSummaryLayout(input: SummaryLayoutInput): SummaryLayout {
  const left = leftBlockLayout(input);
  // PivotTables: right of every chart (the moves chart beside the grid stands furthest right: the grid is at least
  // as wide as the tables), from the segment table's row (see pivotsLayout).
  const pivotRow = left.segmentTable.row;
  const pivots = pivotsLayout(input, pivotRow, left.gridChartColumn + CHART_COLUMNS + 1);
  const data = chartDataLayout(input, pivotRow, Math.max(pivots.pivotsEnd, pivots.staticEnd));
  const movement = input.movement
    ? movementLayout(
        pivotRow,
        data.paretoData,
        chartAt(left.gridChartColumn, Math.max(left.gridTitle.row, left.movesChartRow)),
      )
    : undefined;
  return {
    movement,
    title: left.title,
    headline: left.headline,
    headlineColumns: left.headlineColumns,
    headlineNote: left.headlineNote,
    segmentTable: left.segmentTable,
    tierTable: left.tierTable,
    gridTitle: left.gridTitle,
    grid: left.grid,
    gridNote: left.gridNote,
    leftColumns: { column: 0, columnCount: left.leftWidth },
    segmentTierPivot: pivots.segmentTierPivot,
    dimensionPivot: pivots.dimensionPivots[0],
    dimensionPivots: pivots.dimensionPivots,
    staticCounts: pivots.staticCounts,
    staticRevenue: pivots.staticRevenue,
    staticDimension: pivots.staticDimensions[0],
    staticDimensions: pivots.staticDimensions,
    charts: left.charts,
    chartDataTitle: data.chartDataTitle,
    pieData: data.pieData,
    paretoData: data.paretoData,
  };
}

/** A chart's rectangle at `row` in the chart column. */
function chartAt(chartColumn: number, row: number): Rect {
  return { row, column: chartColumn, rowCount: CHART_ROWS, columnCount: CHART_COLUMNS };
}

/**
 * The report down the left and its charts beside it: title, headline, then sections (segments with both segment
 * charts stacked beside the table; tiers with the Pareto curve their 80/95 % cut points lie on), then the R×F grid.
 * Each section starts one empty row after the taller of its blocks.
 */
function leftBlockLayout(input: SummaryLayoutInput) {
  const k = Math.max(0, input.k);
  const tableWidth = 8;
  const leftWidth = Math.max(tableWidth, k + 1);
  // Right against the table, no spacer column: the sheet is laid out for a screen 1,280 px wide at 100 % zoom (a
  // common laptop's width; the narrowest screen Excel's desktop window is usually used at), and the segment table's
  // eight autofitted columns already take most of it in English. A chart has its own white margin. Against the
  // tables, not the R×F grid: the grid lies below every section chart, so a k = 10 grid (11 columns) does not push
  // them right; only a chart beside the grid (the moves chart) goes right of it.
  const chartColumn = tableWidth;
  const gridChartColumn = leftWidth;
  const segmentTable: Rect = { row: 6, column: 0, rowCount: input.segmentCount + 1, columnCount: tableWidth };
  const customersChart = chartAt(chartColumn, segmentTable.row);
  const revenueChart = chartAt(chartColumn, customersChart.row + CHART_ROWS + 1);
  const segmentsEnd = Math.max(segmentTable.row + segmentTable.rowCount, revenueChart.row + CHART_ROWS);
  const tierTable: Rect = { row: segmentsEnd + 1, column: 0, rowCount: input.tierCount + 1, columnCount: tableWidth };
  const paretoChart = chartAt(chartColumn, tierTable.row);
  const tiersEnd = Math.max(tierTable.row + tierTable.rowCount, paretoChart.row + CHART_ROWS);
  const gridTitle: Rect = { row: tiersEnd + 1, column: 0, rowCount: 1, columnCount: 1 };
  const grid: Rect = { row: gridTitle.row + 1, column: 0, rowCount: k + 1, columnCount: k + 1 };
  return {
    title: { row: 0, column: 0, rowCount: 1, columnCount: 1 },
    headline: { row: 2, column: 0, rowCount: 2, columnCount: leftWidth },
    headlineColumns: [0, 1, 2, 5] as [number, number, number, number],
    headlineNote: { row: 4, column: 0, rowCount: 1, columnCount: 1 },
    segmentTable,
    tierTable,
    gridTitle,
    grid,
    gridNote: { row: grid.row + grid.rowCount, column: 0, rowCount: 1, columnCount: 1 },
    leftWidth,
    chartColumn,
    gridChartColumn,
    charts: [customersChart, revenueChart, paretoChart] as [Rect, Rect, Rect],
    /** Where a chart under the Pareto curve may start (the moves chart, beside the R×F grid). */
    movesChartRow: paretoChart.row + CHART_ROWS + 1,
  };
}

/**
 * The PivotTables at their largest size, whatever the data turns out to hold, side by side from `column`, and
 * their static stand-ins. Not under the left block or the charts: Excel autofits a PivotTable's columns on every
 * refresh, which would widen the tables' columns and stretch the charts anchored to them. `pivotsEnd` and
 * `staticEnd`: the first column after each set (one spare column included).
 */
function pivotsLayout(input: SummaryLayoutInput, pivotRow: number, column: number) {
  const dataFields = 2;
  const segmentTierPivot: Rect = {
    row: pivotRow,
    column,
    rowCount: STANDARD_SEGMENT_KEYS.length + PIVOT_EXTRA_ROWS,
    columnCount: SEGMENT_PIVOT_LEAD_COLUMNS + 1 + (TIER_KEYS.length + 1) * dataFields,
  };
  const counts =
    input.dimensionValueCounts ?? (input.dimensionValueCount === undefined ? [] : [input.dimensionValueCount]);
  const staticWidth = TIER_KEYS.length + 2;
  const staticCounts: Rect = { row: pivotRow, column, rowCount: input.segmentCount + 1, columnCount: staticWidth };
  const staticRevenue: Rect = { ...staticCounts, row: staticCounts.row + staticCounts.rowCount + 1 };
  const dimensionPivots: Rect[] = [];
  const staticDimensions: Rect[] = [];
  let pivotColumn = segmentTierPivot.column + segmentTierPivot.columnCount + 1;
  let staticColumn = staticCounts.column + staticWidth + 1;
  for (const count of counts) {
    dimensionPivots.push({
      row: pivotRow,
      column: pivotColumn,
      rowCount: count + PIVOT_EXTRA_ROWS,
      columnCount: 1 + dataFields,
    });
    staticDimensions.push({ row: pivotRow, column: staticColumn, rowCount: count + 1, columnCount: 3 });
    pivotColumn += 1 + dataFields + 1;
    staticColumn += 3 + 1;
  }
  return {
    segmentTierPivot,
    dimensionPivots,
    staticCounts,
    staticRevenue,
    staticDimensions,
    pivotsEnd: pivotColumn,
    staticEnd: staticColumn,
  };
}

/** The charts' own data: right of everything from `column`, under a title, away from the reader's first screen. */
function chartDataLayout(input: SummaryLayoutInput, row: number, column: number) {
  const chartDataTitle: Rect = { row, column, rowCount: 1, columnCount: 1 };
  const pieData: Rect = { row: row + 1, column, rowCount: input.segmentCount + 1, columnCount: 2 };
  const paretoData: Rect = { row: row + 1, column: column + 3, rowCount: input.paretoPoints + 1, columnCount: 2 };
  return { chartDataTitle, pieData, paretoData };
}

/**
 * Movement matrix: earlier segments + "new" (12 rows) × current segments (11). As a PivotTable: a header row,
 * 12 row items and the grand total + PIVOT_EXTRA_ROWS; label column, 11 columns, grand total. As a static
 * table: header + 12 rows, label + 11 + total. The larger of the two is reserved, right of the chart data (a
 * PivotTable autofits its columns on refresh, so it stays out of the columns the tables and charts sit in); the
 * moves chart goes beside the R×F grid, under the Pareto curve (`chart`), its data right of the Pareto data.
 */
function movementLayout(pivotRow: number, paretoData: Rect, chart: Rect): MovementLayout {
  const chartData: Rect = {
    row: paretoData.row,
    column: paretoData.column + 3,
    rowCount: MOVES_CHART_BARS + 1,
    columnCount: 2,
  };
  const column = chartData.column + chartData.columnCount + 1;
  return {
    title: { row: pivotRow - 1, column, rowCount: 1, columnCount: 1 },
    matrix: {
      row: pivotRow,
      column,
      rowCount: STANDARD_SEGMENT_KEYS.length + 1 + PIVOT_EXTRA_ROWS,
      columnCount: 1 + STANDARD_SEGMENT_KEYS.length + 1,
    },
    chart,
    chartData,
  };
}

export function rectsIntersect(a: Rect, b: Rect): boolean {
  return (
    a.row < b.row + b.rowCount &&
    b.row < a.row + a.rowCount &&
    a.column < b.column + b.columnCount &&
    b.column < a.column + a.columnCount
  );
}

/** The rectangles written in one run, by name (PivotTables or static tables, not both). */
export function layoutRects(layout: SummaryLayout, pivotTables: boolean): [string, Rect][] {
  const rects: [string, Rect | undefined][] = [
    ["title", layout.title],
    ["headline", layout.headline],
    ["headlineNote", layout.headlineNote],
    ["segmentTable", layout.segmentTable],
    ["tierTable", layout.tierTable],
    ["gridTitle", layout.gridTitle],
    ["grid", layout.grid],
    ["gridNote", layout.gridNote],
    ...(pivotTables
      ? ([
          ["segmentTierPivot", layout.segmentTierPivot],
          ...layout.dimensionPivots.map((rect, i) => [`dimensionPivot${i}`, rect]),
        ] as [string, Rect | undefined][])
      : ([
          ["staticCounts", layout.staticCounts],
          ["staticRevenue", layout.staticRevenue],
          ...layout.staticDimensions.map((rect, i) => [`staticDimension${i}`, rect]),
        ] as [string, Rect | undefined][])),
    ["chart0", layout.charts[0]],
    ["chart1", layout.charts[1]],
    ["chart2", layout.charts[2]],
    ["chartDataTitle", layout.chartDataTitle],
    ["pieData", layout.pieData],
    ["paretoData", layout.paretoData],
    ["movementTitle", layout.movement?.title],
    ["movementMatrix", layout.movement?.matrix],
    ["movesChart", layout.movement?.chart],
    ["movesChartData", layout.movement?.chartData],
  ];
  return rects.filter((entry): entry is [string, Rect] => entry[1] !== undefined);
}

/** Pairs of named rectangles that intersect (empty for a sound layout). */
export function overlappingBlocks(layout: SummaryLayout, pivotTables: boolean): [string, string][] {
  const rects = layoutRects(layout, pivotTables);
  const pairs: [string, string][] = [];
  for (let i = 0; i < rects.length; i++)
    for (let j = i + 1; j < rects.length; j++)
      if (rectsIntersect(rects[i]![1], rects[j]![1])) pairs.push([rects[i]![0], rects[j]![0]]);
  return pairs;
}

/** The forecast's blocks on the summary sheet: per segment, the holdout table and its chart. */
export interface ForecastBlocks {
  /** Title row, header row and one row per segment (Segment, customers, expected revenue, mean P(alive)). */
  segments: Rect;
  /** Title row, header row and one row per bucket 0..6, 7+ (repeats, predicted, actual, customers). */
  holdout: Rect;
  holdoutChart: Rect;
}

/** Holdout buckets 0, 1, …, 6, 7+ (forecast's HOLDOUT_BUCKETS). */
const HOLDOUT_ROWS = 8;

/**
 * Where the forecast's blocks go: a band of their own right of everything `computeSummaryLayout` placed (one empty
 * column after the Pareto data), stacked with an empty row between, so they meet nothing whatever k, the segments
 * or a dimension's values.
 */
export function forecastBlocks(layout: SummaryLayout, segmentCount: number): ForecastBlocks {
  let right = 0;
  for (const [, rect] of [...layoutRects(layout, true), ...layoutRects(layout, false)])
    right = Math.max(right, rect.column + rect.columnCount);
  const column = right + 1;
  // Title row, then the static table (header + segments) or the PivotTable at its largest (every segment, totals).
  const segmentRows = Math.max(segmentCount + 1, STANDARD_SEGMENT_KEYS.length + PIVOT_EXTRA_ROWS);
  const segments: Rect = { row: 0, column, rowCount: segmentRows + 1, columnCount: 4 };
  const holdout: Rect = {
    row: segments.row + segments.rowCount + 1,
    column,
    rowCount: HOLDOUT_ROWS + 2,
    columnCount: 4,
  };
  const holdoutChart: Rect = {
    row: holdout.row + holdout.rowCount + 1,
    column,
    rowCount: CHART_ROWS,
    columnCount: CHART_COLUMNS,
  };
  return { segments, holdout, holdoutChart };
}
