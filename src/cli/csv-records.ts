/**
 * Record splitting for `encode-csv.ts`: the CSV body's bytes cut into records and the wanted fields located, with
 * no decoding (decoding is `csv-fields.ts`'s; arquero keeps its delimited-text stream apart from type parsing the
 * same way). A field is a byte range in the file, or a decoded string when it needed unquoting. Simple records
 * (the usual case) are split by `splitPlainRecord`; quoted line breaks, doubled quotes and lone CRs take the
 * careful path, which reads a record as spreadsheet programs do.
 */
import type { CsvByteHeader } from "./csv-reader";

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The wanted fields of one record, by slot: byte ranges in the file, or a decoded string for quoted fields. */
export interface FieldSlots {
  /** Byte range of each slot's field; -1 when the record has no such field (or it was quoted). */
  start: Int32Array;
  end: Int32Array;
  /** The value of a field that needed unquoting (doubled quotes, line breaks, text after the quote). */
  quoted: (string | undefined)[];
  /** Whether any field of the record (wanted or not) has a value: a record without is a blank line. */
  anyValue: boolean;
}

/** Whether the current line has a quote (then CR ends fields and the record, as in quoted records). */
const UNKNOWN = -1;
const UNQUOTED = 0;
const QUOTED = 1;

/**
 * Splits the records after the header one at a time into `fields`: field i goes to slot `columnSlot[i]` when that
 * is 0 or more (slots below `slotCount`), other fields are skipped over (and the rest of a line after the last wanted one, when no quote
 * there could hide a line break). Knows the file line of each record: a record with quoted line breaks counts all.
 */
export class CsvRecordSplitter {
  readonly fields: FieldSlots;
  /** Byte where the record last split starts (for `readField`). */
  recordStart = 0;
  /** File line where the record last split starts. */
  recordLine = 0;
  /** File line where a quoted field starts that is never closed (it then runs to the end of the file). */
  unterminatedQuoteLine: number | undefined;

  private readonly buffer: Buffer;
  private readonly delimiter: number;
  private readonly lastWantedColumn: number;
  private pos: number;
  private line: number;
  /** The first quote at or after `pos` (or earlier, then looked up again), -1 when the file has no more. */
  private nextQuote: number;

  constructor(
    private readonly bytes: Uint8Array,
    header: CsvByteHeader,
    private readonly columnSlot: Int8Array,
    private readonly slotCount: number,
  ) {
    this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.delimiter = header.delimiter;
    let lastWantedColumn = 0;
    for (let column = 0; column < columnSlot.length; column++) if (columnSlot[column]! >= 0) lastWantedColumn = column;
    this.lastWantedColumn = lastWantedColumn;
    this.fields = {
      start: new Int32Array(slotCount),
      end: new Int32Array(slotCount),
      quoted: new Array<string | undefined>(slotCount).fill(undefined),
      anyValue: false,
    };
    this.pos = header.bodyStart;
    this.line = header.bodyLine;
    this.nextQuote = this.buffer.indexOf(QUOTE, this.pos);
  }

  /** Whether a record follows (a line break at the very end of the file ends the last record, it starts none). */
  hasRecord(): boolean {
    return this.pos < this.bytes.length;
  }

  /** Splits the next record into `fields`, with `recordStart` and `recordLine` where it starts. */
  next(): void {
    const pos = this.pos;
    const fields = this.fields;
    this.recordStart = pos;
    this.recordLine = this.line;
    for (let slot = 0; slot < this.slotCount; slot++) {
      fields.start[slot] = -1;
      fields.end[slot] = -1;
      fields.quoted[slot] = undefined;
    }
    if (this.nextQuote >= 0 && this.nextQuote < pos) this.nextQuote = this.buffer.indexOf(QUOTE, pos);
    const plainEnd = splitPlainRecord(
      this.bytes,
      pos,
      this.delimiter,
      this.columnSlot,
      this.lastWantedColumn,
      this.nextQuote,
      fields,
    );
    if (plainEnd >= 0) this.pos = plainEnd;
    else this.splitCarefully();
    this.line++;
  }

