/**
 * `npm run segment -- --sql DIALECT --table NAME [...]`: prints SPEC's segmentation as one SQL query for a table
 * in a database (src/sql builds it); no file is read.
 */
import { buildSegmentationQuery, SQL_DIALECTS, type SqlDialect, SqlOptionError } from "../sql/index";

const SQL_USAGE = `Usage: npm run segment -- --sql DIALECT --table NAME [options]

Prints one SQL query that segments the sales table NAME in the database (no file is read).
  --sql DIALECT           ${SQL_DIALECTS.join(", ")}
  --table NAME            the table; schema.table for a qualified name
  --customer COL          column names (defaults: customer, date, amount; no order column)
  --date COL
  --amount COL            --amount "" with --quantity and --price: amount = quantity × unit price
  --order COL             --order "" (the default) for no order column
  --quantity COL
  --price COL
  --k N                   score levels: 3, 4, 5 (default) or 10
  --analysis-date DATE    YYYY-MM-DD (default: the latest purchase date, computed by the query)`;

/** Whether the command line asks for SQL. */
export function wantsSql(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === "--sql" || arg.startsWith("--sql="));
}

/** Runs `--sql`; returns the exit code (0 ok, 2 bad arguments). */
export function sqlMain(
  argv: readonly string[],
  io: { stdout: (s: string) => void; stderr: (s: string) => void },
): number {
  const values: Record<string, string> = {};
  const known = [
    "--sql",
    "--table",
    "--customer",
    "--date",
    "--amount",
    "--order",
    "--quantity",
    "--price",
    "--k",
    "--analysis-date",
  ];
  try {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === "--help" || arg === "-h") {
        io.stdout(`${SQL_USAGE}\n`);
        return 0;
      }
      const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
      const flag = eq > 0 ? arg.slice(0, eq) : arg;
      if (!known.includes(flag)) throw new SqlOptionError(`Unknown option for --sql: ${arg}.`);
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new SqlOptionError(`${flag} needs a value.`);
      values[flag] = value;
    }
    const dialect = values["--sql"] as SqlDialect;
    if (!SQL_DIALECTS.includes(dialect)) throw new SqlOptionError(`--sql must be one of ${SQL_DIALECTS.join(", ")}.`);
    if (!values["--table"]) throw new SqlOptionError("Name the table with --table.");
    const k = values["--k"] === undefined ? 5 : Number(values["--k"]);
    if (k !== 3 && k !== 4 && k !== 5 && k !== 10) throw new SqlOptionError("--k must be 3, 4, 5 or 10.");
    const quantity = values["--quantity"] || undefined;
    const price = values["--price"] || undefined;
    const amount = values["--amount"] ?? (quantity && price ? "" : "amount");
    io.stdout(
      buildSegmentationQuery({
        dialect,
        table: values["--table"].split("."),
        columns: {
          customer: values["--customer"] ?? "customer",
          date: values["--date"] ?? "date",
          amount: amount || undefined,
          orderId: values["--order"] || undefined,
          quantity,
          price,
        },
        k,
        analysisDate: values["--analysis-date"],
      }),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof SqlOptionError)) throw error;
    io.stderr(`error: ${error.message}\n\n${SQL_USAGE}\n`);
    return 2;
  }
}
