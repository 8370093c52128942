/**
 * Pass 1 of the engine straight from the CSV file's bytes: one pass over the records, fields read in place (no
 * string per cell, the file is never decoded as a whole), customer ids interned from their bytes and order ids
 * hashed from them, so only one string per distinct customer is ever made. Simple records (the usual case) are
 * split by `splitPlainRecord`; quoted line breaks, doubled quotes and lone CRs take the careful path. Plain forms
 * are read from bytes directly (`YYYY-MM-DD` dates, `-123.45` amounts, ASCII ids); other date forms are parsed once
 * per distinct text; anything else is decoded and handed to the engine's own text parsers, so the results are the
 * add-in's (tests/cli/differential.test.ts). The result is the engine's `EncodedSales`, so aggregation and scoring
 * are its code.
 */
import {
  type ColumnMapping,
  type EncodedSales,
  MONEY_SCALE,
  multiplyUnits,
  parseDateText,
  parseMoneyText,
  type RfmOptions,
} from "../engine/index";
import {
  AmbiguousDateLog,
  cellToSerialDay,
  grown,
  isAmbiguousDateText,
  isExcelError,
  isOutOfRangeUnits,
  NO_ORDER,
  ORDER_HASHED,
  ORDER_LINKED,
  SkipLog,
  skipWhitespace,
  storeUnits,
  trimEndIndex,
} from "../engine/encoded";
import { ByteInterner, hashBytes } from "./byte-interner";
import type { CsvByteHeader } from "./csv-reader";

const QUOTE = 34;
const LF = 10;
const CR = 13;
const MINUS = 45;
const DOT = 46;
const HASH = 35;

/** Slot per wanted field. */
const CUSTOMER = 0;
const DATE = 1;
const AMOUNT = 2; // or quantity
const PRICE = 3;
const ORDER = 4;

/** The wanted fields of one record: byte ranges in the file, or a decoded string for quoted fields. */
interface FieldSlots {
  start: Int32Array;
  end: Int32Array;
  quoted: (string | undefined)[];
  /** Whether any field of the record (wanted or not) has a value: a record without is a blank line. */
  anyValue: boolean;
}

/** Outcome of reading an id field that has none: empty, absent or an Excel error text. */
const NO_ID = -1;

/** Whether the current line has a quote (then CR ends fields and the record, as in quoted records). */
const UNKNOWN = -1;
const UNQUOTED = 0;
const QUOTED = 1;

/** The engine's encoded rows, plus the customers in id order when the interner could tell it without sorting. */
export interface CsvSales extends EncodedSales {
  customerIdOrder?: Uint32Array;
  /** File line where a quoted field starts that is never closed (it then runs to the end of the file). */
  unterminatedQuoteLine?: number;
}

/**
 * Reads the records after the header into the engine's encoded rows. `mapping` holds CSV column indexes;
 * `options` must be resolved. Row numbers are file line numbers (a record with quoted line breaks counts all).
 */
