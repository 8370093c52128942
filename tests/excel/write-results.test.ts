import { STANDARD_SEGMENT_KEYS } from "../../src/engine/types";
import { createOfficeGateway } from "../../src/excel/office-gateway";
import { OUTPUT_RECORD_SETTING } from "../../src/excel/add-in-ownership";
import { computeSummaryLayout } from "../../src/excel/summary-layout";
import {
  PAYLOAD_LIMIT_BYTES,
  findSheet,
  intersectRects,
  readRect,
  type CellRect,
  type WorkbookModel,
} from "../../src/workbook-sim";
import { columnWidthFor } from "../../src/workbook-sim/column-width";
import { pivotRect } from "../../src/workbook-sim/pivot-compute";
import { analyze, installSim, salesRows, sourceOf, writeOptions } from "./helpers";
import { testLabels } from "./labels-fixture";

function sheetNamed(model: WorkbookModel, name: string) {
  const sheet = model.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}: ${model.sheets.map((s) => s.name).join(", ")}`);
  return sheet;
}

describe("writeResults", () => {
  it("writes the customer table, summary tables, PivotTables, charts and segment columns where SPEC says", async () => {
    const values = salesRows(400, 60);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyze(values);
    const labels = testLabels();
    const report = await createOfficeGateway().writeResults(result, sourceOf(values), writeOptions());
    expect(report).toEqual({ sheetsWritten: ["RFM Customers", "RFM Summary"], fallbacks: [] });
    const model = sim.workbook;

    // Customer table: one row per customer, every SPEC column plus the mapped dimension.
    const customers = sheetNamed(model, "RFM Customers");
    const table = model.tables.find((t) => t.name === "RfmCustomers");
    expect(table).toMatchObject({
      sheetId: customers.id,
      rect: { row: 0, column: 0, rowCount: result.customers.id.length + 1, columnCount: 18 },
    });
    const rows = readRect(customers, table!.rect);
    expect(rows[0]).toEqual([...Object.values(labels.customerColumns), "Region", labels.report.segmentOrder]);
    const first = rows[1]!;
    expect(first[0]).toBe(result.customers.id[0]);
    expect(first[1]).toBe(result.customers.firstPurchase[0]);
    expect(typeof first[2]).toBe("number");
    expect(first[5]).toBe(result.customers.monetary[0]);
    expect([first[7], first[8], first[9]].every((s) => Number.isInteger(s))).toBe(true);
    expect(first[10]).toBe(`${result.customers.r[0]}${result.customers.f[0]}${result.customers.m[0]}`);
    expect(first[11]).toBe(labels.segmentNames[STANDARD_SEGMENT_KEYS[result.customers.segment[0]!]!]);
    const formats = customers.numberFormats[1]!;
    expect([formats[0], formats[1], formats[2], formats[5], formats[6], formats[7], formats[10]]).toEqual([
      "@",
      "yyyy-mm-dd",
      "yyyy-mm-dd",
      "#,##0.00",
      "#,##0.00",
      "0",
      "@",
    ]);
    expect(customers.numberFormats[result.customers.id.length]?.[1]).toBe("yyyy-mm-dd");

    // Summary: segment and tier tables, R×F grid with a colour scale.
    const summary = sheetNamed(model, "RFM Summary");
    const segmentTable = model.tables.find((t) => t.name === "RfmSegmentSummary")!;
    const tierTable = model.tables.find((t) => t.name === "RfmTierSummary")!;
    expect(segmentTable.rect.rowCount).toBe(result.summaries.standard.length + 1);
    expect(tierTable.rect.rowCount).toBe(result.summaries.tier.length + 1);
    const segmentRows = readRect(summary, segmentTable.rect);
    expect(segmentRows[1]?.[1]).toBe(result.summaries.standard[0]?.customers);
    expect(model.conditionalFormats).toHaveLength(1);
    expect(model.conditionalFormats[0]).toMatchObject({
      sheetId: summary.id,
      rect: { rowCount: 5, columnCount: 5 },
      criteria: { minimum: { color: "#FFFFFF" }, maximum: { color: "#5A8AC6" } },
    });
    // Column A fits the segment names, not the grid's long title (written after the autofit, it runs on).
    const gridTitleRow = summary.rows.findIndex((row) => row?.[0] === labels.summary.rfGridTitle);
    expect(gridTitleRow).toBeGreaterThan(0);
    expect(summary.columnWidths[0]).toBeLessThan(columnWidthFor(labels.summary.rfGridTitle.length));
    expect(summary.columnWidths[0]).toBeGreaterThanOrEqual(columnWidthFor("Potential Loyalist".length));

    // PivotTables over the customer table.
    expect(
      model.pivotTables.map((p) => ({
        name: p.name,
        rows: p.rowFields,
        columns: p.columnFields,
        data: p.dataFields.map((d) => d.summarizeBy),
      })),
    ).toEqual([
      { name: "RfmSegmentByTier", rows: ["Segment no.", "Segment"], columns: ["Tier"], data: ["Count", "Sum"] },
      { name: "RfmByDimension", rows: ["Region"], columns: [], data: ["Count", "Sum"] },
    ]);
    const pivot = model.pivotTables[0]!;
    expect(pivot.source.tableId).toBe(table!.id);
    expect(pivot.result.at(-1)?.at(-2)).toBe(result.customers.id.length);
    const tierOf = (i: number) => labels.segmentNames[["A", "B", "C"][result.customers.tier[i]!]!];
    const segmentOf = (i: number) => labels.segmentNames[STANDARD_SEGMENT_KEYS[result.customers.segment[i]!]!];
    const header = pivot.result[0]!;
    for (const line of pivot.result.slice(1, -1)) {
      for (const tier of ["Key", "Main", "Regular"]) {
        const column = header.indexOf(`${tier} - Customers`);
        if (column < 0) continue;
        // Column 0 is the segment's number in the pane's order, column 1 its name (Tabular layout).
        const expected = result.customers.id.filter((_id, i) => segmentOf(i) === line[1] && tierOf(i) === tier).length;
        expect([line[1], tier, line[column]]).toEqual([line[1], tier, expected]);
      }
    }

    // Three titled charts that cover no table or PivotTable.
    expect(model.charts.map((c) => [c.type, c.title])).toEqual([
      ["BarClustered", "Customers per segment"],
      ["BarClustered", "Revenue share per segment"],
      ["XYScatterLinesNoMarkers", "Pareto curve"],
    ]);
    expect(model.charts[0]?.series[0]?.values).toEqual(result.summaries.standard.map((s) => s.customers));
    expect(model.charts[2]?.series[0]?.values).toEqual(result.pareto.revenueShare);
    const occupied: CellRect[] = [
      ...model.tables.filter((t) => t.sheetId === summary.id).map((t) => t.rect),
      ...model.pivotTables.map(pivotRect),
    ];
    for (const chart of model.charts) {
      for (const rect of occupied) expect(intersectRects(chart.position, rect)).toBeNull();
      for (const other of model.charts)
        if (other !== chart) expect(intersectRects(chart.position, other.position)).toBeNull();
    }

    // Segment columns right of the source, one per row.
    const sales = sheetNamed(model, "Sales");
    expect(sales.rows[0]?.slice(5)).toEqual(["RFM segment", "RFM tier"]);
    for (let i = 0; i < result.rowCustomer.length; i++) {
      const customer = result.rowCustomer[i]!;
      expect(sales.rows[i + 1]?.[5]).toBe(
        labels.segmentNames[STANDARD_SEGMENT_KEYS[result.customers.segment[customer]!]!],
      );
    }
    expect(model.activeSheetId).toBe(summary.id);
    expect(Math.max(...sim.syncLog.map((r) => r.requestBytes))).toBeLessThan(PAYLOAD_LIMIT_BYTES / 2);
  });

  it("writes 100,000 customers and 200,000 segment rows in chunks under the limit", async () => {
    const values = salesRows(200_000, 100_000);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyze(values, false);
    const started = Date.now();
    await createOfficeGateway().writeResults(result, sourceOf(values), writeOptions({ charts: false }));
    const elapsed = Date.now() - started;
    const table = sim.workbook.tables.find((t) => t.name === "RfmCustomers");
    expect(table?.rect.rowCount).toBe(result.customers.id.length + 1);
    expect(sim.workbook.sheets[0]?.rows[200_000]?.[5]).not.toBeUndefined();
    const big = sim.syncLog.filter((r) => r.requestBytes > 200_000);
    expect(big.length).toBeGreaterThan(4);
    expect(Math.max(...sim.syncLog.map((r) => r.requestBytes))).toBeLessThan(PAYLOAD_LIMIT_BYTES / 2);
    console.info(
      `write ${result.customers.id.length} customers + 200k segment rows: ${sim.syncLog.length} syncs, ${elapsed} ms`,
    );
  }, 120_000);

  it("never overwrites the user's data next to the source", async () => {
    const values = salesRows(30, 8);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    sim.workbook.sheets[0]!.rows[17]![6] = "my note";
    const result = analyze(values);
    const report = await createOfficeGateway().writeResults(result, sourceOf(values), writeOptions());
    expect(report.segmentColumnsBlocked).toEqual({ address: "Sales!F1:G31" });
    const sales = sim.workbook.sheets[0]!;
    expect(sales.rows[17]?.[6]).toBe("my note");
    expect(sales.rows.every((row) => row?.[5] === undefined)).toBe(true);
    expect(report.sheetsWritten).toHaveLength(2);
  });

  it("leaves blanks beside skipped rows", async () => {
    const values = salesRows(12, 4);
    values[3] = ["", 45000, 10, "O-x", "North"];
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyze(values);
    expect(result.rowCustomer[2]).toBe(-1);
    await createOfficeGateway().writeResults(
      result,
      sourceOf(values),
      writeOptions({ summary: false, charts: false, customerSheet: false }),
    );
    expect(sim.workbook.sheets[0]?.rows[3]?.[5]).toBeUndefined();
    expect(sim.workbook.sheets[0]?.rows[4]?.[5]).toEqual(expect.any(String));
  });
});

describe("second run", () => {
  it("replaces only the add-in's own outputs, by id, and keeps a user's sheet with our name", async () => {
    const values = salesRows(60, 20);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const gateway = createOfficeGateway();
    const result = analyze(values);
    expect(await gateway.hasPreviousOutputs()).toBe(false);
    await gateway.writeResults(result, sourceOf(values), writeOptions());
    expect(await gateway.hasPreviousOutputs()).toBe(true);
    const firstIds = sim.workbook.sheets.map((s) => s.id);
    expect((sim.workbook.savedSettings[OUTPUT_RECORD_SETTING] as { sheetIds: string[] }).sheetIds).toEqual(
      firstIds.slice(1),
    );

    // The user renames our summary sheet and makes a sheet carrying the customer sheet's original name... after
    // renaming ours away: the rename must not make the add-in forget its sheet, nor adopt the user's.
    await sim.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("RFM Customers").name = "Old customers";
      const mine = context.workbook.worksheets.add("RFM Customers");
      mine.getRange("A1").values = [["user's own"]];
      await context.sync();
    });
    // The renamed one is listed by its current name and kept unless ticked; here the user ticks both.
    const listed = await gateway.listPreviousOutputs();
    expect(
      listed.map(({ currentName, writtenName, renamed, edited }) => [currentName, writtenName, renamed, edited]),
    ).toEqual([
      ["Old customers", "RFM Customers", true, false],
      ["RFM Summary", "RFM Summary", false, false],
    ]);
    await gateway.writeResults(
      result,
      sourceOf(values),
      writeOptions({ replacePrevious: true, replaceSheetIds: listed.map((output) => output.id) }),
    );
    const visible = sim.workbook.sheets.filter((s) => (s.visibility ?? "Visible") === "Visible");
    expect(visible.map((s) => s.name)).toEqual(["Sales", "RFM Customers", "RFM Customers (2)", "RFM Summary"]);
    expect(sheetNamed(sim.workbook, "RFM Customers").rows[0]?.[0]).toBe("user's own");
    // The old outputs are hidden (VeryHidden) until the next run, so undo can bring them back.
    expect(
      sim.workbook.sheets
        .filter((s) => s.visibility === "VeryHidden")
        .map((s) => s.id)
        .sort(),
    ).toEqual(listed.map((output) => output.id).sort());
    const visibleIds = new Set(visible.map((s) => s.id));
    expect(sim.workbook.pivotTables.filter((p) => visibleIds.has(p.sheetId))).toHaveLength(2);
    expect(sim.workbook.charts.filter((c) => visibleIds.has(c.sheetId))).toHaveLength(3);
    expect(
      sim.workbook.tables
        .filter((t) => visibleIds.has(t.sheetId))
        .map((t) => t.name.replace(/_\d+$/, ""))
        .sort(),
    ).toEqual(["RfmCustomers", "RfmSegmentSummary", "RfmTierSummary"]);
    // Segment columns rewritten in place, not piled up.
    expect(sim.workbook.sheets[0]?.rows[0]).toEqual([...(values[0] as string[]), "RFM segment", "RFM tier"]);
  });

  it("without replacePrevious keeps earlier outputs and picks fresh names", async () => {
    const values = salesRows(40, 10);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const gateway = createOfficeGateway();
    const result = analyze(values);
    await gateway.writeResults(result, sourceOf(values), writeOptions({ segmentColumns: false }));
    const report = await gateway.writeResults(result, sourceOf(values), writeOptions({ segmentColumns: false }));
    expect(report.sheetsWritten).toEqual(["RFM Customers (2)", "RFM Summary (2)"]);
    expect(sim.workbook.tables.map((t) => t.name)).toContain("RfmCustomers_2");
    expect(sim.workbook.pivotTables).toHaveLength(4);
  });
});

describe("fallbacks and failures", () => {
  it("writes static tables instead of PivotTables without a customer sheet, and says so", async () => {
    // manifest.xml requires ExcelApi 1.8, so PivotTables, charts and the colour scale are always there; the static
    // tables remain for a run without the customer sheet, the PivotTables' source.
    const values = salesRows(50, 12);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyze(values);
    const report = await createOfficeGateway().writeResults(
      result,
      sourceOf(values),
      writeOptions({ customerSheet: false }),
    );
    expect(report.fallbacks).toEqual(["No customer sheet: static tables instead of PivotTables"]);
    expect(sim.workbook.pivotTables).toHaveLength(0);
    expect(sim.workbook.charts).toHaveLength(3);
    expect(sim.workbook.conditionalFormats).toHaveLength(1);
    const summary = sheetNamed(sim.workbook, "RFM Summary");
    // Where summary-layout.ts puts the static stand-in of the segment × tier PivotTable.
    const { staticCounts } = computeSummaryLayout({
      k: result.options.k,
      segmentCount: result.summaries.standard.length,
      tierCount: result.summaries.tier.length,
      dimensionValueCounts: [3],
      paretoPoints: result.pareto.customerShare.length,
    });
    const block = readRect(summary, {
      row: staticCounts.row,
      column: staticCounts.column,
      rowCount: 1 + result.summaries.standard.length,
      columnCount: 5,
    });
    expect(block[0]).toEqual([
      "Customers: Segment \\ Tier",
      "Key customers",
      "Main customers",
      "Regular customers",
      "Total",
    ]);
    expect(block.slice(1).reduce((sum, row) => sum + Number(row[4]), 0)).toBe(result.customers.id.length);
  });

  it("deletes the sheets of a run that fails halfway and rethrows in plain words", async () => {
    const values = salesRows(80, 20);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyze(values);
    sim.injectFault((operation) => operation.kind === "charts.add");
    const failure = createOfficeGateway().writeResults(result, sourceOf(values), writeOptions());
    await expect(failure).rejects.toMatchObject({
      name: "ExcelWriteError",
      code: "excel_error",
      excelCode: "GeneralException",
    });
    await expect(failure).rejects.toThrow("Excel reported an error while the add-in was working");
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(["Sales"]);
    expect(sim.workbook.tables).toHaveLength(0);
    expect(sim.workbook.pivotTables).toHaveLength(0);
  });

  it("undoes segment columns when the failure comes while writing them", async () => {
    const values = salesRows(80, 20);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyze(values);
    let writes = 0;
    sim.injectFault(
      (operation) => operation.kind === "range.values" && operation.sheetName === "Sales" && ++writes === 2,
    );
    await expect(createOfficeGateway().writeResults(result, sourceOf(values), writeOptions())).rejects.toMatchObject({
      code: "excel_error",
    });
    // The fault came at the second write to Sales (the first chunk of labels, after their header), not earlier.
    expect(writes).toBe(2);
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(["Sales"]);
    expect(sim.workbook.sheets[0]?.rows.every((row) => row?.[5] === undefined && row?.[6] === undefined)).toBe(true);
  });

  it("maps Excel's payload and edit-mode errors to codes the pane translates", async () => {
    const { toExcelWriteError } = await import("../../src/excel/errors");
    expect(toExcelWriteError({ code: "RequestPayloadSizeLimitExceeded", message: "x" })).toMatchObject({
      code: "too_large",
    });
    expect(
      toExcelWriteError(Object.assign(new Error("busy"), { code: "InvalidOperationInCellEditMode" })),
    ).toMatchObject({
      code: "cell_edit_mode",
      message: expect.stringContaining("a cell is being edited") as string,
    });
    expect(toExcelWriteError(new Error("boom"))).toMatchObject({
      code: "excel_error",
      message: expect.stringContaining("boom") as string,
    });
  });

  it("keeps table names apart even when labels clash", async () => {
    const values = salesRows(20, 5);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const labels = testLabels({
      tables: { customers: "RfmCustomers", segmentSummary: "RfmCustomers", tierSummary: "T" },
    });
    const result = analyze(values);
    const report = await createOfficeGateway().writeResults(result, sourceOf(values), writeOptions({ labels }));
    expect(report.sheetsWritten).toHaveLength(2);
    expect(sim.workbook.tables.map((t) => t.name)).toEqual(["RfmCustomers", "RfmCustomers_2", "T"]);
  });

  it("remembers settings in the document", async () => {
    const sim = installSim();
    const gateway = createOfficeGateway();
    await gateway.saveSettings({ k: 4 });
    expect(await gateway.loadSettings()).toEqual({ k: 4 });
    expect(Object.values(sim.workbook.savedSettings)).toContainEqual({ k: 4 });
    await gateway.showSheet("Sheet1");
    expect(findSheet(sim.workbook, sim.workbook.activeSheetId)?.name).toBe("Sheet1");
  });
});

describe("ownership and languages", () => {
  it("recognises its sheets by the custom-property tag when the settings record is gone", async () => {
    const values = salesRows(30, 8);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const gateway = createOfficeGateway();
    await gateway.writeResults(analyze(values), sourceOf(values), writeOptions({ segmentColumns: false }));
    sim.workbook.savedSettings = {};
    sim.Office.context.document.settings.remove(OUTPUT_RECORD_SETTING);
    expect(await gateway.hasPreviousOutputs()).toBe(true);
    // Without the record nothing tells whether they were edited: listed as edited, replaced only when ticked.
    const listed = await gateway.listPreviousOutputs();
    expect(listed.map((output) => [output.currentName, output.edited])).toEqual([
      ["RFM Customers", true],
      ["RFM Summary", true],
    ]);
    await gateway.writeResults(
      analyze(values),
      sourceOf(values),
      writeOptions({ segmentColumns: false, replacePrevious: true, replaceSheetIds: listed.map((o) => o.id) }),
    );
    expect(sim.workbook.sheets.filter((s) => s.visibility === undefined).map((s) => s.name)).toEqual([
      "Sales",
      "RFM Customers",
      "RFM Summary",
    ]);
  });

  it("does not mistake a user's sheet named like ours for an output (ExcelApi 1.11: no tags)", async () => {
    const values = salesRows(30, 8);
    const sim = installSim({
      sheets: [
        { name: "Sales", values },
        { name: "RFM Summary", values: [["mine"]] },
      ],
      requirementSets: { ExcelApi: "1.11" },
    });
    const gateway = createOfficeGateway();
    expect(await gateway.hasPreviousOutputs()).toBe(false);
    const report = await gateway.writeResults(
      analyze(values),
      sourceOf(values),
      writeOptions({ replacePrevious: true }),
    );
    expect(report.sheetsWritten).toEqual(["RFM Customers", "RFM Summary (2)"]);
    expect(sheetNamed(sim.workbook, "RFM Summary").rows[0]?.[0]).toBe("mine");
  });

  it("writes Chinese sheet, table and column names", async () => {
    const values = salesRows(30, 8);
    const sim = installSim({ sheets: [{ name: "销售", values }] });
    const base = testLabels();
    const labels = testLabels({
      language: "zh-Hans",
      sheets: { customers: "RFM 客户", summary: "RFM 汇总" },
      tables: { customers: "RFM 客户表", segmentSummary: "分群汇总", tierSummary: "层级汇总" },
      customerColumns: {
        ...base.customerColumns,
        customer: "客户",
        segment: "分群",
        tier: "层级",
        monetary: "消费金额",
      },
      summary: { ...base.summary, customers: "客户数", revenue: "销售额" },
    });
    await createOfficeGateway().writeResults(analyze(values), sourceOf(values, "销售"), writeOptions({ labels }));
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(["销售", "RFM 客户", "RFM 汇总"]);
    expect(sim.workbook.tables.map((t) => t.name)).toEqual(["RFM_客户表", "分群汇总", "层级汇总"]);
    expect(sim.workbook.pivotTables[0]).toMatchObject({
      rowFields: [labels.report.segmentOrder, "分群"],
      columnFields: ["层级"],
    });
    expect(sim.workbook.pivotTables[0]?.dataFields.map((d) => d.name)).toEqual(["客户数", "销售额"]);
  });
});
