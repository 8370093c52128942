/**
 * What a data engineer would run instead of `npm run segment`: DuckDB reads the sales CSV with read_csv, computes
 * the same customer table and writes OUT.csv with the same columns, sorted by customer id.
 * Usage: node dist-node/bench/bench/duckdb-segment-csv.js INPUT.csv OUT.csv [threads]
 */
import { csvLines, customerTableSql, openDuckDb } from "./duckdb-rfm";

async function main(): Promise<void> {
  const [input, output, threads] = process.argv.slice(2);
  if (!input || !output) throw new Error("Usage: duckdb-segment-csv INPUT.csv OUT.csv [threads]");
  const connection = await openDuckDb(threads ? Number(threads) : undefined);
  await connection.run(`CREATE TABLE sales_lines AS ${csvLines(input)}`);
  await connection.run(customerTableSql("SELECT * FROM sales_lines"));
  // A DATE column is written as YYYY-MM-DD, and faster than strftime.
  const day = (column: string) => `(DATE '1899-12-30' + ${column})`;
  await connection.run(`COPY (
    SELECT customer AS customer_id, ${day("first_day")} AS first_purchase, ${day("last_day")} AS last_purchase,
      recency, frequency, monetary, aov, r, f, m, concat(r, f, m) AS rfm, segment, value_class, tier, lifecycle
    FROM rfm_customers ORDER BY customer
  ) TO '${output.replace(/'/g, "''")}' (HEADER, DELIMITER ',')`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
