/**
 * Pass 1 over cell values: every row read once into typed arrays (`EncodedSales`). `encodeRows` reads the row
 * matrix of `analyzeRfm` directly (no column copies); `encodeColumns` reads column arrays (`analyzeColumns`).
 * Customer ids go through `RangeInterner`; order ids are not interned at all: each row keeps only its order id's
 * hash (or a link to the previous line of the same order), and pass 2 compares ids only within a customer's own
 * rows. Strings are only read here, in row order, where they sit next to each other in memory; later passes touch
 * typed arrays (and read two order cells again only to confirm equal hashes).
 */
import { cellText, cellToSerialDay, cellToUnits, describeCell, isBlankCell, isExcelError } from "./cells";
import {
  AmbiguousDateLog,
  CHECK_EVERY,
  checkHooks,
  type EncodedSales,
  NO_ORDER,
  ORDER_HASHED,
  ORDER_KIND_MASK,
  ORDER_LINKED,
  type RowOrders,
  SkipLog,
  storeUnits,
} from "./encoded-sales";
import { isAmbiguousDateText, parseDateText } from "./excel-date";
import { hashText, NumberKeyedIndex, RangeInterner } from "./interner";
import { isOutOfRangeUnits, multiplyUnits, numberToUnits } from "./money";
import { sameText, type TextColumn, TextColumnWriter, textAt, textLength } from "./text-column";
import type { CellValue, ColumnMapping, ProgressHooks, RfmOptions, SkipReason } from "./types";

/** Sales lines as columns (one entry per data row, header excluded). Only `customer` and `date` are required. */
export interface SalesColumns {
  customer: ArrayLike<CellValue>;
  date: ArrayLike<CellValue>;
  amount?: ArrayLike<CellValue>;
  orderId?: ArrayLike<CellValue>;
  quantity?: ArrayLike<CellValue>;
  price?: ArrayLike<CellValue>;
  dimensions?: { name: string; values: ArrayLike<CellValue> }[];
  /** Number of data rows; default the length of `customer`. */
  rowCount?: number;
  /** Worksheet row / file line number per data row, when not simply consecutive (e.g. CSV with quoted newlines). */
  rowNumbers?: ArrayLike<number>;
  /**
   * Whether a data row is fully blank (every cell, mapped or not); asked only when the customer cell is empty.
   * Default: every mapped cell of the row is blank.
   */
  isBlankRow?: (row: number) => boolean;
}

/** Trimmed customer id of a cell; "" when empty or unreadable (an Excel error counts as missing). */
function customerIdOf(cell: CellValue): string {
  if (typeof cell === "string") {
    const id = cell.trim();
    return id.charCodeAt(0) === 35 && isExcelError(id) ? "" : id;
  }
  return cellText(cell);
}

/** Order id text of a cell: text trimmed (kept as is otherwise), numbers as `String(n)`; "" = none. */
function orderKeyOf(cell: CellValue): string {
  return typeof cell === "string" ? cell.trim() : cellText(cell);
}

/**
 * Records each row's order id: a hash, or a link to the previous order line of the same customer. No text is kept:
 * `sameOrder` reads the two cells again (it is asked only when hashes are equal).
 */
class OrderRecorder {
  readonly orders: RowOrders;
  private previousText = "";
  private previousRow = -1;
  private previousCustomer = -1;

  /** `texts`: keep each hashed row's id text there (when the cells themselves are not kept). */
  constructor(
    rowCount: number,
    sameOrder: RowOrders["sameOrder"],
    private readonly texts?: TextColumnWriter,
  ) {
    this.orders = { word: new Int32Array(rowCount), kind: new Uint8Array(rowCount), sameOrder };
  }

  record(row: number, text: string, customer: number): void {
    const { word, kind } = this.orders;
    if (text === "") kind[row] = NO_ORDER;
    else if (text === this.previousText && customer === this.previousCustomer) {
      kind[row] = ORDER_LINKED;
      word[row] = this.previousRow;
      this.previousRow = row;
    } else {
      kind[row] = ORDER_HASHED;
      word[row] = hashText(text, 0, text.length);
      this.texts?.put(row, text);
      this.previousText = text;
      this.previousRow = row;
      this.previousCustomer = customer;
    }
  }
}

