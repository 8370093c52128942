/**
 * `npm run segment -- INPUT.csv --out OUT.csv [options]`: the add-in's engine on a CSV file. Writes one row per
 * customer, sorted by customer id as text, with the columns SPEC.md lists; skipped rows go to standard error.
 */
import { randomBytes } from "node:crypto";
import { lstatSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import {
  analyzeEncoded,
  type EncodedSales,
  resolveOptions,
  type CellValue,
  type ColumnMapping,
  guessMapping,
  isoDateToSerial,
  type MappedField,
  type RfmOptions,
  type DateWarnings,
  type RfmResult,
  RfmInputError,
  type ScoreCount,
  serialToIsoDate,
  type SkipReason,
  validateMapping,
} from "../engine/index";
import { normaliseHeader, numberCustomersById } from "../engine/encoded";
import { readCsvHeaderBytes } from "./csv-reader";
import { formatCustomersCsvBytes } from "./customers-csv";
import { type Forecast, forecastFromRows, latestPurchaseDay } from "../forecast/index";
import { FORECAST_COLUMNS, forecastFields, forecastReportJson, formatForecastNotes } from "./forecast-output";
import { sqlMain, wantsSql } from "./sql-command";
import { formatChangeLine, formatMovementCsv } from "./movement-csv";
import { encodeCsv } from "./encode-csv";
import { type SourceEncoding, toUtf8 } from "./text-encoding";

const USAGE = `Usage: npm run segment -- INPUT.csv --out OUT.csv [options]
       npm run segment -- --sql DIALECT --table NAME [options]   (prints a SQL query; --sql --help for more)

Options:
  --out FILE              where to write one row per customer (required; - for standard output). Never the
                          input file; written to a temporary file beside it first, then renamed
  --k N                   score levels: 3, 4, 5 (default) or 10
  --analysis-date DATE    YYYY-MM-DD (default: the latest purchase date in the file)
  --compare-date DATE     YYYY-MM-DD, before the analysis date: adds prev_segment, prev_value_class, prev_tier,
                          prev_lifecycle and segment_change (new, same, changed) after lifecycle
  --movement FILE         with --compare-date: write who moved where (earlier segment or tier × current, customers
                          and net revenue since the compare date) to FILE as CSV
  --customer COL          column names as in the header; by default guessed from the header
  --date COL
  --amount COL            --amount "" to use quantity × unit price instead
  --order COL             --order "" for no order column (every row is one purchase)
  --quantity COL
  --price COL
  --ignore-case           treat C001 and c001 as the same customer
  --date-order DMY|MDY    how to read dates like 03/04/2024 (default DMY)
  --raw-ids               write customer ids that start with = + - @ as they are (default: with a leading ', so
                          a spreadsheet opening the file does not run them as formulas)
  --forecast-days H       add p_alive,expected_purchases,expected_aov,expected_revenue,clv (BG/NBD and
                          Gamma-Gamma fitted on the file; expected purchases and revenue in the next H days)
  --forecast-report FILE  write the forecast's fitted parameters and holdout check as JSON
  --clv-months N          CLV horizon in months of 30 days (default 12)
  --discount-rate D       monthly discount rate of the CLV (default 0.01)
  --timings               print how long each step took to standard error
  --help`;

/** A problem with the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export interface CliArguments {
  input: string;
  out: string;
  options: Partial<RfmOptions>;
  /** Column names given on the command line; "" means "no such column". */
  columns: Partial<Record<MappedField, string>>;
  timings: boolean;
  /** Write formula-like ids as they are (`--raw-ids`). */
  rawIds?: boolean;
  /** `--movement FILE`: where to write the movement matrices. */
  movement?: string;
  /** `--forecast-days` and friends; undefined without them. */
  forecast?: ForecastArguments;
}

interface ForecastArguments {
  days?: number;
  report?: string;
  clvMonths: number;
  discountRate: number;
}

/** A problem with the input file itself (not CSV text we can read, a folder, …): message only, exit code 1. */
class CliInputError extends Error {}

const COLUMN_FLAGS: Record<string, MappedField> = {
  "--customer": "customer",
  "--date": "date",
  "--amount": "amount",
  "--order": "orderId",
  "--quantity": "quantity",
  "--price": "price",
};

