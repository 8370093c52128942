/**
 * The engine's fast paths (per-customer order counting without a table of all orders, the cache-line interner,
 * the row reader working in chunks) against a plain reference: Sets and Maps over the same rows.
 */
import { analyzeColumns, analyzeRfm } from "../../src/engine/index";
import { RangeInterner } from "../../src/engine/encoded";
import { NumberKeyedIndex } from "../../src/engine/interner";
import type { CellValue } from "../../src/engine/types";
import { BASIC_MAPPING, byCustomer, get, ORDER_MAPPING, sheet } from "./helpers";

/** mulberry32, so every run sees the same rows. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Distinct order ids per customer among purchase rows on or before `lastDay`, the obvious way. */
function referenceFrequency(rows: CellValue[][], lastDay: number): Map<string, number> {
  const orders = new Map<string, Set<string>>();
  const noOrder = new Map<string, number>();
  for (const [customer, day, amount, order] of rows) {
    if ((amount as number) < 0 || (day as number) > lastDay) continue;
    const id = String(customer);
    const key = typeof order === "string" ? order.trim() : typeof order === "number" ? String(order) : "";
    if (key === "") noOrder.set(id, (noOrder.get(id) ?? 0) + 1);
    else {
      if (!orders.has(id)) orders.set(id, new Set());
      orders.get(id)!.add(key);
    }
  }
  const out = new Map<string, number>();
  for (const id of new Set([...orders.keys(), ...noOrder.keys()]))
    out.set(id, (orders.get(id)?.size ?? 0) + (noOrder.get(id) ?? 0));
  return out;
}

describe("distinct orders per customer", () => {
  it("counts repeats that are not next to each other, across returns and rows after the analysis date", () => {
    const rows: CellValue[][] = [
      ["a", 45000, 10, "O1"],
      ["a", 45000, 5, "O1"], // next line of the same order
      ["b", 45000, 5, "O1"], // the same id under another customer
      ["a", 45001, 5, "O2"],
      ["a", 45002, 7, "O1"], // O1 again, not adjacent
      ["a", 45003, -7, "O3"], // a return: O3 is not a purchase ...
      ["a", 45003, 2, "O3"], // ... so this line is O3's first purchase
      ["a", 45009, 4, "O4"], // after the analysis date ...
      ["a", 45009, 4, "O4"], // ... and its next line too
      ["a", 45004, 4, " O4 "], // the same id with spaces, on or before the analysis date
      ["a", 45004, 1, 17], // a number order id ...
      ["a", 45004, 1, "17"], // ... is the same order as its text
      ["b", 45004, 1, ""], // no order id: a purchase of its own
      ["b", 45004, 1, ""],
    ];
    const c = byCustomer(analyzeRfm(sheet(rows), ORDER_MAPPING, { analysisDate: 45005 }));
    expect(get(c, "a").frequency).toBe(5); // O1, O2, O3, O4, 17
    expect(get(c, "b").frequency).toBe(3); // O1 and two rows without an order id
  });

  it("agrees with Sets on random ledgers, with customers of more than 16 orders", () => {
    const next = random(42);
    const rows: CellValue[][] = [];
    for (let i = 0; i < 20_000; i++) {
      const customer = next() < 0.2 ? "whale" : `c${Math.floor(next() * 400)}`;
      const order = Math.floor(next() * 3000);
      const cell: CellValue = next() < 0.1 ? order : next() < 0.05 ? "" : `O${order}`;
      const amount = next() < 0.05 ? -3 : 10;
      const row: CellValue[] = [customer, 45000 + Math.floor(next() * 100), amount, cell];
      rows.push(row);
      if (next() < 0.3) rows.push([...row]); // another line of the same order right after
    }
    const analysisDate = 45090;
    const expected = referenceFrequency(rows, analysisDate);
    for (const result of [
      analyzeRfm(sheet(rows), ORDER_MAPPING, { analysisDate }),
      analyzeColumns(
        {
          customer: rows.map((r) => r[0]),
          date: rows.map((r) => r[1]),
          amount: rows.map((r) => r[2]),
          orderId: rows.map((r) => r[3]),
        },
        { analysisDate },
      ),
    ]) {
      const c = result.customers;
      expect(c.id.length).toBe(expected.size);
      expect(c.id.map((id, i) => [id, c.frequency[i]])).toEqual(c.id.map((id) => [id, expected.get(id)]));
      expect(get(byCustomer(result), "whale").frequency).toBeGreaterThan(1000);
    }
  });
});