  /**
   * The careful path. A record is read as spreadsheet programs do: a line without quotes ends only at LF (a lone
   * CR is data); once the line has a quote, CR ends a field and the record too, and quoted fields may span lines
   * (each line break inside counts in `line`). Sets `fields.anyValue`.
   */
  private splitCarefully(): void {
    const { bytes, buffer, delimiter, columnSlot, lastWantedColumn, nextQuote, fields } = this;
    const length = bytes.length;
    const recordStart = this.recordStart;
    let pos = recordStart;
    for (let slot = 0; slot < this.slotCount; slot++) {
      fields.start[slot] = -1;
      fields.end[slot] = -1;
    }
    let quotedLine = UNKNOWN;
    let anyValue = false;
    let field = 0;
    for (;;) {
      const slot = field < columnSlot.length ? columnSlot[field]! : -1;
      if (pos < length && bytes[pos] === QUOTE) {
        quotedLine = QUOTED;
        const value = this.readQuotedField(pos);
        pos = this.pos;
        if (value !== "") anyValue = true;
        if (slot >= 0) fields.quoted[slot] = value;
      } else {
        const start = pos;
        while (pos < length) {
          const c = bytes[pos]!;
          if (c === delimiter || c === LF) break;
          if (c === CR) {
            if (bytes[pos + 1] === LF) break;
            if (quotedLine === UNKNOWN) quotedLine = quoteInLine(buffer, recordStart, nextQuote);
            if (quotedLine === QUOTED) break;
          }
          pos++;
        }
        if (pos > start) anyValue = true;
        if (slot >= 0) {
          fields.start[slot] = start;
          fields.end[slot] = pos;
        }
      }
      field++;
      if (pos >= length) break;
      const c = bytes[pos]!;
      if (c === delimiter) {
        pos++;
        if (field > lastWantedColumn && quotedLine === UNKNOWN)
          quotedLine = quoteInLine(buffer, recordStart, nextQuote);
        if (field > lastWantedColumn && quotedLine === UNQUOTED) {
          // The rest of a line without quotes holds nothing wanted: skip to its end.
          let lineBreak = buffer.indexOf(LF, pos);
          if (lineBreak < 0) lineBreak = length;
          if (!anyValue) {
            anyValue = restHasValue(bytes, pos, lineBreak, delimiter);
          }
          pos = lineBreak + 1;
          break;
        }
        continue;
      }
      if (c === CR) pos++;
      if (pos < length && bytes[pos] === LF) pos++;
      break;
    }
    fields.anyValue = anyValue;
    this.pos = pos;
  }

  /**
   * The value of the quoted field whose opening quote is at `pos`: doubled quotes undone, line breaks kept (each
   * counted in `line`), and anything between the closing quote and the delimiter kept, as Excel does. Leaves
   * `this.pos` at the delimiter or line end after it.
   */
  private readQuotedField(pos: number): string {
    const { bytes, buffer, delimiter } = this;
    const length = bytes.length;
    let partStart = pos + 1;
    let value = "";
    pos = partStart;
    for (;;) {
      const q = buffer.indexOf(QUOTE, pos);
      if (q < 0) {
        // Unterminated quote: the rest of the file is the field, as spreadsheet programs read it; the caller
        // is told (the CLI refuses the file rather than lose the rows after it).
        if (this.unterminatedQuoteLine === undefined) this.unterminatedQuoteLine = this.line;
        value += buffer.toString("utf8", partStart, length);
        pos = length;
        break;
      }
      for (let j = pos; j < q; j++) if (bytes[j] === LF) this.line++;
      if (bytes[q + 1] === QUOTE) {
        value += buffer.toString("utf8", partStart, q + 1);
        pos = partStart = q + 2;
      } else {
        value += buffer.toString("utf8", partStart, q);
        pos = q + 1;
        break;
      }
    }
    const tailStart = pos;
    while (pos < length) {
      const c = bytes[pos]!;
      if (c === delimiter || c === LF || c === CR) break;
      pos++;
    }
    if (tailStart < pos) value += buffer.toString("utf8", tailStart, pos);
    this.pos = pos;
    return value;
  }
}

/**
 * Splits the record at `pos` into `fields` when it is simple, the usual case, and returns where the next record
 * starts; -1 when the record needs the careful path. Simple: its fields are unquoted, or quoted with no doubled
 * quote and no line break inside and closed right before a delimiter or the line end (then the bytes between the
 * quotes are the value, as the careful path would decode them); a CR only as part of CRLF. Sets `fields.anyValue`.
 * Kept small so V8 compiles this loop early and tightly.
 */
