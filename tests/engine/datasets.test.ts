import { readFileSync } from "node:fs";
import * as path from "node:path";
import { analyzeRfm, guessMapping, isoDateToSerial } from "../../src/engine/index";
import type { CellValue } from "../../src/engine/types";
import { cents, describeWithData, readCsv, serialOf } from "./dataset-files";
import { byCustomer, DATASETS, expectSummariesConsistent, get } from "./helpers";

const RETAIL = "online_retail/online_retail_invoices.csv";
const CDNOW = "cdnow/CDNOW_master.txt";
const SUPERSTORE = "superstore/superstore.csv";
const R_ORDERS = "rfm_r_package/rfm_data_orders.csv";
const R_DEFAULT = "rfm_r_package/ref_rfm_table_order_default.csv";
const R_CUSTOM_BINS = "rfm_r_package/ref_rfm_table_order_custom_bins.csv";

interface Simple {
  last: number;
  first: number;
  orders: Set<string>;
  rows: number;
  cents: number;
  purchases: number;
}

/** Straightforward per-customer aggregation, written independently of the engine for comparison. */
function simpleAggregate(
  rows: { id: string; day: number; cents: number; order?: string }[],
  analysisDay: number,
): Map<string, Simple> {
  const out = new Map<string, Simple>();
  for (const row of rows) {
    if (row.day > analysisDay) continue;
    let c = out.get(row.id);
    if (!c) out.set(row.id, (c = { last: -1, first: Infinity, orders: new Set(), rows: 0, cents: 0, purchases: 0 }));
    c.cents += row.cents;
    if (row.cents < 0) continue;
    c.purchases++;
    c.last = Math.max(c.last, row.day);
    c.first = Math.min(c.first, row.day);
    c.orders.add(row.order ?? `row${c.purchases}`);
  }
  return out;
}

function compareWithSimple(
  result: ReturnType<typeof analyzeRfm>,
  simple: Map<string, Simple>,
  useOrders: boolean,
): void {
  const engine = byCustomer(result);
  const scored = [...simple].filter(([, c]) => c.purchases > 0);
  expect(engine.size).toBe(scored.length);
  expect(result.returnsOnlyCustomers.sort()).toEqual(
    [...simple]
      .filter(([, c]) => c.purchases === 0)
      .map(([id]) => id)
      .sort(),
  );
  let mismatches = 0;
  for (const [id, c] of scored) {
    const e = get(engine, id);
    const frequency = useOrders ? c.orders.size : c.purchases;
    if (
      e.recency !== result.analysisDate - c.last ||
      e.frequency !== frequency ||
      Math.round(e.monetary * 100) !== c.cents
    )
      mismatches++;
  }
  expect(mismatches).toBe(0);
}

