/**
 * CSV basics for `npm run segment`: the header record (UTF-8, byte-order mark dropped, RFC 4180 quotes, LF or
 * CRLF). The data records are read from the file's bytes by `encode-csv.ts`, straight into the engine's rows.
 */

interface CsvHeader {
  names: string[];
  delimiter: number;
  /** Index in the text where the first data record starts. */
  bodyStart: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The header record of a file's bytes, with where the data records start in the bytes. */
export interface CsvByteHeader {
  names: string[];
  delimiter: number;
  /** Byte index where the first data record starts (after the byte-order mark and the header). */
  bodyStart: number;
  /** File line number of the first data record (a header with quoted line breaks spans several lines). */
  bodyLine: number;
}

/**
 * The header record read from the file's bytes: only a prefix is decoded (doubled until it holds the whole
 * header record), so the body is never turned into a JS string.
 */
export function readCsvHeaderBytes(bytes: Uint8Array): CsvByteHeader {
  const bomLength = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let prefixLength = 1 << 16; ; prefixLength *= 2) {
    const end = Math.min(buffer.length, bomLength + prefixLength);
    const prefix = buffer.toString("utf8", bomLength, end);
    const header = readCsvHeader(prefix);
    // A record that reaches the end of a partial prefix may continue beyond it (or end in a cut character).
    if (header.bodyStart < prefix.length || end === buffer.length) {
      // The header record ends just after a line break (or at the end of the file). The byte offset is found by
      // counting those line-break bytes, not from the decoded length: invalid UTF-8 decodes to U+FFFD, whose length
      // differs from the bytes it replaced, but a line-break byte is never part of a multi-byte sequence.
      const byteAfter = (text: string, textEnd: number): number => {
        if (textEnd >= text.length) return end;
        const breakCode = text.charCodeAt(textEnd - 1);
        let breaks = 0;
        for (let i = 0; i < textEnd; i++) if (text.charCodeAt(i) === breakCode) breaks++;
        let at = bomLength;
        for (; breaks > 0; breaks--) at = buffer.indexOf(breakCode, at) + 1;
        return at;
      };
      let bodyLine = 1;
      for (let i = prefix.indexOf("\n"); i >= 0 && i < header.bodyStart; i = prefix.indexOf("\n", i + 1)) bodyLine++;
      return {
        names: header.names,
        delimiter: header.delimiter,
        bodyStart: byteAfter(prefix, header.bodyStart),
        bodyLine,
      };
    }
  }
}

/** The header record; the delimiter is a comma unless the header line has none and has tabs or semicolons. */
function readCsvHeader(text: string): CsvHeader {
  let lineEnd = text.indexOf("\n");
  if (lineEnd < 0) lineEnd = text.length;
  const firstLine = text.slice(0, lineEnd);
  let delimiter = 44;
  if (!firstLine.includes(",")) {
    if (firstLine.includes("\t")) delimiter = 9;
    else if (firstLine.includes(";")) delimiter = 59;
  }
  const names: string[] = [];
  const bodyStart = scanRecord(text, 0, delimiter, names);
  return { names, delimiter, bodyStart };
}

/** Reads one record from `pos`, pushing every field onto `fields`; returns where the next record starts. */
function scanRecord(text: string, pos: number, delimiter: number, fields: string[]): number {
  const length = text.length;
  let i = pos;
  for (;;) {
    if (i < length && text.charCodeAt(i) === QUOTE) {
      let start = i + 1;
      let parts = "";
      i = start;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          // Unterminated quote: the rest of the file is the field, as spreadsheet programs read it.
          parts += text.slice(start);
          i = length;
          break;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          parts += text.slice(start, q + 1);
          i = start = q + 2;
        } else {
          parts += text.slice(start, q);
          i = q + 1;
          break;
        }
      }
      // Anything between the closing quote and the delimiter is kept, as Excel does.
      const tailStart = i;
      while (i < length) {
        const c = text.charCodeAt(i);
        if (c === delimiter || c === LF || c === CR) break;
        i++;
      }
      fields.push(tailStart < i ? parts + text.slice(tailStart, i) : parts);
    } else {
      const start = i;
      while (i < length) {
        const c = text.charCodeAt(i);
        if (c === delimiter || c === LF || c === CR) break;
        i++;
      }
      fields.push(text.slice(start, i));
    }
    if (i >= length) return length;
    const c = text.charCodeAt(i);
    if (c === delimiter) {
      i++;
      continue;
    }
    if (c === CR) i++;
    if (text.charCodeAt(i) === LF) i++;
    return i;
  }
}
