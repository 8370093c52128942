/**
 * The RFM analysis: a lean columnar core (`analyzeColumns`) and the validating entry for a cell matrix
 * (`analyzeRfm`). Rows are read once into typed arrays (encode-cells.ts), then aggregated per customer once the
 * analysis date is known; nothing allocates per row. Hot loops live in small methods called once per chunk of rows,
 * so V8 optimises them whole and early rather than by on-stack replacement of one long function.
 */
import { cellText } from "./cells";
import { columnLetter } from "./column-letter";
import {
  addDistinctOrders,
  BIG_PURCHASE,
  BIG_RETURN,
  CHECK_EVERY,
  checkHooks,
  type EncodedSales,
  NO_ORDER,
  ORDER_CANDIDATE,
  ORDER_EARLIER_CANDIDATE,
  ORDER_KIND_MASK,
  ORDER_LINKED,
  SkipLog,
  unitsAt,
  WARNING_ROWS,
} from "./encoded-sales";
import { EARLY_DATE_SERIAL, MAX_DATE_SERIAL, todaySerial } from "./excel-date";
import {
  encodeColumns,
  type EncodedRows,
  encodedRowsToSales,
  encodeRows,
  RowEncoder,
  type SalesColumns,
} from "./encode-cells";
import { correctlyRoundedSum } from "./float-sum";
import { MAX_EXACT_UNITS, MONEY_SCALE, numberToUnits } from "./money";
import { compareDateNotBefore, resolveOptions } from "./options";
import { serialToIsoDate } from "./excel-date";
import {
  binOf,
  breakpointValues,
  type Breakpoints,
  fixedBreakpoints,
  quantileBreakpoints,
  toFiveLevels,
} from "./scores";
import { validateMapping } from "./mapping";
import { sortedUnits, sortedWholeNumbers } from "./sorted";
import {
  type CellValue,
  type ColumnMapping,
  type CustomerColumns,
  type DateWarnings,
  LIFECYCLE_KEYS,
  type MovementMatrix,
  NO_PREVIOUS,
  type RfmComparison,
  type SegmentChangeKey,
  type ProgressHooks,
  type RfmOptions,
  type RfmResult,
  RfmInputError,
  type SchemeName,
  type SegmentSummaryRow,
  STANDARD_SEGMENT_KEYS,
  TIER_KEYS,
  VALUE_CLASS_KEYS,
} from "./types";

export { type EncodedSales } from "./encoded-sales";
export type { SalesColumns, EncodedRows } from "./encode-cells";
export { rowsTransferables } from "./encode-cells";

/** Extra context recorded in the result by `analyzeColumns`. */
export interface ColumnsContext {
  headers?: string[];
  mapping?: ColumnMapping;
}

/** analyzeRfm's hooks: progress and cancel, and a look at the encoded rows before the analysis uses them up. */
export interface AnalyzeHooks extends ProgressHooks {
  /**
   * Called with the rows as read, before the analysis reuses their days and amounts as scratch memory (the
   * worker runs the forecast here). Must not change them.
   */
  onEncoded?: (encoded: EncodedSales, options: RfmOptions) => void;
}

const PARETO_POINTS = 200;
/**
 * Pass 2's record per customer: 32 bytes, two to a cache line, so a row touches one place in memory and the
 * records of 100,000s of customers stay in cache. Word 0 as a float64: monetary units; then int32 fields.
 */
const RECORD_BYTES = 32;
const RECORD_WORDS = RECORD_BYTES / 4;
const FIRST_DAY = 2;
const LAST_DAY = 3;
const LAST_ROW = 4;
const FREQUENCY = 5;
const ROWS = 6;

/**
 * Runs the whole analysis on a range's cell values (`values[0]` is the header unless `hasHeader` is false).
 * Throws RfmInputError for a selection that cannot be analysed (empty, header only, mapping problems, no valid
 * rows, bad options) and CancelledError when `hooks.isCancelled` says so. Unreadable cells never throw: their
 * rows are skipped and reported.
 */
export function analyzeRfm(
  values: CellValue[][],
  mapping: ColumnMapping,
  options: Partial<RfmOptions> = {},
  hooks: AnalyzeHooks = {},
): RfmResult {
  const resolved = resolveOptions(options);
  if (!Array.isArray(values) || values.length === 0 || values.every((row) => !row || row.length === 0)) {
    throw new RfmInputError(
      "empty_selection",
      "The selection is empty. Select your sales table, including its header row.",
    );
  }
  // Ranges from Excel are rectangular: the first row's width settles it unless a mapped column lies beyond it,
  // and only then are all rows walked (a pass over a million row arrays is a cache miss each).
  let columnCount = values[0]?.length ?? 0;
  if (mappedColumns(mapping).some((column) => column >= columnCount)) columnCount = widestRow(values);
  const start = resolved.hasHeader ? 1 : 0;
  const rowCount = values.length - start;
  const headers = checkedHeaders(resolved.hasHeader ? values[0]! : [], columnCount, rowCount, mapping);
  // Straight from the rows: one pass reading only the mapped cells, no column copies.
  const encoded = encodeRows(values, start, rowCount, mapping, headers, resolved, hooks);
  hooks.onEncoded?.(encoded, resolved);
  return analyzeEncodedUnchecked(encoded, resolved, hooks, { headers, mapping });
}

/**
 * Checks the mapping against a range of `columnCount` columns with `rowCount` data rows (RfmInputError as
 * analyzeRfm throws it) and gives the column names: the header's texts, `Column X` where empty.
 */
function checkedHeaders(
  headerRow: readonly CellValue[],
  columnCount: number,
  rowCount: number,
  mapping: ColumnMapping,
): string[] {
  const problems = validateMapping(mapping, columnCount);
  if (problems.length > 0) {
    // Several required columns unmapped: one error naming them all (`detail.fields`, comma-separated).
    const missing = problems.filter((p) => p.code === "missing_field").map((p) => String(p.detail.field));
    if (missing.length > 1)
      throw new RfmInputError("missing_field", `Choose the columns for: ${missing.join(", ")}.`, {
        field: missing[0]!,
        fields: missing.join(","),
      });
    throw problems[0]!;
  }
  if (rowCount <= 0) {
    throw new RfmInputError("header_only", "The selection has only a header row. Select the sales rows below it too.");
  }
  return Array.from({ length: columnCount }, (_, c) => {
    const text = cellText(headerRow[c]);
    return text === "" ? `Column ${columnLetter(c)}` : text;
  });
}

