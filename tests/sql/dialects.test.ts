/**
 * The dialects that cannot run here (Spark, BigQuery, Snowflake): golden tests of their dialect-specific
 * fragments in the generated query; option checks; the CLI's `--sql`.
 */
import { main } from "../../src/cli/segment";
import { buildSegmentationQuery, DIALECT_RULES, SQL_DIALECTS, type SqlDialect } from "../../src/sql/index";
import { duckDbRows, openDuckDb } from "./harness";

const COLUMNS = { customer: '客户 "ID"', date: "Order`Date", amount: "amt", orderId: "Order ID" };
const query = (dialect: SqlDialect, k: 3 | 4 | 5 | 10 = 5): string =>
  buildSegmentationQuery({ dialect, table: ["shop", "sales lines"], columns: COLUMNS, k });

describe("dialect fragments (golden)", () => {
  it("quotes identifiers per dialect", () => {
    expect(query("spark")).toContain("FROM `shop`.`sales lines` src");
    expect(query("spark")).toContain("src.`Order``Date`");
    expect(query("bigquery")).toContain("src.`Order\\`Date`");
    expect(query("snowflake")).toContain('src."客户 ""ID"""');
    expect(query("postgres")).toContain('FROM "shop"."sales lines" src');
  });

  it("writes the date difference, types, trim, integer division and byte order per dialect", () => {
    const spark = query("spark", 4);
    expect(spark).toContain("CAST(DATEDIFF(params.analysis_date, c.last_purchase) AS BIGINT) AS recency");
    expect(spark).toContain("CAST(ROUND(CAST(src.`amt` AS DECIMAL(38, 10)), 4) AS DECIMAL(38, 4)) AS amount");
    expect(spark).toContain('TRIM(BOTH settings.blanks FROM CAST(src.`客户 "ID"` AS STRING)) AS customer_id');
    expect(spark).toContain("SELECT '\\u0009\\u000A\\u000B\\u000C\\u000D\\u0020\\u00A0");
    expect(spark).toContain("((5 * s.r + 3) DIV (4)) AS r5");
    expect(spark).toMatch(/ORDER BY s\.customer_id\n$/);

    const bigquery = query("bigquery", 10);
    expect(bigquery).toContain("CAST(DATE_DIFF(params.analysis_date, c.last_purchase, DAY) AS INT64) AS recency");
    expect(bigquery).toContain("CAST(ROUND(CAST(src.`amt` AS BIGNUMERIC), 4) AS NUMERIC) AS amount");
    expect(bigquery).toContain("CAST(c.monetary AS FLOAT64) / c.frequency AS aov");
    expect(bigquery).toContain("TRIM(CAST(src.`Order ID` AS STRING), settings.blanks) AS order_id");
    expect(bigquery).toContain("DIV((totals.n - 1) * js.j, 10) AS q");
    expect(bigquery).toContain(
      "CAST(s.r AS STRING) || '-' || CAST(s.f AS STRING) || '-' || CAST(s.m AS STRING) AS rfm",
    );

    const snowflake = query("snowflake", 3);
    expect(snowflake).toContain("CAST(DATEDIFF(day, c.last_purchase, params.analysis_date) AS BIGINT) AS recency");
    expect(snowflake).toContain('CAST(ROUND(CAST(src."amt" AS NUMBER(38, 10)), 4) AS NUMBER(38, 4)) AS amount');
    expect(snowflake).toContain("SELECT CHR(9) || CHR(10) || CHR(11)");
    expect(snowflake).toContain("FLOOR((5 * s.r + 2) / (3)) AS r5");
    expect(snowflake).toMatch(/ORDER BY COLLATE\(s\.customer_id, 'utf8'\)\n$/);

    expect(query("postgres")).toMatch(/ORDER BY s\.customer_id COLLATE "C"\n$/);
    expect(query("postgres")).toContain("cuts AS MATERIALIZED (");
    expect(query("duckdb")).toContain("cuts AS (");
  });

  it("keeps every dialect's differences in the one table, and each dialect's query has the same CTEs", () => {
    const names = (sql: string): string[] => [...sql.matchAll(/^(\w+) AS (?:MATERIALIZED )?\(/gm)].map((m) => m[1]!);
    for (const dialect of SQL_DIALECTS) {
      expect(Object.keys(DIALECT_RULES[dialect]).sort()).toEqual(Object.keys(DIALECT_RULES.duckdb).sort());
      expect(names(query(dialect))).toEqual(names(query("duckdb")));
    }
  });

  it("refuses bad options with a plain sentence", () => {
    const base = { dialect: "duckdb" as const, table: "t", columns: { customer: "c", date: "d", amount: "a" } };
    expect(() => buildSegmentationQuery({ ...base, k: 6 as 5 })).toThrow("k must be 3, 4, 5 or 10.");
    expect(() => buildSegmentationQuery({ ...base, analysisDate: "2024-02-30" })).toThrow("YYYY-MM-DD");
    expect(() => buildSegmentationQuery({ ...base, segmentGrid: [["x"]] })).toThrow("segment grid");
    expect(() => buildSegmentationQuery({ ...base, columns: { customer: "c", date: "d" } })).toThrow("amount");
  });
});

describe("npm run segment -- --sql", () => {
  function run(argv: string[]): { status: number; stdout: string; stderr: string } {
    let stdout = "";
    let stderr = "";
    const status = main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    return { status, stdout, stderr };
  }

  // k = 3: R 1 → CEIL(5/3) = 2, F = M = 3 → 5, FM = 5: cannot_lose; R 3 → 5, F = M = 1 → 2: potential_loyalist.
  it("prints a query that runs, with the default column names", async () => {
    const printed = run(["--sql", "duckdb", "--table", "sales", "--k", "3", "--analysis-date", "2024-01-31"]);
    expect(printed.status).toBe(0);
    expect(printed.stdout).toContain("-- RFM segmentation (SPEC.md), duckdb dialect, k = 3");
    const duck = await openDuckDb();
    await duck.run("CREATE TABLE sales (customer INTEGER, date DATE, amount DOUBLE)");
    await duck.run(
      "INSERT INTO sales VALUES (7, DATE '2024-01-02', 19.99), (7, DATE '2024-01-05', 19.99), (8, DATE '2024-01-30', 5)",
    );
    expect(await duckDbRows(duck, printed.stdout)).toEqual([
      [
        "7",
        "2024-01-02",
        "2024-01-05",
        "26",
        "2",
        "39.98",
        "19.99",
        "1",
        "3",
        "3",
        "133",
        "cannot_lose",
        "important_retain",
        "A",
        "active",
      ],
      [
        "8",
        "2024-01-30",
        "2024-01-30",
        "1",
        "1",
        "5",
        "5",
        "3",
        "1",
        "1",
        "311",
        "potential_loyalist",
        "general_develop",
        "B",
        "active",
      ],
    ]);
    duck.closeSync();
  });

  it("takes --order, --quantity/--price and qualified tables; reports bad arguments with exit code 2", () => {
    const printed = run([
      "--sql=postgres",
      "--table",
      "shop.sales",
      "--order",
      "Invoice",
      "--quantity",
      "qty",
      "--price",
      "unit price",
    ]);
    expect(printed.status).toBe(0);
    expect(printed.stdout).toContain('FROM "shop"."sales" src');
    expect(printed.stdout).toContain(
      'CAST(ROUND(CAST(src."qty" AS NUMERIC), 4) AS NUMERIC(38, 4)) * CAST(ROUND(CAST(src."unit price" AS NUMERIC), 4)',
    );
    expect(printed.stdout).toContain("COUNT(DISTINCT CASE WHEN amount >= 0 AND order_id <> '' THEN order_id END)");
    const bad = run(["--sql", "oracle", "--table", "t"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--sql must be one of duckdb, postgres, spark, bigquery, snowflake.");
    expect(run(["--sql", "duckdb"]).stderr).toContain("Name the table with --table.");
  });
});
