/**
 * The same analysis written the way a web developer would with arquero: cell values into column arrays, then
 * group-bys, joins, quantiles, window sums and escaped JS functions for the classifications.
 */
import type { CellValue } from "../src/engine/types";
import {
  REFERENCE_SETTINGS,
  binOf,
  lifecycleOf,
  standardSegmentOf,
  valueClassOf,
  type CustomerRecord,
} from "./reference-rules";

type Arquero = typeof import("arquero", { with: { "resolution-mode": "import" } });
type ColumnTable = ReturnType<Arquero["table"]>;

/** arquero is ESM-only; the benchmark compiles to CommonJS, so it is loaded with a dynamic import. */
export function loadArquero(): Promise<Arquero> {
  return import("arquero");
}

export interface SalesColumnsMapping {
  customer: number;
  date: number;
  amount: number;
  orderId: number;
}

export interface ArqueroRfmResult {
  analysisDate: number;
  customers: ColumnTable;
  breakpoints: { recency: number[]; frequency: number[]; monetary: number[] };
  summaries: Record<string, object[]>;
  rfGrid: object[];
  pareto: { customerShare: number[]; revenueShare: number[] };
}

/** Runs the whole analysis from cell values (header row first). Data rows must hold serial dates and numbers. */
export function arqueroRfm(
  aq: Arquero,
  values: readonly CellValue[][],
  mapping: SalesColumnsMapping,
): ArqueroRfmResult {
  const { op, escape, desc, rolling } = aq;
  const { k } = REFERENCE_SETTINGS;
  const [cutA, cutB] = REFERENCE_SETTINGS.tierCutoffs;

  const rows = values.length - 1;
  const customer = new Array<string>(rows);
  const day = new Float64Array(rows);
  const units = new Float64Array(rows);
  const order = new Array<string>(rows);
  for (let i = 0; i < rows; i++) {
    const row = values[i + 1] ?? [];
    const date = row[mapping.date];
    const amount = row[mapping.amount];
    if (typeof date !== "number" || typeof amount !== "number") {
      throw new Error(`arquero bench: row ${i + 2} has no serial date or numeric amount`);
    }
    customer[i] = String(row[mapping.customer]).trim();
    day[i] = Math.floor(date);
    units[i] = Math.round(amount * 10000);
    order[i] = String(row[mapping.orderId]);
  }

  const sales = aq.table({ customer, day, units, order });
  const analysisDate = Number(
    sales
      .filter((d: Row) => d.units >= 0)
      .rollup({ ad: op.max("day") })
      .get("ad", 0),
  );
  const kept = sales.params({ ad: analysisDate }).filter((d: Row, $: Params) => d.day <= $.ad);
  const bought = kept
    .filter((d: Row) => d.units >= 0)
    .groupby("customer")
    .rollup({ first: op.min("day"), last: op.max("day"), frequency: op.distinct("order") });
  const net = kept.groupby("customer").rollup({ units: op.sum("units") });
  // The inner join leaves out customers with returns only.
  const metrics = bought
    .join(net, "customer")
    .params({ ad: analysisDate })
    .derive({
      recency: (d: Row, $: Params) => $.ad - d.last,
      tenure: (d: Row, $: Params) => $.ad - d.first,
      monetary: (d: Row) => d.units / 10000,
      aov: (d: Row) => d.units / 10000 / d.frequency,
    });

  const quantileOps: Record<string, unknown> = {};
  for (let j = 1; j < k; j++) {
    quantileOps[`r${j}`] = op.quantile("recency", j / k);
    quantileOps[`f${j}`] = op.quantile("frequency", j / k);
    quantileOps[`m${j}`] = op.quantile("monetary", j / k);
  }
  const stats = metrics
    .rollup({
      ...quantileOps,
      n: op.count(),
      meanRecency: op.mean("recency"),
      meanFrequency: op.mean("frequency"),
      sumUnits: op.sum("units"),
      positiveUnits: (d: Row) => op.sum(d.units > 0 ? d.units : 0),
    })
    .object(0) as Record<string, number>;
  const pick = (prefix: string) => Array.from({ length: k - 1 }, (_, j) => Number(stats[`${prefix}${j + 1}`]));
  const breakpoints = { recency: pick("r"), frequency: pick("f"), monetary: pick("m") };
  const meanRecency = Number(stats.meanRecency);
  const meanFrequency = Number(stats.meanFrequency);
  const meanMonetary = Number(stats.sumUnits) / 10000 / Number(stats.n);
  const positiveUnits = Number(stats.positiveUnits);

  const customers = metrics
    .derive({
      r: escape((d: Row) => k + 1 - binOf(d.recency, breakpoints.recency)),
      f: escape((d: Row) => binOf(d.frequency, breakpoints.frequency)),
      m: escape((d: Row) => binOf(d.monetary, breakpoints.monetary)),
    })
    .derive({
      segment: escape((d: Row) => standardSegmentOf(d.r, d.f, d.m, k)),
      valueClass: escape((d: Row) =>
        valueClassOf(d.recency <= meanRecency, d.frequency >= meanFrequency, d.monetary >= meanMonetary),
      ),
      lifecycle: escape((d: Row) => lifecycleOf(d.recency)),
    })
    .orderby(desc("units"))
    .derive({ cumulative: rolling((d: Row) => op.sum(d.units)) })
    // Customers with equal monetary value take the tier of the first of them.
    .groupby("units")
    .derive({ prior: (d: Row) => op.min(d.cumulative - d.units) })
    .ungroup()
    .derive({
      tier: escape((d: Row) =>
        d.units <= 0 ? "C" : d.prior / positiveUnits < cutA ? "A" : d.prior / positiveUnits < cutB ? "B" : "C",
      ),
    });

  const summaries: Record<string, object[]> = {};
  for (const scheme of ["segment", "valueClass", "tier", "lifecycle"]) {
    summaries[scheme] = customers
      .groupby(scheme)
      .rollup({
        customers: op.count(),
        units: op.sum("units"),
        avgRecency: op.mean("recency"),
        avgFrequency: op.mean("frequency"),
        avgMonetary: op.mean("monetary"),
      })
      .objects();
  }
  const rfGrid = customers.groupby("r", "f").count().objects();
  const pareto = paretoPoints(customers.array("cumulative") as ArrayLike<number>, positiveUnits);
  return { analysisDate, customers, breakpoints, summaries, rfGrid, pareto };
}