/** Serial day of a date cell that is not a number (text, or unreadable), or NaN. */
function dayOfNonNumber(cell: CellValue, dateOrder: "DMY" | "MDY"): number {
  if (typeof cell !== "string") return cellToSerialDay(cell, dateOrder);
  // Date text read in place (no copy); numeric text and other rare forms go through the general cell reader.
  const day = parseDateText(cell, dateOrder);
  return day === day ? day : cellToSerialDay(cell, dateOrder);
}

/**
 * Customers numbered by first appearance, from id text or from numeric id cells, keeping each customer's first
 * spelling. A numeric cell is looked up by value (NumberKeyedIndex) and turned into text only the first time, so a
 * column of phone numbers costs no string per row; `17850` as a number and as text are one customer.
 */
class CustomerNumbering {
  readonly ids: string[] = [];
  private readonly byText = new RangeInterner();
  private readonly byNumber = new NumberKeyedIndex();
  // Consecutive lines of one order repeat the customer: a compare is cheaper than a lookup.
  private previousText = "";
  private previousNumber = NaN;
  private previous = -1;

  constructor(private readonly ignoreCase: boolean) {}

  /** The customer of a trimmed, non-empty id text. */
  ofText(id: string): number {
    if (id === this.previousText) return this.previous;
    const key = this.ignoreCase ? id.toLowerCase() : id;
    const c = this.byText.index(key, 0, key.length);
    if (c === this.ids.length) this.ids.push(id); // first appearance: keep this spelling
    this.previousText = id;
    this.previousNumber = NaN;
    this.previous = c;
    return c;
  }

  /** The customer of a finite numeric id cell (its text is `String(value)`, as `cellText` gives). */
  ofNumber(value: number): number {
    if (value === this.previousNumber) return this.previous;
    let c = this.byNumber.find(value);
    if (c < 0) {
      c = this.ofText(String(value));
      this.byNumber.remember(value, c);
    }
    this.previousText = "";
    this.previousNumber = value;
    this.previous = c;
    return c;
  }
}

/** True for an id cell read by value: a finite number. */
function isNumericId(cell: CellValue): cell is number {
  return typeof cell === "number" && Number.isFinite(cell);
}

/**
 * What the analysis asks of cells after reading, kept as text when the cells themselves are not kept (chunks read
 * and dropped): the date cell of kept rows whose date is not simply its whole serial number (for rows after the
 * analysis date), and the dimension cells of kept rows. Order ids are kept by `OrderRecorder`.
 */
interface KeptTexts {
  dates: TextColumnWriter;
  dimensionColumns: number[];
  dimensions: TextColumnWriter[];
}

/** Pass 1 over a range's rows, chunk by chunk; state carried between chunks in fields. */
class RowReader {
  readonly rowCust: Int32Array;
  readonly rowDay: Int32Array;
  readonly rowUnits: Int32Array;
  readonly bigUnits = new Map<number, number>();
  readonly orders: OrderRecorder | undefined;
  customers = new CustomerNumbering(false);
  columns = { customer: 0, date: 0, amount: -1, quantity: -1, price: -1, order: -1 };
  dateOrder: "DMY" | "MDY" = "DMY";
  blankRows = 0;
  latestPurchaseDay = -1;
  private previousDateText = "";
  private previousDateDay = NaN;
  private previousDateAmbiguous = false;
  readonly ambiguousDates = new AmbiguousDateLog();
  rowNumberBase = 0;
  /** Worksheet row / line number of a data row, for ambiguous dates (default: rowNumberBase + row). */
  rowNumberOf: ((row: number) => number) | undefined;
  /** Whether a row without a customer is blank (default: every cell of its row array is). */
  isBlankRow: ((row: number) => boolean) | undefined;

