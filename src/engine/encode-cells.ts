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
  ORDER_LINKED,
  type RowOrders,
  SkipLog,
  storeUnits,
} from "./encoded-sales";
import { isAmbiguousDateText, MAX_DATE_SERIAL, parseDateText } from "./excel-date";
import { hashText, NumberKeyedIndex, RangeInterner } from "./interner";
import { isOutOfRangeUnits, multiplyUnits, numberToUnits } from "./money";
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

  constructor(rowCount: number, orderCellOf: (row: number) => CellValue) {
    this.orders = {
      word: new Int32Array(rowCount),
      kind: new Uint8Array(rowCount),
      sameOrder: (a, b) => orderKeyOf(orderCellOf(a)) === orderKeyOf(orderCellOf(b)),
    };
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

  constructor(
    private readonly values: CellValue[][],
    private readonly start: number,
    rowCount: number,
    orderColumn: number,
    private readonly skip: (row: number, reason: SkipReason, cell: CellValue) => void,
  ) {
    this.rowCust = new Int32Array(rowCount).fill(-1);
    this.rowDay = new Int32Array(rowCount);
    this.rowUnits = new Int32Array(rowCount);
    this.orders =
      orderColumn >= 0 ? new OrderRecorder(rowCount, (row) => values[start + row]?.[orderColumn]) : undefined;
  }

  read(from: number, to: number): void {
    const { values, start, rowCust, rowDay, rowUnits, bigUnits, orders, customers, dateOrder } = this;
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
        if (cells.every(isBlankCell)) blankRows++;
        else skip(row, "missing_customer", customerCell);
        continue;
      }

      const dateCell = cells[dateColumn];
      let day: number;
      let ambiguous = false;
      if (typeof dateCell === "number")
        day = dateCell >= 1 && dateCell < MAX_DATE_SERIAL + 1 ? Math.floor(dateCell) : NaN;
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
      if (ambiguous) this.ambiguousDates.add(this.rowNumberBase + row, dateCell as string);
    }
    this.blankRows = blankRows;
    this.latestPurchaseDay = latestPurchaseDay;
    this.previousDateText = previousDateText;
    this.previousDateDay = previousDateDay;
    this.previousDateAmbiguous = previousDateAmbiguous;
  }
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
  const customerColumn = mapping.customer!;
  const dateColumn = mapping.date!;
  const amountColumn = mapping.amount ?? -1;
  const quantityColumn = amountColumn < 0 ? mapping.quantity! : -1;
  const priceColumn = amountColumn < 0 ? mapping.price! : -1;
  const orderColumn = mapping.orderId ?? -1;
  const { ignoreCase, dateOrder, maxSkippedReported } = options;
  const rowNumberBase = options.firstRowNumber + (options.hasHeader ? 1 : 0);
  const skipLog = new SkipLog(maxSkippedReported);
  const skip = (row: number, reason: SkipReason, cell: CellValue): void => {
    skipLog.add(rowNumberBase + row, reason, skipLog.listing ? describeCell(cell) : "");
  };

  const reader = new RowReader(values, start, rowCount, orderColumn, skip);
  reader.columns = {
    customer: customerColumn,
    date: dateColumn,
    amount: amountColumn,
    quantity: quantityColumn,
    price: priceColumn,
    order: orderColumn,
  };
  reader.customers = new CustomerNumbering(ignoreCase);
  reader.dateOrder = dateOrder;
  reader.rowNumberBase = rowNumberBase;
  // In chunks: a small method called many times is optimised as a whole and stays so between runs.
  for (let from = 0; from < rowCount; from += CHECK_EVERY) {
    if (from > 0) checkHooks(hooks, (0.85 * from) / rowCount);
    reader.read(from, Math.min(rowCount, from + CHECK_EVERY));
  }
  const { rowCust, rowDay, rowUnits, bigUnits, orders, blankRows, latestPurchaseDay, ambiguousDates } = reader;
  const ids = reader.customers.ids;
  const cellAt = (row: number, column: number): CellValue => values[start + row]?.[column];
  return {
    rowCount,
    rowCustomer: rowCust,
    rowDay,
    rowUnits,
    bigUnits,
    rowOrders: orders?.orders,
    customerIds: ids,
    blankRows,
    latestPurchaseDay,
    skipped: skipLog,
    ambiguousDates,
    rowNumberOf: (row) => rowNumberBase + row,
    dateTextOf: (row) => describeCell(cellAt(row, dateColumn)),
    dimensions: mapping.dimensions.map((column) => ({
      name: headers[column]!,
      textOf: (row: number) => cellText(cellAt(row, column)),
    })),
  };
}