/** Per-customer records for the agreement check (not timed). */
export function arqueroRecords(result: ArqueroRfmResult): Map<string, CustomerRecord> {
  const records = new Map<string, CustomerRecord>();
  for (const row of result.customers.objects() as Row[]) {
    records.set(row.customer, {
      firstPurchase: row.first,
      lastPurchase: row.last,
      recency: row.recency,
      frequency: row.frequency,
      monetary: row.monetary,
      r: row.r,
      f: row.f,
      m: row.m,
      segment: row.segment,
      valueClass: row.valueClass,
      tier: row.tier,
      lifecycle: row.lifecycle,
    });
  }
  return records;
}

/** About 200 points of the Pareto curve from the cumulative sums of customers sorted by monetary, descending. */
function paretoPoints(cumulativeUnits: ArrayLike<number>, positiveUnits: number) {
  const n = cumulativeUnits.length;
  const customerShare = [0];
  const revenueShare = [0];
  const step = Math.max(1, Math.ceil(n / 200));
  for (let i = step; i < n + step; i += step) {
    const at = Math.min(i, n);
    customerShare.push(at / n);
    revenueShare.push(Math.min(1, Math.max(0, (cumulativeUnits[at - 1] ?? 0) / positiveUnits)));
  }
  return { customerShare, revenueShare };
}

// Rows and parameters inside arquero expressions have no static type; these aliases keep the callbacks readable.
type Row = any;
type Params = any;
