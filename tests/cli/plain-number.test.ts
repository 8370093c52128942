/**
 * One rule for every number the CLI writes (issue 14): the shortest decimal that reads back as the same double,
 * written without an exponent. Checked against a plain reference formatter built on BigInt, independent of
 * `plainNumber`'s string surgery.
 */
import fc from "fast-check";
import { formatCustomersCsv, plainNumber } from "../../src/cli/customers-csv";
import { analyzeRfm } from "../../src/engine/index";
import type { CellValue } from "../../src/engine/types";

/**
 * The shortest round-trip digits as `toExponential()` gives them (no argument: as many digits as it takes to tell
 * the double apart, JavaScript's own rule), as an integer D and scale E: the value is D·10^E.
 */
function shortestDigits(value: number): { digits: bigint; exponent: number } {
  const [mantissa, exp] = Math.abs(value).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  return { digits: BigInt(digits), exponent: Number(exp) - (digits.length - 1) };
}

/** Plain decimal text of D·10^E from BigInt arithmetic. */
function referencePlain(value: number): string {
  if (value === 0) return "0";
  const { digits, exponent } = shortestDigits(value);
  const sign = value < 0 ? "-" : "";
  if (exponent >= 0) return sign + (digits * 10n ** BigInt(exponent)).toString();
  const scale = 10n ** BigInt(-exponent);
  const whole = digits / scale;
  const fraction = (digits % scale).toString().padStart(-exponent, "0").replace(/0+$/, "");
  return sign + whole.toString() + (fraction ? `.${fraction}` : "");
}

describe("plainNumber", () => {
  it("prints the numbers of the issue plainly", () => {
    expect(plainNumber(1e30)).toBe("1000000000000000000000000000000");
    expect(plainNumber(1e21)).toBe("1000000000000000000000");
    expect(plainNumber(1.0000000000000001e21)).toBe("1000000000000000100000");
    expect(plainNumber(1e-7)).toBe("0.0000001");
    expect(plainNumber(1 / 3e6)).toBe("0.00000033333333333333335");
    expect(plainNumber(-2.5e-10)).toBe("-0.00000000025");
    expect(plainNumber(123.456)).toBe("123.456");
    expect(plainNumber(-0)).toBe("0");
  });

  it("matches the reference formatter on any finite double, and reads back as the same double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = plainNumber(value);
        expect(text).toBe(referencePlain(value));
        expect(text).not.toMatch(/e/i);
        expect(Number(text)).toBe(value === 0 ? 0 : value);
      }),
      { numRuns: 5000 },
    );
  });

  it("is what the output file holds for averages of tiny amounts (below 1e-6)", () => {
    const rows: CellValue[][] = [["Customer", "Date", "Amount"]];
    for (let i = 0; i < 300; i++) rows.push(["A", 45000 + i, i === 0 ? 0.0001 : 0]);
    rows.push(["B", 45000, 5]);
    const result = analyzeRfm(rows, { customer: 0, date: 1, amount: 2, dimensions: [] });
    const line = formatCustomersCsv(result).split("\n")[1]!;
    expect(line.split(",")[6]).toBe(plainNumber(0.0001 / 300));
    expect(line.split(",")[6]).toBe("0.00000033333333333333335");
  });
});

describe("formula-like ids", () => {
  it("leaves the output byte-identical when no id needs the apostrophe", () => {
    const rows: CellValue[][] = [["Customer", "Date", "Amount"]];
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 20 }), (ids) => {
        const data = [...rows, ...ids.map((id, i): CellValue[] => [`x${id}`, 45000 + i, i + 1])];
        const result = analyzeRfm(data, { customer: 0, date: 1, amount: 2, dimensions: [] });
        expect(formatCustomersCsv(result)).toBe(formatCustomersCsv(result, { rawIds: true }));
      }),
      { numRuns: 200 },
    );
  });
});