export function encodeCsv(
  bytes: Uint8Array,
  header: CsvByteHeader,
  mapping: ColumnMapping,
  options: RfmOptions,
): CsvSales {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const delimiter = header.delimiter;
  const useAmount = mapping.amount !== undefined;
  const columnSlot = new Int8Array(header.names.length + 1).fill(-1);
  const assign = (column: number | undefined, slot: number): void => {
    if (column !== undefined && column < columnSlot.length) columnSlot[column] = slot;
  };
  assign(mapping.customer, CUSTOMER);
  assign(mapping.date, DATE);
  assign(useAmount ? mapping.amount : mapping.quantity, AMOUNT);
  if (!useAmount) assign(mapping.price, PRICE);
  assign(mapping.orderId, ORDER);
  const hasOrder = mapping.orderId !== undefined;
  const fields: FieldSlots = {
    start: new Int32Array(5),
    end: new Int32Array(5),
    quoted: new Array<string | undefined>(5).fill(undefined),
    anyValue: false,
  };
  let lastWantedColumn = 0;
  for (let column = 0; column < columnSlot.length; column++) if (columnSlot[column]! >= 0) lastWantedColumn = column;

  const length = bytes.length;
  // Row arrays sized once from the line length of the first 64 KB (plus a margin); grown if that falls short.
  let capacity = estimateRecords(buffer, header.bodyStart);
  let rowCustomer = new Int32Array(capacity);
  let rowDay = new Int32Array(capacity);
  let rowUnits = new Int32Array(capacity);
  const bigUnits = new Map<number, number>();
  // Order ids: a hash per row and where the field lies, never a table of all orders (see RowOrders).
  let orderWord = new Int32Array(hasOrder ? capacity : 0);
  let orderKind = new Uint8Array(hasOrder ? capacity : 0);
  let orderStart = new Int32Array(hasOrder ? capacity : 0);
  let orderEnd = new Int32Array(hasOrder ? capacity : 0);
  /** Order ids that had to be decoded (quoted, trimmed or not ASCII), by row. */
  const decodedOrders = new Map<number, string>();
  let rowStart = new Int32Array(capacity);
  let rowLine = new Int32Array(capacity);

  // Tables sized from the row count up front: growing a big table re-inserts every id at random places.
  const customers = new ByteInterner(capacity >> 3);
  // With ignoreCase, spellings are interned exactly, then folded to the first spelling of their lower case.
  const spellingToCustomer: number[] = [];
  const lowerToCustomer = new Map<string, number>();
  const foldedIds: string[] = [];
  const skipped = new SkipLog(options.maxSkippedReported);
  const { dateOrder } = options;
  const days = new DayCache(dateOrder);
  const ambiguousDates = new AmbiguousDateLog();
  let blankRows = 0;
  let latestPurchaseDay = -1;
  let line = header.bodyLine;
  let unterminatedQuoteLine: number | undefined;

  // The previous row's customer and order id bytes: consecutive lines of one order repeat them.
  let previousCustomerStart = 0;
  let previousCustomerEnd = -1;
  let previousSpelling = -1;
  let previousOrderStart = 0;
  let previousOrderEnd = -1;
  let previousOrderRow = -1;
  let previousOrderCustomer = -1;
  let pos = header.bodyStart;
  let nextQuote = buffer.indexOf(QUOTE, pos);
  let row = 0;
  while (pos < length) {
    if (row === capacity) {
      capacity *= 2;
      rowCustomer = grown(rowCustomer, capacity);
      rowDay = grown(rowDay, capacity);
      rowUnits = grown(rowUnits, capacity);
      if (hasOrder) {
        orderWord = grown(orderWord, capacity);
        orderKind = grown(orderKind, capacity);
        orderStart = grown(orderStart, capacity);
        orderEnd = grown(orderEnd, capacity);
      }
      rowStart = grown(rowStart, capacity);
      rowLine = grown(rowLine, capacity);
    }
    const recordStart = pos;
    rowStart[row] = pos;
    rowLine[row] = line;
    for (let slot = 0; slot < 5; slot++) {
      fields.start[slot] = -1;
      fields.end[slot] = -1;
      fields.quoted[slot] = undefined;
    }
    if (nextQuote >= 0 && nextQuote < pos) nextQuote = buffer.indexOf(QUOTE, pos);
    let anyValue: boolean;
    const plainEnd = splitPlainRecord(bytes, pos, delimiter, columnSlot, lastWantedColumn, nextQuote, fields);
    if (plainEnd >= 0) {
      pos = plainEnd;
      anyValue = fields.anyValue;
    } else {
      // The careful path. A record is read as spreadsheet programs do: a line without quotes ends only at LF (a
      // lone CR is data); once the line has a quote, CR ends a field and the record too, and quoted fields may
      // span lines.
      for (let slot = 0; slot < 5; slot++) {
        fields.start[slot] = -1;
        fields.end[slot] = -1;
      }
      let quotedLine = UNKNOWN;
      anyValue = false;
      let field = 0;
      for (;;) {
        const slot = field < columnSlot.length ? columnSlot[field]! : -1;
        if (pos < length && bytes[pos] === QUOTE) {
          quotedLine = QUOTED;
          let partStart = pos + 1;
          let value = "";
          pos = partStart;
          for (;;) {
            const q = buffer.indexOf(QUOTE, pos);
            if (q < 0) {
              // Unterminated quote: the rest of the file is the field, as spreadsheet programs read it; the caller
              // is told (the CLI refuses the file rather than lose the rows after it).
              if (unterminatedQuoteLine === undefined) unterminatedQuoteLine = line;
              value += buffer.toString("utf8", partStart, length);
              pos = length;
              break;
            }
            for (let j = pos; j < q; j++) if (bytes[j] === LF) line++;
            if (bytes[q + 1] === QUOTE) {
              value += buffer.toString("utf8", partStart, q + 1);
              pos = partStart = q + 2;
            } else {
              value += buffer.toString("utf8", partStart, q);
              pos = q + 1;
              break;
            }
          }
          // Anything between the closing quote and the delimiter is kept, as Excel does.
          const tailStart = pos;
          while (pos < length) {
            const c = bytes[pos]!;
            if (c === delimiter || c === LF || c === CR) break;
            pos++;
          }
          if (tailStart < pos) value += buffer.toString("utf8", tailStart, pos);
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
    }
    line++;

    rowCustomer[row] = -1;
    const lineOfRow = rowLine[row]!;

    // Customer.
    let spelling: number;
    const customerStart = fields.start[CUSTOMER]!;
    const customerEnd = fields.end[CUSTOMER]!;
    if (
      fields.quoted[CUSTOMER] === undefined &&
      customerEnd - customerStart === previousCustomerEnd - previousCustomerStart &&
      sameBytes(bytes, previousCustomerStart, customerStart, customerEnd - customerStart)
    ) {
      spelling = previousSpelling;
    } else if (fields.quoted[CUSTOMER] === undefined && isPlainId(bytes, customerStart, customerEnd)) {
      spelling = customers.index(buffer, customerStart, customerEnd);
      previousCustomerStart = customerStart;
      previousCustomerEnd = customerEnd;
      previousSpelling = spelling;
    } else spelling = readId(buffer, fields, CUSTOMER, customers);
    if (spelling < 0) {
      if (!anyValue) blankRows++;
      else skipped.add(lineOfRow, "missing_customer", skipped.listing ? fieldText(buffer, fields, CUSTOMER) : "");
      row++;
      continue;
    }
    // Date.
    const quotedDate = fields.quoted[DATE];
    const dateStart = fields.start[DATE]!;
    let day: number;
    let ambiguousDate: string | undefined;
    if (quotedDate !== undefined) {
      day = cellToSerialDay(quotedDate, dateOrder);
      if (day === day && isAmbiguousDateText(quotedDate)) ambiguousDate = quotedDate;
    } else if (dateStart < 0) day = NaN;
    else {
      day = days.of(buffer, dateStart, fields.end[DATE]!);
      ambiguousDate = days.ambiguousText;
    }
    if (day !== day) {
      skipped.add(lineOfRow, "bad_date", skipped.listing ? fieldText(buffer, fields, DATE) : "");
      row++;
      continue;
    }

    // Amount, or quantity × price.
    let units = moneyOf(buffer, fields, AMOUNT);
    if (!useAmount && units === units) {
      const price = moneyOf(buffer, fields, PRICE);
      if (price !== price) {
        skipped.add(lineOfRow, "bad_amount", skipped.listing ? fieldText(buffer, fields, PRICE) : "");
        row++;
        continue;
      }
      const quantity = units;
      units = multiplyUnits(quantity, price);
      if (isOutOfRangeUnits(units) || isOutOfRangeUnits(quantity) || isOutOfRangeUnits(price)) {
        const slot = isOutOfRangeUnits(price) ? PRICE : AMOUNT;
        skipped.add(lineOfRow, "amount_out_of_range", skipped.listing ? fieldText(buffer, fields, slot) : "");
        row++;
        continue;
      }
    }
    if (units !== units) {
      skipped.add(lineOfRow, "bad_amount", skipped.listing ? fieldText(buffer, fields, AMOUNT) : "");
      row++;
      continue;
    }
    if (isOutOfRangeUnits(units)) {
      skipped.add(lineOfRow, "amount_out_of_range", skipped.listing ? fieldText(buffer, fields, AMOUNT) : "");
      row++;
      continue;
    }

    // Folded here, once the row is known to count: a customer is shown as first spelled on a row that counts,
    // as the add-in shows it.
    let customer: number;
    if (options.ignoreCase) {
      let folded = spellingToCustomer[spelling];
      if (folded === undefined) {
        const text = customers.text(spelling);
        const lower = text.toLowerCase();
        folded = lowerToCustomer.get(lower);
        if (folded === undefined) {
          folded = foldedIds.length;
          foldedIds.push(text);
          lowerToCustomer.set(lower, folded);
        }
        spellingToCustomer[spelling] = folded;
      }
      customer = folded;
    } else customer = spelling;
    rowCustomer[row] = customer;
    rowDay[row] = day;
    storeUnits(rowUnits, bigUnits, row, units);
    if (units >= 0 && day > latestPurchaseDay) latestPurchaseDay = day;
    if (ambiguousDate !== undefined) ambiguousDates.add(lineOfRow, ambiguousDate);
    if (hasOrder) {
      const start = fields.start[ORDER]!;
      const end = fields.end[ORDER]!;
      const plain = fields.quoted[ORDER] === undefined && start >= 0 && isPlainId(bytes, start, end);
      if (
        plain &&
        customer === previousOrderCustomer &&
        end - start === previousOrderEnd - previousOrderStart &&
        sameBytes(bytes, previousOrderStart, start, end - start)
      ) {
        // The next line of the same order: linked, no hashing. Its field is kept too: if the lines it links to
        // are not counted (returns, or after the analysis date), it is compared with the customer's other orders.
        orderKind[row] = ORDER_LINKED;
        orderWord[row] = previousOrderRow;
        orderStart[row] = start;
        orderEnd[row] = end;
        previousOrderRow = row;
      } else if (plain) {
        orderKind[row] = ORDER_HASHED;
        orderWord[row] = hashBytes(bytes, start, end);
        orderStart[row] = start;
        orderEnd[row] = end;
        previousOrderStart = start;
        previousOrderEnd = end;
        previousOrderRow = row;
        previousOrderCustomer = customer;
      } else {
        const id = trimmedText(buffer, fields, ORDER);
        if (id === "") orderKind[row] = NO_ORDER;
        else {
          orderKind[row] = ORDER_HASHED;
          const utf8 = Buffer.from(id, "utf8");
          orderWord[row] = hashBytes(utf8, 0, utf8.length);
          decodedOrders.set(row, id);
        }
      }
    }
    row++;
  }

  const rowCount = row;
  const dateColumn = mapping.date!;
  return {
    rowCount,
    rowCustomer: rowCustomer.subarray(0, rowCount),
    rowDay: rowDay.subarray(0, rowCount),
    rowUnits: rowUnits.subarray(0, rowCount),
    bigUnits,
    rowOrders: hasOrder
      ? {
          word: orderWord,
          kind: orderKind,
          sameOrder: (a, b) => {
            const textA = decodedOrders.get(a);
            const textB = decodedOrders.get(b);
            if (textA !== undefined || textB !== undefined) {
              return (
                (textA ?? buffer.toString("latin1", orderStart[a], orderEnd[a])) ===
                (textB ?? buffer.toString("latin1", orderStart[b], orderEnd[b]))
              );
            }
            const length = orderEnd[a]! - orderStart[a]!;
            return length === orderEnd[b]! - orderStart[b]! && sameBytes(bytes, orderStart[a]!, orderStart[b]!, length);
          },
        }
      : undefined,
    customerIds: options.ignoreCase ? foldedIds : customers.texts(),
    latestPurchaseDay,
    customerIdOrder: options.ignoreCase ? undefined : customers.indexesInTextOrder(),
    unterminatedQuoteLine,
    blankRows,
    skipped,
    ambiguousDates,
    rowNumberOf: (r) => rowLine[r]!,
    dateTextOf: (r) => readField(buffer, rowStart[r]!, delimiter, dateColumn),
    dimensions: [],
  };
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

/** About how many records follow `start`, from the line breaks in a 64 KB sample, with 10% to spare. */
function estimateRecords(buffer: Buffer, start: number): number {
  const sampleEnd = Math.min(buffer.length, start + (1 << 16));
  let lines = 1;
  for (let i = buffer.indexOf(LF, start); i >= 0 && i < sampleEnd; i = buffer.indexOf(LF, i + 1)) lines++;
  if (sampleEnd === buffer.length) return lines;
  return Math.ceil(((buffer.length - start) / (sampleEnd - start)) * lines * 1.1) + 16;
}

/** Whether the line starting at `recordStart` has a quote before its line break (`nextQuote`: first quote after). */
function quoteInLine(buffer: Buffer, recordStart: number, nextQuote: number): number {
  if (nextQuote < 0) return UNQUOTED;
  const lineBreak = buffer.indexOf(LF, recordStart);
  return lineBreak < 0 || nextQuote < lineBreak ? QUOTED : UNQUOTED;
}

function sameBytes(bytes: Uint8Array, a: number, b: number, count: number): boolean {
  for (let i = 0; i < count; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}

/**
 * An id that needs neither trimming nor decoding: ASCII, no white space at either end, not `#…` (an Excel error
 * text such as `#N/A` means "no customer"). Such ids are interned from their bytes as they stand.
 */
function isPlainId(bytes: Uint8Array, start: number, end: number): boolean {
  if (start >= end) return false;
  const first = bytes[start]!;
  const last = bytes[end - 1]!;
  if (first <= 32 || last <= 32 || first === HASH) return false;
  for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

/**
 * The interned index of an id field (trimmed as the engine trims), NO_ID when it is empty, absent or an Excel
 * error text.
 */
function readId(buffer: Buffer, fields: FieldSlots, slot: number, interner: ByteInterner): number {
  if (fields.quoted[slot] === undefined) {
    const start = fields.start[slot]!;
    const end = fields.end[slot]!;
    if (start < 0 || start >= end) return NO_ID;
    if (isPlainId(buffer, start, end)) return interner.index(buffer, start, end);
  }
  const id = trimmedText(buffer, fields, slot);
  if (id === "") return NO_ID;
  if (id.charCodeAt(0) === HASH && isExcelError(id)) return NO_ID;
  return interner.indexString(id);
}

/** A field decoded and trimmed as the engine trims cell text ("" when empty or absent). */
function trimmedText(buffer: Buffer, fields: FieldSlots, slot: number): string {
  let text = fields.quoted[slot];
  if (text === undefined) {
    const start = fields.start[slot]!;
    const end = fields.end[slot]!;
    if (start < 0 || start >= end) return "";
    text = buffer.toString("utf8", start, end);
  }
  const start = skipWhitespace(text, 0, text.length);
  const end = trimEndIndex(text, start, text.length);
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * Serial days of date fields. `YYYY-MM-DD` is read from its bytes to a number and each distinct one is parsed once
 * by the engine; any other form (`03/01/2024`, `2010-12-01 08:26`) is interned by its bytes and each distinct text
 * is decoded and parsed once, as the engine parses text. A file holds far fewer distinct dates than rows.
 */
class DayCache {
  private readonly known = new Map<number, number>();
  private previousKey = -1;
  private previousDay = NaN;
  /** Other forms: their texts, and the day of each (by the text's index). */
  private readonly texts = new ByteInterner(256);
  private textDays: number[] = [];
  /** Per text: the text when it reads as another real date in the other day/month order, else undefined. */
  private textAmbiguous: (string | undefined)[] = [];
  /** The text of the date just read when it is ambiguous (`03/05/2024`), else undefined. */
  ambiguousText: string | undefined;

  constructor(private readonly dateOrder: "DMY" | "MDY") {}

  of(bytes: Buffer, start: number, end: number): number {
    this.ambiguousText = undefined;
    if (end - start === 10 && bytes[start + 4] === MINUS && bytes[start + 7] === MINUS) {
      const key = digits(bytes, start, 4) * 10000 + digits(bytes, start + 5, 2) * 100 + digits(bytes, start + 8, 2);
      if (key >= 0) {
        if (key === this.previousKey) return this.previousDay;
        let day = this.known.get(key);
        if (day === undefined) {
          day = this.parse(bytes.toString("latin1", start, end));
          this.known.set(key, day);
        }
        this.previousKey = key;
        this.previousDay = day;
        return day;
      }
    }
    const index = this.texts.index(bytes, start, end);
    if (index === this.textDays.length) {
      const text = this.texts.text(index);
      const day = this.parse(text);
      this.textDays.push(day);
      this.textAmbiguous.push(day === day && isAmbiguousDateText(text) ? text : undefined);
    }
    this.ambiguousText = this.textAmbiguous[index];
    return this.textDays[index]!;
  }

  private parse(text: string): number {
    const day = parseDateText(text, this.dateOrder);
    return day === day ? day : cellToSerialDay(text, this.dateOrder);
  }
}

/** Value of `count` ASCII digits at `start`, or a negative number when one is not a digit. */
function digits(bytes: Uint8Array, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = bytes[i]! - 48;
    if (digit < 0 || digit > 9) return -1e9;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Money units of a field. A plain decimal (`-1234.5`, at most 15 integer digits) is read from its bytes exactly as
 * `parseMoneyText` reads it (4 decimals, half away from zero); anything else goes through `parseMoneyText`.
 */
function moneyOf(buffer: Buffer, fields: FieldSlots, slot: number): number {
  const quoted = fields.quoted[slot];
  if (quoted !== undefined) return parseMoneyText(quoted);
  const start = fields.start[slot]!;
  const end = fields.end[slot]!;
  if (start < 0) return NaN;
  let i = start;
  const negative = buffer[i] === MINUS;
  if (negative) i++;
  let intValue = 0;
  let intDigits = 0;
  while (i < end) {
    const digit = buffer[i]! - 48;
    if (digit < 0 || digit > 9) break;
    intValue = intValue * 10 + digit;
    intDigits++;
    i++;
  }
  let fracValue = 0;
  let fracDigits = 0;
  let roundUp = false;
  if (i < end && buffer[i] === DOT) {
    i++;
    while (i < end) {
      const digit = buffer[i]! - 48;
      if (digit < 0 || digit > 9) break;
      if (fracDigits < 4) fracValue = fracValue * 10 + digit;
      else if (fracDigits === 4) roundUp = digit >= 5;
      fracDigits++;
      i++;
    }
  }
  if (i !== end || intDigits + fracDigits === 0 || intDigits > 15) {
    return parseMoneyText(buffer.toString("utf8", start, end));
  }
  for (let d = fracDigits; d < 4; d++) fracValue *= 10;
  const units = intValue * MONEY_SCALE + fracValue + (roundUp ? 1 : 0);
  return negative ? -units + 0 : units;
}

function fieldText(buffer: Buffer, fields: FieldSlots, slot: number): string {
  const quoted = fields.quoted[slot];
  if (quoted !== undefined) return quoted;
  const start = fields.start[slot]!;
  return start < 0 ? "" : buffer.toString("utf8", start, fields.end[slot]);
}

/** One field of the record starting at byte `pos` (for messages only: re-reads the record). */
function readField(bytes: Uint8Array, pos: number, delimiter: number, column: number): string {
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
