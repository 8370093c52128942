import fc from "fast-check";
import { mkdtempSync, readFileSync, truncateSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { ByteInterner, hashBytes } from "../../src/cli/byte-interner";
import { readCsvHeaderBytes } from "../../src/cli/csv-reader";
import { encodeCsv } from "../../src/cli/encode-csv";
import { formatCustomersCsv, plainNumber } from "../../src/cli/customers-csv";
import { main, resolveMapping } from "../../src/cli/segment";
import {
  analyzeEncoded,
  analyzeRfm,
  type CellValue,
  parseDateText,
  parseMoneyText,
  resolveOptions,
  type RfmOptions,
} from "../../src/engine/index";
import {
  cellToSerialDay,
  isExcelError,
  isOutOfRangeUnits,
  NO_ORDER,
  numberCustomersById,
  ORDER_HASHED,
  ORDER_LINKED,
  unitsAt,
} from "../../src/engine/encoded";

const dir = mkdtempSync(path.join(tmpdir(), "rfm-cli-bytes-"));

function encodeText(csv: string, options: Partial<RfmOptions> = {}) {
  const bytes = Buffer.from(csv, "utf8");
  const header = readCsvHeaderBytes(bytes);
  const mapping = resolveMapping(header.names, {});
  const resolved = resolveOptions({ ...options, hasHeader: true, firstRowNumber: 1 });
  return { header, encoded: encodeCsv(bytes, header, mapping, resolved) };
}

/** Customer id of each kept row, with its file line. */
function keptRows(encoded: ReturnType<typeof encodeText>["encoded"]): [string, number][] {
  const rows: [string, number][] = [];
  for (let row = 0; row < encoded.rowCount; row++) {
    const customer = encoded.rowCustomer[row]!;
    if (customer >= 0) rows.push([encoded.customerIds[customer]!, encoded.rowNumberOf(row)]);
  }
  return rows;
}

function runMain(args: string[]) {
  let stdout = "";
  let stderr = "";
  const status = main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { status, stdout, stderr };
}

describe("reading the header from bytes", () => {
  it("drops the byte-order mark and finds where the body starts after CRLF", () => {
    const { header } = encodeText("\uFEFFcustomer,date,amount\r\nC1,2024-01-02,3\r\n");
    expect(header.names).toEqual(["customer", "date", "amount"]);
    expect(header.bodyStart).toBe(3 + "customer,date,amount\r\n".length);
    expect(header.bodyLine).toBe(2);
  });

  it("reads a quoted header name longer than the decoded prefix, with line breaks in it", () => {
    const longName = `${"x".repeat(70_000)}\n客户`;
    const csv = `customer,date,amount,"${longName}"\nC1,2024-01-02,3,z\n`;
    const { header, encoded } = encodeText(csv);
    expect(header.names).toEqual(["customer", "date", "amount", longName]);
    expect(header.bodyStart).toBe(Buffer.byteLength(csv) - "C1,2024-01-02,3,z\n".length);
    expect(keptRows(encoded)).toEqual([["C1", 3]]);
  });

  it("finds the body after a header holding invalid UTF-8 bytes", () => {
    const bytes = Buffer.concat([
      Buffer.from("customer,date,amount,note\xff\xfe\r\n", "latin1"),
      Buffer.from("C1,2024-01-02,3,x\r\n"),
    ]);
    const header = readCsvHeaderBytes(bytes);
    expect(header.names.slice(0, 3)).toEqual(["customer", "date", "amount"]);
    expect(header.bodyStart).toBe(bytes.indexOf("C1"));
  });
});

describe("reading records from bytes", () => {
  it("keeps ids as written after trimming: leading zeros, UTF-8, quotes, doubled quotes, Unicode spaces", () => {
    const { encoded } = encodeText(
      "customer,date,amount\n" +
        "00001,2024-01-02,1\n" +
        "  00001\t,2024-01-02,1\n" +
        '"00001",2024-01-02,1\n' +
        "客户甲,2024-01-02,1\n" +
        "\u3000客户甲\u00a0,2024-01-02,1\n" +
        '"say ""hi""",2024-01-02,1\n' +
        "\u00a0C1,2024-01-02,1\n" +
        "C1,2024-01-02,1\n",
    );
    expect(keptRows(encoded).map(([id]) => id)).toEqual([
      "00001",
      "00001",
      "00001",
      "客户甲",
      "客户甲",
      'say "hi"',
      "C1",
      "C1",
    ]);
    expect(encoded.customerIds).toEqual(["00001", "客户甲", 'say "hi"', "C1"]);
  });

  it("counts the lines of quoted line breaks (LF and CRLF) in the row numbers", () => {
    const { encoded } = encodeText(
      "customer,date,amount,note\r\n" +
        "A,2024-01-02,1,plain\r\n" +
        'B,2024-01-02,1,"two\r\nlines"\r\n' +
        'C,2024-01-02,1,"three\nshort\nlines"\r\n' +
        "D,2024-01-02,1,\r\n",
    );
    expect(keptRows(encoded)).toEqual([
      ["A", 2],
      ["B", 3],
      ["C", 5],
      ["D", 8],
    ]);
  });

  it("reads a quoted field far longer than a buffer chunk, and the records after it", () => {
    const big = `${"y".repeat(200_000)}\n${"z".repeat(70_000)}""q`;
    const { encoded } = encodeText(`customer,note,date,amount\nA,"${big}",2024-01-02,1\nB,,2024-01-03,2\n`);
    expect(keptRows(encoded)).toEqual([
      ["A", 2],
      ["B", 4],
    ]);
    expect(encoded.dateTextOf(1)).toBe("2024-01-03");
  });

  it("reads amounts from bytes exactly as the engine's money parser does", () => {
    const amounts = [
      "12.34565",
      "12.34564",
      "-0.00005",
      "-0.00004",
      "007.5",
      "1.",
      ".5",
      "-.5",
      "0",
      "-0",
      "999999999999999.9999",
      "1234567890123456",
      "900719925474.0991",
      "900719925474.0992",
      "-900719925474.0992",
      "0000000000000000012.5",
      "1e3",
      "$5",
      "(3.10)",
      "1,234.5",
      " 42 ",
      "+9",
      "-",
      ".",
      "1.2.3",
      "12-",
    ];
    const csv = `customer,date,amount\n${amounts.map((amount, i) => `C${i},2024-01-02,${amount.includes(",") ? `"${amount}"` : amount}`).join("\n")}\n`;
    const { encoded } = encodeText(csv);
    const read = new Map<number, number>();
    for (let row = 0; row < encoded.rowCount; row++)
      if (encoded.rowCustomer[row]! >= 0) read.set(row, unitsAt(encoded.rowUnits, encoded.bigUnits, row));
    amounts.forEach((amount, row) => {
      const expected = parseMoneyText(amount);
      // Unreadable, or beyond ±900 billion (skipped as amount_out_of_range): not read.
      if (Number.isNaN(expected) || isOutOfRangeUnits(expected))
        expect([amount, read.has(row)]).toEqual([amount, false]);
      else expect([amount, read.get(row)]).toEqual([amount, expected]);
    });
  });

  it("reads dates from bytes as the engine's date parser does, and skips impossible ones", () => {
    const dates = ["2024-01-05", "2024-1-5", "2024-02-29", "2023-02-29", "2024-13-01", "05/01/2024", " 2024-03-02 "];
    const csv = `customer,date,amount\n${dates.map((date, i) => `C${i},${date},1`).join("\n")}\n`;
    const { encoded } = encodeText(csv);
    dates.forEach((date, row) => {
      const expected = parseDateText(date, "DMY");
      if (Number.isNaN(expected)) expect(encoded.rowCustomer[row]).toBe(-1);
      else expect([date, encoded.rowDay[row]]).toEqual([date, expected]);
    });
    expect(encoded.skipped.byReason.bad_date).toBe(2);
  });

  it("links repeated order lines (quoted or not), hashes trimmed ids like plain ones and marks empty ones", () => {
    const { encoded } = encodeText(
      'customer,date,amount,order\nA,2024-01-02,1,O1\nA,2024-01-02,1,O1\nB,2024-01-02,1,O2\nA,2024-01-02,1, O1 \nB,2024-01-02,1,\nB,2024-01-02,1,"O2"\n',
    );
    const orders = encoded.rowOrders!;
    expect(Array.from(orders.kind.subarray(0, 6))).toEqual([
      ORDER_HASHED,
      ORDER_LINKED,
      ORDER_HASHED,
      ORDER_HASHED,
      NO_ORDER,
      ORDER_LINKED, // "O2" quoted: the same bytes between the quotes as B's last order line
    ]);
    expect(orders.word[1]).toBe(0); // linked to the line before
    expect(orders.word[3]).toBe(orders.word[0]);
    expect(orders.word[5]).toBe(2);
    expect(orders.word[2]).not.toBe(orders.word[0]);
    expect(orders.sameOrder(0, 3)).toBe(true);
    expect(orders.sameOrder(2, 5)).toBe(true);
    expect(orders.sameOrder(0, 2)).toBe(false);
  });

  it("counts an order once when its counted line links to a return line and the order comes back later", () => {
    const csv =
      "customer,date,amount,order\n" +
      "A,2024-01-02,-5,O1\nA,2024-01-02,10,O1\nB,2024-01-03,4,O9\nA,2024-01-04,3,O1\nA,2024-01-05,2,O2\n";
    const { encoded } = encodeText(csv);
    const options = resolveOptions({ hasHeader: true, firstRowNumber: 1 });
    const cli = analyzeEncoded(encoded, options, {}, { headers: [], mapping: { dimensions: [] } });
    const cells = csv
      .trim()
      .split("\n")
      .map((line) => line.split(",").map((cell, i) => (i === 2 ? Number(cell) : cell)));
    const engine = analyzeRfm(cells, { customer: 0, date: 1, amount: 2, orderId: 3, dimensions: [] });
    const frequencyOf = (result: typeof cli, id: string) => result.customers.frequency[result.customers.id.indexOf(id)];
    expect(frequencyOf(engine, "A")).toBe(2);
    expect(frequencyOf(cli, "A")).toBe(2);
  });

  it("skips a short record that stops before the customer column as having no customer", () => {
    const { encoded } = encodeText("date,amount,customer\n2024-01-02,5,C1\n2024-01-03,7\n");
    expect(keptRows(encoded)).toEqual([["C1", 2]]);
    expect(encoded.customerIds).toEqual(["C1"]);
    expect(encoded.skipped.rows).toEqual([{ row: 3, reason: "missing_customer", value: "" }]);
  });
});

/**
 * The reading rules of encode-csv.ts written plainly over a string, field by field, for comparison: quoted fields
 * (doubled quotes, line breaks inside, text after the closing quote kept), LF or CRLF line ends, and a lone CR that
 * is data in a line without quotes but ends the field and record in a line with one.
 */
function referenceRecords(text: string, bodyStart: number): { fields: string[]; line: number; blank: boolean }[] {
  const records: { fields: string[]; line: number; blank: boolean }[] = [];
  const lineHasQuote = (from: number): boolean => {
    const lineEnd = text.indexOf("\n", from);
    return text.slice(from, lineEnd < 0 ? text.length : lineEnd).includes('"');
  };
  let pos = bodyStart;
  let line = 2;
  while (pos < text.length) {
    const recordStart = pos;
    const record = { fields: [] as string[], line, blank: true };
    let quotedLine: boolean | undefined;
    for (;;) {
      let value = "";
      if (text[pos] === '"') {
        quotedLine = true;
        pos++;
        for (;;) {
          const q = text.indexOf('"', pos);
          if (q < 0) {
            value += text.slice(pos);
            pos = text.length;
            break;
          }
          for (let j = pos; j < q; j++) if (text[j] === "\n") line++;
          const doubled = text[q + 1] === '"';
          value += text.slice(pos, doubled ? q + 1 : q);
          pos = doubled ? q + 2 : q + 1;
          if (!doubled) break;
        }
        while (pos < text.length && !",\n\r".includes(text[pos]!)) value += text[pos++];
      } else {
        while (pos < text.length) {
          const c = text[pos]!;
          if (c === "," || c === "\n") break;
          if (c === "\r") {
            if (text[pos + 1] === "\n") break;
            quotedLine ??= lineHasQuote(recordStart);
            if (quotedLine) break;
          }
          value += c;
          pos++;
        }
      }
      if (value !== "") record.blank = false;
      record.fields.push(value);
      if (pos >= text.length) break;
      if (text[pos] === ",") {
        pos++;
        continue;
      }
      if (text[pos] === "\r") pos++;
      if (text[pos] === "\n") pos++;
      break;
    }
    line++;
    records.push(record);
  }
  return records;
}

describe("reading records from bytes, against the rules written plainly", () => {
  it("agrees on every row: customer, day, amount, line number, and blank lines", () => {
    const customer = fc.constantFrom(
      ...["C1", "C2", " C2 ", '"C,3"', '"C""4"', "", "#N/A", "客户", '"C\n5"', "C1\r", '"C1"', '""', '" C2"', '"#N/A"'],
    );
    const date = fc.constantFrom(
      ...["2024-01-02", '"2024-01-03"', "03/01/2024", "bad", "", "2024-1-5", " 2024-01-04", '""', '"03/01/2024"'],
    );
    const amount = fc.constantFrom("5", "-2.5", '"1,5"', "x", "", "12.34567", '"7"tail', "1e3", '"5"', '""', '"-1"\r');
    const extra = fc.constantFrom(
      ...["", "note", '"multi\nline"', '"a\r\nb"', "with\rcr", 'q"mid', '"', ",,", '","', '""', '"x"', '"a""b"'],
    );
    const ending = fc.constantFrom("\n", "\r\n", "\r", "");
    const record = fc.tuple(customer, date, amount, fc.array(extra, { maxLength: 2 }), ending);
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), fc.boolean(), (records, blankLines) => {
        const lines = records.map(([c, d, a, extras, end], i) =>
          blankLines && i % 4 === 3 ? `,,${end || "\n"}` : `${[c, d, a, ...extras].join(",")}${end}`,
        );
        const text = `customer,date,amount,note\n${lines.join("")}`;
        const { header, encoded } = encodeText(text);
        const expected = referenceRecords(text, Buffer.from(text).subarray(0, header.bodyStart).toString().length);
        expect(encoded.rowCount).toBe(expected.length);
        let blank = 0;
        expected.forEach((want, row) => {
          expect(encoded.rowNumberOf(row)).toBe(want.line);
          const id = (want.fields[0] ?? "").trim();
          const day = cellToSerialDay(want.fields[1] ?? "", "DMY");
          const units = parseMoneyText(want.fields[2] ?? "");
          const kept = id !== "" && !isExcelError(id) && day === day && units === units;
          if (id === "" && want.blank) blank++;
          const got = encoded.rowCustomer[row]!;
          expect(got >= 0 ? encoded.customerIds[got] : undefined).toBe(kept ? id : undefined);
          if (!kept) return;
          expect(encoded.rowDay[row]).toBe(day);
          expect(unitsAt(encoded.rowUnits, encoded.bigUnits, row)).toBe(units);
        });
        expect(encoded.blankRows).toBe(blank);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 1000) },
    );
  });

  it("counts a line of delimiters as blank, but not one with a lone CR past the mapped columns", () => {
    const { encoded } = encodeText("customer,date,amount,note\n,,,\r,,\n,,,\r\n,,,\n");
    expect(encoded.rowCount).toBe(3);
    expect(encoded.blankRows).toBe(2);
    expect(encoded.skipped.count).toBe(1);
  });
});

