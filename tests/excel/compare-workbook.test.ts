/** The comparison with an earlier date in the workbook: customer columns, movement matrix, moves chart (issue 11). */
import { analyzeRfm, guessMapping, serialToIsoDate } from "../../src/engine";
import { NO_PREVIOUS, STANDARD_SEGMENT_KEYS, type CellValue, type RfmResult } from "../../src/engine/types";
import { createOfficeGateway } from "../../src/excel/office-gateway";
import { computeSummaryLayout, overlappingBlocks } from "../../src/excel/summary-layout";
import { segmentMoves } from "../../src/engine";
import { MOVEMENT_PIVOT_NAME } from "../../src/excel/write-movement";
import { workbookLabels } from "../../src/i18n";
import { readRect, type WorkbookModel } from "../../src/workbook-sim";
import { installSim, salesRows, sourceOf, writeOptions } from "./helpers";
import { snapshotWorkbook } from "./workbook-snapshot";

const COMPARE_DATE = 45200; // 2023-10-01

function analyzeCompared(values: CellValue[][], withRegion = true): RfmResult {
  const mapping = guessMapping(values[0] ?? []);
  mapping.dimensions = withRegion ? [4] : [];
  return analyzeRfm(values, mapping, { compareDate: COMPARE_DATE });
}

