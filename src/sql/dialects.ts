/**
 * Everything that differs between the SQL engines the segmentation query targets, in one table. The query builder
 * (segmentation-query.ts) writes standard SQL (CTEs, window functions, CASE) and asks this table for the rest.
 */

export const SQL_DIALECTS = ["duckdb", "postgres", "spark", "bigquery", "snowflake"] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/** Which dialects the tests run on a real engine (the others are checked by their generated text only). */
export const VERIFIED_DIALECTS: readonly SqlDialect[] = ["duckdb", "postgres"];

export interface DialectRules {
  /** An identifier quoted so any name works (`Order "ID"`, `客户`). */
  quote: (name: string) => string;
  /** Types: text, exact money with 4 decimals, a wider decimal an amount is first read into, float64, integer. */
  text: string;
  money: string;
  wideDecimal: string;
  double: string;
  integer: string;
  /** Whole days from `from` to `to` (both DATE). */
  daysBetween(from: string, to: string): string;
  /** Integer division of non-negative integers. */
  intDiv(a: string, b: string): string;
  /** A string of the given characters (the white space TRIM removes). */
  chars(codes: readonly number[]): string;
  /** `expr` with the characters of `set` removed from both ends. */
  trim(expr: string, set: string): string;
  /** An ORDER BY key sorting text by its UTF-8 bytes (= by code point). */
  byteOrder(expr: string): string;
  /** Written after `name AS` for the small one-row CTEs (breakpoints, means): computed once, not per customer. */
  materialized: string;
}

const doubleQuoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const hex = (code: number): string => code.toString(16).toUpperCase().padStart(4, "0");
/** A string literal with \uXXXX escapes (Spark, BigQuery). */
const escapedLiteral = (codes: readonly number[]): string => `'${codes.map((c) => `\\u${hex(c)}`).join("")}'`;
const chrConcat = (codes: readonly number[]): string => codes.map((c) => `CHR(${c})`).join(" || ");

export const DIALECT_RULES: Record<SqlDialect, DialectRules> = {
  duckdb: {
    quote: doubleQuoted,
    text: "VARCHAR",
    money: "DECIMAL(38, 4)",
    wideDecimal: "DECIMAL(38, 10)",
    double: "DOUBLE",
    integer: "BIGINT",
    daysBetween: (from, to) => `(${to} - ${from})`,
    intDiv: (a, b) => `((${a}) // (${b}))`,
    chars: chrConcat,
    trim: (expr, set) => `TRIM(${expr}, ${set})`,
    // DuckDB's default collation compares the UTF-8 bytes.
    byteOrder: (expr) => expr,
    materialized: "",
  },
  postgres: {
    quote: doubleQuoted,
    text: "TEXT",
    money: "NUMERIC(38, 4)",
    wideDecimal: "NUMERIC",
    double: "DOUBLE PRECISION",
    integer: "BIGINT",
    daysBetween: (from, to) => `(${to} - ${from})`,
    intDiv: (a, b) => `((${a}) / (${b}))`,
    chars: chrConcat,
    trim: (expr, set) => `BTRIM(${expr}, ${set})`,
    // The database's collation may be linguistic (en_US.UTF-8): "C" compares bytes.
    byteOrder: (expr) => `${expr} COLLATE "C"`,
    // Else PostgreSQL inlines a CTE used once and may recompute the breakpoints for every customer.
    materialized: "MATERIALIZED ",
  },
  spark: {
    quote: (name) => `\`${name.replace(/`/g, "``")}\``,
    text: "STRING",
    money: "DECIMAL(38, 4)",
    wideDecimal: "DECIMAL(38, 10)",
    double: "DOUBLE",
    integer: "BIGINT",
    daysBetween: (from, to) => `DATEDIFF(${to}, ${from})`,
    intDiv: (a, b) => `((${a}) DIV (${b}))`,
    chars: escapedLiteral,
    trim: (expr, set) => `TRIM(BOTH ${set} FROM ${expr})`,
    // Spark's default string collation (UTF8_BINARY) compares bytes.
    byteOrder: (expr) => expr,
    materialized: "",
  },
  bigquery: {
    quote: (name) => `\`${name.replace(/\\/g, "\\\\").replace(/`/g, "\\`")}\``,
    text: "STRING",
    money: "NUMERIC",
    wideDecimal: "BIGNUMERIC",
    double: "FLOAT64",
    integer: "INT64",
    daysBetween: (from, to) => `DATE_DIFF(${to}, ${from}, DAY)`,
    intDiv: (a, b) => `DIV(${a}, ${b})`,
    chars: escapedLiteral,
    trim: (expr, set) => `TRIM(${expr}, ${set})`,
    // BigQuery orders STRING by its UTF-8 bytes unless a collation is attached.
    byteOrder: (expr) => expr,
    materialized: "",
  },
  snowflake: {
    quote: doubleQuoted,
    text: "VARCHAR",
    money: "NUMBER(38, 4)",
    wideDecimal: "NUMBER(38, 10)",
    double: "DOUBLE",
    integer: "BIGINT",
    daysBetween: (from, to) => `DATEDIFF(day, ${from}, ${to})`,
    intDiv: (a, b) => `FLOOR((${a}) / (${b}))`,
    chars: chrConcat,
    trim: (expr, set) => `TRIM(${expr}, ${set})`,
    // 'utf8' is Snowflake's binary (byte-wise) collation, whatever the column's default.
    byteOrder: (expr) => `COLLATE(${expr}, 'utf8')`,
    materialized: "",
  },
};
