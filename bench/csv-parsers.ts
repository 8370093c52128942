/**
 * `npm run bench:csv`: the CLI's CSV reader against papaparse and csv-parse on the same 1M-row files, parse only.
 * Each parse runs in a fresh node process (so peak memory is that parser's alone), the contenders alternate round
 * by round, and each process reads the file into memory before the clock starts. Printed per contender: median
 * wall and CPU time of the parse, the process's peak RSS (VmHWM) and how far it rose above the RSS with the file
 * read, and the rows returned (the header included).
 *
 * Options (after `npm run bench:csv --`): --rows 1000000  --rounds 3  --seed N
 */
import { spawnSync } from "node:child_process";
import { constants as bufferConstants } from "node:buffer";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { parse as csvParse } from "csv-parse/sync";
import Papa from "papaparse";
import { resolveOptions } from "../src/engine/index";
import { readCsvHeaderBytes } from "../src/cli/csv-reader";
import { CsvRecordSplitter } from "../src/cli/csv-records";
import { encodeCsv } from "../src/cli/encode-csv";
import { resolveMapping } from "../src/cli/segment";
import { median } from "./measure";
import { generateSales, writeSalesCsv, type CsvShape } from "./synthetic-sales";

const repoRoot = resolve(__dirname, "..", "..", "..");
const dataDir = join(repoRoot, ".bench-data");

/** What each contender makes of the file's bytes. */
const CONTENDERS: Record<string, { label: string; parse: (bytes: Buffer) => number }> = {
  split: { label: "ours: records split, fields located (no strings)", parse: splitOnly },
  ours: { label: "ours: records → string[][] (CsvRecordSplitter)", parse: oursToStrings },
  encode: { label: "ours: records → engine rows (encodeCsv, the CLI's)", parse: oursToEngineRows },
  papaparse: { label: "papaparse: Papa.parse(text) → string[][]", parse: papaparseToStrings },
  csvParse: { label: "csv-parse/sync: parse(bytes) → string[][]", parse: csvParseToStrings },
};

/** The file shapes: the benchmark's plain file and the one that quotes every field (same names as npm run bench). */
const SHAPES: { name: string; file: string; shape: CsvShape }[] = [
  { name: "plain", file: "sales", shape: {} },
  { name: "every field quoted", file: "sales-quoted", shape: { quoteAll: true } },
];

/** Record splitting alone: every field's byte range found, nothing decoded. */
function splitOnly(bytes: Buffer): number {
  const header = readCsvHeaderBytes(bytes);
  const splitter = new CsvRecordSplitter(bytes, header, allColumns(header.names.length), header.names.length);
  let rows = 1;
  let fieldBytes = 0;
  while (splitter.hasRecord()) {
    splitter.next();
    for (let slot = 0; slot < header.names.length; slot++)
      fieldBytes += splitter.fields.end[slot]! - splitter.fields.start[slot]!;
    rows++;
  }
  return fieldBytes >= 0 ? rows : -1;
}

/** The same output as the other two: one string per field, each record an array. */
function oursToStrings(bytes: Buffer): number {
  const header = readCsvHeaderBytes(bytes);
  const columns = header.names.length;
  const splitter = new CsvRecordSplitter(bytes, header, allColumns(columns), columns);
  const { start, end, quoted } = splitter.fields;
  const records: string[][] = [header.names];
  while (splitter.hasRecord()) {
    splitter.next();
    const record = new Array<string>(columns);
    for (let slot = 0; slot < columns; slot++) {
      record[slot] = quoted[slot] ?? (start[slot]! < 0 ? "" : bytes.toString("utf8", start[slot]!, end[slot]!));
    }
    records.push(record);
  }
  return records.length;
}

/** What the CLI does: ids interned, dates and amounts decoded into the engine's typed row arrays. */
function oursToEngineRows(bytes: Buffer): number {
  const header = readCsvHeaderBytes(bytes);
  const mapping = resolveMapping(header.names, {});
  const options = resolveOptions({ hasHeader: true, firstRowNumber: 1 });
  return encodeCsv(bytes, header, mapping, options).rowCount + 1;
}

function papaparseToStrings(bytes: Buffer): number {
  // papaparse takes text: the decode is part of its cost.
  const result = Papa.parse<string[]>(bytes.toString("utf8"), { header: false });
  return result.data.length;
}

function csvParseToStrings(bytes: Buffer): number {
  const records = csvParse(bytes, { relax_column_count: true }) as string[][];
  return records.length;
}

