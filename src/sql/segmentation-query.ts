/**
 * SPEC.md's segmentation as one SQL query ("The same segmentation as SQL"): the same rules as the engine, stated
 * in SQL (nothing of the engine is imported), one CTE per step, so a ledger that lives in a database is segmented
 * where it lies. The result has exactly the CLI's columns and values (see docs/ARCHITECTURE.md, README).
 */
import { DIALECT_RULES, type DialectRules, SQL_DIALECTS, type SqlDialect } from "./dialects";

export const STANDARD_SEGMENTS = [
  "champions",
  "loyal",
  "potential_loyalist",
  "new",
  "promising",
  "need_attention",
  "about_to_sleep",
  "at_risk",
  "cannot_lose",
  "hibernating",
  "lost",
] as const;
type StandardSegment = (typeof STANDARD_SEGMENTS)[number];

/** SPEC's default grid; `grid[5 - R][FM - 1]`, first row R = 5. */
const DEFAULT_GRID: readonly (readonly StandardSegment[])[] = [
  ["new", "potential_loyalist", "potential_loyalist", "champions", "champions"],
  ["promising", "potential_loyalist", "potential_loyalist", "loyal", "loyal"],
  ["about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"],
  ["hibernating", "hibernating", "at_risk", "at_risk", "cannot_lose"],
  ["lost", "hibernating", "at_risk", "at_risk", "cannot_lose"],
];

export interface SegmentationQueryOptions {
  dialect: SqlDialect;
  /** The table; a qualified name as its parts (`["sales", "lines"]` for sales.lines), each quoted as it is. */
  table: string | readonly string[];
  /**
   * Column names as the table spells them. `amount`, or `quantity` and `price` (amount = quantity × price, each
   * rounded to 4 decimals first, as the engine does). No `orderId`: every purchase row is one purchase.
   */
  columns: { customer: string; date: string; amount?: string; orderId?: string; quantity?: string; price?: string };
  /** Score levels (default 5). */
  k?: 3 | 4 | 5 | 10;
  /** YYYY-MM-DD; default: the latest purchase date in the table, computed by the query. */
  analysisDate?: string;
  /** The standard-segment grid, `grid[5 - R][FM - 1]` (default: SPEC's). */
  segmentGrid?: readonly (readonly string[])[];
  /** Value matrix: high/low against the mean (default) or median, of total spend (default) or average order value. */
  valueMatrix?: { threshold: "mean" | "median"; monetary: "total" | "aov" };
  /** Pareto tier cut-offs as shares (default 0.8, 0.95). */
  tierCutoffs?: readonly [number, number];
  /** Lifecycle limits in days, inclusive (default 30, 90, 180). */
  lifecycleDays?: readonly [number, number, number];
}

/** The white space the engine trims from customer and order ids (String.prototype.trim's set). */
const BLANKS = [
  9, 10, 11, 12, 13, 32, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009,
  0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];
/** Tier cut-offs are compared as whole millionths, as the engine does. */
const CUTOFF_SCALE = 1_000_000;

export class SqlOptionError extends Error {}

