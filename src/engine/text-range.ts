/** Helpers for reading part of a string (a CSV field inside the file's text) without copying it. */

/** The characters String.prototype.trim removes: ASCII and Unicode spaces, tabs, NBSP, BOM. */
export function isWhitespace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x3000 ||
    code === 0xfeff ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f
  );
}

/** First index in [start, end) that is not white space (end when all are). */
export function skipWhitespace(text: string, start: number, end: number): number {
  while (start < end && isWhitespace(text.charCodeAt(start))) start++;
  return start;
}

/** One past the last index in [start, end) that is not white space (start when all are). */
export function trimEndIndex(text: string, start: number, end: number): number {
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
  return end;
}
