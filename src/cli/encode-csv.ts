/**
 * Pass 1 of the engine straight from the CSV file's bytes: one pass over the records, fields read in place (no
 * string per cell, the file is never decoded as a whole), customer ids interned from their bytes and order ids
 * hashed from them, so only one string per distinct customer is ever made. `csv-records.ts` splits the records,
 * `csv-fields.ts` decodes the fields; this file turns each record into a row: customer, day, money units and
 * order link, or a skipped row with its reason. The result is the engine's `EncodedSales`, so aggregation and
 * scoring are its code.
 */
import {
  AmbiguousDateLog,
  grown,
  isOutOfRangeUnits,
  NO_ORDER,
  ORDER_HASHED,
  ORDER_LINKED,
  type RowOrders,
  SkipLog,
  storeUnits,
} from "../engine/encoded";
import {
  type ColumnMapping,
  type EncodedSales,
  multiplyUnits,
  type RfmOptions,
  type SkipReason,
} from "../engine/index";
import { ByteInterner, hashBytes } from "./byte-interner";
import type { CsvByteHeader } from "./csv-reader";
import { DayCache, fieldText, isPlainId, moneyOf, readId, sameBytes, trimmedText } from "./csv-fields";
import { CsvRecordSplitter, estimateRecordCount, type FieldSlots, readField } from "./csv-records";

/** Slot per wanted field. */
const CUSTOMER = 0;
const DATE = 1;
const AMOUNT = 2; // or quantity
const PRICE = 3;
const ORDER = 4;
const SLOT_COUNT = 5;

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
  const useAmount = mapping.amount !== undefined;
  const splitter = new CsvRecordSplitter(bytes, header, columnSlots(mapping, header.names.length), SLOT_COUNT);
  const fields = splitter.fields;
  // Row arrays sized once from the line length of the first 64 KB (plus a margin); grown if that falls short.
  const rows = new RowColumns(estimateRecordCount(bytes, header.bodyStart));
  const orders = mapping.orderId !== undefined ? new OrderLinks(bytes, rows.capacity) : undefined;
  // Tables sized from the row count up front: growing a big table re-inserts every id at random places.
  const spellings = new CustomerSpellings(bytes, new ByteInterner(rows.capacity >> 3));
  const folding = options.ignoreCase ? new CaseFolding(spellings.interner) : undefined;
  const days = new DayCache(options.dateOrder);
  const amounts = new AmountReader(useAmount);
  const skipped = new SkipLog(options.maxSkippedReported);
  const skip = (line: number, reason: SkipReason, slot: number): void =>
    skipped.add(line, reason, skipped.listing ? fieldText(buffer, fields, slot) : "");
  const ambiguousDates = new AmbiguousDateLog();
  let blankRows = 0;
  let latestPurchaseDay = -1;

  let row = 0;
  for (; splitter.hasRecord(); row++) {
    if (row === rows.capacity) {
      rows.grow();
      orders?.grow(rows.capacity);
    }
    splitter.next();
    const line = splitter.recordLine;
    rows.start[row] = splitter.recordStart;
    rows.line[row] = line;
    rows.customer[row] = -1;

    const spelling = spellings.read(buffer, fields);
    if (spelling < 0) {
      if (!fields.anyValue) blankRows++;
      else skip(line, "missing_customer", CUSTOMER);
      continue;
    }
    const day = days.ofField(buffer, fields, DATE);
    if (day !== day) {
      skip(line, "bad_date", DATE);
      continue;
    }
    const units = amounts.read(buffer, fields);
    if (units !== units) {
      skip(line, amounts.skipReason, amounts.skipSlot);
      continue;
    }

    // Folded here, once the row is known to count: a customer is shown as first spelled on a row that counts,
    // as the add-in shows it.
    const customer = folding ? folding.customerOf(spelling) : spelling;
    rows.customer[row] = customer;
    rows.day[row] = day;
    storeUnits(rows.units, rows.bigUnits, row, units);
    if (units >= 0 && day > latestPurchaseDay) latestPurchaseDay = day;
    if (days.ambiguousText !== undefined) ambiguousDates.add(line, days.ambiguousText);
    orders?.link(row, customer, buffer, fields);
  }

  const rowStart = rows.start;
  const dateColumn = mapping.date!;
  return {
    ...rows.encoded(row),
    rowOrders: orders?.rowOrders(buffer),
    ...customerIdsOf(spellings.interner, folding),
    latestPurchaseDay,
    unterminatedQuoteLine: splitter.unterminatedQuoteLine,
    blankRows,
    skipped,
    ambiguousDates,
    dateTextOf: (r) => readField(buffer, rowStart[r]!, header.delimiter, dateColumn),
    dimensions: [],
  };
}