  /**
   * `sameOrder` as the analysis will ask it (`RowOrders`); `kept`: keep the texts the analysis asks for later
   * (reading chunks that are then dropped), with order ids in `orderTexts`.
   */
  constructor(
    rowCount: number,
    orderColumn: number,
    public skip: (row: number, reason: SkipReason, cell: CellValue) => void,
    sameOrder: RowOrders["sameOrder"],
    private readonly kept?: KeptTexts,
    orderTexts?: TextColumnWriter,
  ) {
    this.rowCust = new Int32Array(rowCount).fill(-1);
    this.rowDay = new Int32Array(rowCount);
    this.rowUnits = new Int32Array(rowCount);
    this.orders = orderColumn >= 0 ? new OrderRecorder(rowCount, sameOrder, orderTexts) : undefined;
  }

  /** Rows [from, to), row r being `values[start + r]`. */
  read(values: CellValue[][], start: number, from: number, to: number): void {
    const { rowCust, rowDay, rowUnits, bigUnits, orders, customers, dateOrder, kept } = this;
    const { skip } = this;
    const { customer: customerColumn, date: dateColumn, amount: amountColumn, order: orderColumn } = this.columns;
    const { quantity: quantityColumn, price: priceColumn } = this.columns;
    let { blankRows, latestPurchaseDay, previousDateText, previousDateDay, previousDateAmbiguous } = this;
    for (let row = from; row < to; row++) {
      const cells = values[start + row];
      if (!cells) {
        blankRows++;
        continue;
      }
      const customerCell = cells[customerColumn];
      const numericId = isNumericId(customerCell);
      const id = numericId ? "" : customerIdOf(customerCell);
      if (!numericId && id === "") {
        if (this.isBlankRow ? this.isBlankRow(row) : cells.every(isBlankCell)) blankRows++;
        else skip(row, "missing_customer", customerCell);
        continue;
      }

      const dateCell = cells[dateColumn];
      let day: number;
      let ambiguous = false;
      if (typeof dateCell === "number") day = dateCell >= 1 && dateCell < 2958466 ? Math.floor(dateCell) : NaN;
      else if (typeof dateCell === "string" && dateCell === previousDateText) {
        day = previousDateDay;
        ambiguous = previousDateAmbiguous;
      } else {
        day = dayOfNonNumber(dateCell, dateOrder);
        if (typeof dateCell === "string") {
          ambiguous = day === day && isAmbiguousDateText(dateCell);
          previousDateText = dateCell;
          previousDateDay = day;
          previousDateAmbiguous = ambiguous;
        }
      }
      if (day !== day) {
        skip(row, "bad_date", dateCell);
        continue;
      }

      let units: number;
      if (amountColumn >= 0) {
        const amountCell = cells[amountColumn];
        units = typeof amountCell === "number" ? numberToUnits(amountCell) : cellToUnits(amountCell);
        if (units !== units) {
          skip(row, "bad_amount", amountCell);
          continue;
        }
        if (isOutOfRangeUnits(units)) {
          skip(row, "amount_out_of_range", amountCell);
          continue;
        }
      } else {
        const quantityCell = cells[quantityColumn];
        const priceCell = cells[priceColumn];
        const quantity = cellToUnits(quantityCell);
        const price = cellToUnits(priceCell);
        if (quantity !== quantity || price !== price) {
          skip(row, "bad_amount", quantity !== quantity ? quantityCell : priceCell);
          continue;
        }
        units = multiplyUnits(quantity, price);
        if (isOutOfRangeUnits(units) || isOutOfRangeUnits(quantity) || isOutOfRangeUnits(price)) {
          skip(row, "amount_out_of_range", isOutOfRangeUnits(quantity) ? quantityCell : priceCell);
          continue;
        }
      }

      const c = numericId ? customers.ofNumber(customerCell) : customers.ofText(id);
      rowCust[row] = c;
      rowDay[row] = day;
      storeUnits(rowUnits, bigUnits, row, units);
      if (units >= 0 && day > latestPurchaseDay) latestPurchaseDay = day;
      if (orders) orders.record(row, orderKeyOf(cells[orderColumn]), c);
      if (ambiguous)
        this.ambiguousDates.add(
          this.rowNumberOf ? this.rowNumberOf(row) : this.rowNumberBase + row,
          dateCell as string,
        );
      if (kept) {
        // A whole serial number reads back from rowDay; anything else is kept as the message would show it.
        if (dateCell !== day) kept.dates.put(row, describeCell(dateCell));
        const { dimensionColumns, dimensions } = kept;
        for (let d = 0; d < dimensionColumns.length; d++)
          dimensions[d]!.put(row, cellText(cells[dimensionColumns[d]!]));
      }
    }
    this.blankRows = blankRows;
    this.latestPurchaseDay = latestPurchaseDay;
    this.previousDateText = previousDateText;
    this.previousDateDay = previousDateDay;
    this.previousDateAmbiguous = previousDateAmbiguous;
  }
}