describe("the byte interner", () => {
  it("gives each distinct byte string one index in order of first appearance, across table growth", () => {
    const interner = new ByteInterner();
    const ids = Array.from({ length: 5000 }, (_, i) => `C${String(i).padStart(6, "0")}`);
    const first = ids.map((id) => interner.indexString(id));
    const again = ids.map((id) => interner.index(Buffer.from(`,${id},`), 1, id.length + 1));
    expect(first).toEqual(ids.map((_, i) => i));
    expect(again).toEqual(first);
    expect(interner.texts().slice(0, 5000)).toEqual(ids);
    expect(interner.indexString("客户")).toBe(5000);
    expect(interner.text(5000)).toBe("客户");
    expect(interner.texts()[5000]).toBe("客户");
    expect(interner.size).toBe(5001);
  });

  it("hashes bytes with MurmurHash3 (x86, 32-bit, seed 0), the published test vectors", () => {
    const hash = (text: string) =>
      (hashBytes(Buffer.from(`<${text}>`), 1, Buffer.byteLength(text) + 1) >>> 0).toString(16);
    expect(hash("")).toBe("0");
    expect(hash("hello")).toBe("248bfa47");
    expect(hash("Hello, world!")).toBe("c0363e43");
    expect(hash("The quick brown fox jumps over the lazy dog")).toBe("2e4ff723");
  });

  it("tells the id order without sorting when every id is numbered, and only then", () => {
    const numbered = new ByteInterner();
    const ids = ["C000300", "C000007", "C120000", "C000010", "C000009"];
    ids.forEach((id) => numbered.indexString(id));
    const order = numbered.indexesInTextOrder()!;
    expect(Array.from(order, (i) => ids[i])).toEqual([...ids].sort());
    const mixed = new ByteInterner();
    ["C000300", "C7", "C000007"].forEach((id) => mixed.indexString(id));
    expect(mixed.indexesInTextOrder()).toBeUndefined();
  });

  it("keeps numbered ids (the first id's shape) and all others apart", () => {
    const interner = new ByteInterner();
    const ids = ["17850", "017850", "X17850", "99999", "1785", "17850 ", "00000", "178500", "客户1"];
    const first = ids.map((id) => interner.indexString(id));
    expect(first).toEqual(ids.map((_, i) => i));
    expect([...ids].reverse().map((id) => interner.indexString(id))).toEqual([...first].reverse());
    expect(interner.texts()).toEqual(ids);
  });
});