/** The customers' ids by index, and their order by id when the interner can tell it without sorting. */
function customerIdsOf(
  spellings: ByteInterner,
  folding: CaseFolding | undefined,
): Pick<CsvSales, "customerIds" | "customerIdOrder"> {
  if (folding) return { customerIds: folding.ids, customerIdOrder: undefined };
  return { customerIds: spellings.texts(), customerIdOrder: spellings.indexesInTextOrder() };
}

/** Per CSV column, the slot its field goes to (-1: not wanted); one more column than the header, as a margin. */
function columnSlots(mapping: ColumnMapping, columnCount: number): Int8Array {
  const columnSlot = new Int8Array(columnCount + 1).fill(-1);
  const assign = (column: number | undefined, slot: number): void => {
    if (column !== undefined && column < columnSlot.length) columnSlot[column] = slot;
  };
  const useAmount = mapping.amount !== undefined;
  assign(mapping.customer, CUSTOMER);
  assign(mapping.date, DATE);
  assign(useAmount ? mapping.amount : mapping.quantity, AMOUNT);
  if (!useAmount) assign(mapping.price, PRICE);
  assign(mapping.orderId, ORDER);
  return columnSlot;
}

/** The per-row arrays of the encoded sales, grown together (doubled) when the estimate falls short. */
class RowColumns {
  customer: Int32Array;
  day: Int32Array;
  units: Int32Array;
  readonly bigUnits = new Map<number, number>();
  /** Where each record starts in the file (to re-read its date for messages) and its file line. */
  start: Int32Array;
  line: Int32Array;

  constructor(public capacity: number) {
    this.customer = new Int32Array(capacity);
    this.day = new Int32Array(capacity);
    this.units = new Int32Array(capacity);
    this.start = new Int32Array(capacity);
    this.line = new Int32Array(capacity);
  }

  /** The first `rowCount` rows as the engine's encoded rows; row numbers are file lines. */
  encoded(
    rowCount: number,
  ): Pick<EncodedSales, "rowCount" | "rowCustomer" | "rowDay" | "rowUnits" | "bigUnits" | "rowNumberOf"> {
    const rowLine = this.line;
    return {
      rowCount,
      rowCustomer: this.customer.subarray(0, rowCount),
      rowDay: this.day.subarray(0, rowCount),
      rowUnits: this.units.subarray(0, rowCount),
      bigUnits: this.bigUnits,
      rowNumberOf: (r) => rowLine[r]!,
    };
  }

  grow(): void {
    const capacity = (this.capacity *= 2);
    this.customer = grown(this.customer, capacity);
    this.day = grown(this.day, capacity);
    this.units = grown(this.units, capacity);
    this.start = grown(this.start, capacity);
    this.line = grown(this.line, capacity);
  }
}

/**
 * Customer ids to spelling indexes. Consecutive lines of one customer repeat the same bytes, so the previous plain
 * id is compared before the table is asked.
 */
class CustomerSpellings {
  private previousStart = 0;
  private previousEnd = -1;
  private previousSpelling = -1;

  constructor(
    private readonly bytes: Uint8Array,
    readonly interner: ByteInterner,
  ) {}

  /** The spelling index of the record's customer, or -1 (NO_ID) when it has none. */
  read(buffer: Buffer, fields: FieldSlots): number {
    const bytes = this.bytes;
    const start = fields.start[CUSTOMER]!;
    const end = fields.end[CUSTOMER]!;
    if (fields.quoted[CUSTOMER] !== undefined) return readId(buffer, fields, CUSTOMER, this.interner);
    if (
      end - start === this.previousEnd - this.previousStart &&
      sameBytes(bytes, this.previousStart, start, end - start)
    ) {
      return this.previousSpelling;
    }
    if (!isPlainId(bytes, start, end)) return readId(buffer, fields, CUSTOMER, this.interner);
    const spelling = this.interner.index(buffer, start, end);
    this.previousStart = start;
    this.previousEnd = end;
    this.previousSpelling = spelling;
    return spelling;
  }
}

/** With ignoreCase, spellings are interned exactly, then folded to the first spelling of their lower case. */
class CaseFolding {
  /** The customers' ids: each the first spelling of its lower case seen on a row that counts. */
  readonly ids: string[] = [];
  private readonly spellingToCustomer: number[] = [];
  private readonly lowerToCustomer = new Map<string, number>();

  constructor(private readonly spellings: ByteInterner) {}

  customerOf(spelling: number): number {
    let folded = this.spellingToCustomer[spelling];
    if (folded === undefined) {
      const text = this.spellings.text(spelling);
      const lower = text.toLowerCase();
      folded = this.lowerToCustomer.get(lower);
      if (folded === undefined) {
        folded = this.ids.length;
        this.ids.push(text);
        this.lowerToCustomer.set(lower, folded);
      }
      this.spellingToCustomer[spelling] = folded;
    }
    return folded;
  }
}