export function parseArguments(argv: readonly string[]): CliArguments {
  let input: string | undefined;
  let out: string | undefined;
  const options: Partial<RfmOptions> = {};
  const columns: Partial<Record<MappedField, string>> = {};
  let timings = false;
  let rawIds = false;
  let movement: string | undefined;
  let forecast: ForecastArguments | undefined;
  const forecastArguments = (): ForecastArguments => (forecast ??= { clvMonths: 12, discountRate: 0.01 });
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inlineValue] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    const value = (): string => {
      if (inlineValue !== undefined) return inlineValue;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value.`);
      return next;
    };
    if (flag === "--help" || flag === "-h") throw new UsageError("");
    else if (flag === "--out" || flag === "-o") out = value();
    else if (flag === "--k") {
      // Written as digits only: Number() would also take `0x5`, `5.0` or ` 5`.
      const text = value();
      if (!/^(3|4|5|10)$/.test(text)) throw new UsageError(`--k must be 3, 4, 5 or 10, not "${text}".`);
      options.k = Number(text) as ScoreCount;
    } else if (flag === "--analysis-date") {
      const text = value();
      const serial = /^\d{4}-\d{2}-\d{2}$/.test(text) ? isoDateToSerial(text) : NaN;
      if (Number.isNaN(serial))
        throw new UsageError(`--analysis-date must be a date written YYYY-MM-DD, not "${text}".`);
      options.analysisDate = serial;
    } else if (flag === "--compare-date") {
      const text = value();
      const serial = /^\d{4}-\d{2}-\d{2}$/.test(text) ? isoDateToSerial(text) : NaN;
      if (Number.isNaN(serial))
        throw new UsageError(`--compare-date must be a date written YYYY-MM-DD, not "${text}".`);
      options.compareDate = serial;
    } else if (flag === "--movement") movement = value();
    else if (flag === "--ignore-case") options.ignoreCase = true;
    else if (flag === "--timings") timings = true;
    else if (flag === "--raw-ids") rawIds = true;
    else if (flag === "--forecast-days") {
      const days = Number(value());
      if (!(Number.isInteger(days) && days >= 1))
        throw new UsageError("--forecast-days must be a whole number of days, 1 or more.");
      forecastArguments().days = days;
    } else if (flag === "--forecast-report") forecastArguments().report = value();
    else if (flag === "--clv-months") {
      const months = Number(value());
      if (!(Number.isInteger(months) && months >= 1))
        throw new UsageError("--clv-months must be a whole number, 1 or more.");
      forecastArguments().clvMonths = months;
    } else if (flag === "--discount-rate") {
      const rate = Number(value());
      if (!(rate > -1 && Number.isFinite(rate)))
        throw new UsageError("--discount-rate must be a number above -1, such as 0.01.");
      forecastArguments().discountRate = rate;
    } else if (flag === "--date-order") {
      const order = value().toUpperCase();
      if (order !== "DMY" && order !== "MDY") throw new UsageError("--date-order must be DMY or MDY.");
      options.dateOrder = order;
    } else if (flag in COLUMN_FLAGS) columns[COLUMN_FLAGS[flag]!] = value();
    else if (flag.startsWith("-") && flag !== "-") throw new UsageError(`Unknown option ${flag}.`);
    else if (input === undefined) input = arg;
    else throw new UsageError(`Only one input file, please (got "${input}" and "${arg}").`);
  }
  if (input === undefined) throw new UsageError("Name the input CSV file.");
  if (out === undefined) throw new UsageError("Name the output file with --out.");
  const parsed: CliArguments = { input, out, options, columns, timings, rawIds };
  if (forecast) parsed.forecast = forecast;
  if (movement !== undefined) parsed.movement = movement;
  checkFlagsTogether(parsed);
  return parsed;
}

/** Flags that need another one (--movement needs --compare-date and a file of its own; the forecast's need days). */
function checkFlagsTogether({ movement, out, options, forecast }: CliArguments): void {
  if (movement !== undefined && options.compareDate === undefined)
    throw new UsageError("--movement needs --compare-date (the date to compare with).");
  if (movement !== undefined && (movement === out || movement === "-"))
    throw new UsageError("--movement needs a file of its own, not the --out file or standard output.");
  if (forecast && forecast.days === undefined) {
    if (forecast.report === undefined) throw new UsageError("--clv-months and --discount-rate need --forecast-days.");
    throw new UsageError(
      "--forecast-report needs --forecast-days (the horizon of the forecast and its holdout check).",
    );
  }
}

/** The mapping: guessed from the header, then overridden by the columns named on the command line. */
export function resolveMapping(headerNames: string[], columns: CliArguments["columns"]): ColumnMapping {
  const mapping = guessMapping(headerNames as CellValue[]);
  mapping.dimensions = [];
  for (const [field, name] of Object.entries(columns) as [MappedField, string][]) {
    if (name === "") {
      mapping[field] = undefined;
      continue;
    }
    const column = findHeader(headerNames, name);
    const flagOf = (f: MappedField) => Object.keys(COLUMN_FLAGS).find((key) => COLUMN_FLAGS[key] === f)!;
    const twice = (Object.entries(columns) as [MappedField, string][]).find(
      ([other, otherName]) => other !== field && otherName !== "" && findHeader(headerNames, otherName) === column,
    );
    if (column >= 0 && twice) {
      throw new RfmInputError(
        "duplicate_column",
        `${flagOf(field)} and ${flagOf(twice[0])} both name the column "${headerNames[column]}". Name a different column for one of them (the columns are: ${headerNames.map((h) => `"${h}"`).join(", ")}).`,
        { field, other: twice[0], column },
      );
    }
    if (column < 0) {
      throw new RfmInputError(
        "missing_field",
        `The file has no column "${name}". Its columns are: ${headerNames.map((h) => `"${h}"`).join(", ")}.`,
        { field },
      );
    }
    // A column named explicitly is taken away from any field it was guessed for.
    for (const other of Object.keys(COLUMN_FLAGS).map((f) => COLUMN_FLAGS[f]!))
      if (mapping[other] === column) mapping[other] = undefined;
    mapping[field] = column;
  }
  // Quantity and price named without an amount: use them, not a guessed amount column.
  if (columns.quantity && columns.price && columns.amount === undefined) mapping.amount = undefined;
  return mapping;
}

function findHeader(names: string[], wanted: string): number {
  const trimmed = wanted.trim();
  let column = names.findIndex((name) => name.trim() === trimmed);
  if (column < 0) column = names.findIndex((name) => name.trim().toLowerCase() === trimmed.toLowerCase());
  if (column < 0)
    column = names.findIndex(
      (name) => normaliseHeader(name) === normaliseHeader(trimmed) && normaliseHeader(name) !== "",
    );
  return column;
}

/** Milliseconds per step, for `--timings`: each `step` call closes the step that ran since the previous one. */
export class StepTimer {
  private last = performance.now();
  readonly steps: [string, number][] = [];

  step(name: string): void {
    const now = performance.now();
    this.steps.push([name, now - this.last]);
    this.last = now;
  }

  /** One line; `performance.now()` counts from the process start, so the total includes Node's own start-up. */
  report(): string {
    const steps = this.steps.map(([name, ms]) => `${name} ${Math.round(ms)} ms`).join(", ");
    return `timings: ${steps}; ${Math.round(performance.now())} ms since the process started\n`;
  }
}

/** Reads INPUT, runs the engine, returns the analysis (the CSV text is written by `formatCustomersCsv`). */
export function analyzeCsvFile(
  file: string,
  args: Pick<CliArguments, "options" | "columns">,
  timer?: StepTimer,
  onEncoding?: (encoding: SourceEncoding) => void,
  onRows?: (encoded: EncodedSales, options: RfmOptions) => void,
): RfmResult {
  const raw = readInputFile(file);
  const notText = describeNonText(raw, file);
  if (notText) throw new CliInputError(notText);
  const { bytes, encoding } = toUtf8(raw);
  if (encoding !== "UTF-8") onEncoding?.(encoding);
  timer?.step("read");
  const lineEndings = describeLoneCr(bytes, file);
  if (lineEndings) throw new CliInputError(lineEndings);
  const header = readCsvHeaderBytes(bytes);
  if (header.names.length === 0 || (header.names.length === 1 && header.names[0] === "")) {
    throw new RfmInputError("empty_selection", "The file is empty. It needs a header row and one row per sales line.");
  }
  const mapping = resolveMapping(header.names, args.columns);
  const problems = validateMapping(mapping, header.names.length);
  if (problems.length > 0) throw explainMappingProblem(problems[0]!, header.names, encoding);
  const options = resolveOptions({ ...args.options, hasHeader: true, firstRowNumber: 1 });
  const encoded = encodeCsv(bytes, header, mapping, options);
  timer?.step("parse");
  if (encoded.unterminatedQuoteLine !== undefined) {
    throw new CliInputError(
      `line ${encoded.unterminatedQuoteLine}: a quoted field starts there and its closing quote never comes, so the rest of the file would be read as one field. Close the quote (a quote inside a quoted field is written twice: "").`,
    );
  }
  if (encoded.rowCount === 0) throw new RfmInputError("header_only", "The file has a header row but no sales rows.");
  // The output is sorted by id: numbered in that order, the customers are written in memory order.
  numberCustomersById(encoded, encoded.customerIdOrder);
  timer?.step("order by id");
  // Before the analysis: it uses the rows' days and amounts as scratch memory when an order column is mapped.
  onRows?.(encoded, options);
  const result = analyzeEncoded(encoded, options, {}, { headers: header.names, mapping });
  timer?.step("analyze");
  return result;
}

/** The input's bytes; a folder or a missing file is a CliInputError with a plain message. */
function readInputFile(file: string): Buffer {
  let isFolder = false;
  try {
    isFolder = statSync(file).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CliInputError(`${file} does not exist. Check the file name and folder.`);
    if (code === "EACCES") throw new CliInputError(`${file} cannot be read: permission denied.`);
    throw error;
  }
  if (isFolder) {
    throw new CliInputError(
      `${file} is a folder, not a file. Name the CSV file itself, e.g. ${path.join(file, "sales.csv")}.`,
    );
  }
  return readFileSync(file);
}

/**
 * Why the bytes are not CSV text, or undefined: a zip (an .xlsx workbook), an old .xls, UTF-16 without a
 * byte-order mark (every other byte 0: the BOM is what tells it from binary), or other binary data (NUL bytes).
 */
function describeNonText(bytes: Uint8Array, file: string): string | undefined {
  const saveAs = 'In Excel, choose File > Save As > "CSV UTF-8 (Comma delimited)" and run on that file.';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4)
    return `${file} is a zip file, most likely an Excel workbook (.xlsx), not CSV text. ${saveAs}`;
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    return `${file} is an Excel 97-2003 workbook (.xls) or another Office file, not CSV text. ${saveAs}`;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
  const sample = Math.min(bytes.length, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i++) {
    if (bytes[i] !== 0) continue;
    if (i & 1) oddZeros++;
    else evenZeros++;
  }
  if (evenZeros + oddZeros === 0) return undefined;
  const half = sample / 2;
  if (oddZeros > half * 0.3 && evenZeros < half * 0.05)
    return `${file} looks like UTF-16 (little-endian) text without a byte-order mark: every other byte is 0. Without the mark it cannot be told from binary data, so it is not read. ${saveAs}`;
  if (evenZeros > half * 0.3 && oddZeros < half * 0.05)
    return `${file} looks like UTF-16 (big-endian) text without a byte-order mark: every other byte is 0. Without the mark it cannot be told from binary data, so it is not read. ${saveAs}`;
  return `${file} is not a text file: it holds NUL bytes, as binary files do. Export the sales data as CSV and run on that file.`;
}

/** A file whose first line ends in a lone CR (old Mac line endings): read as one long line, so refused. */
function describeLoneCr(bytes: Uint8Array, file: string): string | undefined {
  const cr = bytes.indexOf(13);
  if (cr < 0 || bytes[cr + 1] === 10) return undefined;
  const lf = bytes.indexOf(10);
  if (lf >= 0 && lf < cr) return undefined;
  return `${file} ends its lines with a carriage return (CR) alone, the old Mac OS convention, so the whole file would be one line. Save it again with Windows (CRLF) or Unix (LF) line endings, or as "CSV UTF-8" from Excel.`;
}

/** The engine's mapping message ("Choose which column…") worded for the command line, with the header's columns. */
function explainMappingProblem(problem: RfmInputError, names: string[], encoding: SourceEncoding): RfmInputError {
  const columns = names.map((h) => `"${h}"`).join(", ");
  const hints: string[] = [];
  if (names.some((name) => name.includes("\uFFFD")))
    hints.push("The header holds bytes that are not UTF-8 text (shown as \uFFFD): save the file as CSV UTF-8.");
  else if (encoding !== "UTF-8")
    hints.push(`The file was read as ${encoding}; if the names look wrong, save it as CSV UTF-8.`);
  if (names.length === 1 && /[;\t|]/.test(names[0]!))
    hints.push("The header has a single column: is the delimiter something other than a comma?");
  const hint = hints.length > 0 ? ` ${hints.join(" ")}` : "";
  if (problem.code === "missing_field") {
    const field = String(problem.detail.field);
    const message =
      field === "amount"
        ? `The header has no column that looks like the amount, nor both a quantity and a unit price. Its columns are: ${columns}. Name them with --amount COL, or --quantity COL --price COL.`
        : `The header has no column that looks like the ${field === "date" ? "order date" : field === "orderId" ? "order id" : field}. Its columns are: ${columns}. Name it with --${field === "orderId" ? "order" : field} COL.`;
    return new RfmInputError("missing_field", message + hint, problem.detail);
  }
  if (problem.code === "duplicate_column") {
    return new RfmInputError(
      "duplicate_column",
      `${problem.message} The columns are: ${columns}; name them with --customer, --date, --amount, --order.${hint}`,
      problem.detail,
    );
  }
  return problem;
}

/** Where the output goes: never onto the input (the same file by any name: symbolic or hard link). */
function checkOutputTarget(input: string, out: string, flag = "--out"): void {
  if (out === "-") return;
  let outStats;
  try {
    outStats = statSync(out);
  } catch {
    return; // not there yet
  }
  if (outStats.isDirectory())
    throw new CliInputError(`${flag} ${out} is a folder. Name a file, e.g. ${path.join(out, "customers.csv")}.`);
  let inStats;
  try {
    inStats = statSync(input);
  } catch {
    return; // reading it reports the problem
  }
  if (inStats.dev === outStats.dev && inStats.ino === outStats.ino) {
    throw new CliInputError(
      `${flag} ${out} is the input file${path.resolve(out) === path.resolve(input) ? "" : ` ${input} (by another name: a link)`}; writing there would replace your data. Name a new file, e.g. ${path.join(path.dirname(out), "customers.csv")}.`,
    );
  }
}

/**
 * Writes `data` to `target` all or nothing: to a temporary file in the same folder, then renamed over the
 * target (a rename within a folder is atomic), so a failure (disk full) leaves no half-written file and an
 * existing file untouched. A symbolic link as target is followed: the file it points to is replaced, as before.
 */
export function writeFileAtomically(
  target: string,
  data: Uint8Array,
  write: (file: string, data: Uint8Array, options: { flag: string }) => void = writeFileSync,
): void {
  let resolved = target;
  try {
    if (lstatSync(target).isSymbolicLink()) resolved = realpathSync(target);
  } catch {
    // not there yet
  }
  const temp = path.join(
    path.dirname(resolved),
    `.${path.basename(resolved)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    write(temp, data, { flag: "wx" });
    renameSync(temp, resolved);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never created
    }
    throw error;
  }
}

