/**
 * The segmentation query run on DuckDB (in-process) and PostgreSQL (a throwaway cluster): on random ledgers and
 * on the shared datasets its result equals the CLI's OUT.csv on the same rows, column by column.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Client } from "pg";
import { isoDateToSerial, type RfmOptions, type SegmentGrid } from "../../src/engine/index";
import { analyzeCsvFile } from "../../src/cli/segment";
import { formatCustomersCsv } from "../../src/cli/customers-csv";
import { buildSegmentationQuery, type SegmentationQueryOptions, STANDARD_SEGMENTS } from "../../src/sql/index";
import {
  byByteOrder,
  cliRows,
  COLUMNS,
  duckDbRows,
  type Line,
  openDuckDb,
  parseCsv,
  postgresBin,
  postgresRows,
  quoteId,
  tableStatements,
  TempPostgres,
} from "./harness";

let duck: DuckDBConnection;
let postgres: TempPostgres | undefined;
let pg: Client;
let tableNumber = 0;

beforeAll(async () => {
  duck = await openDuckDb();
  const bin = postgresBin();
  if (!bin) {
    throw new Error(
      "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): `apt-get install postgresql` (.ci/run does).",
    );
  }
  postgres = new TempPostgres(bin);
  pg = await postgres.start();
}, 60_000);

afterAll(async () => {
  duck?.closeSync();
  await postgres?.stop();
});

type QueryOptions = Omit<SegmentationQueryOptions, "dialect" | "table" | "columns">;

/** `lines` loaded into a fresh table on both engines; `query` runs the query there; `drop` removes the table. */
async function loadBoth(lines: readonly Line[], withOrder = true) {
  const table = `sales ${++tableNumber} "客户"`;
  const columns = withOrder ? COLUMNS : { ...COLUMNS, orderId: undefined };
  for (const statement of tableStatements(table, lines, "VARCHAR")) await duck.run(statement);
  for (const statement of tableStatements(table, lines, "TEXT")) await pg.query(statement);
  return {
    query: async (options: QueryOptions) => ({
      duckdb: await duckDbRows(duck, buildSegmentationQuery({ ...options, dialect: "duckdb", table, columns })),
      postgres: await postgresRows(pg, buildSegmentationQuery({ ...options, dialect: "postgres", table, columns })),
    }),
    drop: async () => {
      await duck.run(`DROP TABLE ${quoteId(table)}`);
      await pg.query(`DROP TABLE ${quoteId(table)}`);
    },
  };
}

/** Both engines' rows for the query over `lines`. */
async function bothEngines(lines: readonly Line[], options: QueryOptions, withOrder = true) {
  const loaded = await loadBoth(lines, withOrder);
  try {
    return await loaded.query(options);
  } finally {
    await loaded.drop();
  }
}

function engineOptions(options: Omit<SegmentationQueryOptions, "dialect" | "table" | "columns">): Partial<RfmOptions> {
  return {
    k: options.k,
    analysisDate: options.analysisDate === undefined ? undefined : isoDateToSerial(options.analysisDate),
    segmentGrid: options.segmentGrid as SegmentGrid | undefined,
    valueMatrix: options.valueMatrix,
    tierCutoffs: options.tierCutoffs as [number, number] | undefined,
    lifecycleDays: options.lifecycleDays as [number, number, number] | undefined,
  };
}

const CUSTOMERS = [
  "C1",
  "C2",
  "c1",
  " C3 ",
  "C3",
  "00001",
  "客户甲",
  'Q"uote',
  "a,b",
  "\u00a0pad\u3000",
  "\tTab",
  "𝔘nicode",
  "\uff01bang",
  "",
  "   ",
];
const ORDERS = [null, "", "o1", "o2", "O1", " o1 ", 'o"3', "订单1", "o4", "o5"];
const AMOUNTS = fc.oneof(
  fc.integer({ min: -60, max: 400 }).map(String),
  fc.constantFrom("0", "19.99", "1.00005", "-1.00005", "2.49995", "0.00004", "-0.00005", "12.345678", "100.5"),
  fc.integer({ min: -999999, max: 9999999 }).map((units) => (units / 1000).toFixed(3)),
);
const DAY0 = Date.UTC(2024, 0, 1);
const dateText = (offset: number, time: number): string => {
  const iso = new Date(DAY0 + offset * 86_400_000 + time * 1000).toISOString();
  return time === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
};
const LINE: fc.Arbitrary<Line> = fc.record({
  customer: fc.constantFrom(...CUSTOMERS).map((c) => c as string | null),
  date: fc
    .tuple(fc.integer({ min: 0, max: 400 }), fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 86_399 })))
    .map(([day, time]) => dateText(day, time)),
  amount: AMOUNTS,
  order: fc.constantFrom(...ORDERS),
});
const GRID = fc.array(fc.array(fc.constantFrom(...STANDARD_SEGMENTS), { minLength: 5, maxLength: 5 }), {
  minLength: 5,
  maxLength: 5,
});
const OPTIONS = fc.record(
  {
    k: fc.constantFrom(3 as const, 4 as const, 5 as const, 10 as const),
    analysisDate: fc.integer({ min: 100, max: 420 }).map((day) => dateText(day, 0)),
    segmentGrid: GRID,
    valueMatrix: fc.record({
      threshold: fc.constantFrom("mean" as const, "median" as const),
      monetary: fc.constantFrom("total" as const, "aov" as const),
    }),
    tierCutoffs: fc
      .tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 1000 }))
      .map(([a, b]) => [a / 1000, Math.min(1, (a + b) / 1000)] as const),
    lifecycleDays: fc.tuple(fc.nat(60), fc.nat(60), fc.nat(200)).map(([a, b, c]) => [a, a + b, a + b + c] as const),
  },
  { requiredKeys: [] },
);