function splitPlainRecord(
  bytes: Uint8Array,
  pos: number,
  delimiter: number,
  columnSlot: Int8Array,
  lastWantedColumn: number,
  nextQuote: number,
  fields: FieldSlots,
): number {
  const length = bytes.length;
  const { start: starts, end: ends } = fields;
  let anyValue = false;
  for (let field = 0; ; field++) {
    let start = pos;
    let end: number;
    let c = -1;
    if (bytes[pos] === QUOTE) {
      start = ++pos;
      while (pos < length) {
        c = bytes[pos]!;
        if (c === QUOTE || c === LF || c === CR) break;
        pos++;
      }
      if (pos >= length || c !== QUOTE) return -1;
      end = pos++;
      c = pos < length ? bytes[pos]! : -1;
      // A doubled quote, or text after the closing quote.
      if (c === QUOTE || (c >= 0 && c !== delimiter && c !== LF && c !== CR)) return -1;
    } else {
      while (pos < length) {
        c = bytes[pos]!;
        if (c === delimiter || c === LF || c === CR) break;
        pos++;
      }
      end = pos;
    }
    if (end > start) anyValue = true;
    if (field <= lastWantedColumn) {
      const slot = columnSlot[field]!;
      if (slot >= 0) {
        starts[slot] = start;
        ends[slot] = end;
      }
    }
    fields.anyValue = anyValue;
    if (pos >= length) return length;
    if (c === LF) return pos + 1;
    if (c === CR) return bytes[pos + 1] === LF ? pos + 2 : -1;
    pos++; // the delimiter
    if (field === lastWantedColumn) {
      // Nothing wanted in the rest of the line: skip to its end. With a quote there (a quoted field may hold a
      // line break or a delimiter) its fields are split like the others, and not kept.
      let lineBreak = bytes.indexOf(LF, pos);
      if (lineBreak < 0) lineBreak = length;
      if (nextQuote < 0 || nextQuote >= lineBreak) {
        if (!anyValue) fields.anyValue = restHasValue(bytes, pos, lineBreak, delimiter);
        return lineBreak + 1;
      }
    }
  }
}

/** Whether the rest of a line without quotes, up to its LF (or CRLF), holds anything besides delimiters. */
function restHasValue(bytes: Uint8Array, pos: number, lineBreak: number, delimiter: number): boolean {
  // The CR of a CRLF is the line end; a CR at the end of the file is data.
  const end = lineBreak < bytes.length && lineBreak > pos && bytes[lineBreak - 1] === CR ? lineBreak - 1 : lineBreak;
  for (let i = pos; i < end; i++) if (bytes[i] !== delimiter) return true;
  return false;
}

/** Whether the line starting at `recordStart` has a quote before its line break (`nextQuote`: first quote after). */
function quoteInLine(buffer: Buffer, recordStart: number, nextQuote: number): number {
  if (nextQuote < 0) return UNQUOTED;
  const lineBreak = buffer.indexOf(LF, recordStart);
  return lineBreak < 0 || nextQuote < lineBreak ? QUOTED : UNQUOTED;
}

/**
 * About how many records follow `start`, from the line breaks in a 64 KB sample, with 10% to spare: row arrays
 * sized once from it rarely grow.
 */
export function estimateRecordCount(bytes: Uint8Array, start: number): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sampleEnd = Math.min(buffer.length, start + (1 << 16));
  let lines = 1;
  for (let i = buffer.indexOf(LF, start); i >= 0 && i < sampleEnd; i = buffer.indexOf(LF, i + 1)) lines++;
  if (sampleEnd === buffer.length) return lines;
  return Math.ceil(((buffer.length - start) / (sampleEnd - start)) * lines * 1.1) + 16;
}

/** One field of the record starting at byte `pos` (for messages only: re-reads the record). */
export function readField(bytes: Uint8Array, pos: number, delimiter: number, column: number): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let field = 0;
  while (pos < buffer.length) {
    let value: string;
    if (buffer[pos] === QUOTE) {
      let end = pos + 1;
      for (;;) {
        const q = buffer.indexOf(QUOTE, end);
        if (q < 0) {
          end = buffer.length;
          break;
        }
        if (buffer[q + 1] === QUOTE) end = q + 2;
        else {
          end = q + 1;
          break;
        }
      }
      value = buffer.toString("utf8", pos + 1, end - 1).replace(/""/g, '"');
      pos = end;
    } else {
      const start = pos;
      while (pos < buffer.length) {
        const c = buffer[pos]!;
        if (c === delimiter || c === LF || c === CR) break;
        pos++;
      }
      value = buffer.toString("utf8", start, pos);
    }
    if (field === column) return value;
    if (buffer[pos] !== delimiter) return "";
    pos++;
    field++;
  }
  return "";
}
