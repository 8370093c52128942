/**
 * What the add-in writes on its own sheets: text stays text (no formula, number or date made of data), blocks never
 * run into each other, calculation is not left suspended, screen updating is suspended once per write phase.
 */
import type { CellValue } from "../../src/engine/types";
import { createOfficeGateway } from "../../src/excel/office-gateway";
import {
  findSheet,
  intersectRects,
  readRect,
  type CellRect,
  type SheetModel,
  type WorkbookModel,
} from "../../src/workbook-sim";
import { pivotRect } from "../../src/workbook-sim/pivot-compute";
import { analyzeRfm, guessMapping } from "../../src/engine";
import type { ScoreCount } from "../../src/engine/types";
import { computeSummaryLayout, overlappingBlocks } from "../../src/excel/summary-layout";
import { installSim, salesRows, sourceOf, writeOptions } from "./helpers";
import { testLabels } from "./labels-fixture";

function sheetNamed(model: WorkbookModel, name: string): SheetModel {
  const sheet = model.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}: ${model.sheets.map((s) => s.name).join(", ")}`);
  return sheet;
}

function formulaCount(sheet: SheetModel): number {
  return sheet.formulas.flat().filter((f) => f !== undefined).length;
}

/** Sales rows whose customer ids and dimension look like formulas, numbers and dates. */
function trickyRows(dimensionHeader: string): CellValue[][] {
  const ids = ['=HYPERLINK("http://x","y")', "00123", "-5", "2024-01", "+A1", "@SUM(A1)", "TRUE", "1e3"];
  const regions = ["00123", "2024-01", "=1+1", "-10% coupon", "2024-01-15", "FALSE"];
  const rows: CellValue[][] = [["Customer", "Date", "Amount", "Order", dimensionHeader]];
  for (let i = 0; i < 64; i++)
    rows.push([ids[i % ids.length]!, 45000 + ((i * 37) % 300), 10 + ((i * 13) % 90), `O${i}`, regions[i % 6]!]);
  return rows;
}

function analyzeWith(values: CellValue[][], k?: ScoreCount) {
  const mapping = guessMapping(values[0] ?? []);
  mapping.dimensions = [4];
  return analyzeRfm(values, mapping, k === undefined ? {} : { k });
}

const trickyLabels = () => {
  const base = testLabels();
  const actions = Object.fromEntries(Object.keys(base.actions).map((key) => [key, "-10% coupon"]));
  return testLabels({ actions });
};

describe("text the add-in writes stays text", () => {
  it("writes ids, actions, dimension values and the dimension header verbatim on the customer sheet", async () => {
    const values = trickyRows("2024");
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyzeWith(values);
    const labels = trickyLabels();
    await createOfficeGateway().writeResults(result, sourceOf(values), writeOptions({ labels, segmentColumns: false }));
    const customers = sheetNamed(sim.workbook, "RFM Customers");
    const table = sim.workbook.tables.find((t) => t.name === "RfmCustomers")!;
    const rows = readRect(customers, table.rect);
    expect(rows[0]?.[16]).toBe("2024");
    const ids = rows.slice(1).map((row) => row[0]);
    expect(new Set(ids)).toEqual(new Set(result.customers.id));
    expect(ids).toContain('=HYPERLINK("http://x","y")');
    expect(rows.slice(1).every((row) => row[15] === "-10% coupon")).toBe(true);
    const regions = new Set(rows.slice(1).map((row) => row[16]));
    expect(regions).toEqual(new Set(["00123", "2024-01", "=1+1", "-10% coupon", "2024-01-15", "FALSE"]));
    for (const sheet of sim.workbook.sheets) expect(formulaCount(sheet)).toBe(0);
    // The by-dimension PivotTable found its field under the header "2024".
    expect(sim.workbook.pivotTables.map((p) => p.rowFields[0])).toContain("2024");
  });

  it("writes the static tables' dimension values and header verbatim", async () => {
    const values = trickyRows("-Region");
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyzeWith(values);
    await createOfficeGateway().writeResults(
      result,
      sourceOf(values),
      writeOptions({ labels: trickyLabels(), customerSheet: false, segmentColumns: false, charts: false }),
    );
    const summary = sheetNamed(sim.workbook, "RFM Summary");
    expect(formulaCount(summary)).toBe(0);
    const cells = summary.rows.flatMap((row) => (row ? row.filter((v) => v !== undefined) : []));
    for (const text of ["-Region", "00123", "2024-01", "=1+1", "-10% coupon", "2024-01-15", "FALSE"])
      expect(cells).toContain(text);
  });
});

/** Every rectangle the run put on the summary sheet: tables, PivotTables, charts, colour scales, cell blocks. */
function summaryRects(model: WorkbookModel, summary: SheetModel): { name: string; rect: CellRect }[] {
  return [
    ...model.tables.filter((t) => t.sheetId === summary.id).map((t) => ({ name: `table ${t.name}`, rect: t.rect })),
    ...model.pivotTables
      .filter((p) => p.sheetId === summary.id)
      .map((p) => ({ name: `pivot ${p.name}`, rect: pivotRect(p) })),
    ...model.charts
      .filter((c) => c.sheetId === summary.id)
      .map((c) => ({ name: `chart ${c.title}`, rect: c.position })),
    ...model.conditionalFormats
      .filter((f) => f.sheetId === summary.id)
      .map((f) => ({ name: "grid", rect: { ...f.rect, row: f.rect.row - 1, column: f.rect.column - 1 } })),
  ];
}

describe("summary layout", () => {
  const thousandRegions = (): CellValue[][] => {
    const rows = salesRows(3000, 1500);
    return rows.map((row, i) => (i === 0 ? row : [...row.slice(0, 4), `Region ${String(i % 1000)}`]));
  };

  it.each([3, 4, 5, 10] as ScoreCount[])(
    "places nothing over anything else with k = %i",
    async (k) => {
      const values = thousandRegions();
      const sim = installSim({ sheets: [{ name: "Sales", values }] });
      const result = analyzeWith(values, k);
      const labels = testLabels();
      await createOfficeGateway().writeResults(result, sourceOf(values), writeOptions({ segmentColumns: false }));
      const summary = sheetNamed(sim.workbook, "RFM Summary");
      const rects = summaryRects(sim.workbook, summary);
      expect(rects.filter((r) => r.name.startsWith("pivot"))).toHaveLength(2);
      for (let i = 0; i < rects.length; i++)
        for (let j = i + 1; j < rects.length; j++)
          expect([rects[i]!.name, rects[j]!.name, intersectRects(rects[i]!.rect, rects[j]!.rect)]).toEqual([
            rects[i]!.name,
            rects[j]!.name,
            null,
          ]);
      // The grid's header row is intact: "R \ F", "F 1" … "F k".
      const grid = rects.find((r) => r.name === "grid")!.rect;
      const header = readRect(summary, { ...grid, rowCount: 1, columnCount: k + 1 })[0];
      expect(header?.at(-1)).toBe(`${labels.summary.fAxis} ${k}`);
      expect(findSheet(sim.workbook, summary.id)).toBeDefined();
    },
    30_000,
  );
});

describe("calculation and screen updating", () => {
  it("leaves no formula stale and suspends screen updating once per write phase", async () => {
    const values = salesRows(40_000, 20_000);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyzeWith(values);
    await createOfficeGateway().writeResults(result, sourceOf(values), writeOptions({ segmentColumns: false }));
    const customerSyncs = sim.syncLog.filter((r) => r.requestBytes > 200_000);
    expect(customerSyncs.length).toBeGreaterThan(1);
    expect(sim.workbook.calculation.stale).toBe(false);
    const suspensions = sim.syncLog.reduce((sum, r) => sum + (r.screenUpdatingSuspensions ?? 0), 0);
    // Customer sheet and summary sheet: at most one call each.
    expect(suspensions).toBeLessThanOrEqual(2);
    expect(sim.syncLog.every((r) => (r.screenUpdatingSuspensions ?? 0) <= 1)).toBe(true);
  }, 60_000);
});

describe("PivotTable number formats", () => {
  it("formats the revenue data field as money", async () => {
    const values = salesRows(200, 40);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyzeWith(values);
    const labels = testLabels();
    await createOfficeGateway().writeResults(result, sourceOf(values), writeOptions({ segmentColumns: false }));
    expect(sim.workbook.pivotTables).toHaveLength(2);
    for (const pivot of sim.workbook.pivotTables) {
      const revenue = pivot.dataFields.find((f) => f.sourceField === labels.customerColumns.monetary);
      expect(revenue?.numberFormat).toBe(labels.moneyFormat);
    }
  });
});

describe("computeSummaryLayout", () => {
  it("keeps every block apart for each k, up to 1,000 distinct dimension values, with and without movement", () => {
    for (const k of [3, 4, 5, 10])
      for (const dimensionValueCount of [undefined, 1, 1000])
        for (const movement of [false, true])
          for (const pivotTables of [true, false]) {
            const layout = computeSummaryLayout({
              k,
              segmentCount: 11,
              tierCount: 3,
              dimensionValueCount,
              paretoPoints: 101,
              movement,
            });
            expect([k, dimensionValueCount, movement, pivotTables, overlappingBlocks(layout, pivotTables)]).toEqual([
              k,
              dimensionValueCount,
              movement,
              pivotTables,
              [],
            ]);
            // The section charts stand against the tables whatever k: the R×F grid is below them all.
            expect(layout.charts.map((chart) => chart.column)).toEqual([8, 8, 8]);
            const gridEnd = layout.grid.row;
            expect(layout.charts.every((chart) => chart.row + chart.rowCount <= gridEnd)).toBe(true);
          }
  });
});
