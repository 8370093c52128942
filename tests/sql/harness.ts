/**
 * Test harness for the SQL query: the CLI's output on CSV rows (run in-process, as tests/cli do), the same rows
 * in a DuckDB (in-process) or PostgreSQL (a throwaway cluster) table, and both results as rows of CSV text.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { Client, types } from "pg";
import { readCsvHeaderBytes } from "../../src/cli/csv-reader";
import { formatCustomersCsv, plainNumber } from "../../src/cli/customers-csv";
import { encodeCsv } from "../../src/cli/encode-csv";
import { resolveMapping } from "../../src/cli/segment";
import { analyzeEncoded, resolveOptions, type RfmOptions } from "../../src/engine/index";
import { numberCustomersById } from "../../src/engine/encoded";

/** A sales line as text, the way both the CSV and the SQL table get it. */
export interface Line {
  customer: string | null;
  /** YYYY-MM-DD or YYYY-MM-DD HH:MM:SS */
  date: string;
  /** A decimal string. */
  amount: string;
  /** null: NULL in the table, empty in the CSV. */
  order: string | null;
}

/** Column names that need quoting in every dialect. */
export const COLUMNS = { customer: "客户", date: "Date Time", amount: "amt", orderId: 'Order "ID"' } as const;

function csvField(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Splits CSV text into rows of fields (quoted fields may hold commas, quotes, line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const row: string[] = [];
    for (;;) {
      if (text[i] === '"') {
        let field = "";
        let j = i + 1;
        for (;;) {
          const quote = text.indexOf('"', j);
          field += text.slice(j, quote);
          if (text[quote + 1] === '"') {
            field += '"';
            j = quote + 2;
          } else {
            i = quote + 1;
            break;
          }
        }
        row.push(field);
      } else {
        let j = i;
        while (j < n && text[j] !== "," && text[j] !== "\n") j++;
        row.push(text.slice(i, j));
        i = j;
      }
      if (text[i] === ",") i++;
      else {
        i++;
        break;
      }
    }
    rows.push(row);
  }
  return rows;
}

/** The CLI's OUT.csv rows (header dropped) for these lines; undefined when the CLI finds nothing to analyse. */
export function cliRows(
  lines: readonly Line[],
  options: Partial<RfmOptions>,
  withOrder = true,
): string[][] | undefined {
  const header = ["customer", "date", "amount", ...(withOrder ? ["order"] : [])];
  const text = [
    header,
    ...lines.map((l) => [l.customer ?? "", l.date, l.amount, ...(withOrder ? [l.order ?? ""] : [])]),
  ]
    .map((row) => row.map(csvField).join(","))
    .join("\n");
  const bytes = Buffer.from(`${text}\n`, "utf8");
  const head = readCsvHeaderBytes(bytes);
  const mapping = resolveMapping(head.names, withOrder ? {} : { orderId: "" });
  const resolved = resolveOptions({ ...options, hasHeader: true, firstRowNumber: 1 });
  const encoded = encodeCsv(bytes, head, mapping, resolved);
  numberCustomersById(encoded, encoded.customerIdOrder);
  try {
    return parseCsv(formatCustomersCsv(analyzeEncoded(encoded, resolved, {}, { headers: head.names, mapping }))).slice(
      1,
    );
  } catch (error) {
    if ((error as { code?: string }).code === "no_valid_rows") return undefined;
    throw error;
  }
}

/** UTF-8 byte order (= code point order), what the query sorts by. */
export function byByteOrder(rows: string[][]): string[][] {
  return [...rows].sort((a, b) => Buffer.compare(Buffer.from(a[0]!, "utf8"), Buffer.from(b[0]!, "utf8")));
}