/**
 * A RowEncoder for a range whose first row is `headerRow` (options with `hasHeader`), `columnCount` columns wide,
 * with `rowCount` data rows under it: options and mapping are checked first, as analyzeRfm checks them.
 */
export function startRowEncoder(
  headerRow: readonly CellValue[],
  columnCount: number,
  rowCount: number,
  mapping: ColumnMapping,
  options: Partial<RfmOptions> = {},
): RowEncoder {
  const resolved = resolveOptions(options);
  if (!resolved.hasHeader) throw new Error("A chunked read needs a header row.");
  const headers = checkedHeaders(headerRow, columnCount, rowCount, mapping);
  return new RowEncoder(rowCount, mapping, headers, resolved);
}

/**
 * The analysis of rows read in chunks (`RowEncoder`), as analyzeRfm would give it on the same cells. `options`
 * must read as the encoder's did (`rows.readWith`). The rows are used up.
 */
export function analyzeEncodedRows(
  rows: EncodedRows,
  options: Partial<RfmOptions> = {},
  hooks: AnalyzeHooks = {},
): RfmResult {
  const resolved = resolveOptions(options);
  const { readWith } = rows;
  for (const key of Object.keys(readWith) as (keyof EncodedRows["readWith"])[]) {
    if (resolved[key] !== readWith[key]) throw new Error(`The rows were read with another ${key}.`);
  }
  const encoded = encodedRowsToSales(rows);
  hooks.onEncoded?.(encoded, resolved);
  return analyzeEncodedUnchecked(encoded, resolved, hooks, { headers: rows.headers, mapping: rows.mapping });
}

/**
 * The same analysis on columns (the CLI's and benchmark's entry: no row matrix needed). Options are checked;
 * the columns must hold a customer and a date column and either amounts or quantities and prices.
 */
export function analyzeColumns(
  columns: SalesColumns,
  options: Partial<RfmOptions> = {},
  hooks: ProgressHooks = {},
  context: ColumnsContext = {},
): RfmResult {
  const resolved = resolveOptions(options);
  if (!columns.customer || !columns.date || (!columns.amount && !(columns.quantity && columns.price))) {
    throw new RfmInputError(
      "missing_field",
      "Choose the customer, date and amount columns (or quantity and unit price).",
    );
  }
  const rowCount = columns.rowCount ?? columns.customer.length;
  if (rowCount === 0) throw new RfmInputError("header_only", "The file has no sales rows below its header.");
  return analyzeColumnsUnchecked(columns, resolved, hooks, context);
}

function analyzeColumnsUnchecked(
  columns: SalesColumns,
  options: RfmOptions,
  hooks: ProgressHooks,
  context: ColumnsContext,
): RfmResult {
  return analyzeEncodedUnchecked(encodeColumns(columns, options, hooks), options, hooks, context);
}

/**
 * Pass 2 and scoring on rows already read: the analysis date, per-customer aggregates (rows after the analysis
 * date reported and skipped), scores, segments and summaries. Options must be resolved (see `resolveOptions`).
 * `encoded` is used up: its row arrays serve as scratch memory (`rowCustomer` becomes the result's).
 * Checks both first: the options as `resolveOptions` does (`RfmInputError` "bad_option"), the rows' shape with a
 * TypeError, since rows come from code, not from a user (see `checkEncoded`).
 */
export function analyzeEncoded(
  encoded: EncodedSales,
  options: RfmOptions,
  hooks: ProgressHooks = {},
  context: ColumnsContext = {},
): RfmResult {
  checkEncoded(encoded);
  return analyzeEncodedUnchecked(encoded, resolveOptions(options), hooks, context);
}

/**
 * Throws a TypeError unless every row array covers `rowCount` rows, every customer number is -1 (no customer) or
 * an index into `customerIds`, every customer's row has a day Excel can show (0..9999-12-31) and every amount too
 * large for `rowUnits` has its exact units in `bigUnits`. One pass over the rows; the analysis trusts all of it.
 */
function checkEncoded(encoded: EncodedSales): void {
  const { rowCount, rowCustomer, rowDay, rowUnits, bigUnits } = encoded;
  if (!Number.isInteger(rowCount) || rowCount < 0) throw new TypeError(`rowCount ${rowCount} is not a row count.`);
  for (const [name, array] of [
    ["rowCustomer", rowCustomer],
    ["rowDay", rowDay],
    ["rowUnits", rowUnits],
  ] as const) {
    if (array.length < rowCount) throw new TypeError(`${name} has ${array.length} entries for ${rowCount} rows.`);
  }
  const customers = encoded.customerIds.length;
  for (let row = 0; row < rowCount; row++) {
    const customer = rowCustomer[row]!;
    if (customer < 0) {
      if (customer === -1) continue;
      throw new TypeError(`Row ${row} has customer number ${customer}; -1 is the only negative one.`);
    }
    if (customer >= customers)
      throw new TypeError(`Row ${row} has customer number ${customer}, but there are ${customers} customer ids.`);
    const day = rowDay[row]!;
    if (day < 0 || day > MAX_DATE_SERIAL)
      throw new TypeError(`Row ${row} has day ${day}, outside 0..${MAX_DATE_SERIAL} (9999-12-31).`);
    const units = rowUnits[row]!;
    if ((units === BIG_PURCHASE || units === BIG_RETURN) && !bigUnits.has(row))
      throw new TypeError(`Row ${row} is marked as a big amount, but bigUnits has no entry for row ${row}.`);
  }
}

