import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { analyzeRfm, guessMapping } from "../../src/engine/index";
import type { CellValue } from "../../src/engine/types";
import { parseCsvText } from "../../src/demo/csv-text";
import { describeWithData, readCsv } from "../engine/dataset-files";
import { DATASETS } from "../engine/helpers";

const ROOT = path.resolve(__dirname, "../..");
const CLI = path.join(ROOT, "dist-node/cli/segment.js");
const HEADER =
  "customer_id,first_purchase,last_purchase,recency,frequency,monetary,aov,r,f,m,rfm,segment,value_class,tier,lifecycle";
const dir = mkdtempSync(path.join(tmpdir(), "rfm-cli-"));

function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function outputRows(file: string): string[][] {
  return parseCsvText(readFileSync(file, "utf8"));
}

beforeAll(() => {
  // The CLI runs as compiled JavaScript, as `npm run segment` does; build it if a source changed.
  const build = spawnSync(process.execPath, [path.join(ROOT, "src/cli/build-if-stale.cjs")], { encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
}, 180_000);

describe("npm run segment on a small CSV", () => {
  const input = path.join(dir, "small.csv");
  // BOM, CRLF, a quoted id with a comma, a quoted line break (so record ≠ line), ids kept as written, a blank line.
  writeFileSync(
    input,
    "\uFEFFCustomer ID,Order Date,Sales,Order ID,Note\r\n" +
      "00001,2024-03-01,10,A1,\r\n" +
      " 00001 ,2024-03-01,0.1,A1,\r\n" +
      '"Smith, J",2024-02-01,"1,000.20",A2,"two\r\nlines"\r\n' +
      "B,2024-03-02,0.2,B1,\r\n" +
      ",,,,\r\n" +
      "a,not a date,5,X,\r\n" +
      "b,2024-01-15,10,B2,\r\n" +
      "b,2024-01-16,10,B3,\r\n" +
      "b,2024-01-17,10,B4,\r\n" +
      "b,2024-05-01,10,B5,\r\n",
  );
  const out = path.join(dir, "small-out.csv");
  // Run in beforeAll, not at collection time: the top-level beforeAll builds the CLI first.
  let run: ReturnType<typeof runCli>;
  beforeAll(() => {
    run = runCli([input, "--out", out, "--analysis-date", "2024-03-31"]);
  });

  it("writes SPEC's columns, sorted by id as text, with plain numbers and machine keys", () => {
    expect(run.status).toBe(0);
    const rows = outputRows(out);
    expect(rows[0]!.join(",")).toBe(HEADER);
    // Monetary 0.2, 10.1, 30, 1000.2 → breakpoints 6.14, 14.08, 26.02, 418.08, so 10.1 scores M 2; tiers: Smith
    // alone passes 80% of 1,040.5. FM = ROUND(1.5) = 2 with R 4: potential loyalist.
    expect(readFileSync(out, "utf8").split("\n")[1]).toBe(
      "00001,2024-03-01,2024-03-01,30,1,10.1,10.1,4,1,2,412,potential_loyalist,general_develop,C,active",
    );
    const ids = rows.slice(1).map((r) => r[0]);
    // UTF-16 order: digits, capitals, then lower case.
    expect(ids).toEqual(["00001", "B", "Smith, J", "b"]);
    expect(readFileSync(out, "utf8")).toContain('\n"Smith, J",2024-02-01,2024-02-01,59,1,1000.2,1000.2,');
    const b = rows.find((r) => r[0] === "b")!;
    expect(b.slice(1, 7)).toEqual(["2024-01-15", "2024-01-17", "74", "3", "30", "10"]);
    const big = rows.find((r) => r[0] === "B")!;
    expect(big[5]).toBe("0.2");
    for (const row of rows.slice(1)) {
      expect(row[13]).toMatch(/^[ABC]$/);
      expect(row[14]).toMatch(/^(active|recently_lapsed|lapsed|dormant)$/);
    }
  });

  it("reports skipped rows on standard error with their file line numbers", () => {
    // Line 1 header, the quoted record spans lines 4-5, so the bad date is on line 8 and the late row on 12.
    expect(run.stderr).toContain("Skipped 2 rows (unreadable date: 1, dated after the analysis date: 1):");
    expect(run.stderr).toContain('line 8: unreadable date "not a date"');
    expect(run.stderr).toContain('line 12: dated after the analysis date "2024-05-01"');
  });

  it("gives the same output in every time zone", () => {
    const outputs = ["UTC", "Pacific/Kiritimati", "America/Los_Angeles", "Asia/Shanghai"].map((zone) => {
      const file = path.join(dir, `tz-${zone.replace("/", "-")}.csv`);
      expect(runCli([input, "--out", file], { TZ: zone }).status).toBe(0);
      return readFileSync(file, "utf8");
    });
    expect(new Set(outputs).size).toBe(1);
  });

  it('honours --order "", --k and --ignore-case', () => {
    const file = path.join(dir, "options.csv");
    expect(
      runCli([input, "--out", file, "--order", "", "--k", "10", "--ignore-case", "--analysis-date", "2024-03-31"])
        .status,
    ).toBe(0);
    const rows = outputRows(file);
    const first = rows.find((r) => r[0] === "00001")!;
    expect(first[4]).toBe("2"); // two rows, no order column: two purchases
    expect(rows.map((r) => r[0])).not.toContain("b"); // folded into "B", the first spelling
    expect(rows.find((r) => r[0] === "B")![4]).toBe("4");
    expect(first[10]).toMatch(/^\d+-\d+-\d+$/);
  });
});

describeWithData(["online_retail/online_retail_invoices.csv"], "npm run segment on a dataset", () => {
  it("agrees with the engine on the UCI invoices and reports the rows without a customer", () => {
    const input = path.join(DATASETS, "online_retail/online_retail_invoices.csv");
    const out = path.join(dir, "retail.csv");
    const run = runCli([input, "--out", out]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^Skipped 3710 rows \(no customer: 3710\):\n {2}line 48: no customer ""/);
    const rows = outputRows(out);
    const table = readCsv("online_retail/online_retail_invoices.csv");
    const engine = analyzeRfm(table as CellValue[][], guessMapping(table[0]!));
    expect(rows.length - 1).toBe(engine.totals.customers);
    const ids = rows.slice(1).map((r) => r[0]!);
    expect(ids).toEqual([...ids].sort());
    const index = new Map(engine.customers.id.map((id, i) => [id, i]));
    for (const row of rows.slice(1)) {
      const i = index.get(row[0]!)!;
      expect([Number(row[3]), Number(row[4]), Number(row[5]), Number(row[7]), Number(row[8]), Number(row[9])]).toEqual([
        engine.customers.recency[i],
        engine.customers.frequency[i],
        engine.customers.monetary[i],
        engine.customers.r[i],
        engine.customers.f[i],
        engine.customers.m[i],
      ]);
    }
  });

  it("uses quantity × unit price when told to", () => {
    const input = path.join(dir, "lines.csv");
    writeFileSync(
      input,
      "InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n1,3,2010-12-01 08:26:00,19.99,17850.0\n2,1,2010-12-02 09:00:00,0.5,17850.0\n",
    );
    const out = path.join(dir, "lines-out.csv");
    expect(runCli([input, "--out", out]).status).toBe(0);
    expect(outputRows(out)[1]!.slice(0, 7)).toEqual([
      "17850.0",
      "2010-12-01",
      "2010-12-02",
      "0",
      "2",
      "60.47",
      "30.235",
    ]);
  });
});

describe("command-line errors", () => {
  it("exits 2 with usage on bad arguments and 1 on bad input, with a plain message", () => {
    const small = path.join(dir, "small.csv");
    expect(runCli([small]).stderr).toContain("Name the output file with --out.");
    expect(runCli([small]).status).toBe(2);
    expect(runCli([small, "--out", "x.csv", "--k", "7"]).status).toBe(2);
    expect(runCli([small, "--out", "x.csv", "--analysis-date", "31/03/2024"]).status).toBe(2);
    expect(runCli([small, "--out", "x.csv", "--bogus"]).stderr).toContain("Unknown option --bogus.");
    const missing = runCli([path.join(dir, "nope.csv"), "--out", path.join(dir, "x.csv")]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("nope.csv does not exist.");
    const column = runCli([small, "--out", path.join(dir, "x.csv"), "--customer", "Buyer"]);
    expect(column.status).toBe(1);
    expect(column.stderr).toContain('The file has no column "Buyer".');
    const headerOnly = path.join(dir, "header.csv");
    writeFileSync(headerOnly, "Customer,Date,Amount\n");
    expect(runCli([headerOnly, "--out", path.join(dir, "x.csv")]).stderr).toContain("header row but no sales rows");
  });
});