/** A RowReader set up for `mapping` and `options`, with the skipped-row log it fills. */
function setUpReader(
  rowCount: number,
  mapping: ColumnMapping,
  options: RfmOptions,
  sameOrder: RowOrders["sameOrder"],
  keep?: { kept: KeptTexts; orderTexts?: TextColumnWriter },
): { reader: RowReader; skipLog: SkipLog; rowNumberBase: number } {
  const amountColumn = mapping.amount ?? -1;
  const orderColumn = mapping.orderId ?? -1;
  const { ignoreCase, dateOrder, maxSkippedReported } = options;
  const rowNumberBase = options.firstRowNumber + (options.hasHeader ? 1 : 0);
  const skipLog = new SkipLog(maxSkippedReported);
  const skip = (row: number, reason: SkipReason, cell: CellValue): void => {
    skipLog.add(rowNumberBase + row, reason, skipLog.listing ? describeCell(cell) : "");
  };
  const reader = new RowReader(rowCount, orderColumn, skip, sameOrder, keep?.kept, keep?.orderTexts);
  reader.columns = {
    customer: mapping.customer!,
    date: mapping.date!,
    amount: amountColumn,
    quantity: amountColumn < 0 ? mapping.quantity! : -1,
    price: amountColumn < 0 ? mapping.price! : -1,
    order: orderColumn,
  };
  reader.customers = new CustomerNumbering(ignoreCase);
  reader.dateOrder = dateOrder;
  reader.rowNumberBase = rowNumberBase;
  return { reader, skipLog, rowNumberBase };
}

/**
 * Pass 1 over a range's rows (`values[start + row]`), reading only the mapped cells. A row whose every cell is
 * blank counts as blank; one with an empty customer otherwise is skipped (`missing_customer`).
 */
export function encodeRows(
  values: CellValue[][],
  start: number,
  rowCount: number,
  mapping: ColumnMapping,
  headers: string[],
  options: RfmOptions,
  hooks: ProgressHooks,
): EncodedSales {
  const dateColumn = mapping.date!;
  const orderColumn = mapping.orderId ?? -1;
  const cellAt = (row: number, column: number): CellValue => values[start + row]?.[column];
  const { reader, skipLog, rowNumberBase } = setUpReader(
    rowCount,
    mapping,
    options,
    (a, b) => orderKeyOf(cellAt(a, orderColumn)) === orderKeyOf(cellAt(b, orderColumn)),
  );
  // In chunks: a small method called many times is optimised as a whole and stays so between runs.
  for (let from = 0; from < rowCount; from += CHECK_EVERY) {
    if (from > 0) checkHooks(hooks, (0.85 * from) / rowCount);
    reader.read(values, start, from, Math.min(rowCount, from + CHECK_EVERY));
  }
  return {
    ...readerRows(reader, skipLog, rowCount),
    rowNumberOf: (row) => rowNumberBase + row,
    dateTextOf: (row) => describeCell(cellAt(row, dateColumn)),
    dimensions: mapping.dimensions.map((column) => ({
      name: headers[column]!,
      textOf: (row: number) => cellText(cellAt(row, column)),
    })),
  };
}

