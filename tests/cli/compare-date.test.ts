/**
 * SPEC.md, "Change since an earlier date": "CLI: `--compare-date YYYY-MM-DD` adds the columns
 * `prev_segment,prev_value_class,prev_tier,prev_lifecycle,segment_change` after `lifecycle`; without it the output
 * is unchanged." prev_* are "empty when the customer is not in [the earlier result]".
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { readCsvHeaderBytes } from "../../src/cli/csv-reader";
import { formatCustomersCsv } from "../../src/cli/customers-csv";
import { encodeCsv } from "../../src/cli/encode-csv";
import { parseArguments, resolveMapping, UsageError } from "../../src/cli/segment";
import {
  analyzeEncoded,
  analyzeRfm,
  type CellValue,
  resolveOptions,
  type RfmOptions,
  type ScoreCount,
} from "../../src/engine/index";
import { numberCustomersById } from "../../src/engine/encoded";
import { DATASETS } from "../engine/helpers";

const ROOT = path.resolve(__dirname, "../..");
const CLI = path.join(ROOT, "dist-node/cli/segment.js");
const dir = mkdtempSync(path.join(tmpdir(), "rfm-compare-"));

function runCli(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  // The CLI runs as compiled JavaScript, as `npm run segment` does; build it if a source changed.
  const build = spawnSync(process.execPath, [path.join(ROOT, "src/cli/build-if-stale.cjs")], { encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
}, 180_000);

describe("--compare-date on the hand-worked ledger (tests/engine/compare-date.test.ts)", () => {
  const input = path.join(dir, "ledger.csv");
  writeFileSync(
    input,
    "customer,date,amount,order\n" +
      "A,2024-01-05,100,O1\nA,2024-02-20,50,O2\nA,2024-03-25,200,O3\n" +
      "B,2024-01-10,300,O4\nB,2024-03-30,-100,O5\n" +
      "C,2024-02-28,40,O6\nC,2024-03-10,60,O7\nC,2024-03-10,10,O7\n" +
      "D,2024-03-15,500,O8\nE,2024-01-20,20,O9\n",
  );
  const out = path.join(dir, "ledger-out.csv");
  const movement = path.join(dir, "ledger-movement.csv");
  let run: ReturnType<typeof runCli>;
  beforeAll(() => {
    run = runCli([
      input,
      "--out",
      out,
      "--k",
      "3",
      "--analysis-date",
      "2024-03-31",
      "--compare-date",
      "2024-02-29",
      "--movement",
      movement,
    ]);
  });

  it("adds the five columns after lifecycle, empty prev_* for new customers", () => {
    expect(run.stderr).toBe(
      "Compared with 2024-02-29 (4 customers then): 1 new, 2 in the same segment, 2 in another segment\n",
    );
    expect(run.status).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(
      "customer_id,first_purchase,last_purchase,recency,frequency,monetary,aov,r,f,m,rfm,segment,value_class,tier," +
        "lifecycle,prev_segment,prev_value_class,prev_tier,prev_lifecycle,segment_change\n" +
        "A,2024-01-05,2024-03-25,6,3,350,116.66666666666667,3,3,3,333,champions,important_value,A,active," +
        "champions,important_value,A,active,same\n" +
        "B,2024-01-10,2024-01-10,81,1,200,200,1,1,2,112,at_risk,general_recall,A,recently_lapsed," +
        "at_risk,important_recall,A,recently_lapsed,same\n" +
        "C,2024-02-28,2024-03-10,21,2,110,55,2,3,1,231,loyal,general_value,B,active," +
        "potential_loyalist,general_develop,B,active,changed\n" +
        "D,2024-03-15,2024-03-15,16,1,500,500,3,1,3,313,champions,important_develop,A,active,,,,,new\n" +
        "E,2024-01-20,2024-01-20,71,1,20,20,1,1,1,111,hibernating,general_recall,C,recently_lapsed," +
        "potential_loyalist,general_recall,C,recently_lapsed,changed\n",
    );
  });

  it("puts the forecast's columns after the compare columns when both are asked for", () => {
    const both = path.join(dir, "ledger-both.csv");
    const run2 = runCli([input, "--out", both, "--compare-date", "2024-02-29", "--forecast-days", "30"]);
    expect(run2.status).toBe(0);
    const lines = readFileSync(both, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe(
      "customer_id,first_purchase,last_purchase,recency,frequency,monetary,aov,r,f,m,rfm,segment,value_class,tier," +
        "lifecycle,prev_segment,prev_value_class,prev_tier,prev_lifecycle,segment_change," +
        "p_alive,expected_purchases,expected_aov,expected_revenue,clv",
    );
    for (const line of lines) expect(line.split(",")).toHaveLength(25);
    expect(
      lines
        .find((line) => line.startsWith("D,"))!
        .split(",")
        .slice(15, 20),
    ).toEqual(["", "", "", "", "new"]);
  });

  it("writes the movement matrices with --movement, every cell, new customers with an empty from", () => {
    const lines = readFileSync(movement, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("scheme,from,to,customers,revenue");
    expect(lines).toHaveLength(1 + 12 * 11 + 4 * 3);
    const nonZero = lines.slice(1).filter((line) => !line.endsWith(",0,0"));
    expect(nonZero).toEqual([
      "segment,champions,champions,1,200",
      "segment,potential_loyalist,loyal,1,70",
      "segment,potential_loyalist,hibernating,1,0",
      "segment,at_risk,at_risk,1,-100",
      "segment,,champions,1,500",
      "tier,A,A,2,100",
      "tier,B,B,1,70",
      "tier,C,C,1,0",
      "tier,,A,1,500",
    ]);
  });

  it("refuses a compare date on or after the analysis date, and --movement alone", () => {
    const late = runCli([input, "--out", out, "--analysis-date", "2024-03-31", "--compare-date", "2024-03-31"]);
    expect(late.status).toBe(1);
    expect(late.stderr).toBe(
      "error: The compare date (2024-03-31) must be before the analysis date (2024-03-31). Choose an earlier compare date.\n",
    );
    expect(() => parseArguments([input, "--out", out, "--compare-date", "2024-2-1"])).toThrow(
      new UsageError('--compare-date must be a date written YYYY-MM-DD, not "2024-2-1".'),
    );
    // The product's rule: never write over the user's data, --movement included.
    const ontoInput = runCli([input, "--out", out, "--compare-date", "2024-02-29", "--movement", input]);
    expect(ontoInput.status).toBe(1);
    expect(ontoInput.stderr).toMatch(/^error: --movement .*ledger\.csv is the input file; writing there would replace/);
    expect(readFileSync(input, "utf8").startsWith("customer,date,amount,order\n")).toBe(true);
    expect(() => parseArguments([input, "--out", out, "--compare-date", "2024-02-29", "--movement", out])).toThrow(
      new UsageError("--movement needs a file of its own, not the --out file or standard output."),
    );
    expect(() => parseArguments([input, "--out", out, "--movement", movement])).toThrow(
      new UsageError("--movement needs --compare-date (the date to compare with)."),
    );
  });
});

describe("--compare-date through the CLI's reader equals the add-in's cells", () => {
  function throughCli(rows: string[][], options: Partial<RfmOptions>): string {
    const text = [["customer", "date", "amount", "order"], ...rows].map((r) => r.join(",")).join("\n");
    const bytes = Buffer.from(`${text}\n`, "utf8");
    const header = readCsvHeaderBytes(bytes);
    const mapping = resolveMapping(header.names, {});
    const resolved = resolveOptions({ ...options, hasHeader: true, firstRowNumber: 1 });
    const encoded = encodeCsv(bytes, header, mapping, resolved);
    numberCustomersById(encoded, encoded.customerIdOrder);
    return formatCustomersCsv(analyzeEncoded(encoded, resolved, {}, { headers: header.names, mapping }));
  }

  it("gives the same OUT.csv, prev columns included, on random ledgers", () => {
    const run = fc
      .tuple(
        fc.constantFrom("C000101", "C000102", "17850", "C1", "ann@example.com"),
        fc.constantFrom("O1", "O2", "O3", ""),
        fc.array(
          fc.tuple(
            fc.constantFrom("2024-01-02", "2024-02-10", "2024-03-15", "2024-03-16", "2024-05-01", "2024-06-30"),
            fc.constantFrom("10", "-4.5", "0", "19.99", "250000.1", "-300000", "7"),
          ),
          { minLength: 1, maxLength: 3 },
        ),
      )
      .map(([customer, order, lines]) => lines.map(([date, amount]) => [customer, date, amount, order]));
    fc.assert(
      fc.property(
        fc.array(run, { minLength: 1, maxLength: 20 }).map((runs) => runs.flat()),
        fc.constantFrom<ScoreCount>(3, 4, 5, 10),
        fc.constantFrom("2024-01-31", "2024-03-15", "2024-04-30"),
        (rows, k, compare) => {
          const options: Partial<RfmOptions> = { k, compareDate: Date.parse(compare) / 86_400_000 + 25_569 };
          let cells: string | Error;
          try {
            const values: CellValue[][] = [["customer", "date", "amount", "order"], ...rows];
            cells = formatCustomersCsv(
              analyzeRfm(values, { customer: 0, date: 1, amount: 2, orderId: 3, dimensions: [] }, options),
            );
          } catch (error) {
            cells = error as Error;
          }
          if (cells instanceof Error) {
            expect(() => throughCli(rows, options)).toThrow(cells.message);
            return;
          }
          expect(throughCli(rows, options)).toBe(cells);
        },
      ),
      { numRuns: 200 },
    );
  });
});

const RETAIL = path.join(DATASETS, "online_retail/online_retail_invoices.csv");
const describeRetail = existsSync(RETAIL) ? describe : describe.skip;
if (!existsSync(RETAIL)) {
  console.warn(
    `tests/cli/compare-date.test.ts: skipping the dataset check, ${RETAIL} is absent (../shared not mounted).`,
  );
}

describeRetail("--compare-date on the UCI online retail invoices", () => {
  it("leaves the output byte for byte as it was without the flag, and only adds five columns with it", () => {
    const plain = path.join(dir, "retail.csv");
    const compared = path.join(dir, "retail-compared.csv");
    const without = runCli([RETAIL, "--out", plain]);
    const withFlag = runCli([RETAIL, "--out", compared, "--compare-date", "2011-09-10"]);
    expect([without.status, withFlag.status]).toEqual([0, 0]);
    const plainText = readFileSync(plain, "utf8");
    expect(plainText.slice(0, plainText.indexOf("\n"))).toBe(
      "customer_id,first_purchase,last_purchase,recency,frequency,monetary,aov,r,f,m,rfm,segment,value_class,tier,lifecycle",
    );
    // The same stderr report as without the flag, plus the one comparison line.
    expect(withFlag.stderr.startsWith(without.stderr)).toBe(true);
    expect(withFlag.stderr.slice(without.stderr.length)).toMatch(
      /^Compared with 2011-09-10 \(\d+ customers then\): \d+ new, \d+ in the same segment, \d+ in another segment\n$/,
    );
    // Ids here have no commas or quotes, so the last five fields are the last five commas' worth.
    const stripped = readFileSync(compared, "utf8")
      .split("\n")
      .map((line) => (line === "" ? line : line.split(",").slice(0, -5).join(",")))
      .join("\n");
    expect(stripped).toBe(plainText);
    const lines = readFileSync(compared, "utf8").trimEnd().split("\n");
    const change = lines.slice(1).map((line) => line.split(",").at(-1));
    expect(new Set(change)).toEqual(new Set(["new", "same", "changed"]));
    for (const line of lines.slice(1)) {
      const fields = line.split(",");
      if (fields.at(-1) === "new") expect(fields.slice(-5, -1)).toEqual(["", "", "", ""]);
      else expect(fields[11] === fields[15]).toBe(fields.at(-1) === "same");
    }
  });
});
