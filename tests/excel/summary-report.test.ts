/** The summary sheet as a report a shop owner reads: headline on top, charts beside their tables, words they use. */
import { analyzeRfm, guessMapping } from "../../src/engine";
import { columnLetter } from "../../src/engine/column-letter";
import { STANDARD_SEGMENT_KEYS, type CellValue } from "../../src/engine/types";
import { createOfficeGateway } from "../../src/excel/office-gateway";
import { workbookLabels } from "../../src/i18n";
import { intersectRects, readRect, type WorkbookModel } from "../../src/workbook-sim";
import { columnWidthFor } from "../../src/workbook-sim/column-width";
import { pivotRect } from "../../src/workbook-sim/pivot-compute";
import { analyze, installSim, salesRows, sourceOf, writeOptions } from "./helpers";
import { testLabels } from "./labels-fixture";

function sheetNamed(model: WorkbookModel, name: string) {
  const sheet = model.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** Left edge of `column` in points, from the sheet's column widths (Excel's default 8.43 characters otherwise). */
function leftEdge(widths: Record<number, number>, column: number): number {
  let points = 0;
  for (let c = 0; c < column; c++) points += widths[c] ?? 8.43 * 5.6;
  return points;
}

describe("summary sheet as a report", () => {
  it("puts the headline figures on top and each chart beside its table, within the first screen", async () => {
    const values = salesRows(400, 60);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyze(values);
    const labels = testLabels();
    await createOfficeGateway().writeResults(result, sourceOf(values), writeOptions({ segmentColumns: false }));
    const model = sim.workbook;
    const summary = sheetNamed(model, "RFM Summary");

    // Headline: labels over values, right under the title.
    const r = labels.report;
    const tierA = result.summaries.tier.find((row) => row.key === "A")!;
    const atRisk = result.summaries.standard
      .filter((row) => row.key === "at_risk" || row.key === "cannot_lose")
      .reduce((sum, row) => sum + row.customers, 0);
    const revenue = result.summaries.standard.reduce((sum, row) => sum + row.revenue, 0);
    // Labels run on over the empty cells right of them: figures in A, B, C and F.
    const headline = readRect(summary, { row: 2, column: 0, rowCount: 2, columnCount: 8 });
    expect([0, 1, 2, 5].map((c) => headline[0]![c])).toEqual([
      r.headlineCustomers,
      r.headlineRevenue,
      r.headlineTierAShare,
      r.headlineAtRisk,
    ]);
    expect([0, 1, 2, 5].map((c) => headline[1]![c])).toEqual([
      result.customers.id.length,
      revenue,
      tierA.revenueShare,
      atRisk,
    ]);
    expect([3, 4, 6, 7].map((c) => headline[0]![c])).toEqual(["", "", "", ""]);
    expect([0, 1, 2, 5].map((c) => summary.numberFormats[3]?.[c])).toEqual(["0", labels.moneyFormat, "0.0%", "0"]);

    // Each table with its chart beside it: customers and revenue share by segment, the Pareto curve by the tiers.
    const segmentTable = model.tables.find((t) => t.name === "RfmSegmentSummary")!.rect;
    const tierTable = model.tables.find((t) => t.name === "RfmTierSummary")!.rect;
    const [customers, share, pareto] = model.charts;
    expect(customers!.position.row).toBe(segmentTable.row);
    expect(share!.position.row).toBeGreaterThan(customers!.position.row);
    expect(share!.position.row).toBeLessThan(tierTable.row);
    expect(pareto!.position.row).toBe(tierTable.row);
    for (const chart of model.charts) {
      expect(chart.position.column).toBe(segmentTable.column + segmentTable.columnCount);
      // Within the first screen: its left edge less than ~1,400 px (1,050 pt) from column A.
      expect(leftEdge(summary.columnWidths, chart.position.column)).toBeLessThan(1050);
      for (const table of model.tables.filter((t) => t.sheetId === summary.id))
        expect(intersectRects(chart.position, table.rect)).toBeNull();
      for (const pivot of model.pivotTables) expect(intersectRects(chart.position, pivotRect(pivot))).toBeNull();
    }

    // The charts' data sit right of the charts under a title saying what they are.
    const titleRow = summary.rows.findIndex((row) => row?.includes(r.chartData));
    expect(titleRow).toBe(segmentTable.row);
    const titleColumn = summary.rows[titleRow]!.indexOf(r.chartData);
    expect(titleColumn).toBeGreaterThanOrEqual(customers!.position.column + customers!.position.columnCount);
    expect(share!.sourceAddress).toContain(`${columnLetter(titleColumn)}${titleRow + 2}:`);
  });

  it("gives every chart axis titles, bar charts data labels, and sorts the revenue-share bars", async () => {
    const values = salesRows(400, 60);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyze(values);
    const r = testLabels().report;
    await createOfficeGateway().writeResults(result, sourceOf(values), writeOptions({ segmentColumns: false }));
    const [customers, share, pareto] = sim.workbook.charts;
    expect(customers).toMatchObject({
      type: "BarClustered",
      axisTitles: { category: r.segmentAxis, value: r.customersAxis },
      categoryReversed: true,
      dataLabels: { showValue: true, numberFormat: "#,##0" },
    });
    expect(share).toMatchObject({
      type: "BarClustered",
      axisTitles: { category: r.segmentAxis, value: r.revenueShareAxis },
      categoryReversed: true,
      dataLabels: { showValue: true, numberFormat: "0.0%" },
    });
    const shares = share!.series[0]!.values;
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    expect(pareto?.axisTitles).toEqual({ category: "Share of customers", value: "Share of revenue" });
  });

  it("orders the PivotTable's segments as the pane does, not A to Z", async () => {
    const values = salesRows(400, 60);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyze(values);
    const labels = testLabels();
    await createOfficeGateway().writeResults(
      result,
      sourceOf(values),
      writeOptions({ segmentColumns: false, charts: false }),
    );
    const pivot = sim.workbook.pivotTables[0]!;
    const segmentColumn = pivot.result[0]!.indexOf(labels.customerColumns.segment);
    const shown = pivot.result.slice(1, -1).map((row) => row[segmentColumn]);
    const present = new Set(Array.from(result.customers.segment, (index) => STANDARD_SEGMENT_KEYS[index]!));
    expect(shown).toEqual(
      STANDARD_SEGMENT_KEYS.filter((key) => present.has(key)).map((key) => labels.segmentNames[key]),
    );
    expect(new Set(shown).size).toBeGreaterThan(3);
  });

  it("orders the PivotTable's tiers A, B, C in Chinese too", async () => {
    const values = salesRows(400, 60);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyze(values);
    const labels = workbookLabels("zh-Hans");
    await createOfficeGateway().writeResults(
      result,
      sourceOf(values),
      writeOptions({ labels, segmentColumns: false, charts: false }),
    );
    const header = sim.workbook.pivotTables[0]!.result[0]!.map(String);
    const tiers = ["A", "B", "C"].map((key) => labels.segmentNames[key]!);
    const positions = tiers.map((tier) => header.findIndex((cell) => cell.startsWith(tier)));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("keeps a source column called Segment and gives every ticked dimension its own PivotTable", async () => {
    const values = salesRows(300, 50).map((row, i) => [
      ...row,
      i === 0 ? "Segment" : ["Consumer", "Corporate", "Home Office"][i % 3]!,
    ]);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const mapping = guessMapping(values[0] ?? []);
    mapping.dimensions = [4, 5];
    const result = analyzeRfm(values, mapping);
    await createOfficeGateway().writeResults(result, sourceOf(values), writeOptions({ segmentColumns: false }));
    const model = sim.workbook;
    const customers = sheetNamed(model, "RFM Customers");
    const headers = readRect(customers, model.tables.find((t) => t.name === "RfmCustomers")!.rect)[0]!;
    expect(headers.slice(-3, -1)).toEqual(["Region", "Segment"]);
    expect(headers).toContain("Segment (RFM)");
    expect(model.pivotTables.map((p) => [p.name, p.rowFields.at(-1), p.columnFields])).toEqual([
      ["RfmSegmentByTier", "Segment (RFM)", ["Tier"]],
      ["RfmByDimension", "Region", []],
      ["RfmByDimension2", "Segment", []],
    ]);
    const rects = model.pivotTables.map(pivotRect);
    for (let i = 0; i < rects.length; i++)
      for (let j = i + 1; j < rects.length; j++) expect(intersectRects(rects[i]!, rects[j]!)).toBeNull();
    // The user's Segment values, not ours, in the second dimension's PivotTable.
    expect(model.pivotTables[2]!.result.slice(1, 4).map((row) => row[0])).toEqual([
      "Consumer",
      "Corporate",
      "Home Office",
    ]);
  });

  it("says under the R×F grid which scores cannot occur because of tied values", async () => {
    // 200 customers: most bought once or twice, so with k = 10 several frequency breakpoints coincide.
    const rows: CellValue[][] = [["Customer", "Date", "Amount"]];
    for (let c = 0; c < 200; c++) {
      const purchases = c < 90 ? 1 : c < 140 ? 2 : c < 170 ? 3 : c < 185 ? 4 : 5 + (c % 7);
      for (let p = 0; p < purchases; p++) rows.push([`C${c}`, 45000 + ((c * 13 + p * 37) % 300), 10 + c + p]);
    }
    const sim = installSim({ sheets: [{ name: "Sales", values: rows }] });
    const result = analyzeRfm(rows, guessMapping(rows[0] ?? []), { k: 10 });
    const f = result.breakpoints.frequency;
    const tied = f.flatMap((b, j) => (j > 0 && b === f[j - 1] ? [j + 1] : []));
    expect(tied.length).toBeGreaterThan(0);
    await createOfficeGateway().writeResults(result, sourceOf(rows), writeOptions({ segmentColumns: false }));
    const summary = sheetNamed(sim.workbook, "RFM Summary");
    const note = summary.rows.flat().find((cell) => typeof cell === "string" && cell.startsWith("F scores "));
    const list = tied.length === 1 ? `${tied[0]}` : `${tied.slice(0, -1).join(", ")} and ${tied.at(-1)}`;
    expect(note).toBe(`F scores ${list} cannot occur: too many customers share the same number of purchases.`);
  });

  it("fits the Chinese customer sheet's date columns to the dates they show, not to the short headers", async () => {
    const values = salesRows(60, 12);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const labels = workbookLabels("zh-Hans");
    await createOfficeGateway().writeResults(
      analyze(values),
      sourceOf(values),
      writeOptions({ labels, segmentColumns: false, summary: false, charts: false }),
    );
    const customers = sheetNamed(sim.workbook, labels.sheets.customers);
    // First and last purchase: "2023-03-15" is 10 characters; the headers 首次购买 / 最近购买 are 8 units wide.
    for (const column of [1, 2]) expect(customers.columnWidths[column]).toBeGreaterThanOrEqual(columnWidthFor(10));
  });
});
