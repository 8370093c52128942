/**
 * One text per row in a byte buffer, for what the analysis reads from cells after pass 1 when the cells are gone
 * (order ids, date and dimension cells of a chunked read). A character below U+00FF takes one byte, any other
 * three (0xFF, high byte, low byte): a prefix-free code, so equal texts are equal bytes.
 */
export interface TextColumn {
  /** Per row the end of its text in `bytes` (its start is the previous row's end). */
  ends: Int32Array;
  bytes: Uint8Array;
}

/** Writes a TextColumn row by row in increasing row order; rows not given hold "". */
export class TextColumnWriter {
  private readonly ends: Int32Array;
  private bytes = new Uint8Array(4096);
  private length = 0;
  /** Rows below this have their end set. */
  private filled = 0;

  constructor(rowCount: number) {
    this.ends = new Int32Array(rowCount);
  }

  put(row: number, text: string): void {
    const { ends } = this;
    let at = this.length;
    for (let r = this.filled; r < row; r++) ends[r] = at;
    if (at + text.length * 3 > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, at + text.length * 3));
      grown.set(this.bytes.subarray(0, at));
      this.bytes = grown;
    }
    const bytes = this.bytes;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0xff) bytes[at++] = code;
      else {
        bytes[at++] = 0xff;
        bytes[at++] = code >>> 8;
        bytes[at++] = code & 0xff;
      }
    }
    this.length = at;
    ends[row] = at;
    this.filled = row + 1;
  }

  /** The column (its buffer trimmed to the bytes written); the writer is done. */
  finish(): TextColumn {
    const { ends } = this;
    for (let r = this.filled; r < ends.length; r++) ends[r] = this.length;
    this.filled = ends.length;
    return { ends, bytes: this.bytes.slice(0, this.length) };
  }
}

const startOf = (column: TextColumn, row: number): number => (row === 0 ? 0 : column.ends[row - 1]!);

/** Bytes of a row's text (0 for ""). */
export function textLength(column: TextColumn, row: number): number {
  return column.ends[row]! - startOf(column, row);
}

export function textAt(column: TextColumn, row: number): string {
  const { bytes } = column;
  const end = column.ends[row]!;
  let text = "";
  for (let at = startOf(column, row); at < end;) {
    const byte = bytes[at++]!;
    if (byte < 0xff) text += String.fromCharCode(byte);
    else {
      text += String.fromCharCode((bytes[at]! << 8) | bytes[at + 1]!);
      at += 2;
    }
  }
  return text;
}

/** Whether rows a and b hold the same text. */
export function sameText(column: TextColumn, a: number, b: number): boolean {
  const startA = startOf(column, a);
  const startB = startOf(column, b);
  const length = column.ends[a]! - startA;
  if (length !== column.ends[b]! - startB) return false;
  const { bytes } = column;
  for (let i = 0; i < length; i++) if (bytes[startA + i] !== bytes[startB + i]) return false;
  return true;
}