/** Money units of a record: its amount, or quantity × price. */
class AmountReader {
  /** Why the last `read` gave NaN, and the slot of the field to show. */
  skipReason: SkipReason = "bad_amount";
  skipSlot = AMOUNT;

  constructor(private readonly useAmount: boolean) {}

  /** The record's units, or NaN when it cannot count (`skipReason`, `skipSlot` say why). */
  read(buffer: Buffer, fields: FieldSlots): number {
    let units = moneyOf(buffer, fields, AMOUNT);
    if (!this.useAmount && units === units) {
      const price = moneyOf(buffer, fields, PRICE);
      if (price !== price) return this.fail("bad_amount", PRICE);
      const quantity = units;
      units = multiplyUnits(quantity, price);
      if (isOutOfRangeUnits(units) || isOutOfRangeUnits(quantity) || isOutOfRangeUnits(price)) {
        return this.fail("amount_out_of_range", isOutOfRangeUnits(price) ? PRICE : AMOUNT);
      }
    }
    if (units !== units) return this.fail("bad_amount", AMOUNT);
    if (isOutOfRangeUnits(units)) return this.fail("amount_out_of_range", AMOUNT);
    return units;
  }

  private fail(reason: SkipReason, slot: number): number {
    this.skipReason = reason;
    this.skipSlot = slot;
    return NaN;
  }
}

/**
 * Order ids: a hash per row and where the field lies, never a table of all orders (see RowOrders). Consecutive
 * lines of one order repeat the same bytes: such a line is linked to the previous one, not hashed.
 */
class OrderLinks {
  private word: Int32Array;
  private kind: Uint8Array;
  private start: Int32Array;
  private end: Int32Array;
  /** Order ids that had to be decoded (quoted, trimmed or not ASCII), by row. */
  private readonly decoded = new Map<number, string>();
  private previousStart = 0;
  private previousEnd = -1;
  private previousRow = -1;
  private previousCustomer = -1;

  constructor(
    private readonly bytes: Uint8Array,
    capacity: number,
  ) {
    this.word = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
  }

  grow(capacity: number): void {
    this.word = grown(this.word, capacity);
    this.kind = grown(this.kind, capacity);
    this.start = grown(this.start, capacity);
    this.end = grown(this.end, capacity);
  }

  /** Records the order of `row`, a row that counts for `customer`. */
  link(row: number, customer: number, buffer: Buffer, fields: FieldSlots): void {
    const bytes = this.bytes;
    const start = fields.start[ORDER]!;
    const end = fields.end[ORDER]!;
    const plain = fields.quoted[ORDER] === undefined && start >= 0 && isPlainId(bytes, start, end);
    if (
      plain &&
      customer === this.previousCustomer &&
      end - start === this.previousEnd - this.previousStart &&
      sameBytes(bytes, this.previousStart, start, end - start)
    ) {
      // The next line of the same order: linked, no hashing. Its field is kept too: if the lines it links to
      // are not counted (returns, or after the analysis date), it is compared with the customer's other orders.
      this.kind[row] = ORDER_LINKED;
      this.word[row] = this.previousRow;
      this.start[row] = start;
      this.end[row] = end;
      this.previousRow = row;
    } else if (plain) {
      this.kind[row] = ORDER_HASHED;
      this.word[row] = hashBytes(bytes, start, end);
      this.start[row] = start;
      this.end[row] = end;
      this.previousStart = start;
      this.previousEnd = end;
      this.previousRow = row;
      this.previousCustomer = customer;
    } else {
      const id = trimmedText(buffer, fields, ORDER);
      if (id === "") this.kind[row] = NO_ORDER;
      else {
        this.kind[row] = ORDER_HASHED;
        const utf8 = Buffer.from(id, "utf8");
        this.word[row] = hashBytes(utf8, 0, utf8.length);
        this.decoded.set(row, id);
      }
    }
  }

  /** The engine's view: hashes and links, and whether two rows hold the same order id. */
  rowOrders(buffer: Buffer): RowOrders {
    const { bytes, word, kind, start, end, decoded } = this;
    return {
      word,
      kind,
      sameOrder: (a, b) => {
        const textA = decoded.get(a);
        const textB = decoded.get(b);
        if (textA !== undefined || textB !== undefined) {
          return (
            (textA ?? buffer.toString("latin1", start[a], end[a])) ===
            (textB ?? buffer.toString("latin1", start[b], end[b]))
          );
        }
        const length = end[a]! - start[a]!;
        return length === end[b]! - start[b]! && sameBytes(bytes, start[a]!, start[b]!, length);
      },
    };
  }
}