function analyzeEncodedUnchecked(
  encoded: EncodedSales,
  options: RfmOptions,
  hooks: ProgressHooks,
  context: ColumnsContext,
): RfmResult {
  const { rowCount, rowDay, rowUnits, rowOrders, blankRows } = encoded;
  const rowCust = encoded.rowCustomer;
  const ids = encoded.customerIds;
  const skipLog = encoded.skipped;
  const maxSkippedReported = options.maxSkippedReported;
  let latestPurchaseDay = encoded.latestPurchaseDay ?? -1;
  if (encoded.latestPurchaseDay === undefined) {
    for (let row = 0; row < rowCount; row++) {
      if (rowCust[row]! >= 0 && rowUnits[row]! >= 0 && rowDay[row]! > latestPurchaseDay)
        latestPurchaseDay = rowDay[row]!;
    }
  }

  if (ids.length === 0 || latestPurchaseDay < 0) {
    // A reader may have numbered a customer whose rows then had no readable date or amount: ask the rows.
    throw new RfmInputError(
      "no_valid_rows",
      !rowCust.some((customer) => customer >= 0)
        ? "No row has a customer, a readable date and a readable amount, so there is nothing to analyse."
        : "Every readable row is a return (negative amount), so there are no purchases to analyse.",
      { skipped: skipLog.count },
    );
  }
  const analysisDate = options.analysisDate ?? latestPurchaseDay;
  const byDays = options.compareDate === undefined ? options.compareDaysBefore : undefined;
  const compareDate = byDays !== undefined ? analysisDate - byDays : options.compareDate;
  if (compareDate !== undefined && compareDate >= analysisDate) throw compareDateNotBefore(compareDate, analysisDate);
  // Before pass 2, which reuses the rows' days as scratch memory.
  const dateWarnings = scanDates(encoded, options, analysisDate);

  // Pass 2: aggregate per customer, skipping rows after the analysis date.
  const customerCount = ids.length;
  const aggregator = new CustomerAggregator(
    encoded,
    customerCount,
    analysisDate,
    ORDER_CANDIDATE,
    new SkipLog(maxSkippedReported),
  );
  // In chunks: a small method called many times is optimised as a whole and stays so between runs.
  for (let from = 0; from < rowCount; from += CHECK_EVERY) aggregator.add(from, Math.min(rowCount, from + CHECK_EVERY));
  // The compare date's pass over the same rows (SPEC "Change since an earlier date"), before pass 2's days and
  // units are reused below: rows after the compare date do not count in it, and are not skipped rows either.
  let earlierAggregator: CustomerAggregator | undefined;
  if (compareDate !== undefined) {
    earlierAggregator = new CustomerAggregator(encoded, customerCount, compareDate, ORDER_EARLIER_CANDIDATE);
    for (let from = 0; from < rowCount; from += CHECK_EVERY)
      earlierAggregator.add(from, Math.min(rowCount, from + CHECK_EVERY));
  }
  const { usedRows, keptUnits, afterDateLog } = aggregator;
  // The earlier sums are sums of some of the same rows: with returns after the compare date they can be larger.
  const outOfRange =
    aggregator.outOfRangeCustomer >= 0 ? aggregator.outOfRangeCustomer : (earlierAggregator?.outOfRangeCustomer ?? -1);
  if (outOfRange >= 0) {
    const customer = ids[outOfRange]!;
    throw new RfmInputError(
      "total_out_of_range",
      `The amounts of customer "${customer}" add up to more than 900 billion (plus or minus), beyond what can be ` +
        "summed exactly to 1/10,000. Check that customer's amounts: a wrong unit or a pasted number is likely.",
      { customer },
    );
  }
  const frequency = aggregator.frequencies();
  const earlierFrequency = earlierAggregator?.frequencies();
  // Pass 2 was the last use of the rows' days and units: their memory holds the order groups.
  if (rowOrders) {
    addDistinctOrders(frequency, rowCust, rowOrders, [rowDay, rowUnits]);
    if (earlierFrequency)
      addDistinctOrders(earlierFrequency, rowCust, rowOrders, [rowDay, rowUnits], ORDER_EARLIER_CANDIDATE);
  }
  checkHooks(hooks, 0.9);
  mergeSkipLogs(skipLog, afterDateLog, maxSkippedReported);

  const current = scoreAggregates(aggregator, frequency, encoded, analysisDate, options);
  const { n, customers, units, scoredIndex } = current;
  if (n === 0) {
    throw new RfmInputError(
      "no_valid_rows",
      "No purchase is dated on or before the analysis date, so there is nothing to analyse.",
      { skipped: skipLog.count },
    );
  }
  // Every customer scored: positions are unchanged (the usual case), no pass over the rows needed.
  if (n < customerCount) {
    for (let from = 0; from < rowCount; from += CHECK_EVERY)
      remapCustomers(rowCust, scoredIndex, from, Math.min(rowCount, from + CHECK_EVERY));
  }

  let comparison: RfmComparison | undefined;
  let comparisonUnavailable: RfmResult["comparisonUnavailable"];
  if (earlierAggregator && earlierFrequency && compareDate !== undefined) {
    const earlier = scoreAggregates(earlierAggregator, earlierFrequency, encoded, compareDate, options);
    if (earlier.n === 0 && byDays !== undefined) {
      comparisonUnavailable = { days: byDays, compareDate };
    } else if (earlier.n === 0) {
      throw new RfmInputError(
        "bad_option",
        `No purchase is dated on or before the compare date (${serialToIsoDate(compareDate)}), so there is nothing to compare with. Choose a later compare date.`,
        { option: "compareDate", compareDate },
      );
    } else
      comparison = compareResults(current, earlier, customerCount, compareDate, earlierAggregator, encoded, options.k);
  }
  checkHooks(hooks, 1);

  return {
    options,
    mapping: context.mapping ?? { dimensions: [] },
    headers: context.headers ?? [],
    analysisDate,
    customers,
    rowCustomer: rowCust,
    breakpoints: current.breakpoints,
    valueMatrixThresholds: current.valueMatrixThresholds,
    summaries: summarise(customers, units),
    rfGrid: rfGrid(customers, options.k),
    pareto: current.pareto,
    skipped: { count: skipLog.count, byReason: skipLog.byReason, rows: skipLog.rows },
    returnsOnlyCustomers: current.returnsOnlyCustomers,
    dateWarnings,
    totals: {
      dataRows: rowCount,
      blankRows,
      usedRows,
      customers: n,
      revenue: keptUnits / MONEY_SCALE,
      positiveRevenue: positiveSum(units) / MONEY_SCALE,
    },
    ...(comparison ? { comparison } : {}),
    ...(comparisonUnavailable ? { comparisonUnavailable } : {}),
  };
}