/**
 * Sales rows read chunk by chunk with the chunks dropped after reading (the add-in's read of a large selection):
 * the engine's row arrays plus, as compact text columns, what the analysis reads from cells later (order ids to
 * confirm equal hashes, dates of rows after the analysis date, dimension values). Plain data: typed arrays, a Map,
 * strings, so it crosses to the worker by structured clone with its buffers transferred (`rowsTransferables`).
 */
export interface EncodedRows {
  rowCount: number;
  rowCustomer: Int32Array;
  rowDay: Int32Array;
  rowUnits: Int32Array;
  bigUnits: Map<number, number>;
  orders?: { word: Int32Array; kind: Uint8Array; texts: TextColumn };
  customerIds: string[];
  blankRows: number;
  latestPurchaseDay: number;
  skipped: { count: number; byReason: SkipLog["byReason"]; rows: SkipLog["rows"] };
  ambiguousDates: { count: number; rows: number[]; example: string };
  /** Kept rows' date cells as shown in messages; empty where the cell is the row's whole serial number. */
  dateTexts: TextColumn;
  dimensions: { name: string; texts: TextColumn }[];
  headers: string[];
  mapping: ColumnMapping;
  /** The options reading depended on; the analysis must be run with the same. */
  readWith: Pick<RfmOptions, "dateOrder" | "ignoreCase" | "firstRowNumber" | "hasHeader" | "maxSkippedReported">;
}

/**
 * Pass 1 fed one chunk of rows at a time (`add`), in order; `finish` gives the EncodedRows. The same reader as
 * `encodeRows`, so skip rules, customer numbering and order links are those of the whole-matrix path.
 */
export class RowEncoder {
  private readonly reader: RowReader;
  private readonly skipLog: SkipLog;
  private readonly dates: TextColumnWriter;
  private readonly dimensions: TextColumnWriter[];
  private readonly orderTexts: TextColumnWriter | undefined;
  private done = 0;

  /** `rowCount` data rows (header excluded); `headers` as `checkedHeaders` gives them. */
  constructor(
    private readonly rowCount: number,
    private readonly mapping: ColumnMapping,
    private readonly headers: string[],
    private readonly options: RfmOptions,
  ) {
    this.dates = new TextColumnWriter(rowCount);
    this.dimensions = mapping.dimensions.map(() => new TextColumnWriter(rowCount));
    this.orderTexts = mapping.orderId === undefined ? undefined : new TextColumnWriter(rowCount);
    const kept: KeptTexts = {
      dates: this.dates,
      dimensionColumns: [...mapping.dimensions],
      dimensions: this.dimensions,
    };
    // Order ids are compared by `encodedRowsToSales` from the kept texts, never while reading.
    const { reader, skipLog } = setUpReader(rowCount, mapping, options, () => false, {
      kept,
      orderTexts: this.orderTexts,
    });
    this.reader = reader;
    this.skipLog = skipLog;
  }

  /** The next `rows.length` data rows (fewer when they would pass `rowCount`). */
  add(rows: CellValue[][]): void {
    const from = this.done;
    const to = Math.min(this.rowCount, from + rows.length);
    for (let at = from; at < to; at += CHECK_EVERY) this.reader.read(rows, -from, at, Math.min(to, at + CHECK_EVERY));
    this.done = to;
  }