function sheetNamed(model: WorkbookModel, name: string) {
  const sheet = model.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}: ${model.sheets.map((s) => s.name).join(", ")}`);
  return sheet;
}

describe("comparison in the workbook", () => {
  it("adds the earlier segment and the change as text columns, the date in the header", async () => {
    // Two customers whose first purchase is after the compare date: new.
    const values = [...salesRows(400, 60), ["N1", 45300, 50, "X1", "North"], ["N2", 45310, 70, "X2", "East"]];
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyzeCompared(values);
    expect(serialToIsoDate(COMPARE_DATE)).toBe("2023-10-01");
    await createOfficeGateway().writeResults(result, sourceOf(values), writeOptions());
    const customers = sheetNamed(sim.workbook, "RFM Customers");
    const table = sim.workbook.tables.find((t) => t.name === "RfmCustomers")!;
    expect(table.rect.columnCount).toBe(20); // the last: the segment's order (report)
    const rows = readRect(customers, table.rect);
    expect(rows[0]?.slice(16, 19)).toEqual(["Region", "Segment on 2023-10-01", "Change"]);
    const comparison = result.comparison!;
    const labels = workbookLabels("en");
    let newSeen = 0;
    for (let i = 0; i < result.customers.id.length; i++) {
      const previous = comparison.prevSegment[i]!;
      const expected = previous === NO_PREVIOUS ? "" : labels.segmentNames[STANDARD_SEGMENT_KEYS[previous]!];
      // An empty cell reads back as "" (never written) or undefined.
      expect(rows[i + 1]?.[17] ?? "").toBe(expected);
      expect(rows[i + 1]?.[18]).toBe(["new", "same", "changed"][comparison.change[i]!]);
      if (previous === NO_PREVIOUS) newSeen++;
      expect(customers.numberFormats[i + 1]?.[17]).toBe("@");
      expect(customers.numberFormats[i + 1]?.[18]).toBe("@");
    }
    expect(newSeen).toBe(comparison.changeCounts.new);
    expect(newSeen).toBeGreaterThan(0);
  });

  it("writes the header's date in the language's date form", async () => {
    const values = salesRows(200, 40);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyzeCompared(values, false);
    await createOfficeGateway().writeResults(
      result,
      sourceOf(values),
      writeOptions({ labels: workbookLabels("zh-Hans"), segmentColumns: false }),
    );
    const table = sim.workbook.tables.find((t) => t.name === "RfmCustomers")!;
    const sheet = sim.workbook.sheets.find((s) => s.id === table.sheetId)!;
    const header = readRect(sheet, { ...table.rect, rowCount: 1 })[0]!;
    expect(header.slice(16, 18)).toEqual(["2023年10月1日的分群", "变化"]);
    const changes = new Set(
      readRect(sheet, table.rect)
        .slice(1)
        .map((row) => row[17]),
    );
    expect([...changes].every((word) => ["新增", "不变", "变化"].includes(String(word)))).toBe(true);
  });

  it("puts the movement PivotTable and the moves chart in blocks of their own", async () => {
    const values = salesRows(400, 60);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyzeCompared(values);
    const report = await createOfficeGateway().writeResults(result, sourceOf(values), writeOptions());
    expect(report.fallbacks).toEqual([]);
    const layout = computeSummaryLayout({
      k: 5,
      segmentCount: 11,
      tierCount: 3,
      dimensionValueCount: 3,
      paretoPoints: result.pareto.customerShare.length,
      movement: true,
    });
    expect(overlappingBlocks(layout, true)).toEqual([]);
    expect(overlappingBlocks(layout, false)).toEqual([]);
    const pivot = sim.workbook.pivotTables.find((p) => p.name === MOVEMENT_PIVOT_NAME)!;
    expect(pivot).toMatchObject({
      anchor: { row: layout.movement!.matrix.row, column: layout.movement!.matrix.column },
      rowFields: ["Segment on 2023-10-01"],
      columnFields: ["Segment"],
    });
    // The report fits the reserved rectangle.
    expect(pivot.result.length).toBeLessThanOrEqual(layout.movement!.matrix.rowCount);
    expect(Math.max(...pivot.result.map((row) => row.length))).toBeLessThanOrEqual(layout.movement!.matrix.columnCount);
    const summary = sheetNamed(sim.workbook, "RFM Summary");
    const title = readRect(summary, layout.movement!.title)[0]?.[0];
    expect(title).toBe("Customers by segment on 2023-10-01 (rows) and now (columns)");

    const chart = sim.workbook.charts.find((c) => c.title.startsWith("Largest moves"))!;
    expect(chart.type).toBe("BarClustered");
    expect(chart.position).toMatchObject({ row: layout.movement!.chart.row, column: layout.movement!.chart.column });
    const moves = segmentMoves(result.comparison!).slice(0, 10);
    expect(chart.series[0]?.values).toEqual(moves.map((m) => (m.up ? m.count : -m.count)));
    expect(chart.series[0]?.categories[0]).toBe(
      `${workbookLabels("en").segmentNames[moves[0]!.from]} → ${workbookLabels("en").segmentNames[moves[0]!.to]}`,
    );
    // Every other chart and PivotTable stays clear of the new blocks.
    for (const other of sim.workbook.charts.filter((c) => c !== chart))
      expect(other.position.column).toBeGreaterThanOrEqual(layout.charts[0].column);
  });

  it("writes a colour-scaled static matrix without a customer sheet (the PivotTable's source)", async () => {
    const values = salesRows(400, 60);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyzeCompared(values);
    await createOfficeGateway().writeResults(result, sourceOf(values), writeOptions({ customerSheet: false }));
    expect(sim.workbook.pivotTables).toEqual([]);
    const summary = sheetNamed(sim.workbook, "RFM Summary");
    const layout = computeSummaryLayout({
      k: 5,
      segmentCount: 11,
      tierCount: 3,
      dimensionValueCount: 3,
      paretoPoints: result.pareto.customerShare.length,
      movement: true,
    });
    const matrix = readRect(summary, { ...layout.movement!.matrix, rowCount: 13 });
    const movement = result.comparison!.movement.segment;
    expect(matrix[12]?.[0]).toBe("New since 2023-10-01");
    for (let row = 0; row < 12; row++)
      expect(matrix[row + 1]?.slice(1, 12)).toEqual(movement.customers[row]!.map((n) => n));
    const total = matrix.slice(1).reduce((sum, row) => sum + Number(row[12]), 0);
    expect(total).toBe(result.customers.id.length);
    const scale = sim.workbook.conditionalFormats.filter((f) => f.sheetId === summary.id);
    expect(scale.length).toBe(2); // the R×F grid's and the matrix's
  });

  it.each([
    [
      "the movement PivotTable",
      (kind: string, n: Record<string, number>) => kind === "pivotTables.add" && ++n.p! === 3,
    ],
    ["the moves chart", (kind: string, n: Record<string, number>) => kind === "charts.add" && ++n.c! === 4],
  ])("leaves the workbook unchanged when %s fails", async (_name, fault) => {
    const values = salesRows(200, 40);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyzeCompared(values);
    const before = snapshotWorkbook(sim.workbook);
    const counts = { p: 0, c: 0 };
    sim.injectFault((operation) => fault(operation.kind, counts));
    await expect(createOfficeGateway().writeResults(result, sourceOf(values), writeOptions())).rejects.toMatchObject({
      code: "excel_error",
    });
    expect(snapshotWorkbook(sim.workbook)).toEqual(before);
  });

  it("undo removes the comparison blocks with the rest of the run", async () => {
    const values = salesRows(200, 40);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const before = snapshotWorkbook(sim.workbook);
    const gateway = createOfficeGateway();
    await gateway.writeResults(analyzeCompared(values), sourceOf(values), writeOptions());
    expect(sim.workbook.pivotTables.some((p) => p.name === MOVEMENT_PIVOT_NAME)).toBe(true);
    await gateway.undoLastRun();
    expect(snapshotWorkbook(sim.workbook)).toEqual(before);
  });

  it("writes nothing new without a comparison", async () => {
    const values = salesRows(200, 40);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const mapping = guessMapping(values[0] ?? []);
    mapping.dimensions = [];
    await createOfficeGateway().writeResults(analyzeRfm(values, mapping), sourceOf(values), writeOptions());
    expect(sim.workbook.tables.find((t) => t.name === "RfmCustomers")?.rect.columnCount).toBe(17);
    expect(sim.workbook.pivotTables.map((p) => p.name)).toEqual(["RfmSegmentByTier"]);
    expect(sim.workbook.charts).toHaveLength(3);
  });

  it("filters the customer table to the customers of one move", async () => {
    const values = [...salesRows(400, 60), ["N1", 45300, 50, "X1", "North"]];
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyzeCompared(values);
    const gateway = createOfficeGateway();
    await gateway.writeResults(result, sourceOf(values), writeOptions());
    const move = segmentMoves(result.comparison!)[0]!;
    await gateway.filterCustomerMove!({ from: move.from, to: move.to });
    const table = sim.workbook.tables.find((t) => t.name === "RfmCustomers")!;
    const names = workbookLabels("en").segmentNames;
    expect(table.columnFilters).toEqual({ 11: [names[move.to]], 17: [names[move.from]] });
    const sheet = sim.workbook.sheets.find((s) => s.id === table.sheetId)!;
    const shown = readRect(sheet, table.rect)
      .slice(1)
      .filter((row) => row[11] === names[move.to] && row[17] === names[move.from]);
    expect(shown).toHaveLength(move.count);
    expect(sim.workbook.activeSheetId).toBe(sheet.id);

    // The new customers: by the Change column; the earlier filters are cleared first.
    await gateway.filterCustomerMove!({});
    expect(sim.workbook.tables.find((t) => t.name === "RfmCustomers")!.columnFilters).toEqual({ 18: ["new"] });
  });

  it("models the filter API strictly: unknown column, ExcelApi 1.2", async () => {
    const sim = installSim({
      sheets: [
        {
          name: "S",
          values: [
            ["A", "B"],
            ["x", "y"],
          ],
        },
      ],
    });
    await Excel.run(async (context) => {
      const table = context.workbook.worksheets.getItem("S").tables.add("S!A1:B2", true);
      table.name = "T";
      await context.sync();
      table.columns.getItem("b").filter.applyValuesFilter(["y"]);
      await context.sync();
      table.columns.getItem("Nope").filter.applyValuesFilter(["y"]);
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
    expect(sim.workbook.tables[0]?.columnFilters).toEqual({ 1: ["y"] });
    const old = installSim({
      sheets: [{ name: "S", values: [["A"], ["x"]] }],
      requirementSets: { ExcelApi: "1.1" },
    });
    await Excel.run(async (context) => {
      const table = context.workbook.worksheets.getItem("S").tables.add("S!A1:A2", true);
      await context.sync();
      table.clearFilters();
      await expect(context.sync()).rejects.toMatchObject({ code: "ApiNotFound" });
    });
    expect(old.workbook.tables[0]?.columnFilters).toBeUndefined();
  });
});
