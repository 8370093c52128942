/**
 * SPEC "Forecast", CLI: "`--forecast-days H` adds `p_alive,expected_purchases,expected_aov,expected_revenue,clv`
 * after the other columns (numbers as shortest round-trip decimals, empty where not defined);
 * `--forecast-report FILE.json` writes `{"bgnbd": {"r","alpha","a","b","log_likelihood"} | null, "gamma_gamma":
 * {"p","q","gamma","log_likelihood"} | null, "customers", "repeat_customers", "holdout": {"days","predicted",
 * "actual"} | null, "notes": [...]}`". Without the flags the output is unchanged.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { main, parseArguments, UsageError } from "../../src/cli/segment";
import { shortestDecimal } from "../../src/cli/forecast-output";
import { available, CDNOW_SAMPLE } from "./datasets";

const SHARED = path.join(__dirname, "../../../shared/datasets");
const dir = mkdtempSync(path.join(tmpdir(), "rfm-forecast-cli-"));
const quiet = { stdout: () => {}, stderr: () => {} };

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

// SHA-256 of OUT.csv written by the CLI before the forecast flags existed (commit 4e92c25 + merged main).
const BEFORE: [string, string[], string][] = [
  [
    "online_retail/online_retail_invoices.csv",
    ["--order", "InvoiceNo"],
    "90ceb54c1a263437790aa31f010a6a6b4589716cfbd38f760859b233ed74bb49",
  ],
  ["superstore/superstore.csv", [], "2650c1d836463c86d9e7c79347caeb880e0d98a96d0704b202fc2bfd488d9904"],
];

/** The fields of --forecast-report's JSON that these tests read. */
interface ReportJson {
  bgnbd: { r: number; alpha: number };
  gamma_gamma: { p: number };
  holdout: object | null;
  customers: number;
  repeat_customers: number;
  notes: string[];
}

describe("CLI without forecast flags", () => {
  test.each(BEFORE)("%s: OUT.csv is byte-identical to the earlier CLI's", (file, extra, hash) => {
    if (!available(path.join(SHARED, file))) return;
    const out = path.join(dir, "plain.csv");
    expect(main([path.join(SHARED, file), "--out", out, ...extra], quiet)).toBe(0);
    expect(sha256(out)).toBe(hash);
  });
});

describe("CLI arguments", () => {
  test("defaults and checks", () => {
    expect(parseArguments(["a.csv", "--out", "b.csv", "--forecast-days", "90"]).forecast).toEqual({
      days: 90,
      clvMonths: 12,
      discountRate: 0.01,
    });
    expect(() => parseArguments(["a.csv", "--out", "b.csv", "--forecast-days", "0"])).toThrow(UsageError);
    expect(() => parseArguments(["a.csv", "--out", "b.csv", "--forecast-report", "r.json"])).toThrow(UsageError);
    expect(() => parseArguments(["a.csv", "--out", "b.csv", "--clv-months", "6"])).toThrow(UsageError);
  });

  test("shortest round-trip decimals without exponents", () => {
    for (const v of [0.1, 1 / 3, 1.5e-7, 1.234567890123456e-10, 1e21, 123456.789, -2.5e-8]) {
      const text = shortestDecimal(v);
      expect(text).not.toMatch(/e/);
      expect(Number(text)).toBe(v);
    }
    expect(shortestDecimal(NaN)).toBe("");
  });
});

(available(CDNOW_SAMPLE) ? describe : describe.skip)("CLI forecast on the CDNOW sample", () => {
  const input = path.join(dir, "cdnow.csv");
  const lines = available(CDNOW_SAMPLE)
    ? readFileSync(CDNOW_SAMPLE, "utf8")
        .trim()
        .split("\n")
        .map((line) => {
          const [, id, date, , amount] = line.trim().split(/\s+/);
          return `${id},${date!.slice(0, 4)}-${date!.slice(4, 6)}-${date!.slice(6)},${amount}`;
        })
    : [];
  writeFileSync(input, `customer,date,amount\n${lines.join("\n")}\n`);

  test("adds the five columns after the others and writes the report", () => {
    const out = path.join(dir, "forecast.csv");
    const report = path.join(dir, "report.json");
    const plain = path.join(dir, "plain-cdnow.csv");
    const args = [input, "--analysis-date", "1997-09-30"];
    expect(main([...args, "--out", plain], quiet)).toBe(0);
    expect(main([...args, "--out", out, "--forecast-days", "91", "--forecast-report", report], quiet)).toBe(0);
    const rows = readFileSync(out, "utf8").trim().split("\n");
    const plainRows = readFileSync(plain, "utf8").trim().split("\n");
    expect(rows[0]).toBe(`${plainRows[0]},p_alive,expected_purchases,expected_aov,expected_revenue,clv`);
    expect(rows.length).toBe(2358);
    for (let i = 1; i < rows.length; i++) {
      const fields = rows[i]!.split(",");
      expect(fields.slice(0, -5).join(",")).toBe(plainRows[i]);
      const [pAlive, purchases, aov, revenue, clv] = fields.slice(-5);
      const frequency = Number(fields[4]);
      // frequency counts rows; a customer with one row has x = 0, so P(alive) is empty.
      if (frequency === 1) expect(pAlive).toBe("");
      for (const value of [purchases, aov, revenue, clv]) expect(Number(value)).toBeGreaterThan(0);
    }
    const json = JSON.parse(readFileSync(report, "utf8")) as ReportJson;
    expect(Object.keys(json)).toEqual(["bgnbd", "gamma_gamma", "customers", "repeat_customers", "holdout", "notes"]);
    expect(Object.keys(json.bgnbd)).toEqual(["r", "alpha", "a", "b", "log_likelihood"]);
    expect(Object.keys(json.gamma_gamma)).toEqual(["p", "q", "gamma", "log_likelihood"]);
    expect(Object.keys(json.holdout ?? {})).toEqual(["days", "predicted", "actual"]);
    expect(json.customers).toBe(2357);
    expect(json.repeat_customers).toBe(946);
    expect(Number(json.bgnbd.r.toPrecision(4))).toBe(0.2426);
    expect(Number((json.bgnbd.alpha / 7).toPrecision(5))).toBe(4.4136);
    expect(Number(json.gamma_gamma.p.toPrecision(5))).toBe(6.2496);
    expect(json.notes).toEqual([]);
  });

  test("too few days of history for the holdout: a note, holdout null", () => {
    const report = path.join(dir, "report-long.json");
    let errors = "";
    const io = { stdout: () => {}, stderr: (s: string) => (errors += s) };
    const code = main(
      [
        input,
        "--analysis-date",
        "1997-09-30",
        "--out",
        path.join(dir, "f2.csv"),
        "--forecast-days",
        "200",
        "--forecast-report",
        report,
      ],
      io,
    );
    expect(code).toBe(0);
    const json = JSON.parse(readFileSync(report, "utf8")) as ReportJson;
    expect(json.holdout).toBeNull();
    expect(json.notes).toEqual(["holdout_too_short"]);
    expect(errors).toContain("(holdout_too_short)");
  });
});
