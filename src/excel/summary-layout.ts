/**
 * Where every block of the summary sheet goes, computed from the sizes the data can reach, so no block can run into
 * another whatever k (3, 4, 5, 10) or the number of a dimension's distinct values. Blocks sit in column bands, left
 * to right: the left block (title, segment table, tier table, R×F grid), the PivotTables (or their static
 * stand-ins) at their largest possible size, the charts, then the small ranges the charts draw from. Each band
 * starts one empty column after the widest rectangle of the band before it.
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
  segmentTable: Rect;
  tierTable: Rect;
  gridTitle: Rect;
  /** Header row and column included ((k + 1) × (k + 1)). */
  grid: Rect;
  /** Columns fitted by autofit: the left block's, which hold nothing else. */
  leftColumns: { column: number; columnCount: number };
  /** Largest extent of the segment × tier PivotTable (every segment and tier, two data fields, totals). */
  segmentTierPivot: Rect;
  /** Largest extent of the by-dimension PivotTable; undefined without a dimension. */
  dimensionPivot?: Rect;
  /** The static stand-ins (no PivotTables): customers and revenue by segment × tier, by dimension. */
  staticCounts: Rect;
  staticRevenue: Rect;
  staticDimension?: Rect;
  /** Customers per segment, revenue share, Pareto curve. */
  charts: [Rect, Rect, Rect];
  pieData: Rect;
  paretoData: Rect;
  /** Only when `movement` was asked for: a band of its own between the PivotTables and the charts. */
  movement?: MovementLayout;
}

/** Moves the chart of the largest moves shows at most. */
export const MOVES_CHART_BARS = 10;

export const CHART_ROWS = 16;
export const CHART_COLUMNS = 8;

/** Rows a PivotTable report may take beyond its row items: column labels, field names, grand total, one spare. */
const PIVOT_EXTRA_ROWS = 4;

export function computeSummaryLayout(input: SummaryLayoutInput): SummaryLayout {
  const k = Math.max(0, input.k);
  const title: Rect = { row: 0, column: 0, rowCount: 1, columnCount: 1 };
  const segmentTable: Rect = { row: 2, column: 0, rowCount: input.segmentCount + 1, columnCount: 8 };
  const tierTable: Rect = {
    row: segmentTable.row + segmentTable.rowCount + 2,
    column: 0,
    rowCount: input.tierCount + 1,
    columnCount: 8,
  };
  const gridTitle: Rect = { row: tierTable.row + tierTable.rowCount + 2, column: 0, rowCount: 1, columnCount: 1 };
  const grid: Rect = { row: gridTitle.row + 1, column: 0, rowCount: k + 1, columnCount: k + 1 };
  const leftWidth = Math.max(segmentTable.columnCount, grid.columnCount);

  // PivotTables: their largest size, whatever the data turns out to hold.
  const pivotColumn = leftWidth + 1;
  const dataFields = 2;
  const segmentTierPivot: Rect = {
    row: 2,
    column: pivotColumn,
    rowCount: STANDARD_SEGMENT_KEYS.length + PIVOT_EXTRA_ROWS,
    columnCount: 1 + (TIER_KEYS.length + 1) * dataFields,
  };
  const dimensionPivot: Rect | undefined =
    input.dimensionValueCount === undefined
      ? undefined
      : {
          row: segmentTierPivot.row + segmentTierPivot.rowCount + 2,
          column: pivotColumn,
          rowCount: input.dimensionValueCount + PIVOT_EXTRA_ROWS,
          columnCount: 1 + dataFields,
        };
  const staticWidth = TIER_KEYS.length + 2;
  const staticCounts: Rect = {
    row: 2,
    column: pivotColumn,
    rowCount: input.segmentCount + 1,
    columnCount: staticWidth,
  };
  const staticRevenue: Rect = { ...staticCounts, row: staticCounts.row + staticCounts.rowCount + 1 };
  const staticDimension: Rect | undefined =
    input.dimensionValueCount === undefined
      ? undefined
      : {
          row: staticRevenue.row + staticRevenue.rowCount + 2,
          column: pivotColumn,
          rowCount: input.dimensionValueCount + 1,
          columnCount: 3,
        };
  const pivotWidth = Math.max(segmentTierPivot.columnCount, dimensionPivot?.columnCount ?? 0, staticWidth);

  // Movement matrix: earlier segments + "new" (12 rows) × current segments (11). As a PivotTable: a header row,
  // 12 row items and the grand total + PIVOT_EXTRA_ROWS; label column, 11 columns, grand total. As a static
  // table: header + 12 rows, label + 11 + total. The larger of the two is reserved.
  const movementColumn = pivotColumn + pivotWidth + 1;
  const movementRows = STANDARD_SEGMENT_KEYS.length + 1;
  const movementMatrix: Rect = {
    row: 2,
    column: movementColumn,
    rowCount: movementRows + PIVOT_EXTRA_ROWS,
    columnCount: 1 + STANDARD_SEGMENT_KEYS.length + 1,
  };
  const chartColumn = input.movement ? movementColumn + movementMatrix.columnCount + 1 : pivotColumn + pivotWidth + 1;
  const chart = (index: number): Rect => ({
    row: 1 + index * (CHART_ROWS + 1),
    column: chartColumn,
    rowCount: CHART_ROWS,
    columnCount: CHART_COLUMNS,
  });
  const dataColumn = chartColumn + CHART_COLUMNS + 1;
  const pieData: Rect = { row: 0, column: dataColumn, rowCount: input.segmentCount + 1, columnCount: 2 };
  const paretoData: Rect = { row: 0, column: dataColumn + 3, rowCount: input.paretoPoints + 1, columnCount: 2 };
  const movement: MovementLayout | undefined = input.movement
    ? {
        title: { row: 1, column: movementColumn, rowCount: 1, columnCount: 1 },
        matrix: movementMatrix,
        chart: chart(3),
        chartData: { row: 0, column: paretoData.column + 3, rowCount: MOVES_CHART_BARS + 1, columnCount: 2 },
      }
    : undefined;
  return {
    title,
    segmentTable,
    tierTable,
    gridTitle,
    grid,
    leftColumns: { column: 0, columnCount: leftWidth },
    segmentTierPivot,
    dimensionPivot,
    staticCounts,
    staticRevenue,
    staticDimension,
    charts: [chart(0), chart(1), chart(2)],
    pieData,
    paretoData,
    movement,
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
    ["segmentTable", layout.segmentTable],
    ["tierTable", layout.tierTable],
    ["gridTitle", layout.gridTitle],
    ["grid", layout.grid],
    ...(pivotTables
      ? ([
          ["segmentTierPivot", layout.segmentTierPivot],
          ["dimensionPivot", layout.dimensionPivot],
        ] as [string, Rect | undefined][])
      : ([
          ["staticCounts", layout.staticCounts],
          ["staticRevenue", layout.staticRevenue],
          ["staticDimension", layout.staticDimension],
        ] as [string, Rect | undefined][])),
    ["chart0", layout.charts[0]],
    ["chart1", layout.charts[1]],
    ["chart2", layout.charts[2]],
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