/** A decimal's text without trailing zeros (`6.0000` → `6`). */
function plainDecimal(text: string): string {
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

/** One result row as the CLI would print it. */
function asCliRow(values: readonly unknown[]): string[] {
  return values.map((value, column) => {
    if (column === 1 || column === 2) return String(value).slice(0, 10);
    if (column === 5) return plainDecimal(String(value));
    if (column === 6) return plainNumber(Number(value));
    return String(value);
  });
}

function sqlText(text: string | null): string {
  return text === null ? "NULL" : `'${text.replace(/'/g, "''")}'`;
}

export const quoteId = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** CREATE TABLE and INSERT statements (the same text suits DuckDB and PostgreSQL). */
export function tableStatements(table: string, lines: readonly Line[], textType: string, batch = 1000): string[] {
  const statements = [
    `CREATE TABLE ${quoteId(table)} (${quoteId(COLUMNS.customer)} ${textType}, ${quoteId(COLUMNS.date)} TIMESTAMP, ` +
      `${quoteId(COLUMNS.amount)} NUMERIC(38, 10), ${quoteId(COLUMNS.orderId)} ${textType})`,
  ];
  for (let from = 0; from < lines.length; from += batch) {
    const values = lines
      .slice(from, from + batch)
      .map(
        (l) =>
          `(${sqlText(l.customer)}, TIMESTAMP '${l.date.length === 10 ? `${l.date} 00:00:00` : l.date}', ${l.amount}, ${sqlText(l.order)})`,
      );
    statements.push(`INSERT INTO ${quoteId(table)} VALUES ${values.join(", ")}`);
  }
  return statements;
}

export async function openDuckDb(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  return instance.connect();
}

export async function duckDbRows(connection: DuckDBConnection, sql: string): Promise<string[][]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRows().map((row) => asCliRow(row.map((v) => (typeof v === "number" ? v : String(v)))));
}

/** Where Debian's PostgreSQL binaries are (newest version), or undefined. */
export function postgresBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0]!, "bin") : undefined;
}

/** A PostgreSQL cluster in a temp folder, Unix socket only (no TCP port), run as `postgres` when we are root. */
export class TempPostgres {
  readonly dir: string;
  private started = false;
  client?: Client;

  constructor(private readonly bin: string) {
    this.dir = mkdtempSync(path.join(tmpdir(), "rfm-pg-"));
    chmodSync(this.dir, 0o755);
  }

  private run(tool: string, args: string[]): void {
    const command = path.join(this.bin, tool);
    if (process.getuid?.() === 0) {
      execFileSync("chown", ["postgres", this.dir]);
      execFileSync("runuser", ["-u", "postgres", "--", command, ...args], { stdio: "pipe" });
    } else execFileSync(command, args, { stdio: "pipe" });
  }

  async start(): Promise<Client> {
    const data = path.join(this.dir, "data");
    this.run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
    this.run("pg_ctl", [
      "-D",
      data,
      "-l",
      path.join(this.dir, "log"),
      "-o",
      `-c listen_addresses='' -k ${this.dir}`,
      "-w",
      "start",
    ]);
    this.started = true;
    // Dates, numerics and bigints as text: compared as the CLI prints them, not through a JS Date or number.
    const asText = (value: string): string => value;
    const client = new Client({
      host: this.dir,
      user: "postgres",
      database: "postgres",
      types: {
        getTypeParser: ((oid: number, format?: string) =>
          oid === 1082 || oid === 1700 || oid === 20
            ? asText
            : (types.getTypeParser(oid, format as "text") as (value: string) => unknown)) as typeof types.getTypeParser,
      },
    });
    await client.connect();
    this.client = client;
    return client;
  }

  async stop(): Promise<void> {
    try {
      await this.client?.end();
    } finally {
      try {
        if (this.started) this.run("pg_ctl", ["-D", path.join(this.dir, "data"), "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(this.dir, { recursive: true, force: true });
      }
    }
  }
}

export async function postgresRows(client: Client, sql: string): Promise<string[][]> {
  const result = await client.query({ text: sql, rowMode: "array" });
  return (result.rows as unknown[][]).map(asCliRow);
}
