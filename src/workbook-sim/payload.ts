/** Cheap estimates of the JSON size of values moved in a sync (Excel limits each request and response to 5 MB). */

export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** Excel refuses to read more cells than this in one request. */
export const READ_CELL_LIMIT = 5_000_000;

function estimateValueBytes(value: unknown): number {
  switch (typeof value) {
    case "number":
      return Number.isInteger(value) && Math.abs(value) < 1e15 ? digitCount(value) : String(value).length;
    case "string":
      return value.length + 2;
    case "boolean":
      return value ? 4 : 5;
    case "undefined":
      return 4;
    default:
      return value === null ? 4 : (JSON.stringify(value)?.length ?? 4);
  }
}

function digitCount(n: number): number {
  let abs = Math.abs(n);
  let digits = n < 0 ? 2 : 1;
  while (abs >= 10) {
    abs = Math.floor(abs / 10);
    digits++;
  }
  return digits;
}

/** JSON length of a 2D array (brackets and commas included), or of a scalar applied to a whole range. */
export function estimateGridBytes(grid: unknown): number {
  if (!Array.isArray(grid)) return estimateValueBytes(grid);
  let bytes = 2;
  for (const row of grid as unknown[]) {
    if (!Array.isArray(row)) {
      bytes += estimateValueBytes(row) + 1;
      continue;
    }
    bytes += 2 + row.length;
    for (const cell of row as unknown[]) bytes += estimateValueBytes(cell);
  }
  return bytes;
}