/**
 * Rows read with a date after today or before 1990, and the ambiguous text dates the reader met. A single row
 * dated 2099 moves the default analysis date (SPEC keeps that rule), so the pane and the CLI say so.
 */
function scanDates(encoded: EncodedSales, options: RfmOptions, analysisDate: number): DateWarnings {
  const today = options.today ?? todaySerial();
  const { rowCount, rowDay } = encoded;
  const rowCust = encoded.rowCustomer;
  let futureCount = 0;
  let latest = -1;
  let earlyCount = 0;
  let earliest = Infinity;
  const futureRows: number[] = [];
  const earlyRows: number[] = [];
  for (let row = 0; row < rowCount; row++) {
    if (rowCust[row]! < 0) continue;
    const day = rowDay[row]!;
    if (day > today) {
      if (futureRows.length < WARNING_ROWS) futureRows.push(encoded.rowNumberOf(row));
      futureCount++;
      if (day > latest) latest = day;
    } else if (day < EARLY_DATE_SERIAL) {
      if (earlyRows.length < WARNING_ROWS) earlyRows.push(encoded.rowNumberOf(row));
      earlyCount++;
      if (day < earliest) earliest = day;
    }
  }
  const ambiguous = encoded.ambiguousDates;
  return {
    today,
    future: futureCount > 0 ? { count: futureCount, rows: futureRows, latest } : null,
    analysisDateInFuture: options.analysisDate === undefined && analysisDate > today,
    early: earlyCount > 0 ? { count: earlyCount, rows: earlyRows, earliest } : null,
    ambiguous:
      ambiguous && ambiguous.count > 0
        ? { order: options.dateOrder, count: ambiguous.count, rows: ambiguous.rows, example: ambiguous.example }
        : null,
  };
}

/** Scored customers of one pass (the analysis date's or the compare date's), with their scores and classes. */
interface ScoredAggregates extends ScoreOutputs {
  n: number;
  customers: CustomerColumns;
  /** Monetary per scored customer in exact money units. */
  units: Float64Array;
  /** Per customer number of the pass: position in `customers`, or -1 when it has no purchase. */
  scoredIndex: Int32Array;
  returnsOnlyCustomers: string[];
}

/**
 * Customers with at least one purchase in the aggregates, in first-seen order, as columns, then scored. Nothing
 * is scored when none has (n = 0; the caller reports it).
 */
function scoreAggregates(
  aggregator: CustomerAggregator,
  frequency: Int32Array,
  encoded: EncodedSales,
  analysisDate: number,
  options: RfmOptions,
): ScoredAggregates {
  const { money, fields } = aggregator;
  const ids = encoded.customerIds;
  const customerCount = ids.length;
  // Keep customers with at least one purchase, in first-seen order.
  const scoredIndex = new Int32Array(customerCount).fill(-1);
  const returnsOnlyCustomers: string[] = [];
  let n = 0;
  for (let c = 0; c < customerCount; c++) {
    if (fields[c * RECORD_WORDS + LAST_DAY]! >= 0) scoredIndex[c] = n++;
    else if (fields[c * RECORD_WORDS + ROWS]! > 0) returnsOnlyCustomers.push(ids[c]!);
  }

  const customers = newCustomerColumns(n);
  const units = new Float64Array(n);
  for (let c = 0; c < customerCount; c++) {
    const i = scoredIndex[c]!;
    if (i < 0) continue;
    const at = c * RECORD_WORDS;
    const firstDay = fields[at + FIRST_DAY]!;
    const lastDay = fields[at + LAST_DAY]!;
    customers.id[i] = ids[c]!;
    customers.firstPurchase[i] = firstDay;
    customers.lastPurchase[i] = lastDay;
    customers.recency[i] = analysisDate - lastDay;
    customers.tenure[i] = analysisDate - firstDay;
    customers.frequency[i] = frequency[c]!;
    units[i] = money[c * (RECORD_BYTES / 8)]! + 0;
    customers.monetary[i] = units[i] / MONEY_SCALE;
    customers.aov[i] = customers.monetary[i] / frequency[c]!;
  }
  customers.dimensions = encoded.dimensions.map(({ name, textOf }) => {
    const out = new Array<string>(n);
    for (let c = 0; c < customerCount; c++) {
      const i = scoredIndex[c]!;
      if (i >= 0) out[i] = textOf(fields[c * RECORD_WORDS + LAST_ROW]!);
    }
    return { name, values: out };
  });
  const scored: ScoreOutputs =
    n > 0
      ? scoreCustomers(customers, units, options)
      : {
          breakpoints: { recency: [], frequency: [], monetary: [] },
          valueMatrixThresholds: { recency: 0, frequency: 0, monetary: 0 },
          pareto: { customerShare: [0], revenueShare: [0] },
        };
  return { ...scored, n, customers, units, scoredIndex, returnsOnlyCustomers };
}

function positiveSum(units: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < units.length; i++) if (units[i]! > 0) sum += units[i]!;
  return sum;
}

/**
 * The earlier result as a result of its own, and per current customer its earlier classes and the movement
 * matrices. `current` and `earlier` come from the same customer numbering (`customerCount` customers).
 */