/** A plain message for a failed write of OUT, or undefined for an unexpected error. */
export function describeWriteError(error: unknown, out: string): string | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  const reason: Record<string, string> = {
    ENOSPC: "the disk is full",
    EDQUOT: "the disk quota is used up",
    EACCES: "permission denied",
    EPERM: "permission denied",
    EROFS: "the disk is read-only",
    ENOENT: "its folder does not exist",
    ENOTDIR: "a part of its path is not a folder",
    EISDIR: "it is a folder",
    EIO: "the disk reported an input/output error",
  };
  if (code === undefined || reason[code] === undefined) return undefined;
  return `cannot write ${out}: ${reason[code]} (${code}). Nothing was written; any earlier ${path.basename(out)} is unchanged.`;
}

/** The forecast on the rows just read (the holdout check only when its report is asked for). */
function forecastOf(
  encoded: EncodedSales,
  options: RfmOptions,
  args: ForecastArguments,
  timer: StepTimer | undefined,
): Forecast {
  const analysisDate = options.analysisDate ?? encoded.latestPurchaseDay ?? latestPurchaseDay(encoded);
  const forecast = forecastFromRows(encoded, encoded.customerIds.length, analysisDate, {
    horizonDays: args.days!,
    clvMonths: args.clvMonths,
    discountRate: args.discountRate,
    holdout: args.report !== undefined,
  });
  timer?.step("forecast");
  return forecast;
}

