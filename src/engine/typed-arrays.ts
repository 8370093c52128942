/** Growing typed arrays, for the readers' per-row arrays, the interners' tables and the CLI's output buffer. */

type GrowableArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;

/** `array` itself when it holds `needed` elements, else a copy of it with room for `needed` and at least double. */
export function grown<T extends GrowableArray>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const bigger = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}