  /**
   * The rows as the worker receives them. Not `readerRows`: the same reader fields, but as EncodedRows, the
   * structured-clone form (plain logs and finished text tables instead of EncodedSales' lookups).
   */
  finish(): EncodedRows {
    const { reader, skipLog, options, rowCount } = this;
    const { rowCust, rowDay, rowUnits, bigUnits, orders, blankRows, latestPurchaseDay, ambiguousDates } = reader;
    // Rows never given read as blank, as a missing row of the matrix does.
    const blankTail = rowCount - this.done;
    return {
      rowCount,
      rowCustomer: rowCust,
      rowDay,
      rowUnits,
      bigUnits,
      ...(orders && this.orderTexts
        ? { orders: { word: orders.orders.word, kind: orders.orders.kind, texts: this.orderTexts.finish() } }
        : {}),
      customerIds: reader.customers.ids,
      blankRows: blankRows + blankTail,
      latestPurchaseDay,
      skipped: { count: skipLog.count, byReason: skipLog.byReason, rows: skipLog.rows },
      ambiguousDates: { count: ambiguousDates.count, rows: ambiguousDates.rows, example: ambiguousDates.example },
      dateTexts: this.dates.finish(),
      dimensions: this.dimensions.map((texts, d) => ({
        name: this.headers[this.mapping.dimensions[d]!]!,
        texts: texts.finish(),
      })),
      headers: this.headers,
      mapping: this.mapping,
      readWith: {
        dateOrder: options.dateOrder,
        ignoreCase: options.ignoreCase,
        firstRowNumber: options.firstRowNumber,
        hasHeader: options.hasHeader,
        maxSkippedReported: options.maxSkippedReported,
      },
    };
  }
}

/** EncodedRows as the analysis reads them (EncodedSales): its row arrays are used up by the analysis. */
export function encodedRowsToSales(rows: EncodedRows): EncodedSales {
  const { readWith } = rows;
  const rowNumberBase = readWith.firstRowNumber + (readWith.hasHeader ? 1 : 0);
  const skipped = new SkipLog(readWith.maxSkippedReported);
  skipped.count = rows.skipped.count;
  skipped.byReason = { ...rows.skipped.byReason };
  skipped.rows = rows.skipped.rows;
  const ambiguousDates = new AmbiguousDateLog();
  ambiguousDates.count = rows.ambiguousDates.count;
  ambiguousDates.rows = rows.ambiguousDates.rows;
  ambiguousDates.example = rows.ambiguousDates.example;
  const { rowDay, dateTexts, orders } = rows;
  let rowOrders: RowOrders | undefined;
  if (orders) {
    const { word, kind, texts } = orders;
    // A linked row's id is its order's first line's (it was linked because the texts were equal).
    const hashedRow = (row: number): number => {
      while ((kind[row]! & ORDER_KIND_MASK) === ORDER_LINKED) row = word[row]!;
      return row;
    };
    rowOrders = { word, kind, sameOrder: (a, b) => sameText(texts, hashedRow(a), hashedRow(b)) };
  }
  return {
    rowCount: rows.rowCount,
    rowCustomer: rows.rowCustomer,
    rowDay,
    rowUnits: rows.rowUnits,
    bigUnits: rows.bigUnits,
    rowOrders,
    customerIds: rows.customerIds,
    blankRows: rows.blankRows,
    latestPurchaseDay: rows.latestPurchaseDay,
    skipped,
    ambiguousDates,
    rowNumberOf: (row) => rowNumberBase + row,
    // Asked only while the analysis date's pass runs, before rowDay serves as scratch memory.
    dateTextOf: (row) => (textLength(dateTexts, row) === 0 ? String(rowDay[row]) : textAt(dateTexts, row)),
    dimensions: rows.dimensions.map(({ name, texts }) => ({ name, textOf: (row: number) => textAt(texts, row) })),
  };
}

/** The buffers of EncodedRows, for postMessage's transfer list (each once). */
export function rowsTransferables(rows: EncodedRows): ArrayBuffer[] {
  const views: ArrayBufferView[] = [
    rows.rowCustomer,
    rows.rowDay,
    rows.rowUnits,
    rows.dateTexts.ends,
    rows.dateTexts.bytes,
  ];
  if (rows.orders) views.push(rows.orders.word, rows.orders.kind, rows.orders.texts.ends, rows.orders.texts.bytes);
  for (const { texts } of rows.dimensions) views.push(texts.ends, texts.bytes);
  return [...new Set(views.map((view) => view.buffer as ArrayBuffer))];
}

/** Where encodeColumns puts each column's cell in the rows it hands to RowReader. */
const COLUMN_SLOTS = { customer: 0, date: 1, amount: 2, order: 3, quantity: 4, price: 5 } as const;

