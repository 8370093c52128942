/**
 * Row chunks sized so one sync stays well under Excel's 5 MB request/response limit. Sizes are estimated from
 * the JSON length of a sample, since that is what Office.js sends.
 */

/** Budget per sync: a fifth of the 5 MB limit, leaving room for estimation error and the protocol's overhead. */
export const SYNC_BUDGET_BYTES = 1_000_000;
/** Never more cells than this in one read, whatever their size. */
const MAX_CELLS_PER_CHUNK = 500_000;

function estimateCellBytes(value: unknown): number {
  if (typeof value === "number") return String(value).length + 1;
  if (typeof value === "string") return value.length * (/[^\x20-\x7e]/.test(value) ? 3 : 1) + 3;
  if (typeof value === "boolean") return 6;
  return 5;
}

/** Estimated JSON bytes per row of a sample (at least 8 bytes per cell, so empty samples do not explode chunks). */
export function bytesPerRow(sample: readonly (readonly unknown[])[], columnCount: number): number {
  let total = 0;
  for (const row of sample) for (const cell of row) total += estimateCellBytes(cell);
  const perRow = sample.length === 0 ? 0 : total / sample.length;
  return Math.max(perRow, columnCount * 8) + 2;
}

export function rowsPerChunk(perRowBytes: number, columnCount: number, budget = SYNC_BUDGET_BYTES): number {
  const byBytes = Math.floor(budget / Math.max(1, perRowBytes));
  const byCells = Math.floor(MAX_CELLS_PER_CHUNK / Math.max(1, columnCount));
  return Math.max(1, Math.min(byBytes, byCells));
}

/** [start, count] pairs covering 0..total. */
export function chunkRanges(total: number, size: number): [number, number][] {
  const chunks: [number, number][] = [];
  for (let start = 0; start < total; start += size) chunks.push([start, Math.min(size, total - start)]);
  return chunks;
}