function compareResults(
  current: ScoredAggregates,
  earlier: ScoredAggregates,
  customerCount: number,
  compareDate: number,
  earlierAggregator: CustomerAggregator,
  encoded: EncodedSales,
  k: number,
): RfmComparison {
  const n = current.n;
  const earlierIndex = new Int32Array(n).fill(-1);
  for (let c = 0; c < customerCount; c++) {
    const i = current.scoredIndex[c]!;
    if (i >= 0) earlierIndex[i] = earlier.scoredIndex[c]!;
  }
  const prevSegment = new Int8Array(n);
  const prevValueClass = new Int8Array(n);
  const prevTier = new Int8Array(n);
  const prevLifecycle = new Int8Array(n);
  const change = new Uint8Array(n);
  const periodMonetary = new Float64Array(n);
  const segmentKeys = STANDARD_SEGMENT_KEYS.length;
  const tierKeys = TIER_KEYS.length;
  const segmentCount = new Float64Array((segmentKeys + 1) * segmentKeys);
  const segmentUnits = new Float64Array((segmentKeys + 1) * segmentKeys);
  const tierCount = new Float64Array((tierKeys + 1) * tierKeys);
  const tierUnits = new Float64Array((tierKeys + 1) * tierKeys);
  const changeCounts: Record<SegmentChangeKey, number> = { new: 0, same: 0, changed: 0 };
  const now = current.customers;
  const then = earlier.customers;
  for (let i = 0; i < n; i++) {
    const j = earlierIndex[i]!;
    const segment = now.segment[i]!;
    const tier = now.tier[i]!;
    let fromSegment: number = segmentKeys;
    let fromTier: number = tierKeys;
    let periodUnits = current.units[i]!;
    if (j < 0) {
      prevSegment[i] = NO_PREVIOUS;
      prevValueClass[i] = NO_PREVIOUS;
      prevTier[i] = NO_PREVIOUS;
      prevLifecycle[i] = NO_PREVIOUS;
      change[i] = 0;
      changeCounts.new++;
    } else {
      fromSegment = then.segment[j]!;
      fromTier = then.tier[j]!;
      prevSegment[i] = fromSegment;
      prevValueClass[i] = then.valueClass[j]!;
      prevTier[i] = fromTier;
      prevLifecycle[i] = then.lifecycle[j]!;
      const same = fromSegment === segment;
      change[i] = same ? 1 : 2;
      if (same) changeCounts.same++;
      else changeCounts.changed++;
      periodUnits -= earlier.units[j]!;
    }
    periodUnits += 0; // never -0
    periodMonetary[i] = periodUnits / MONEY_SCALE;
    const segmentCell = fromSegment * segmentKeys + segment;
    segmentCount[segmentCell] = segmentCount[segmentCell]! + 1;
    segmentUnits[segmentCell] = segmentUnits[segmentCell]! + periodUnits;
    const tierCell = fromTier * tierKeys + tier;
    tierCount[tierCell] = tierCount[tierCell]! + 1;
    tierUnits[tierCell] = tierUnits[tierCell]! + periodUnits;
  }
  const { customers, units } = earlier;
  return {
    compareDate,
    earlier: {
      analysisDate: compareDate,
      customers,
      breakpoints: earlier.breakpoints,
      valueMatrixThresholds: earlier.valueMatrixThresholds,
      summaries: summarise(customers, units),
      rfGrid: rfGrid(customers, k),
      pareto: earlier.pareto,
      returnsOnlyCustomers: earlier.returnsOnlyCustomers,
      totals: {
        dataRows: encoded.rowCount,
        blankRows: encoded.blankRows,
        usedRows: earlierAggregator.usedRows,
        customers: earlier.n,
        revenue: earlierAggregator.keptUnits / MONEY_SCALE,
        positiveRevenue: positiveSum(units) / MONEY_SCALE,
      },
    },
    earlierIndex,
    prevSegment,
    prevValueClass,
    prevTier,
    prevLifecycle,
    change,
    periodMonetary,
    changeCounts,
    movement: {
      segment: movementMatrix(STANDARD_SEGMENT_KEYS, segmentCount, segmentUnits),
      tier: movementMatrix(TIER_KEYS, tierCount, tierUnits),
    },
  };
}

/** Counts and units per cell, (keys + 1) × keys in row order, as a MovementMatrix. */
function movementMatrix<K extends string>(
  keys: readonly K[],
  count: Float64Array,
  units: Float64Array,
): MovementMatrix<K> {
  const rows = Array.from({ length: keys.length + 1 }, (_, from) => from * keys.length);
  return {
    from: keys,
    to: keys,
    customers: rows.map((at) => Array.from(count.subarray(at, at + keys.length))),
    revenue: rows.map((at) => Array.from(units.subarray(at, at + keys.length), (u) => u / MONEY_SCALE)),
    revenueUnits: rows.map((at) => Array.from(units.subarray(at, at + keys.length), (u) => u + 0)),
  };
}

/**
 * Pass 2: per-customer aggregates of the rows on or before a date, added chunk by chunk. The analysis date's
 * aggregator (with a skip log) reports the rows after it and takes them out of `rowCustomer`; the compare date's
 * (no log, run second) only leaves them out, and marks its order candidates with its own flag.
 */
class CustomerAggregator {
  /** The records (RECORD_BYTES each) as float64 words (monetary) and as int32 words (the rest). */
  readonly money: Float64Array;
  readonly fields: Int32Array;
  usedRows = 0;
  keptUnits = 0;
  /** The first customer whose running total left ±MAX_EXACT_UNITS, or -1. */
  outOfRangeCustomer = -1;

  constructor(
    private readonly encoded: EncodedSales,
    customerCount: number,
    private readonly analysisDate: number,
    private readonly candidateFlag: number,
    readonly afterDateLog?: SkipLog,
  ) {
    const records = new ArrayBuffer(customerCount * RECORD_BYTES);
    this.money = new Float64Array(records);
    this.fields = new Int32Array(records);
    for (let c = 0; c < customerCount; c++) {
      const at = c * RECORD_WORDS;
      this.fields[at + FIRST_DAY] = 0x7fffffff;
      this.fields[at + LAST_DAY] = -1;
      this.fields[at + LAST_ROW] = -1;
    }
  }

