/**
 * The same analysis written the way a data engineer would with DuckDB: load the sales lines into a table, then
 * one SQL statement for the customer table (QUANTILE_CONT breakpoints, CASE classifications, window sums for
 * tiers) and one GROUPING SETS query for the summaries.
 */
import { DOUBLE, DuckDBConnection, DuckDBDataChunk, DuckDBInstance, VARCHAR } from "@duckdb/node-api";
import type { CellValue } from "../src/engine/types";
import type { SalesColumnsMapping } from "./arquero-rfm";
import { REFERENCE_SETTINGS, STANDARD_GRID, type CustomerRecord } from "./reference-rules";

/** An in-memory database; `threads` undefined keeps DuckDB's default (all cores). */
export async function openDuckDb(threads?: number): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(":memory:", threads ? { threads: String(threads) } : {});
  return instance.connect();
}

export async function duckDbThreads(connection: DuckDBConnection): Promise<number> {
  const reader = await connection.runAndReadAll("SELECT current_setting('threads')");
  return Number(reader.getRows()[0]?.[0]);
}

/**
 * Loads cell values (header row first) into table `sales(customer, serial, amount, order_id)` with the appender,
 * 2,048 rows (one DuckDB vector) at a time: the fastest way in from JS values this client offers.
 */
async function loadCellValues(
  connection: DuckDBConnection,
  values: readonly CellValue[][],
  mapping: SalesColumnsMapping,
): Promise<void> {
  await connection.run(
    "CREATE OR REPLACE TABLE sales (customer VARCHAR, serial DOUBLE, amount DOUBLE, order_id VARCHAR)",
  );
  const appender = await connection.createAppender("sales");
  const chunk = DuckDBDataChunk.create([VARCHAR, DOUBLE, DOUBLE, VARCHAR]);
  const vectorSize = 2048;
  const rows = values.length - 1;
  for (let start = 0; start < rows; start += vectorSize) {
    const size = Math.min(vectorSize, rows - start);
    const customer = new Array<string>(size);
    const serial = new Array<number>(size);
    const amount = new Array<number>(size);
    const order = new Array<string>(size);
    for (let i = 0; i < size; i++) {
      const row = values[start + i + 1] ?? [];
      const date = row[mapping.date];
      const value = row[mapping.amount];
      if (typeof date !== "number" || typeof value !== "number") {
        throw new Error(`DuckDB bench: row ${start + i + 2} has no serial date or numeric amount`);
      }
      customer[i] = String(row[mapping.customer]).trim();
      serial[i] = date;
      amount[i] = value;
      order[i] = String(row[mapping.orderId]);
    }
    chunk.setColumns([customer, serial, amount, order]);
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  appender.closeSync();
}

/** The lines as the analysis reads them, from the table filled by {@link loadCellValues}. */
const SALES_TABLE_LINES =
  "SELECT customer, floor(serial)::INTEGER AS day, round(amount * 10000)::BIGINT AS units, order_id FROM sales";

/** The lines read straight from a CSV file written by `writeSalesCsv`, with DuckDB's type sniffing. */
export function csvLines(path: string): string {
  const file = path.replace(/'/g, "''");
  return `SELECT trim(customer_id) AS customer, (order_date::DATE - DATE '1899-12-30')::INTEGER AS day,
    round(amount * 10000)::BIGINT AS units, order_id FROM read_csv('${file}', header = true)`;
}

/**
 * SQL that builds table `rfm_customers` from a query yielding `customer, day (Excel serial day), units (amount
 * in 1/10,000), order_id`.
 */
export function customerTableSql(lines: string): string {
  const { k } = REFERENCE_SETTINGS;
  const [cutA, cutB] = REFERENCE_SETTINGS.tierCutoffs;
  const [active, recentlyLapsed, lapsed] = REFERENCE_SETTINGS.lifecycleDays;
  const fractions = `[${Array.from({ length: k - 1 }, (_, j) => (j + 1) / k).join(", ")}]`;
  const bin = (column: string, list: string) =>
    `(1${Array.from({ length: k - 1 }, (_, j) => ` + (${column} > ${list}[${j + 1}])::INTEGER`).join("")})`;
  const to5 = (score: string) => (k === 5 ? score : `ceil(5 * ${score} / ${k})::INTEGER`);
  const grid = `[${STANDARD_GRID.map((row) => `[${row.map((key) => `'${key}'`).join(", ")}]`).join(", ")}]`;
  return `
CREATE OR REPLACE TABLE rfm_customers AS
WITH lines AS (${lines}),
analysis AS (SELECT max(day) AS ad FROM lines WHERE units >= 0),
per_customer AS (
  SELECT customer,
    min(day) FILTER (WHERE units >= 0) AS first_day,
    max(day) FILTER (WHERE units >= 0) AS last_day,
    count(DISTINCT order_id) FILTER (WHERE units >= 0) AS frequency,
    sum(units)::BIGINT AS units
  FROM lines, analysis WHERE day <= analysis.ad
  GROUP BY customer),
metrics AS (
  SELECT customer, first_day, last_day, analysis.ad - last_day AS recency, analysis.ad - first_day AS tenure,
    frequency, units, units::DOUBLE / 10000 AS monetary, units::DOUBLE / 10000 / frequency AS aov
  FROM per_customer, analysis WHERE frequency > 0),
stats AS (
  SELECT quantile_cont(recency::DOUBLE, ${fractions}) AS rb, quantile_cont(frequency::DOUBLE, ${fractions}) AS fb,
    quantile_cont(monetary, ${fractions}) AS mb, avg(recency) AS mean_recency, avg(frequency) AS mean_frequency,
    sum(units)::DOUBLE / 10000 / count(*) AS mean_monetary, sum(units) FILTER (WHERE units > 0)::DOUBLE AS positive_units
  FROM metrics),
scored AS (
  SELECT metrics.*, ${k + 1} - ${bin("recency", "rb")} AS r, ${bin("frequency", "fb")} AS f, ${bin("monetary", "mb")} AS m,
    recency <= mean_recency AS r_high, frequency >= mean_frequency AS f_high, monetary >= mean_monetary AS m_high,
    positive_units
  FROM metrics, stats),
tiered AS (
  SELECT scored.*,
    (sum(units) OVER (ORDER BY units DESC) - sum(units) OVER (PARTITION BY units))::DOUBLE AS prior_units,
    row_number() OVER (ORDER BY units DESC) AS monetary_rank,
    sum(units) OVER (ORDER BY units DESC ROWS UNBOUNDED PRECEDING) AS cumulative_units
  FROM scored)
SELECT customer, first_day, last_day, recency, tenure, frequency, units, monetary, aov, r, f, m,
  ${grid}[6 - ${to5("r")}][(${to5("f")} + ${to5("m")} + 1) // 2] AS segment,
  (CASE WHEN m_high THEN 'important_' ELSE 'general_' END) ||
    (CASE WHEN r_high AND f_high THEN 'value' WHEN r_high THEN 'develop' WHEN f_high THEN 'retain' ELSE 'recall' END)
    AS value_class,
  CASE WHEN units <= 0 THEN 'C' WHEN prior_units / positive_units < ${cutA} THEN 'A'
    WHEN prior_units / positive_units < ${cutB} THEN 'B' ELSE 'C' END AS tier,
  CASE WHEN recency <= ${active} THEN 'active' WHEN recency <= ${recentlyLapsed} THEN 'recently_lapsed'
    WHEN recency <= ${lapsed} THEN 'lapsed' ELSE 'dormant' END AS lifecycle,
  monetary_rank, cumulative_units, positive_units
FROM tiered`;
}

/** Summaries per scheme, the R × F grid and the breakpoints, read into JS (small results). */
const SUMMARY_SQL = `
SELECT segment, value_class, tier, lifecycle, r, f, count(*) AS customers, sum(units)::DOUBLE / 10000 AS revenue,
  avg(recency) AS avg_recency, avg(frequency) AS avg_frequency, avg(monetary) AS avg_monetary
FROM rfm_customers
GROUP BY GROUPING SETS ((segment), (value_class), (tier), (lifecycle), (r, f))`;

const PARETO_SQL = `
SELECT monetary_rank, cumulative_units / positive_units AS revenue_share FROM rfm_customers
WHERE monetary_rank % greatest(1, (SELECT ceil(count(*) / 200) FROM rfm_customers)::BIGINT) = 0
   OR monetary_rank = (SELECT count(*) FROM rfm_customers)`;

export interface DuckDbRfmTimings {
  loadMs: number;
  sqlMs: number;
}

/** Loads cell values and runs the whole analysis; returns where the time went. */
export async function duckDbRfm(
  connection: DuckDBConnection,
  values: readonly CellValue[][],
  mapping: SalesColumnsMapping,
): Promise<DuckDbRfmTimings> {
  const start = performance.now();
  await loadCellValues(connection, values, mapping);
  const loaded = performance.now();
  await runAnalysis(connection, SALES_TABLE_LINES);
  return { loadMs: loaded - start, sqlMs: performance.now() - loaded };
}

/** Builds `rfm_customers` from the given lines query and reads the small results into JS. */
async function runAnalysis(
  connection: DuckDBConnection,
  lines: string,
): Promise<{ summaries: unknown[][]; pareto: unknown[][] }> {
  await connection.run(customerTableSql(lines));
  const summaries = (await connection.runAndReadAll(SUMMARY_SQL)).getRowsJS();
  const pareto = (await connection.runAndReadAll(PARETO_SQL)).getRowsJS();
  return { summaries, pareto };
}

/** Per-customer records of the last `rfm_customers` built, for the agreement check (not timed). */
export async function duckDbRecords(connection: DuckDBConnection): Promise<Map<string, CustomerRecord>> {
  const reader = await connection.runAndReadAll(
    "SELECT customer, first_day, last_day, recency, frequency, monetary, r, f, m, segment, value_class, tier, lifecycle FROM rfm_customers",
  );
  const records = new Map<string, CustomerRecord>();
  for (const row of reader.getRowsJS()) {
    records.set(String(row[0]), {
      firstPurchase: Number(row[1]),
      lastPurchase: Number(row[2]),
      recency: Number(row[3]),
      frequency: Number(row[4]),
      monetary: Number(row[5]),
      r: Number(row[6]),
      f: Number(row[7]),
      m: Number(row[8]),
      segment: String(row[9]),
      valueClass: String(row[10]),
      tier: String(row[11]),
      lifecycle: String(row[12]),
    });
  }
  return records;
}