function checked(options: SegmentationQueryOptions) {
  const { dialect, columns } = options;
  if (!SQL_DIALECTS.includes(dialect))
    throw new SqlOptionError(`The dialect must be one of ${SQL_DIALECTS.join(", ")}.`);
  const k = options.k ?? 5;
  if (k !== 3 && k !== 4 && k !== 5 && k !== 10) throw new SqlOptionError("k must be 3, 4, 5 or 10.");
  const table = typeof options.table === "string" ? [options.table] : [...options.table];
  if (table.length === 0 || table.some((part) => part === "")) throw new SqlOptionError("Name the table.");
  if (!columns.customer || !columns.date) throw new SqlOptionError("Name the customer and date columns.");
  if (!columns.amount && !(columns.quantity && columns.price))
    throw new SqlOptionError("Name the amount column (or the quantity and unit price columns).");
  const date = options.analysisDate;
  if (date !== undefined) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    const parsed = match ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!)) : undefined;
    if (!parsed || parsed.toISOString().slice(0, 10) !== date)
      throw new SqlOptionError(`The analysis date must be a date written YYYY-MM-DD, not "${date}".`);
  }
  const grid = options.segmentGrid ?? DEFAULT_GRID;
  if (
    grid.length !== 5 ||
    grid.some((row) => row.length !== 5 || row.some((key) => !(STANDARD_SEGMENTS as readonly string[]).includes(key)))
  )
    throw new SqlOptionError("The segment grid must have 5 rows and 5 columns of known segments.");
  const valueMatrix = options.valueMatrix ?? { threshold: "mean", monetary: "total" };
  if (!["mean", "median"].includes(valueMatrix.threshold) || !["total", "aov"].includes(valueMatrix.monetary))
    throw new SqlOptionError("The value matrix compares against the mean or median, of total or aov.");
  const [cutA, cutB] = options.tierCutoffs ?? [0.8, 0.95];
  if (!(cutA > 0 && cutA <= cutB && cutB <= 1)) throw new SqlOptionError("Tier cut-offs: 0 < A ≤ B ≤ 1.");
  const days = options.lifecycleDays ?? [30, 90, 180];
  if (days.length !== 3 || days.some((d) => !Number.isInteger(d) || d < 0) || days[0] > days[1] || days[1] > days[2])
    throw new SqlOptionError("Lifecycle limits must be three whole day counts from smallest to largest.");
  return { dialect, columns, k, table, date, grid, valueMatrix, cuts: [cutA, cutB], days };
}