  /** Purchase counts so far (distinct orders are added by `addDistinctOrders`). */
  frequencies(): Int32Array {
    const count = this.money.length;
    const frequency = new Int32Array(count);
    for (let c = 0; c < count; c++) frequency[c] = this.fields[c * RECORD_WORDS + FREQUENCY]!;
    return frequency;
  }

  add(from: number, to: number): void {
    const { encoded, money, fields, analysisDate, afterDateLog, candidateFlag } = this;
    const { rowDay, rowUnits, bigUnits } = encoded;
    const orderWord = encoded.rowOrders?.word;
    const orderKind = encoded.rowOrders?.kind;
    const rowCust = encoded.rowCustomer;
    let { usedRows, keptUnits } = this;
    for (let row = from; row < to; row++) {
      const c = rowCust[row]!;
      if (c < 0) continue;
      const day = rowDay[row]!;
      if (day > analysisDate) {
        if (afterDateLog !== undefined) {
          rowCust[row] = -1;
          afterDateLog.add(
            encoded.rowNumberOf(row),
            "after_analysis_date",
            afterDateLog.listing ? encoded.dateTextOf(row) : "",
          );
        }
        continue;
      }
      usedRows++;
      const at = c * RECORD_WORDS;
      const units = unitsAt(rowUnits, bigUnits, row);
      const total = money[c * (RECORD_BYTES / 8)]! + units;
      money[c * (RECORD_BYTES / 8)] = total;
      // Past ±2^53 units a sum is no longer exact: remember the first customer it happens to (one compare a row).
      if ((total > MAX_EXACT_UNITS || total < -MAX_EXACT_UNITS) && this.outOfRangeCustomer < 0)
        this.outOfRangeCustomer = c;
      fields[at + ROWS] = fields[at + ROWS]! + 1;
      keptUnits += units;
      if (units < 0) continue; // a return lowers monetary value only
      if (day < fields[at + FIRST_DAY]!) fields[at + FIRST_DAY] = day;
      if (day >= fields[at + LAST_DAY]!) {
        fields[at + LAST_DAY] = day;
        fields[at + LAST_ROW] = row;
      }
      // Without the pass flags: the compare date's pass sees the rows pass 2 marked.
      const kind = orderKind === undefined ? NO_ORDER : orderKind[row]! & ORDER_KIND_MASK;
      if (kind === NO_ORDER) {
        fields[at + FREQUENCY] = fields[at + FREQUENCY]! + 1;
        continue;
      }
      // The same order as an earlier purchase row of this customer that is counted: nothing new. Only rows not
      // counted are walked past, so a counted row's kind may be marked here without breaking later walks. Rows
      // after the date count when the compare date's pass walks (pass 2 has taken its own out of rowCustomer).
      let same = kind === ORDER_LINKED ? orderWord![row]! : -1;
      while (same >= 0 && !(rowCust[same]! >= 0 && rowUnits[same]! >= 0 && rowDay[same]! <= analysisDate))
        same = (orderKind![same]! & ORDER_KIND_MASK) === ORDER_LINKED ? orderWord![same]! : -1;
      if (same < 0) orderKind![row] = orderKind![row]! | candidateFlag;
    }
    this.usedRows = usedRows;
    this.keptUnits = keptUnits;
  }
}

/** Rows' customer indexes to scored positions, for rows [from, to). A small function: it is optimised early. */
function remapCustomers(rowCust: Int32Array, scoredIndex: Int32Array, from: number, to: number): void {
  for (let row = from; row < to; row++) {
    const c = rowCust[row]!;
    if (c >= 0) rowCust[row] = scoredIndex[c]!;
  }
}

function mappedColumns(mapping: ColumnMapping): number[] {
  const { customer, date, amount, orderId, quantity, price, dimensions } = mapping;
  return [customer, date, amount, orderId, quantity, price, ...dimensions].filter((c): c is number => c !== undefined);
}

/** The widest row's length (a plain loop: no callback per row). */
function widestRow(values: CellValue[][]): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const length = values[i]?.length ?? 0;
    if (length > max) max = length;
  }
  return max;
}

/** Keeps the first `max` skipped rows by row number across both passes. */
function mergeSkipLogs(target: SkipLog, afterDate: SkipLog | undefined, max: number): void {
  if (!afterDate) return;
  target.count += afterDate.count;
  target.byReason.after_analysis_date += afterDate.count;
  if (afterDate.rows.length === 0) return;
  if (afterDate.rows.length > 0) {
    target.rows = [...target.rows, ...afterDate.rows].sort((a, b) => a.row - b.row).slice(0, max);
  }
}

function newCustomerColumns(n: number): CustomerColumns {
  return {
    id: new Array<string>(n),
    firstPurchase: new Int32Array(n),
    lastPurchase: new Int32Array(n),
    recency: new Int32Array(n),
    tenure: new Int32Array(n),
    frequency: new Int32Array(n),
    monetary: new Float64Array(n),
    aov: new Float64Array(n),
    r: new Uint8Array(n),
    f: new Uint8Array(n),
    m: new Uint8Array(n),
    segment: new Uint8Array(n),
    valueClass: new Uint8Array(n),
    tier: new Uint8Array(n),
    lifecycle: new Uint8Array(n),
    dimensions: [],
  };
}

interface ScoreOutputs {
  breakpoints: RfmResult["breakpoints"];
  valueMatrixThresholds: RfmResult["valueMatrixThresholds"];
  pareto: RfmResult["pareto"];
}