describe("the command on tricky bytes", () => {
  it("reports skipped rows with line numbers moved by a quoted line break, with BOM, CRLF and Chinese ids", () => {
    const input = path.join(dir, "tricky.csv");
    writeFileSync(
      input,
      "\uFEFF客户,日期,金额,备注\r\n" +
        '客户甲,2024-01-02,10,"first\r\nsecond"\r\n' +
        "客户乙,not a date,5,\r\n" +
        "00007,2024-01-03,abc,\r\n" +
        "00007,2024-01-04,2.5,\r\n",
    );
    const out = path.join(dir, "tricky-out.csv");
    const run = runMain([input, "--out", out, "--customer", "客户", "--date", "日期", "--amount", "金额"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('line 4: unreadable date "not a date"');
    expect(run.stderr).toContain('line 5: unreadable amount "abc"');
    const lines = readFileSync(out, "utf8").split("\n");
    expect(lines.map((line) => line.split(",")[0])).toEqual(["customer_id", "00007", "客户甲", ""]);
  });
});

describe("--timings", () => {
  it("reports each step's milliseconds on standard error and changes nothing else", () => {
    const input = path.join(dir, "timed.csv");
    writeFileSync(input, "customer,date,amount\nC1,2024-01-02,10\nC2,2024-01-03,5\n");
    const plain = runMain([input, "--out", path.join(dir, "plain.csv")]);
    const timed = runMain([input, "--out", path.join(dir, "timed-out.csv"), "--timings"]);
    expect(timed.status).toBe(0);
    expect(timed.stdout).toBe(plain.stdout.replace("plain.csv", "timed-out.csv"));
    expect(timed.stderr).toMatch(
      /^timings: read \d+ ms, parse \d+ ms, order by id \d+ ms, analyze \d+ ms, format \d+ ms, write \d+ ms; \d+ ms since the process started\n$/,
    );
    expect(readFileSync(path.join(dir, "timed-out.csv"), "utf8")).toBe(
      readFileSync(path.join(dir, "plain.csv"), "utf8"),
    );
  });
});

describe("files not in UTF-8", () => {
  // 客户,日期,金额 / 客户甲,… / 客户乙,… in GB18030 (what Excel's plain "CSV" saves on Chinese Windows).
  const GB18030: Record<string, string> = {
    客: "bfcd",
    户: "bba7",
    日: "c8d5",
    期: "c6da",
    金: "bdf0",
    额: "b6ee",
    甲: "bcd7",
    乙: "d2d2",
  };
  const gb = (text: string) =>
    Buffer.from([...text].map((ch) => GB18030[ch] ?? ch.charCodeAt(0).toString(16).padStart(2, "0")).join(""), "hex");
  const text = "客户,日期,金额\r\n客户甲,2024-01-02,10\r\n客户乙,2024-01-05,7.5\r\n客户甲,2024-02-01,3\r\n";

  it("reads GB18030 and UTF-16 (either byte order) as their UTF-8 twin, and says which it read", () => {
    expect(new TextDecoder("gb18030").decode(gb(text))).toBe(text);
    const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const big = Buffer.from(little);
    for (let i = 0; i < big.length; i += 2) [big[i], big[i + 1]] = [big[i + 1]!, big[i]!];
    const run = (name: string, bytes: Buffer) => {
      const input = path.join(dir, `${name}.csv`);
      writeFileSync(input, bytes);
      const result = runMain([input, "--out", path.join(dir, `${name}-out.csv`)]);
      return { ...result, output: readFileSync(path.join(dir, `${name}-out.csv`), "utf8") };
    };
    const utf8 = run("utf8", Buffer.from(`\uFEFF${text}`, "utf8"));
    expect(utf8.status).toBe(0);
    expect(utf8.stderr).toBe("");
    expect(utf8.output.split("\n").map((line) => line.split(",")[0])).toEqual(["customer_id", "客户乙", "客户甲", ""]);
    for (const [name, bytes, encoding] of [
      ["gb18030", gb(text), "GB18030"],
      ["utf16le", little, "UTF-16LE"],
      ["utf16be", big, "UTF-16BE"],
    ] as const) {
      const other = run(name, bytes);
      expect([name, other.status, other.output]).toEqual([name, 0, utf8.output]);
      expect(other.stderr).toContain(`read as ${encoding === "GB18030" ? "GB18030 (GBK)" : "such"}`);
    }
  });
});

describe("files too big to read at once", () => {
  it("says so plainly instead of crashing", () => {
    const input = path.join(dir, "huge.csv");
    writeFileSync(input, "");
    truncateSync(input, 2.2e9); // sparse: no disk space used, and never read
    try {
      const run = runMain([input, "--out", path.join(dir, "huge-out.csv")]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/^error: .*huge\.csv is larger than 2 GiB/);
    } finally {
      unlinkSync(input);
    }
  });
});

describe("the output file's numbers", () => {
  it("writes monetary values and averages digit by digit exactly as plainNumber prints them", () => {
    const amounts = [-12.5, 0.0001, 1234567.89, 99999999999.9999, 10.05, 3, -0.0004, 1e-4 * 7, 250000.1];
    const rows: CellValue[][] = [["Customer", "Date", "Amount"]];
    amounts.forEach((amount, i) => rows.push([`C${i}`, 45000, amount], [`C${i}`, 45001, 0.3], [`C${i}`, 45002, 0.1]));
    const result = analyzeRfm(rows, { customer: 0, date: 1, amount: 2, dimensions: [] });
    const lines = formatCustomersCsv(result).trim().split("\n").slice(1);
    const written = new Map(lines.map((line) => [line.split(",")[0]!, line.split(",")[5]!]));
    for (let i = 0; i < result.customers.id.length; i++) {
      expect(written.get(result.customers.id[i]!)).toBe(plainNumber(result.customers.monetary[i]!));
    }
    const averages = new Map(lines.map((line) => [line.split(",")[0]!, line.split(",")[6]!]));
    for (let i = 0; i < result.customers.id.length; i++) {
      expect(averages.get(result.customers.id[i]!)).toBe(plainNumber(result.customers.aov[i]!));
    }
    expect(written.get("C0")).toBe("-12.1");
    expect(written.get("C3")).toBe("100000000000.3999");
    expect(averages.get("C5")).toBe("1.1333333333333333"); // 3.4 over 3 orders: not a whole number of units
  });
});

describe("customers numbered in id order", () => {
  it("changes only the order of the results, not what each customer gets", () => {
    const lines = ["customer,date,amount,order"];
    const ids = ["zed", "C10", "Äpfel", "C9", "客户", "c10", "C1"];
    for (let i = 0; i < 200; i++) {
      lines.push(`${ids[(i * 5) % ids.length]},2024-0${1 + (i % 9)}-1${i % 10},${(i * 37) % 101}.5,O${i % 23}`);
    }
    const csv = `${lines.join("\n")}\n`;
    const options = resolveOptions({ hasHeader: true, firstRowNumber: 1 });
    const asRead = encodeText(csv).encoded;
    const renumbered = encodeText(csv).encoded;
    numberCustomersById(renumbered);
    expect(renumbered.customerIds).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const byId = (encoded: typeof asRead) => {
      const { customers } = analyzeEncoded(encoded, options, {}, { headers: [], mapping: { dimensions: [] } });
      return new Map(
        customers.id.map((id, i) => [
          id,
          [customers.frequency[i], customers.monetary[i], customers.r[i], customers.f[i], customers.segment[i]],
        ]),
      );
    };
    expect(byId(renumbered)).toEqual(byId(asRead));
  });
});

describe("row arrays sized from a sample", () => {
  it("grows them when later lines are much shorter than the first 64 KB suggested", () => {
    const long = Array.from({ length: 200 }, (_, i) => `L${i},2024-01-02,1.5,${"x".repeat(1000)}`);
    const short = Array.from({ length: 5000 }, (_, i) => `S${i % 700},2024-01-03,2,`);
    const { encoded } = encodeText(`customer,date,amount,note\n${[...long, ...short].join("\n")}\n`);
    expect(encoded.rowCount).toBe(5200);
    expect(encoded.customerIds.length).toBe(900);
    expect(encoded.rowCustomer[5199]).toBe(200 + (4999 % 700));
    expect(encoded.rowNumberOf(5199)).toBe(5201);
    expect(unitsAt(encoded.rowUnits, encoded.bigUnits, 5199)).toBe(20_000);
  });
});