const REASONS: Record<SkipReason, string> = {
  missing_customer: "no customer",
  bad_date: "unreadable date",
  bad_amount: "unreadable amount",
  amount_out_of_range: "amount beyond ±900 billion",
  after_analysis_date: "dated after the analysis date",
};

/** The standard-error report: skipped rows by line number, returns-only customers. */
function formatReport(result: RfmResult): string {
  const out: string[] = [];
  const { skipped } = result;
  if (skipped.count > 0) {
    const reasons = (Object.keys(REASONS) as SkipReason[])
      .filter((reason) => skipped.byReason[reason] > 0)
      .map((reason) => `${REASONS[reason]}: ${skipped.byReason[reason]}`);
    out.push(`Skipped ${skipped.count} row${skipped.count === 1 ? "" : "s"} (${reasons.join(", ")}):`);
    for (const row of skipped.rows) out.push(`  line ${row.row}: ${REASONS[row.reason]} ${JSON.stringify(row.value)}`);
    if (skipped.count > skipped.rows.length) out.push(`  … and ${skipped.count - skipped.rows.length} more`);
  }
  const returnsOnly = result.returnsOnlyCustomers;
  if (returnsOnly.length > 0) {
    const shown = returnsOnly.slice(0, 20).join(", ");
    out.push(
      `${returnsOnly.length} customer${returnsOnly.length === 1 ? " has" : "s have"} only returns and ${returnsOnly.length === 1 ? "is" : "are"} not scored: ${shown}${returnsOnly.length > 20 ? ", …" : ""}`,
    );
  }
  return out.length > 0 ? `${out.join("\n")}\n` : "";
}