/** One SQL query returning SPEC's customer table (the CLI's columns and values) for a sales table. */
export function buildSegmentationQuery(options: SegmentationQueryOptions): string {
  const o = checked(options);
  const d: DialectRules = DIALECT_RULES[o.dialect];
  const q = d.quote;
  const { k } = o;
  const table = o.table.map(q).join(".");
  const col = (name: string): string => `src.${q(name)}`;
  const money = (expr: string): string => `CAST(ROUND(CAST(${expr} AS ${d.wideDecimal}), 4) AS ${d.money})`;
  const amount = o.columns.amount
    ? money(col(o.columns.amount))
    : `CAST(ROUND(${money(col(o.columns.quantity!))} * ${money(col(o.columns.price!))}, 4) AS ${d.money})`;
  const hasOrder = o.columns.orderId !== undefined && o.columns.orderId !== "";
  const steps = Array.from({ length: k - 1 }, (_, i) => `SELECT ${i + 1} AS j`).join(" UNION ALL ");
  /** 1 + number of breakpoints strictly below v (compared as b_j × k < v × k, exact). */
  const bin = (metric: string, value: string): string =>
    [
      "1",
      ...Array.from({ length: k - 1 }, (_, i) => `CASE WHEN b.${metric}_b${i + 1} < ${value} * ${k} THEN 1 ELSE 0 END`),
    ].join("\n      + ");
  const five = (score: string): string => (k === 5 ? score : d.intDiv(`5 * ${score} + ${k - 1}`, String(k)));
  const breakpointColumns = ["recency", "frequency", "monetary"]
    .flatMap((metric) =>
      Array.from(
        { length: k - 1 },
        (_, i) => `MAX(CASE WHEN metric = '${metric}' AND j = ${i + 1} THEN scaled END) AS ${metric}_b${i + 1}`,
      ),
    )
    .join(",\n    ");
  const breakpointsOf = (metric: string): string =>
    `SELECT '${metric}' AS metric, ranks.j,
    CAST(CASE WHEN ranks.r = 0 THEN lo.${metric} * ${k}
         ELSE lo.${metric} * ${k} + (hi.${metric} - lo.${metric}) * ranks.r END AS ${d.money}) AS scaled
  FROM ranks
  JOIN ranked lo ON lo.${metric}_pos = ranks.q
  LEFT JOIN ranked hi ON hi.${metric}_pos = ranks.q + 1`;
  const vm = o.valueMatrix;
  const valueColumn = vm.monetary === "aov" ? "aov" : "monetary";
  const median = vm.threshold === "median";
  const cutA = Math.round(o.cuts[0]! * CUTOFF_SCALE);
  const cutB = Math.round(o.cuts[1]! * CUTOFF_SCALE);
  const [active, lapsing, lapsed] = o.days;
  const gridCase = o.grid
    .map(
      (row, i) => `WHEN r5 = ${5 - i} THEN CASE fm ${row.map((key, c) => `WHEN ${c + 1} THEN '${key}'`).join(" ")} END`,
    )
    .join("\n      ");
  // High R = recent: recency at or below the mean (median); F and M at or above.
  const high = (value: string, metric: string, below: boolean): string => {
    const cmp = below ? "<=" : ">=";
    return median ? `2 * ${value} ${cmp} t.${metric}_twice` : `${value} * t.n ${cmp} t.sum_${metric}`;
  };
  const medianOf = (metric: string): string =>
    `MAX(CASE WHEN x.${metric}_pos = ${d.intDiv("c.n - 1", "2")} THEN x.${metric} END)
      + MAX(CASE WHEN x.${metric}_pos = ${d.intDiv("c.n", "2")} THEN x.${metric} END) AS ${metric}_twice`;

  const ctes: [string, string, string][] = [
    [
      "settings",
      "The white space trimmed from ids (the engine's: spaces, tabs, line breaks, NBSP, ideographic space, ...)",
      `SELECT ${d.chars(BLANKS)} AS blanks`,
    ],
    [
      "lines",
      "Input: customer as trimmed text, the calendar day, the amount rounded to 4 decimals half away from zero",
      `SELECT
    ${d.trim(`CAST(${col(o.columns.customer)} AS ${d.text})`, "settings.blanks")} AS customer_id,
    CAST(${col(o.columns.date)} AS DATE) AS day,
    ${amount} AS amount,
    ${hasOrder ? d.trim(`CAST(${col(o.columns.orderId!)} AS ${d.text})`, "settings.blanks") : "CAST(NULL AS " + d.text + ")"} AS order_id
  FROM ${table} src
  CROSS JOIN settings`,
    ],
    [
      "valid",
      "Rows without a customer, a date or an amount do not count",
      `SELECT customer_id, day, amount, order_id
  FROM lines
  WHERE customer_id IS NOT NULL AND customer_id <> '' AND day IS NOT NULL AND amount IS NOT NULL`,
    ],
    [
      "params",
      o.date ? "The analysis date, as chosen" : "The analysis date: the latest purchase date (returns excluded)",
      o.date
        ? `SELECT DATE '${o.date}' AS analysis_date`
        : "SELECT MAX(day) AS analysis_date FROM valid WHERE amount >= 0",
    ],
    [
      "kept",
      "Rows dated after the analysis date do not count; negative amounts are returns",
      `SELECT valid.customer_id, valid.day, valid.amount, valid.order_id
  FROM valid
  CROSS JOIN params
  WHERE valid.day <= params.analysis_date`,
    ],
    [
      "per_customer",
      "Per customer: first/last purchase, frequency (distinct order ids, a purchase row without one counts alone; " +
        "else rows), monetary (net, returns included); customers with returns only are left out",
      `SELECT
    customer_id,
    MIN(CASE WHEN amount >= 0 THEN day END) AS first_purchase,
    MAX(CASE WHEN amount >= 0 THEN day END) AS last_purchase,
    ${
      hasOrder
        ? `COUNT(DISTINCT CASE WHEN amount >= 0 AND order_id <> '' THEN order_id END)
      + SUM(CASE WHEN amount >= 0 AND (order_id IS NULL OR order_id = '') THEN 1 ELSE 0 END)`
        : "SUM(CASE WHEN amount >= 0 THEN 1 ELSE 0 END)"
    } AS frequency,
    CAST(SUM(amount) AS ${d.money}) AS monetary
  FROM kept
  GROUP BY customer_id
  HAVING MAX(CASE WHEN amount >= 0 THEN 1 ELSE 0 END) = 1`,
    ],
    [
      "measures",
      "Recency = days from the last purchase to the analysis date; aov = monetary / frequency (float64)",
      `SELECT
    c.customer_id, c.first_purchase, c.last_purchase,
    CAST(${d.daysBetween("c.last_purchase", "params.analysis_date")} AS ${d.integer}) AS recency,
    CAST(c.frequency AS ${d.integer}) AS frequency,
    c.monetary,
    CAST(c.monetary AS ${d.double}) / c.frequency AS aov
  FROM per_customer c
  CROSS JOIN params`,
    ],
    [
      "totals",
      "Customer count, exact sums (for means) and total positive revenue (for tiers)",
      `SELECT
    COUNT(*) AS n,
    SUM(recency) AS sum_recency,
    SUM(frequency) AS sum_frequency,
    SUM(monetary) AS sum_monetary,
    SUM(aov) AS sum_aov,
    SUM(CASE WHEN monetary > 0 THEN monetary ELSE 0 END) AS positive_revenue
  FROM measures`,
    ],
    [
      "ranked",
      "Each metric's 0-based position x_0..x_{n-1} in ascending order (ties in any order: equal values)",
      `SELECT
    customer_id, recency, frequency, monetary, aov,
    ROW_NUMBER() OVER (ORDER BY recency) - 1 AS recency_pos,
    ROW_NUMBER() OVER (ORDER BY frequency) - 1 AS frequency_pos,
    ROW_NUMBER() OVER (ORDER BY monetary) - 1 AS monetary_pos${
      median && vm.monetary === "aov" ? ",\n    ROW_NUMBER() OVER (ORDER BY aov) - 1 AS aov_pos" : ""
    }
  FROM measures`,
    ],
    [
      "ranks",
      `PERCENTILE.INC(values, j/${k}) for j = 1..${k - 1}: q and r of (n - 1) × j divided by ${k}, in integers`,
      `SELECT js.j,
    ${d.intDiv(`(totals.n - 1) * js.j`, String(k))} AS q,
    (totals.n - 1) * js.j - ${k} * ${d.intDiv(`(totals.n - 1) * js.j`, String(k))} AS r
  FROM (${steps}) js
  CROSS JOIN totals`,
    ],
    [
      "breakpoints",
      `b_j × ${k} = x_q × ${k} + (x_{q+1} - x_q) × r, exact for days, counts and money`,
      ["recency", "frequency", "monetary"].map(breakpointsOf).join("\n  UNION ALL\n  "),
    ],
    ["cuts", "The breakpoints as one row", `SELECT\n    ${breakpointColumns}\n  FROM breakpoints`],
    [
      "thresholds",
      median
        ? "Value matrix thresholds: twice the median (x_a + x_b, a and b the middle positions)"
        : "Value matrix thresholds: the mean, compared exactly as v × n against the sum",
      median
        ? `SELECT
    ${medianOf("recency")},
    ${medianOf("frequency")},
    ${medianOf(valueColumn)}
  FROM ranked x
  CROSS JOIN totals c`
        : "SELECT n, sum_recency, sum_frequency, sum_monetary, sum_aov FROM totals",
    ],
    [
      "scores",
      `Scores 1..${k}: bin(v) = 1 + number of breakpoints strictly below v; R = ${k + 1} - bin(recency)`,
      `SELECT
    x.*,
    ${k + 1} - (${bin("recency", "x.recency")}) AS r,
    ${bin("frequency", "x.frequency")} AS f,
    ${bin("monetary", "x.monetary")} AS m
  FROM measures x
  CROSS JOIN cuts b`,
    ],
    [
      "five_levels",
      k === 5
        ? "The grid's R and FM = ROUND((F + M) / 2), half up"
        : `Scores mapped to 1..5 with CEIL(5 × score / ${k}), then FM = ROUND((F + M) / 2), half up`,
      `SELECT s.*, ${five("s.r")} AS r5, ${d.intDiv(`${five("s.f")} + ${five("s.m")} + 1`, "2")} AS fm
  FROM scores s`,
    ],
    [
      "tier_groups",
      "Pareto tiers: positive revenue per distinct monetary value (equal values share a tier)",
      `SELECT monetary, SUM(monetary) AS group_revenue
  FROM measures
  WHERE monetary > 0
  GROUP BY monetary`,
    ],
    [
      "tier_before",
      "Revenue of the customers strictly before each value, by monetary descending",
      `SELECT monetary,
    COALESCE(SUM(group_revenue) OVER (ORDER BY monetary DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
      AS revenue_before
  FROM tier_groups`,
    ],
  ];

  const small = new Set(["totals", "ranks", "breakpoints", "cuts", "thresholds", "tier_before"]);
  const body = ctes
    .map(([name, comment, sql]) => `-- ${comment}\n${name} AS ${small.has(name) ? d.materialized : ""}(\n  ${sql}\n)`)
    .join(",\n");
  return `-- RFM segmentation (SPEC.md), ${o.dialect} dialect, k = ${k}
WITH
${body}
-- One row per customer, the CLI's columns, ordered by customer id in byte order
SELECT
  s.customer_id,
  s.first_purchase,
  s.last_purchase,
  s.recency,
  s.frequency,
  s.monetary,
  s.aov,
  s.r,
  s.f,
  s.m,
  ${
    k === 10
      ? `CAST(s.r AS ${d.text}) || '-' || CAST(s.f AS ${d.text}) || '-' || CAST(s.m AS ${d.text})`
      : `CAST(s.r AS ${d.text}) || CAST(s.f AS ${d.text}) || CAST(s.m AS ${d.text})`
  } AS rfm,
  CASE
      ${gridCase}
  END AS segment,
  CASE
    WHEN ${high(`s.${valueColumn}`, valueColumn, false)} THEN
      CASE WHEN ${high("s.recency", "recency", true)}
        THEN CASE WHEN ${high("s.frequency", "frequency", false)} THEN 'important_value' ELSE 'important_develop' END
        ELSE CASE WHEN ${high("s.frequency", "frequency", false)} THEN 'important_retain' ELSE 'important_recall' END END
    ELSE
      CASE WHEN ${high("s.recency", "recency", true)}
        THEN CASE WHEN ${high("s.frequency", "frequency", false)} THEN 'general_value' ELSE 'general_develop' END
        ELSE CASE WHEN ${high("s.frequency", "frequency", false)} THEN 'general_retain' ELSE 'general_recall' END END
  END AS value_class,
  CASE
    WHEN s.monetary <= 0 THEN 'C'
    WHEN tb.revenue_before * ${CUTOFF_SCALE} < ${cutA} * totals.positive_revenue THEN 'A'
    WHEN tb.revenue_before * ${CUTOFF_SCALE} < ${cutB} * totals.positive_revenue THEN 'B'
    ELSE 'C'
  END AS tier,
  CASE
    WHEN s.recency <= ${active} THEN 'active'
    WHEN s.recency <= ${lapsing} THEN 'recently_lapsed'
    WHEN s.recency <= ${lapsed} THEN 'lapsed'
    ELSE 'dormant'
  END AS lifecycle
FROM five_levels s
CROSS JOIN thresholds t
CROSS JOIN totals
LEFT JOIN tier_before tb ON tb.monetary = s.monetary
ORDER BY ${d.byteOrder("s.customer_id")}
`;
}