/**
 * Pass 1 over cell columns: the same RowReader as the rows' path (one implementation of the skip rules), fed
 * chunks of rows made from the columns in arrays reused from chunk to chunk. A row holds the columns given, so
 * "every cell blank" is every given column's cell (unless `isBlankRow` says otherwise).
 */
export function encodeColumns(columns: SalesColumns, options: RfmOptions, hooks: ProgressHooks): EncodedSales {
  const rowCount = columns.rowCount ?? columns.customer.length;
  const { customer: customerCells, date: dateCells, amount: amountCells, orderId: orderCells } = columns;
  const quantityCells = amountCells ? undefined : columns.quantity;
  const priceCells = amountCells ? undefined : columns.price;
  const dimensionCells = (columns.dimensions ?? []).map((d) => d.values);
  const rowNumberBase = options.firstRowNumber + (options.hasHeader ? 1 : 0);
  const rowNumberOf = columns.rowNumbers
    ? (row: number) => columns.rowNumbers![row]!
    : (row: number) => rowNumberBase + row;
  const given: (ArrayLike<CellValue> | undefined)[] = [
    customerCells,
    dateCells,
    amountCells,
    orderCells,
    quantityCells,
    priceCells,
    ...dimensionCells,
  ];
  const mapping: ColumnMapping = {
    customer: COLUMN_SLOTS.customer,
    date: COLUMN_SLOTS.date,
    ...(amountCells ? { amount: COLUMN_SLOTS.amount } : { quantity: COLUMN_SLOTS.quantity, price: COLUMN_SLOTS.price }),
    ...(orderCells ? { orderId: COLUMN_SLOTS.order } : {}),
    dimensions: [],
  };
  const { reader, skipLog } = setUpReader(
    rowCount,
    mapping,
    { ...options, firstRowNumber: rowNumberBase, hasHeader: false },
    (a, b) => orderKeyOf(orderCells![a]) === orderKeyOf(orderCells![b]),
  );
  if (columns.rowNumbers) {
    // Skipped and ambiguous rows by their own numbers.
    reader.rowNumberOf = rowNumberOf;
    const log = skipLog;
    reader.skip = (row, reason, cell) => log.add(rowNumberOf(row), reason, log.listing ? describeCell(cell) : "");
  }
  if (columns.isBlankRow) reader.isBlankRow = columns.isBlankRow;
  const chunkRows = Math.min(rowCount, CHECK_EVERY);
  const rows = Array.from({ length: chunkRows }, () => new Array<CellValue>(given.length).fill(null));
  for (let from = 0; from < rowCount; from += CHECK_EVERY) {
    if (from > 0) checkHooks(hooks, (0.85 * from) / rowCount);
    const to = Math.min(rowCount, from + CHECK_EVERY);
    for (let slot = 0; slot < given.length; slot++) {
      const cells = given[slot];
      if (cells) for (let row = from; row < to; row++) rows[row - from]![slot] = cells[row];
    }
    reader.read(rows, -from, from, to);
  }
  return {
    ...readerRows(reader, skipLog, rowCount),
    rowNumberOf,
    dateTextOf: (row) => describeCell(dateCells[row]),
    dimensions: (columns.dimensions ?? []).map(({ name, values }) => ({
      name,
      textOf: (row: number) => cellText(values[row]),
    })),
  };
}

/** What a whole read leaves in the reader: the row arrays, customers and logs (both cell readers end with it). */
function readerRows(
  reader: RowReader,
  skipLog: SkipLog,
  rowCount: number,
): Omit<EncodedSales, "rowNumberOf" | "dateTextOf" | "dimensions"> {
  const { rowCust, rowDay, rowUnits, bigUnits, orders, blankRows, latestPurchaseDay, ambiguousDates } = reader;
  return {
    rowCount,
    rowCustomer: rowCust,
    rowDay,
    rowUnits,
    bigUnits,
    rowOrders: orders?.orders,
    customerIds: reader.customers.ids,
    blankRows,
    latestPurchaseDay,
    skipped: skipLog,
    ambiguousDates,
  };
}