describeWithData([RETAIL], "UCI online retail invoices (cancellations, missing customer ids)", () => {
  const table = readCsv(RETAIL);
  const header = table[0]!;
  const result = analyzeRfm(table as CellValue[][], guessMapping(header));

  it("maps the columns from the header", () => {
    expect(result.mapping).toMatchObject({ orderId: 0, customer: 1, date: 2, amount: 6, dimensions: [3] });
  });

  it("skips the 3,710 invoices without a customer and reconciles revenue", () => {
    expect(result.skipped.count).toBe(3710);
    expect(result.skipped.byReason.missing_customer).toBe(3710);
    expect(result.skipped.rows[0]).toEqual({ row: 48, reason: "missing_customer", value: "" });
    const rows = table
      .slice(1)
      .filter((r) => r[1] !== "")
      .map((r) => ({ id: r[1]!, day: serialOf(r[2]!), cents: cents(r[6]!), order: r[0]! }));
    const latestPurchase = Math.max(...rows.filter((r) => r.cents >= 0).map((r) => r.day));
    expect(result.analysisDate).toBe(latestPurchase);
    expect(result.analysisDate).toBe(isoDateToSerial("2011-12-09"));
    const kept = rows.filter((r) => r.day <= latestPurchase);
    expect(result.totals.usedRows).toBe(kept.length);
    expect(Math.round(result.totals.revenue * 100)).toBe(kept.reduce((sum, r) => sum + r.cents, 0));
    compareWithSimple(result, simpleAggregate(rows, latestPurchase), true);
    expectSummariesConsistent(result);
  });

  it("nets cancellations into monetary value only", () => {
    // 12346 bought 77,183.60 on 2011-01-18 and cancelled it the same day.
    expect(get(byCustomer(result), "12346")).toMatchObject({ frequency: 1, monetary: 0, recency: 325, tier: "C" });
    expect(get(byCustomer(result), "12347")).toMatchObject({
      frequency: 7,
      monetary: 4310,
      first: "2010-12-07",
      last: "2011-12-07",
    });
    expect(result.customers.dimensions[0]!.name).toBe("Country");
  });

  it("downsamples the Pareto curve to 201 points from (0,0) to (1,1)", () => {
    const { customerShare, revenueShare } = result.pareto;
    expect(customerShare).toHaveLength(201);
    expect([customerShare[0], revenueShare[0], customerShare[200], revenueShare[200]]).toEqual([0, 0, 1, 1]);
    for (let i = 1; i < 201; i++) {
      expect(customerShare[i]!).toBeGreaterThan(customerShare[i - 1]!);
      expect(revenueShare[i]!).toBeGreaterThanOrEqual(revenueShare[i - 1]!);
    }
    // The top 20% of customers (point 40) bring in most of the revenue, as Pareto expects.
    expect(revenueShare[40]!).toBeGreaterThan(0.6);
  });
});

describeWithData([CDNOW], "CDNOW master (whitespace file, YYYYMMDD dates, no order ids)", () => {
  const lines = readFileSync(path.join(DATASETS, CDNOW), "utf8").trim().split("\n");
  const rows: CellValue[][] = [["customer_id", "date", "number_of_cds", "dollar_value"]];
  for (const line of lines.slice(1)) {
    const [id, date, cds, dollars] = line.trim().split(/\s+/) as [string, string, string, string];
    rows.push([id, serialOf(date), Number(cds), dollars]);
  }
  const result = analyzeRfm(rows, { customer: 0, date: 1, amount: 3, dimensions: [] });

  it("counts every row as a purchase and keeps ids as written", () => {
    expect(rows.length - 1).toBe(69_659);
    expect(result.totals.customers).toBe(23_570);
    expect(result.customers.id).toContain("00001");
    const simple = simpleAggregate(
      rows.slice(1).map((r) => ({ id: r[0] as string, day: r[1] as number, cents: cents(r[3] as string) })),
      result.analysisDate,
    );
    compareWithSimple(result, simple, false);
    expect(serialOf("19980630")).toBe(result.analysisDate);
    expectSummariesConsistent(result);
  });

  it("treats zero-dollar rows as purchases", () => {
    const zeroRows = rows.slice(1).filter((r) => Number(r[3]) === 0).length;
    expect(zeroRows).toBe(80);
    expect(result.totals.usedRows).toBe(69_659);
  });
});