/** The date warnings for standard error ("" when there are none). */
function formatDateWarnings(warnings: DateWarnings, analysisDate: number): string {
  const out: string[] = [];
  const rows = (list: number[], count: number) =>
    `line${list.length === 1 ? "" : "s"} ${list.join(", ")}${count > list.length ? ", …" : ""}`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (warnings.future) {
    const { count, rows: list, latest } = warnings.future;
    out.push(
      `warning: ${plural(count, "row")} dated after today (${serialToIsoDate(warnings.today)}), the latest ${serialToIsoDate(latest)} (${rows(list, count)}).`,
    );
    if (warnings.analysisDateInFuture) {
      out.push(
        `warning: the analysis date ${serialToIsoDate(analysisDate)} is the latest purchase date, which is after today: every recency is counted from it. Check those dates, or set --analysis-date.`,
      );
    }
  }
  if (warnings.early) {
    const { count, rows: list, earliest } = warnings.early;
    out.push(
      `warning: ${plural(count, "row")} dated before 1990, the earliest ${serialToIsoDate(earliest)} (${rows(list, count)}). A date cell holding just 1 reads as 1900-01-01; check those dates.`,
    );
  }
  if (warnings.ambiguous) {
    const { count, rows: list, example, order } = warnings.ambiguous;
    const used = order === "DMY" ? "day first (DD/MM/YYYY)" : "month first (MM/DD/YYYY)";
    const other = order === "DMY" ? "MDY" : "DMY";
    out.push(
      `note: ${plural(count, "date")} such as "${example}" can be read two ways; they were read ${used} (${rows(list, count)}). If they are the other way round, run again with --date-order ${other}.`,
    );
  }
  return out.length > 0 ? `${out.join("\n")}\n` : "";
}