/** Pass 1 over cell columns. */
export function encodeColumns(columns: SalesColumns, options: RfmOptions, hooks: ProgressHooks): EncodedSales {
  const rowCount = columns.rowCount ?? columns.customer.length;
  const { customer: customerCells, date: dateCells, amount: amountCells, orderId: orderCells } = columns;
  const quantityCells = amountCells ? undefined : columns.quantity;
  const priceCells = amountCells ? undefined : columns.price;
  const { ignoreCase, dateOrder, maxSkippedReported } = options;
  const rowNumberBase = options.firstRowNumber + (options.hasHeader ? 1 : 0);
  const rowNumberOf = columns.rowNumbers
    ? (row: number) => columns.rowNumbers![row]!
    : (row: number) => rowNumberBase + row;
  const isBlankRow =
    columns.isBlankRow ??
    ((row: number) =>
      [
        customerCells,
        dateCells,
        amountCells,
        orderCells,
        quantityCells,
        priceCells,
        ...(columns.dimensions ?? []).map((d) => d.values),
      ].every((cells) => !cells || isBlankCell(cells[row])));

  const skipLog = new SkipLog(maxSkippedReported);
  const skip = (row: number, reason: SkipReason, cell: CellValue): void => {
    skipLog.add(rowNumberOf(row), reason, skipLog.listing ? describeCell(cell) : "");
  };

  const rowCust = new Int32Array(rowCount).fill(-1);
  const rowDay = new Int32Array(rowCount);
  const rowUnits = new Int32Array(rowCount);
  const bigUnits = new Map<number, number>();
  const orders = orderCells ? new OrderRecorder(rowCount, (row) => orderCells[row]) : undefined;
  const customers = new CustomerNumbering(ignoreCase);
  let blankRows = 0;
  let previousDateText = "";
  let previousDateDay = NaN;
  let previousDateAmbiguous = false;
  const ambiguousDates = new AmbiguousDateLog();

  for (let row = 0; row < rowCount; row++) {
    if ((row & (CHECK_EVERY - 1)) === 0 && row > 0) checkHooks(hooks, (0.85 * row) / rowCount);
    const customerCell = customerCells[row];
    const numericId = isNumericId(customerCell);
    const id = numericId ? "" : customerIdOf(customerCell);
    if (!numericId && id === "") {
      if (isBlankRow(row)) blankRows++;
      else skip(row, "missing_customer", customerCell);
      continue;
    }

    const dateCell = dateCells[row];
    let day: number;
    let ambiguous = false;
    if (typeof dateCell === "number")
      day = dateCell >= 1 && dateCell < MAX_DATE_SERIAL + 1 ? Math.floor(dateCell) : NaN;
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
    if (amountCells) {
      const amountCell = amountCells[row];
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
      const quantity = cellToUnits(quantityCells![row]);
      const price = cellToUnits(priceCells![row]);
      if (quantity !== quantity || price !== price) {
        skip(row, "bad_amount", quantity !== quantity ? quantityCells![row] : priceCells![row]);
        continue;
      }
      units = multiplyUnits(quantity, price);
      if (isOutOfRangeUnits(units) || isOutOfRangeUnits(quantity) || isOutOfRangeUnits(price)) {
        skip(row, "amount_out_of_range", isOutOfRangeUnits(quantity) ? quantityCells![row] : priceCells![row]);
        continue;
      }
    }

    const c = numericId ? customers.ofNumber(customerCell) : customers.ofText(id);
    rowCust[row] = c;
    rowDay[row] = day;
    storeUnits(rowUnits, bigUnits, row, units);
    if (orders) orders.record(row, orderKeyOf(orderCells![row]), c);
    if (ambiguous) ambiguousDates.add(rowNumberOf(row), dateCell as string);
  }
  return {
    rowCount,
    rowCustomer: rowCust,
    rowDay,
    rowUnits,
    bigUnits,
    rowOrders: orders?.orders,
    customerIds: customers.ids,
    blankRows,
    skipped: skipLog,
    ambiguousDates,
    rowNumberOf,
    dateTextOf: (row) => describeCell(dateCells[row]),
    dimensions: (columns.dimensions ?? []).map(({ name, values }) => ({
      name,
      textOf: (row: number) => cellText(values[row]),
    })),
  };
}