describeWithData([SUPERSTORE], "Superstore line items with order ids", () => {
  const table = readCsv(SUPERSTORE);
  const header = table[0]!;
  const mapping = guessMapping(header);
  const result = analyzeRfm(table as CellValue[][], mapping);

  it("counts distinct orders per customer and reconciles sales", () => {
    expect(mapping).toMatchObject({ orderId: 1, date: 2, customer: 5, amount: 17 });
    expect(result.totals.customers).toBe(793);
    const frequencies = Array.from(result.customers.frequency).reduce((a, b) => a + b, 0);
    expect(frequencies).toBe(5009);
    const data = table
      .slice(1)
      .map((r) => ({ id: r[5]!, day: serialOf(r[2]!), cents: Math.round(Number(r[17]) * 10_000), order: r[1]! }));
    const totalUnits = data.reduce((sum, r) => sum + r.cents, 0);
    expect(Math.round(result.totals.revenue * 10_000)).toBe(totalUnits);
    expectSummariesConsistent(result);
    // Tier A is the fewest customers reaching 80% of revenue: check the boundary independently.
    const monetary = Array.from(result.customers.monetary).sort((a, b) => b - a);
    const total = monetary.reduce((a, b) => a + b, 0);
    const tierA = result.summaries.tier.find((row) => row.key === "A")!.customers;
    const beforeLastA = monetary.slice(0, tierA - 1).reduce((a, b) => a + b, 0);
    const beforeFirstB = beforeLastA + monetary[tierA - 1]!;
    expect(beforeLastA / total).toBeLessThan(0.8);
    expect(beforeFirstB / total).toBeGreaterThanOrEqual(0.8);
  });

  it("agrees with a hand count for one customer", () => {
    const lines = table.slice(1).filter((r) => r[5] === "CG-12520");
    const orders = new Set(lines.map((r) => r[1]));
    const sales = lines.reduce((sum, r) => sum + Math.round(Number(r[17]) * 10_000), 0) / 10_000;
    expect(get(byCustomer(result), "CG-12520")).toMatchObject({ frequency: orders.size, monetary: sales });
  });
});

describeWithData([R_ORDERS, R_DEFAULT, R_CUSTOM_BINS], "R package rfm: reference outputs", () => {
  const orders = readCsv(R_ORDERS);
  const analysisDate = isoDateToSerial("2006-12-31");
  const reference = new Map(
    readCsv(R_DEFAULT)
      .slice(1)
      .map((r) => [r[0]!, r]),
  );
  const result = analyzeRfm(orders as CellValue[][], guessMapping(orders[0]!), { analysisDate });
  const customers = byCustomer(result);

  it("agrees on recency_days, transaction_count and amount for all 995 customers", () => {
    expect(customers.size).toBe(995);
    for (const [id, ref] of reference) {
      const c = get(customers, id);
      expect([id, c.recency, c.frequency, c.monetary]).toEqual([id, Number(ref[1]), Number(ref[2]), Number(ref[3])]);
    }
  });

  it("agrees on quantile scores except where R's bins treat a value equal to a breakpoint differently", () => {
    const differing: string[] = [];
    for (const [id, ref] of reference) {
      const c = get(customers, id);
      if (c.r !== Number(ref[4]) || c.f !== Number(ref[5]) || c.m !== Number(ref[6])) differing.push(id);
    }
    // The package's breakpoints behave as if rounded up: the three customers whose value lies between a
    // fractional PERCENTILE.INC breakpoint and its ceiling (recency 297 vs 296.4, amount 506 vs 505.4,
    // amount 255 vs 254.8) get one score lower there. See docs/ENGINE.md.
    expect(result.breakpoints.recency).toEqual([114, 180, 296.4, 481]);
    expect(result.breakpoints.monetary).toEqual([254.8, 381, 505.4, 665]);
    expect(differing.sort()).toEqual(["Jerold Sporer", "Katlyn Mann", "Skylar Hoeger"]);
  });

  it("reproduces the custom-bins reference with fixed thresholds", () => {
    const custom = new Map(
      readCsv(R_CUSTOM_BINS)
        .slice(1)
        .map((r) => [r[0]!, r]),
    );
    const fixed = byCustomer(
      analyzeRfm(orders as CellValue[][], guessMapping(orders[0]!), {
        analysisDate,
        scoring: {
          method: "fixed",
          recency: [115, 181, 297, 482],
          frequency: [4, 5, 6, 8],
          monetary: [256, 382, 506, 666],
        },
      }),
    );
    let differing = 0;
    for (const [id, ref] of custom) {
      const c = get(fixed, id);
      if (c.r !== Number(ref[4]) || c.f !== Number(ref[5]) || c.m !== Number(ref[6])) differing++;
    }
    expect(differing).toBe(0);
  });
});