/** Scores, standard segments, value classes, tiers and lifecycle stages, written into `customers`. */
function scoreCustomers(customers: CustomerColumns, units: Float64Array, options: RfmOptions): ScoreOutputs {
  const n = customers.id.length;
  const { k } = options;
  const recencySorted = sortedWholeNumbers(customers.recency);
  const frequencySorted = sortedWholeNumbers(customers.frequency);
  const unitsSorted = sortedUnits(units);
  let recencyBins: Breakpoints;
  let frequencyBins: Breakpoints;
  let monetaryBins: Breakpoints;
  if (options.scoring.method === "fixed") {
    recencyBins = fixedBreakpoints(options.scoring.recency);
    frequencyBins = fixedBreakpoints(options.scoring.frequency);
    monetaryBins = fixedBreakpoints(options.scoring.monetary.map(numberToUnits));
  } else {
    recencyBins = quantileBreakpoints(recencySorted, k);
    frequencyBins = quantileBreakpoints(frequencySorted, k);
    monetaryBins = quantileBreakpoints(unitsSorted, k);
  }

  // Value matrix: high/low against the mean (exact: v × n vs the exact sum) or the median.
  const vm = options.valueMatrix;
  const aovValues = vm.monetary === "aov" ? customers.aov : undefined;
  let sumRecency = 0;
  let sumFrequency = 0;
  let sumUnits = 0;
  let sumAov = 0;
  for (let i = 0; i < n; i++) {
    sumRecency += customers.recency[i]!;
    sumFrequency += customers.frequency[i]!;
    sumUnits += units[i]!;
  }
  // Averages are not whole numbers: their sum is rounded once, so it does not depend on the customers' order.
  if (aovValues) sumAov = correctlyRoundedSum(aovValues);
  const recencyHigh = thresholdTest(vm.threshold, recencySorted, sumRecency, n);
  const frequencyHigh = thresholdTest(vm.threshold, frequencySorted, sumFrequency, n);
  const monetaryHigh = aovValues
    ? thresholdTest(vm.threshold, Float64Array.from(aovValues).sort(), sumAov, n)
    : thresholdTest(vm.threshold, unitsSorted, sumUnits, n);

  const tierOf = tierClassifier(unitsSorted, options.tierCutoffs);
  // Segment index per grid cell, looked up once rather than per customer.
  const segmentByCell = new Uint8Array(25);
  for (let row = 0; row < 5; row++) {
    for (let column = 0; column < 5; column++) {
      segmentByCell[row * 5 + column] = STANDARD_SEGMENT_INDEX.get(options.segmentGrid[row]![column]!)!;
    }
  }
  const [activeDays, lapsingDays, lapsedDays] = options.lifecycleDays;
  for (let i = 0; i < n; i++) {
    const recency = customers.recency[i]!;
    const r = k + 1 - binOf(recency, recencyBins);
    const f = binOf(customers.frequency[i]!, frequencyBins);
    const m = binOf(units[i]!, monetaryBins);
    customers.r[i] = r;
    customers.f[i] = f;
    customers.m[i] = m;
    const fm = Math.floor((toFiveLevels(f, k) + toFiveLevels(m, k) + 1) / 2); // ROUND half up of a .0 or .5
    customers.segment[i] = segmentByCell[(5 - toFiveLevels(r, k)) * 5 + fm - 1]!;
    // High R means recent: recency at or below the threshold.
    const recent = recencyHigh.atOrBelow(recency);
    const frequent = frequencyHigh.atOrAbove(customers.frequency[i]!);
    const valuable = monetaryHigh.atOrAbove(aovValues ? aovValues[i]! : units[i]!);
    customers.valueClass[i] = VALUE_CLASS_BY_FLAGS[(valuable ? 4 : 0) + (recent ? 2 : 0) + (frequent ? 1 : 0)]!;
    customers.tier[i] = tierOf(units[i]!);
    customers.lifecycle[i] = recency <= activeDays ? 0 : recency <= lapsingDays ? 1 : recency <= lapsedDays ? 2 : 3;
  }

  return {
    breakpoints: {
      recency: breakpointValues(recencyBins),
      frequency: breakpointValues(frequencyBins),
      monetary: breakpointValues(monetaryBins, MONEY_SCALE),
    },
    valueMatrixThresholds: {
      recency: recencyHigh.value,
      frequency: frequencyHigh.value,
      monetary: aovValues ? monetaryHigh.value : monetaryHigh.value / MONEY_SCALE,
    },
    pareto: paretoCurve(unitsSorted),
  };
}

const STANDARD_SEGMENT_INDEX = new Map<string, number>(STANDARD_SEGMENT_KEYS.map((key, i) => [key, i]));

/** Index into VALUE_CLASS_KEYS from high/low R, F, M (SPEC's table order). */
function valueClassIndex(recent: boolean, frequent: boolean, valuable: boolean): number {
  const key =
    (valuable ? "important_" : "general_") +
    (recent ? (frequent ? "value" : "develop") : frequent ? "retain" : "recall");
  return VALUE_CLASS_INDEX.get(key)!;
}
const VALUE_CLASS_INDEX = new Map<string, number>(VALUE_CLASS_KEYS.map((key, i) => [key, i]));
/** valueClassIndex by (valuable ? 4 : 0) + (recent ? 2 : 0) + (frequent ? 1 : 0). */
const VALUE_CLASS_BY_FLAGS = Uint8Array.from({ length: 8 }, (_, flags) =>
  valueClassIndex((flags & 2) !== 0, (flags & 1) !== 0, (flags & 4) !== 0),
);

interface ThresholdTest {
  value: number;
  atOrAbove(v: number): boolean;
  atOrBelow(v: number): boolean;
}

/**
 * Comparison against the mean (exact sum / n, compared as v × n vs sum) or the median (PERCENTILE.INC 0.5,
 * compared as 2v vs x_a + x_b). Exact for integer values (days, counts, money units) below 2^53.
 */
function thresholdTest(kind: "mean" | "median", sorted: Float64Array, sum: number, n: number): ThresholdTest {
  if (kind === "mean") {
    return {
      value: sum / n,
      atOrAbove: (v) => compareScaled(v, n, sum) >= 0,
      atOrBelow: (v) => compareScaled(v, n, sum) <= 0,
    };
  }
  const low = sorted[Math.floor((n - 1) / 2)]!;
  const high = sorted[Math.ceil((n - 1) / 2)]!;
  const twice = low + high;
  return {
    value: twice / 2,
    atOrAbove: (v) => compareScaled(v, 2, twice) >= 0,
    atOrBelow: (v) => compareScaled(v, 2, twice) <= 0,
  };
}

