/**
 * `npm run segment -- INPUT.csv --out OUT.csv [options]`: the add-in's engine on a CSV file. Writes one row per
 * customer, sorted by customer id as text, with the columns SPEC.md lists; skipped rows go to standard error.
 */
import { readFileSync, writeFileSync } from "node:fs";
import {
  analyzeEncoded,
  resolveOptions,
  type CellValue,
  type ColumnMapping,
  guessMapping,
  isoDateToSerial,
  type MappedField,
  normaliseHeader,
  numberCustomersById,
  type RfmOptions,
  type RfmResult,
  RfmInputError,
  type ScoreCount,
  serialToIsoDate,
  type SkipReason,
  validateMapping,
} from "../engine/index";
import { readCsvHeaderBytes } from "./csv-reader";
import { formatCustomersCsvBytes } from "./customers-csv";
import { formatChangeLine, formatMovementCsv } from "./movement-csv";
import { encodeCsv } from "./encode-csv";
import { type SourceEncoding, toUtf8 } from "./text-encoding";

export const USAGE = `Usage: npm run segment -- INPUT.csv --out OUT.csv [options]

Options:
  --out FILE              where to write one row per customer (required)
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
  /** `--movement FILE`: where to write the movement matrices. */
  movement?: string;
}

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
  let movement: string | undefined;
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
      const k = Number(value());
      if (k !== 3 && k !== 4 && k !== 5 && k !== 10) throw new UsageError("--k must be 3, 4, 5 or 10.");
      options.k = k as ScoreCount;
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
    else if (flag === "--date-order") {
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
  if (movement !== undefined && options.compareDate === undefined)
    throw new UsageError("--movement needs --compare-date (the date to compare with).");
  return { input, out, options, columns, timings, ...(movement !== undefined ? { movement } : {}) };
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
): RfmResult {
  const { bytes, encoding } = toUtf8(readFileSync(file));
  if (encoding !== "UTF-8") onEncoding?.(encoding);
  timer?.step("read");
  const header = readCsvHeaderBytes(bytes);
  if (header.names.length === 0 || (header.names.length === 1 && header.names[0] === "")) {
    throw new RfmInputError("empty_selection", "The file is empty. It needs a header row and one row per sales line.");
  }
  const mapping = resolveMapping(header.names, args.columns);
  const problems = validateMapping(mapping, header.names.length);
  if (problems.length > 0) throw problems[0]!;
  const options = resolveOptions({ ...args.options, hasHeader: true, firstRowNumber: 1 });
  const encoded = encodeCsv(bytes, header, mapping, options);
  timer?.step("parse");
  if (encoded.rowCount === 0) throw new RfmInputError("header_only", "The file has a header row but no sales rows.");
  // The output is sorted by id: numbered in that order, the customers are written in memory order.
  numberCustomersById(encoded, encoded.customerIdOrder);
  timer?.step("order by id");
  const result = analyzeEncoded(encoded, options, {}, { headers: header.names, mapping });
  timer?.step("analyze");
  return result;
}

const REASONS: Record<SkipReason, string> = {
  missing_customer: "no customer",
  bad_date: "unreadable date",
  bad_amount: "unreadable amount",
  after_analysis_date: "dated after the analysis date",
};

/** The standard-error report: skipped rows by line number, returns-only customers. */
export function formatReport(result: RfmResult): string {
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

/** Runs the command; returns the exit code (0 ok, 1 input problem, 2 bad arguments). */
export function main(
  argv: readonly string[],
  io: { stdout: (s: string) => void; stderr: (s: string) => void },
): number {
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
    const timer = args.timings ? new StepTimer() : undefined;
    const result = analyzeCsvFile(args.input, args, timer, (encoding) =>
      io.stderr(
        encoding === "GB18030"
          ? `note: ${args.input} is not UTF-8; read as GB18030 (GBK), what Excel's plain "CSV" saves on Chinese Windows. If names look wrong, save it as "CSV UTF-8" instead.\n`
          : `note: ${args.input} is ${encoding}; read as such.\n`,
      ),
    );
    const text = formatCustomersCsvBytes(result);
    timer?.step("format");
    writeFileSync(args.out, text);
    timer?.step("write");
    if (args.movement !== undefined && result.comparison)
      writeFileSync(args.movement, formatMovementCsv(result.comparison));
    io.stderr(formatReport(result));
    if (result.comparison) io.stderr(formatChangeLine(result.comparison));
    if (timer) io.stderr(timer.report());
    io.stdout(
      `${result.totals.customers} customers from ${result.totals.usedRows} rows (analysis date ${serialToIsoDate(result.analysisDate)}) written to ${args.out}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof RfmInputError) {
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
}
