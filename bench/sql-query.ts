/**
 * The segmentation query (src/sql) on DuckDB against the CLI on the same rows: the query alone on a table already
 * loaded, the CLI in-process from its CSV file to OUT.csv bytes (read, parse, analyse, format). Prints, never asserts.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DOUBLE, DuckDBDataChunk, VARCHAR } from "@duckdb/node-api";
import { formatCustomersCsvBytes, plainNumber } from "../src/cli/customers-csv";
import { analyzeCsvFile } from "../src/cli/segment";
import { buildSegmentationQuery } from "../src/sql/index";
import { collectGarbage, median } from "./measure";
import { duckDbThreads, openDuckDb } from "./duckdb-rfm";
import { generateSales, orderId, type SyntheticSales, writeSalesCsv } from "./synthetic-sales";

export async function sqlQuerySection(sizes: readonly number[], seed: number, dataDir: string, threads?: number) {
  console.log("\nSQL query (src/sql, duckdb dialect) vs the CLI on the same rows");
  mkdirSync(dataDir, { recursive: true });
  const connection = await openDuckDb(threads);
  console.log(`  DuckDB threads: ${await duckDbThreads(connection)}`);
  const sql = buildSegmentationQuery({
    dialect: "duckdb",
    table: "sales",
    columns: { customer: "customer_id", date: "order_date", amount: "amount", orderId: "order_id" },
  });
  for (const rows of sizes) {
    const sales = generateSales({ rows, seed });
    await loadSales(connection, sales);
    const file = join(dataDir, `sql-bench-${rows}.csv`);
    writeSalesCsv(file, sales);
    const runs = rows >= 5_000_000 ? 2 : 3;
    const sqlTimes: number[] = [];
    const cliTimes: number[] = [];
    let sqlText = "";
    let cliText = "";
    for (let round = 0; round < runs; round++) {
      collectGarbage();
      let start = performance.now();
      const reader = await connection.runAndReadAll(sql);
      sqlTimes.push(performance.now() - start);
      if (round === 0) sqlText = asCsv(reader.getRows());
      collectGarbage();
      start = performance.now();
      const out = formatCustomersCsvBytes(analyzeCsvFile(file, { options: {}, columns: { orderId: "order_id" } }));
      cliTimes.push(performance.now() - start);
      if (round === 0) cliText = out.toString("utf8");
    }
    const sqlMs = median(sqlTimes);
    const cliMs = median(cliTimes);
    console.log(
      `  ${rows.toLocaleString("en")} rows: SQL on DuckDB ${Math.round(sqlMs)} ms (runs ${sqlTimes.map(Math.round).join(", ")}), ` +
        `CLI ${Math.round(cliMs)} ms (runs ${cliTimes.map(Math.round).join(", ")}); SQL/CLI ×${(sqlMs / cliMs).toFixed(2)}; ` +
        `same output: ${sqlText === cliText ? "yes" : "NO"}`,
    );
    await connection.run("DROP TABLE sales");
  }
  connection.closeSync();
}

/** The synthetic sales as table sales(customer_id VARCHAR, order_date DATE, amount DECIMAL(18, 2), order_id VARCHAR). */
async function loadSales(connection: Awaited<ReturnType<typeof openDuckDb>>, sales: SyntheticSales): Promise<void> {
  await connection.run("CREATE TABLE raw_sales (customer_id VARCHAR, serial DOUBLE, amount DOUBLE, order_id VARCHAR)");
  const appender = await connection.createAppender("raw_sales");
  const chunk = DuckDBDataChunk.create([VARCHAR, DOUBLE, DOUBLE, VARCHAR]);
  const rows = sales.customer.length;
  for (let from = 0; from < rows; from += 2048) {
    const size = Math.min(2048, rows - from);
    const customer = new Array<string>(size);
    const serial = new Array<number>(size);
    const amount = new Array<number>(size);
    const order = new Array<string>(size);
    for (let i = 0; i < size; i++) {
      customer[i] = sales.customerIds[sales.customer[from + i]!]!;
      serial[i] = sales.serial[from + i]!;
      amount[i] = sales.amount[from + i]!;
      order[i] = orderId(sales.orderNumber[from + i]!, sales.isReturn[from + i] === 1);
    }
    chunk.setColumns([customer, serial, amount, order]);
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  appender.closeSync();
  await connection.run(`CREATE TABLE sales AS SELECT customer_id,
      DATE '1899-12-30' + CAST(FLOOR(serial) AS INTEGER) AS order_date,
      CAST(ROUND(amount, 2) AS DECIMAL(18, 2)) AS amount, order_id FROM raw_sales`);
  await connection.run("DROP TABLE raw_sales");
}

/** Result rows as the CLI writes them (ids here need no quoting). */
function asCsv(rows: readonly (readonly unknown[])[]): string {
  const header =
    "customer_id,first_purchase,last_purchase,recency,frequency,monetary,aov,r,f,m,rfm,segment,value_class,tier,lifecycle\n";
  return (
    header +
    rows
      .map((row) =>
        row
          .map((value, column) => {
            if (column === 5) return String(value).includes(".") ? String(value).replace(/\.?0+$/, "") : String(value);
            if (column === 6) return plainNumber(Number(value));
            return String(value);
          })
          .join(","),
      )
      .join("\n") +
    (rows.length > 0 ? "\n" : "")
  );
}