/** Sign of v × factor − target, exact for integers even beyond 2^53 (BigInt then). */
function compareScaled(v: number, factor: number, target: number): number {
  const product = v * factor;
  if (Math.abs(product) <= Number.MAX_SAFE_INTEGER && Math.abs(target) <= Number.MAX_SAFE_INTEGER) {
    return product === target ? 0 : product > target ? 1 : -1;
  }
  if (Number.isInteger(v) && Number.isInteger(target) && Math.abs(product - target) <= Math.abs(target) * 1e-12) {
    const exact = BigInt(v) * BigInt(factor) - BigInt(target);
    return exact === 0n ? 0 : exact > 0n ? 1 : -1;
  }
  return product === target ? 0 : product > target ? 1 : -1;
}

const CUTOFF_SCALE = 1_000_000;

/**
 * Tier by monetary units. Walking customers by monetary descending, a customer is A when the positive revenue of
 * those strictly before it is below cutoffA × total (B below cutoffB), equal amounts taking the first one's tier;
 * so tiers are decided by value thresholds, found here without sorting customers themselves.
 */
function tierClassifier(unitsAscending: Float64Array, cutoffs: [number, number]): (units: number) => number {
  let total = 0;
  for (let i = 0; i < unitsAscending.length; i++) if (unitsAscending[i]! > 0) total += unitsAscending[i]!;
  const cutA = Math.round(cutoffs[0] * CUTOFF_SCALE);
  const cutB = Math.round(cutoffs[1] * CUTOFF_SCALE);
  let minA = Infinity;
  let minB = Infinity;
  let before = 0;
  for (let i = unitsAscending.length - 1; i >= 0;) {
    const value = unitsAscending[i]!;
    if (value <= 0) break;
    // `before` × SCALE < cut × total, exactly.
    if (compareProducts(before, CUTOFF_SCALE, cutA, total) < 0) minA = value;
    else if (compareProducts(before, CUTOFF_SCALE, cutB, total) < 0) minB = value;
    else break;
    let j = i;
    while (j >= 0 && unitsAscending[j] === value) {
      before += value;
      j--;
    }
    i = j;
  }
  return (units) => (units <= 0 ? 2 : units >= minA ? 0 : units >= minB ? 1 : 2);
}

/** Sign of a × b − c × d for non-negative integers, exact. */
function compareProducts(a: number, b: number, c: number, d: number): number {
  const left = a * b;
  const right = c * d;
  if (
    (left <= Number.MAX_SAFE_INTEGER && right <= Number.MAX_SAFE_INTEGER) ||
    Math.abs(left - right) > 1e-9 * Math.max(left, right)
  ) {
    return left === right ? 0 : left > right ? 1 : -1;
  }
  const exact = BigInt(a) * BigInt(b) - BigInt(c) * BigInt(d);
  return exact === 0n ? 0 : exact > 0n ? 1 : -1;
}

/** Cumulative share of positive revenue against share of customers, by monetary descending; ≤ 201 points. */
function paretoCurve(unitsAscending: Float64Array): RfmResult["pareto"] {
  const n = unitsAscending.length;
  let total = 0;
  for (let i = 0; i < n; i++) if (unitsAscending[i]! > 0) total += unitsAscending[i]!;
  const step = n <= PARETO_POINTS ? 1 : n / PARETO_POINTS;
  const customerShare: number[] = [0];
  const revenueShare: number[] = [0];
  let cumulative = 0;
  let nextPoint = 1;
  for (let taken = 1; taken <= n; taken++) {
    const value = unitsAscending[n - taken]!;
    if (value > 0) cumulative += value;
    if (taken === n || taken >= Math.round(nextPoint * step)) {
      customerShare.push(taken / n);
      revenueShare.push(total > 0 ? cumulative / total : 0);
      nextPoint++;
    }
  }
  return { customerShare, revenueShare };
}

function summarise(customers: CustomerColumns, units: Float64Array): Record<SchemeName, SegmentSummaryRow[]> {
  return {
    standard: summaryBy(STANDARD_SEGMENT_KEYS, customers.segment, customers, units),
    valueClass: summaryBy(VALUE_CLASS_KEYS, customers.valueClass, customers, units),
    tier: summaryBy(TIER_KEYS, customers.tier, customers, units),
    lifecycle: summaryBy(LIFECYCLE_KEYS, customers.lifecycle, customers, units),
  };
}

/** One row per key (empty segments included, with zero averages), revenue summed exactly in units. */
function summaryBy(
  keys: readonly string[],
  classOf: Uint8Array,
  customers: CustomerColumns,
  units: Float64Array,
): SegmentSummaryRow[] {
  const count = new Float64Array(keys.length);
  const revenue = new Float64Array(keys.length);
  const recency = new Float64Array(keys.length);
  const frequency = new Float64Array(keys.length);
  let totalUnits = 0;
  const n = classOf.length;
  for (let i = 0; i < n; i++) {
    const s = classOf[i]!;
    count[s] = count[s]! + 1;
    revenue[s] = revenue[s]! + units[i]!;
    recency[s] = recency[s]! + customers.recency[i]!;
    frequency[s] = frequency[s]! + customers.frequency[i]!;
    totalUnits += units[i]!;
  }
  return keys.map((key, s) => {
    const c = count[s]!;
    return {
      key,
      customers: c,
      customerShare: n > 0 ? c / n : 0,
      revenue: revenue[s]! / MONEY_SCALE,
      revenueShare: totalUnits !== 0 ? revenue[s]! / totalUnits : 0,
      avgRecency: c > 0 ? recency[s]! / c : 0,
      avgFrequency: c > 0 ? frequency[s]! / c : 0,
      avgMonetary: c > 0 ? revenue[s]! / c / MONEY_SCALE : 0,
    };
  });
}

function rfGrid(customers: CustomerColumns, k: number): number[][] {
  const grid = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < customers.r.length; i++) grid[customers.r[i]! - 1]![customers.f[i]! - 1]!++;
  return grid;
}