describe("RangeInterner", () => {
  it("gives first-appearance indexes for short, long, non-ASCII and range ids", () => {
    const interner = new RangeInterner();
    const reference = new Map<string, number>();
    const next = random(7);
    const got: number[] = [];
    const want: number[] = [];
    const prefixes = ["", "C", "customer-", "客户", "abcdefgh", "abcdefghi", "\u0000"];
    for (let i = 0; i < 50_000; i++) {
      const id = prefixes[Math.floor(next() * prefixes.length)]! + Math.floor(next() * 5000).toString(36);
      if (!reference.has(id)) reference.set(id, reference.size);
      const text = `<${id}>`; // interned as a range of a larger text
      got.push(interner.index(text, 1, text.length - 1));
      want.push(reference.get(id)!);
    }
    expect(got).toEqual(want);
    expect(interner.strings).toEqual([...reference.keys()]);
    expect(interner.index("", 0, 0)).toBe(reference.has("") ? reference.get("") : reference.size);
  });

  it("looks numbered ids up directly without mixing them with others", () => {
    const interner = new RangeInterner();
    const reference = new Map<string, number>();
    const next = random(11);
    const got: number[] = [];
    const want: number[] = [];
    const forms = [
      (n: number) => `C${String(n).padStart(6, "0")}`, // the numbered form of the first id
      (n: number) => `C${String(n).padStart(7, "0")}`, // one digit more
      (n: number) => `c${String(n).padStart(6, "0")}`, // another prefix
      (n: number) => `C${String(n).padStart(5, "0")}x`,
      (n: number) => `${n}`,
      (n: number) => `C${String(n * 997).padStart(6, "0")}`.slice(0, 7), // large numbers
    ];
    for (const id of ["C000001", ...Array.from({ length: 30_000 }, () => "")]) {
      const key = id || forms[Math.floor(next() * forms.length)]!(Math.floor(next() * 5000));
      if (!reference.has(key)) reference.set(key, reference.size);
      got.push(interner.index(key, 0, key.length));
      want.push(reference.get(key)!);
    }
    expect(got).toEqual(want);
    expect(interner.strings).toEqual([...reference.keys()]);
  });
});

describe("numeric customer ids", () => {
  it("are one customer with the same id as text, and -0 with 0; NaN and Infinity are no customer", () => {
    const rows: CellValue[][] = [
      [13800138000, 45000, 10],
      ["13800138000", 45001, 5],
      [" 13800138000 ", 45002, 1],
      [17850, 45003, 2],
      [-0, 45004, 3],
      [0, 45005, 4],
      ["0", 45006, 1],
      [1e21, 45007, 6],
      [Number.NaN, 45008, 1],
      [Number.POSITIVE_INFINITY, 45009, 1],
    ];
    for (const result of [
      analyzeRfm(sheet(rows), BASIC_MAPPING),
      analyzeColumns({ customer: rows.map((r) => r[0]), date: rows.map((r) => r[1]), amount: rows.map((r) => r[2]) }),
    ]) {
      const byId = byCustomer(result);
      expect([...byId.keys()].sort()).toEqual(["0", "13800138000", "17850", "1e+21"]);
      expect(get(byId, "13800138000").frequency).toBe(3);
      expect(get(byId, "0").frequency).toBe(3);
      expect(result.skipped.byReason.missing_customer).toBe(2);
    }
  });

  it("give the results their text gives, on random ledgers of phone numbers", () => {
    const next = random(7);
    const phones = Array.from({ length: 3000 }, () => 13_000_000_000 + Math.floor(next() * 999_999_999));
    const rows: CellValue[][] = [];
    for (let i = 0; i < 30_000; i++) {
      const phone = phones[Math.floor(next() * next() * phones.length)]!;
      rows.push([next() < 0.3 ? String(phone) : phone, 45000 + Math.floor(next() * 300), next() < 0.05 ? -5 : 20]);
    }
    const asText = rows.map(([id, ...rest]) => [String(id), ...rest]);
    const summary = (result: ReturnType<typeof analyzeRfm>) =>
      [...byCustomer(result)].map(([id, c]) => [id, c.frequency, c.monetary, c.segment]).sort();
    expect(summary(analyzeRfm(sheet(rows), BASIC_MAPPING))).toEqual(summary(analyzeRfm(sheet(asText), BASIC_MAPPING)));
  });
});

describe("NumberKeyedIndex", () => {
  it("finds what it remembered across growth, and nothing else", () => {
    const index = new NumberKeyedIndex();
    const values = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? i * 1e9 + 0.5 : 13_800_000_000 + i * 7919));
    values.forEach((value, i) => index.remember(value, i));
    expect(values.map((value) => index.find(value))).toEqual(values.map((_, i) => i));
    expect(index.find(-1)).toBe(-1);
    expect(index.find(13_800_000_001)).toBe(-1);
    index.remember(-0, 20_000);
    expect(index.find(0)).toBe(20_000);
  });
});