/** Runs the command; returns the exit code (0 ok, 1 input problem, 2 bad arguments). */
export function main(argv: readonly string[], io: CliIo): number {
  if (wantsSql(argv)) return sqlMain(argv, io);
  let args: CliArguments;
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message === "") {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    io.stderr(`error: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return segmentFile(args, io);
  } catch (error) {
    return explainFailure(error, args, io);
  }
}

/** Where the command writes: standard output and standard error. */
interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** The command on parsed arguments: analyse, write OUT (and the movement file), then report on standard error. */
function segmentFile(args: CliArguments, io: CliIo): number {
  checkOutputTarget(args.input, args.out);
  if (args.movement !== undefined) checkOutputTarget(args.input, args.movement, "--movement");
  const timer = args.timings ? new StepTimer() : undefined;
  const { result, forecast } = analyzeWithForecast(args, io, timer);
  const stats = { protectedIds: 0 };
  const text = formatCustomersCsvBytes(result, {
    rawIds: args.rawIds,
    stats,
    extra: forecast && { names: FORECAST_COLUMNS, fields: (i) => forecastFields(forecast, i) },
  });
  timer?.step("format");
  if (args.out === "-") io.stdout(text.toString("utf8"));
  else if (!writeOrExplain(args.out, text, io)) return 1;
  timer?.step("write");
  if (args.movement !== undefined && result.comparison) {
    if (!writeOrExplain(args.movement, Buffer.from(formatMovementCsv(result.comparison), "utf8"), io)) return 1;
  }
  if (forecast && args.forecast?.report !== undefined)
    writeFileSync(args.forecast.report, forecastReportJson(forecast.report));
  reportRun(args, io, result, forecast, stats.protectedIds, timer);
  return 0;
}

/** The analysis of INPUT, and with --forecast-days the forecast of the same rows (notes on the encoding first). */
function analyzeWithForecast(
  args: CliArguments,
  io: CliIo,
  timer: StepTimer | undefined,
): { result: RfmResult; forecast: Forecast | undefined } {
  let forecast: Forecast | undefined;
  const result = analyzeCsvFile(
    args.input,
    args,
    timer,
    (encoding) =>
      io.stderr(
        encoding === "GB18030"
          ? `note: ${args.input} is not UTF-8; read as GB18030 (GBK), what Excel's plain "CSV" saves on Chinese Windows. If names look wrong, save it as "CSV UTF-8" instead.\n`
          : `note: ${args.input} is ${encoding}; read as such.\n`,
      ),
    args.forecast && ((encoded, options) => (forecast = forecastOf(encoded, options, args.forecast!, timer))),
  );
  if (forecast && forecast.columns.x.length !== result.customers.id.length)
    throw new Error("The forecast's customers do not line up with the analysis's.");
  return { result, forecast };
}