describe("the query against the CLI on random ledgers", () => {
  it("gives the CLI's rows on DuckDB and PostgreSQL, column by column", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(LINE, { minLength: 1, maxLength: 40 }),
        OPTIONS,
        fc.boolean(),
        async (lines, options, withOrder) => {
          const expected = cliRows(lines, engineOptions(options), withOrder);
          const got = await bothEngines(lines, options, withOrder);
          // The CLI sorts ids by UTF-16 code units, SQL by UTF-8 bytes (SPEC): they differ only for characters
          // beyond U+FFFF against U+E000..U+FFFF, so the CLI's rows are put in byte order for the comparison.
          expect(got.duckdb).toEqual(byByteOrder(expected ?? []));
          expect(got.postgres).toEqual(got.duckdb);
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it("breaks ties, counts orders and rounds amounts as the CLI does (fixed example)", async () => {
    const lines: Line[] = [
      { customer: " a ", date: "2024-01-01 23:59:59", amount: "1.00005", order: "o1" },
      { customer: "a", date: "2024-01-02", amount: "-1.00005", order: "o2" },
      { customer: "b", date: "2024-01-02", amount: "3", order: "" },
      { customer: "b", date: "2024-01-02", amount: "3", order: null },
      { customer: "c", date: "2024-01-02", amount: "5", order: "x" },
      { customer: "c", date: "2024-01-02", amount: "5", order: " x" },
      { customer: "d", date: "2024-01-02", amount: "-5", order: "r" },
      { customer: "e", date: "2024-02-02", amount: "5", order: "late" },
    ];
    const got = await bothEngines(lines, { analysisDate: "2024-01-02" });
    expect(got.duckdb).toEqual(cliRows(lines, { analysisDate: isoDateToSerial("2024-01-02") }));
    expect(got.postgres).toEqual(got.duckdb);
    expect(got.duckdb.map((row) => row.slice(0, 7))).toEqual([
      ["a", "2024-01-01", "2024-01-01", "1", "1", "0", "0"],
      ["b", "2024-01-02", "2024-01-02", "0", "2", "6", "3"],
      ["c", "2024-01-02", "2024-01-02", "0", "1", "10", "10"],
    ]);
  });
});

const DATASETS = path.resolve(__dirname, "../../../shared/datasets");
const datasetCases = [
  {
    name: "online_retail invoices",
    file: "online_retail/online_retail_invoices.csv",
    columns: { customer: "CustomerID", date: "InvoiceDate", amount: "Amount", orderId: "InvoiceNo" },
  },
  {
    name: "rfm R package orders",
    file: "rfm_r_package/rfm_data_orders.csv",
    columns: { customer: "customer_id", date: "order_date", amount: "revenue", orderId: "" },
  },
  {
    name: "superstore",
    file: "superstore/superstore.csv",
    columns: { customer: "Customer ID", date: "Order Date", amount: "Sales", orderId: "Order ID" },
  },
];

describe("the query against the CLI on the shared datasets", () => {
  const present = existsSync(DATASETS);
  if (!present) {
    it.skip(`skipped: ${DATASETS} is absent (the shared datasets are not in the repository)`, () => {});
    return;
  }
  for (const dataset of datasetCases) {
    it(`${dataset.name}: DuckDB and PostgreSQL equal the CLI (k = 5, k = 10 with median and aov)`, async () => {
      const file = path.join(DATASETS, dataset.file);
      const [head, ...rows] = parseCsv(readFileSync(file, "utf8").replace(/\r\n/g, "\n"));
      const at = (name: string): number => head!.indexOf(name);
      const lines: Line[] = rows.map((row) => ({
        customer: row[at(dataset.columns.customer)]!,
        date: row[at(dataset.columns.date)]!,
        amount: row[at(dataset.columns.amount)]!,
        order: dataset.columns.orderId ? row[at(dataset.columns.orderId)]! : null,
      }));
      const loaded = await loadBoth(lines, dataset.columns.orderId !== "");
      try {
        const variants: QueryOptions[] = [{ k: 5 }, { k: 10, valueMatrix: { threshold: "median", monetary: "aov" } }];
        for (const options of variants) {
          const cli = analyzeCsvFile(file, { options: engineOptions(options), columns: dataset.columns });
          const expected = parseCsv(formatCustomersCsv(cli)).slice(1);
          const got = await loaded.query(options);
          expect(got.duckdb.length).toBe(expected.length);
          expect(got.duckdb).toEqual(byByteOrder(expected));
          expect(got.postgres).toEqual(got.duckdb);
        }
      } finally {
        await loaded.drop();
      }
    }, 60_000);
  }
});