function allColumns(count: number): Int8Array {
  const columnSlot = new Int8Array(count + 1).fill(-1);
  for (let column = 0; column < count; column++) columnSlot[column] = column;
  return columnSlot;
}

interface ChildFigures {
  ms: number;
  cpuMs: number;
  rows: number;
  rssReadMB: number;
  peakRssMB: number;
}

/** In the child process: read the file, parse it once, print the figures as one JSON line. */
function runChild(contender: string, file: string): void {
  const bytes = readFileSync(file);
  const rssReadMB = process.memoryUsage().rss / 2 ** 20;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const rows = CONTENDERS[contender]!.parse(bytes);
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const figures: ChildFigures = {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rows,
    rssReadMB,
    peakRssMB: peakRssKb() / 1024,
  };
  process.stdout.write(JSON.stringify(figures) + "\n");
}

function peakRssKb(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return match ? Number(match[1]) : process.resourceUsage().maxRSS;
}

function main(argv: readonly string[]): void {
  if (argv[0] === "--child") return runChild(argv[1]!, argv[2]!);
  let rows = 1_000_000;
  let rounds = 3;
  let seed = 20240601;
  for (let i = 0; i < argv.length; i++) {
    const value = Number((argv[i + 1] ?? "").replace(/_/g, ""));
    if (argv[i] === "--rows") rows = value;
    else if (argv[i] === "--rounds") rounds = value;
    else if (argv[i] === "--seed") seed = value;
    else throw new Error(`Unknown option ${argv[i]}`);
    if (!(Number.isInteger(value) && value > 0)) throw new Error(`${argv[i]} needs a whole number above 0`);
    i++;
  }
  console.log(`CSV parsers — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "?"}`);
  console.log(
    `Load average at the start: ${loadAverage()} (${cpus().length} cores; above ~1 means others shared them)`,
  );
  console.log(
    `buffer.constants.MAX_STRING_LENGTH = ${bufferConstants.MAX_STRING_LENGTH.toLocaleString("en")} characters ` +
      `(${(bufferConstants.MAX_STRING_LENGTH / 2 ** 20).toFixed(2)} Mi): a file decoded as one string can be no longer.`,
  );
  mkdirSync(dataDir, { recursive: true });
  let sales: ReturnType<typeof generateSales> | undefined;
  for (const { name, file, shape } of SHAPES) {
    const input = join(dataDir, `${file}-${rows}-seed${seed}.csv`);
    if (!existsSync(input)) writeSalesCsv(input, (sales ??= generateSales({ rows, seed, timeOfDayShare: 0 })), shape);
    const size = readFileSync(input).length;
    console.log(`\n${name}: ${input} (${(size / 2 ** 20).toFixed(1)} MB, ${rows.toLocaleString("en")} rows)`);
    timeContenders(input, rounds);
  }
  console.log(`\nLoad average at the end: ${loadAverage()}`);
}

/** `rounds` rounds after a warm-up round, the contenders alternating; prints one line per contender. */
function timeContenders(input: string, rounds: number): void {
  const names = Object.keys(CONTENDERS);
  const results = new Map<string, ChildFigures[]>(names.map((name) => [name, []]));
  for (let round = 0; round <= rounds; round++) {
    for (const name of names) {
      const child = spawnSync(process.execPath, ["--max-old-space-size=8192", __filename, "--child", name, input], {
        encoding: "utf8",
        maxBuffer: 1 << 24,
      });
      if (child.status !== 0) throw new Error(`${name} failed (exit ${child.status}): ${child.stderr.slice(0, 2000)}`);
      // Round 0 warms the page cache.
      if (round > 0) results.get(name)!.push(JSON.parse(child.stdout.trim()) as ChildFigures);
    }
  }
  const table = [["  parser", "median ms", "runs ms", "cpu ms", "peak RSS MB", "above file read MB", "rows"]];
  for (const name of names) {
    const runs = results.get(name)!;
    const peak = Math.max(...runs.map((r) => r.peakRssMB));
    const read = median(runs.map((r) => r.rssReadMB));
    table.push([
      `  ${CONTENDERS[name]!.label}`,
      fmt(median(runs.map((r) => r.ms))),
      runs.map((r) => fmt(r.ms)).join(", "),
      fmt(median(runs.map((r) => r.cpuMs))),
      fmt(peak),
      fmt(peak - read),
      runs[0]!.rows.toLocaleString("en"),
    ]);
  }
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  for (const row of table) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join("  "));
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString("en");
}

function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
}

main(process.argv.slice(2));