/** Writes `file` atomically; false (the reason on standard error) when a plain write problem stops it. */
function writeOrExplain(file: string, bytes: Buffer, io: CliIo): boolean {
  try {
    writeFileAtomically(file, bytes);
    return true;
  } catch (error) {
    const message = describeWriteError(error, file);
    if (message === undefined) throw error;
    io.stderr(`error: ${message}\n`);
    return false;
  }
}

/** Skipped rows, change line, date warnings and notes on standard error; the one-line summary last. */
function reportRun(
  args: CliArguments,
  io: CliIo,
  result: RfmResult,
  forecast: Forecast | undefined,
  protectedIds: number,
  timer: StepTimer | undefined,
): void {
  io.stderr(formatReport(result));
  if (result.comparison) io.stderr(formatChangeLine(result.comparison));
  io.stderr(formatDateWarnings(result.dateWarnings, result.analysisDate));
  if (protectedIds > 0) {
    io.stderr(
      `note: ${protectedIds} customer id${protectedIds === 1 ? "" : "s"} start${protectedIds === 1 ? "s" : ""} with = + - or @ and ${protectedIds === 1 ? "was" : "were"} written with a leading ' so that a spreadsheet opening the file shows ${protectedIds === 1 ? "it" : "them"} as text instead of running a formula (--raw-ids writes ids as they are).\n`,
    );
  }
  if (forecast) io.stderr(formatForecastNotes(forecast.report));
  if (timer) io.stderr(timer.report());
  const summary = `${result.totals.customers} customers from ${result.totals.usedRows} rows (analysis date ${serialToIsoDate(result.analysisDate)}) written to ${args.out === "-" ? "standard output" : args.out}\n`;
  if (args.out === "-") io.stderr(summary);
  else io.stdout(summary);
}

/** Exit code 1 and a plain message for input and file-system problems; anything else is rethrown. */
function explainFailure(error: unknown, args: CliArguments, io: CliIo): number {
  if (error instanceof RfmInputError || error instanceof CliInputError) {
    io.stderr(`error: ${error.message}\n`);
    return 1;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ERR_FS_FILE_TOO_LARGE") {
    io.stderr(
      `error: ${args.input} is larger than 2 GiB, more than Node.js reads into memory at once. Split it into smaller files (by year, say) and run each.\n`,
    );
    return 1;
  }
  if (code === "ENOENT" || code === "EISDIR" || code === "EACCES") {
    io.stderr(
      `error: cannot ${(error as NodeJS.ErrnoException).syscall === "open" ? "open" : "use"} ${(error as NodeJS.ErrnoException).path}: ${code}\n`,
    );
    return 1;
  }
  throw error;
}
