/**
 * Workbook safety: what the add-in may delete (provably its own sheets only), Replace that never loses the old
 * outputs, a failed run that changes nothing, and undo that restores exactly.
 */
import { createOfficeGateway } from "../../src/excel/office-gateway";
import { toExcelWriteError } from "../../src/excel/errors";
import { workbookLabels } from "../../src/i18n";
import type { WorkbookSim } from "../../src/workbook-sim";
import { analyze, installSim, salesRows, sourceOf, writeOptions } from "./helpers";
import { snapshotWorkbook } from "./workbook-snapshot";

const visibleNames = (sim: WorkbookSim): string[] =>
  sim.workbook.sheets.filter((s) => (s.visibility ?? "Visible") === "Visible").map((s) => s.name);

async function userDeletesSheets(sim: WorkbookSim, names: string[]): Promise<void> {
  await sim.Excel.run(async (context) => {
    for (const name of names) context.workbook.worksheets.getItem(name).delete();
    await context.sync();
  });
}

async function userAddsSheet(sim: WorkbookSim, name: string, text: string): Promise<void> {
  await sim.Excel.run(async (context) => {
    context.workbook.worksheets.add(name).getRange("A1").values = [[text]];
    await context.sync();
  });
}

describe("ownership across sessions (ids are not proof)", () => {
  // A recorded id can name a user's sheet in a later session: ids change on reopening and are handed out by tab
  // position (office-js-docs#297, office-js#1390, office-js#552).
  async function recordPositionalIds(sim: WorkbookSim, values: ReturnType<typeof salesRows>) {
    const gateway = createOfficeGateway();
    const result = analyze(values);
    await gateway.writeResults(result, sourceOf(values), writeOptions({ segmentColumns: false }));
    sim.saveAndReopen();
    // "Keep both": the earlier outputs (tagged) are recorded again, now under their positional ids.
    await createOfficeGateway().writeResults(result, sourceOf(values), writeOptions({ segmentColumns: false }));
    await userDeletesSheets(sim, ["RFM Customers", "RFM Summary", "RFM Customers (2)", "RFM Summary (2)"]);
    return result;
  }

  it("with ExcelApi 1.12 replaces only tagged sheets, not a user's sheet that inherited a recorded id", async () => {
    const values = salesRows(30, 8);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = await recordPositionalIds(sim, values);
    await userAddsSheet(sim, "Notes", "my notes");
    sim.saveAndReopen();
    const gateway = createOfficeGateway();
    expect(await gateway.listPreviousOutputs()).toEqual([]);
    await gateway.writeResults(
      result,
      sourceOf(values),
      writeOptions({ segmentColumns: false, replacePrevious: true }),
    );
    expect(sim.workbook.sheets.find((s) => s.name === "Notes")?.rows[0]?.[0]).toBe("my notes");
  });

  it("without 1.12 needs id, written name and header row to match: a user's same-named sheet is kept", async () => {
    const values = salesRows(30, 8);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = await recordPositionalIds(sim, values);
    await userAddsSheet(sim, "RFM Customers", "my notes");
    sim.saveAndReopen();
    sim.setRequirementSets({ ExcelApi: "1.11" });
    const gateway = createOfficeGateway();
    expect(await gateway.listPreviousOutputs()).toEqual([]);
    const report = await gateway.writeResults(
      result,
      sourceOf(values),
      writeOptions({ segmentColumns: false, replacePrevious: true }),
    );
    expect(sim.workbook.sheets.find((s) => s.name === "RFM Customers")?.rows[0]?.[0]).toBe("my notes");
    expect(report.sheetsWritten).toEqual(["RFM Customers (2)", "RFM Summary"]);
  });
});

describe("Replace", () => {
  it("keeps an output sheet the user renamed and edited unless ticked, and lists it by its current name", async () => {
    const values = salesRows(40, 10);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const gateway = createOfficeGateway();
    const result = analyze(values);
    await gateway.writeResults(result, sourceOf(values), writeOptions({ segmentColumns: false }));
    await sim.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("RFM Summary");
      sheet.getRange("A40").values = [["call these first"]];
      sheet.name = "Q3 key accounts (final)";
      await context.sync();
    });
    const listed = await gateway.listPreviousOutputs();
    expect(
      listed.map(({ currentName, writtenName, renamed, edited }) => ({ currentName, writtenName, renamed, edited })),
    ).toEqual([
      { currentName: "RFM Customers", writtenName: "RFM Customers", renamed: false, edited: false },
      { currentName: "Q3 key accounts (final)", writtenName: "RFM Summary", renamed: true, edited: true },
    ]);
    await gateway.writeResults(
      result,
      sourceOf(values),
      writeOptions({ segmentColumns: false, replacePrevious: true }),
    );
    expect(visibleNames(sim)).toEqual(["Sales", "Q3 key accounts (final)", "RFM Customers", "RFM Summary"]);
    expect(sim.workbook.sheets.find((s) => s.name === "Q3 key accounts (final)")?.rows[39]?.[0]).toBe(
      "call these first",
    );
  });

  it("loses nothing when a Replace run fails at charts.add: the old, edited outputs are still there", async () => {
    const values = salesRows(40, 10);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const gateway = createOfficeGateway();
    const result = analyze(values);
    await gateway.writeResults(result, sourceOf(values), writeOptions());
    await sim.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("RFM Customers").getRange("T2").values = [["VIP, ring monthly"]];
      await context.sync();
    });
    const ids = (await gateway.listPreviousOutputs()).map((output) => output.id);
    const before = snapshotWorkbook(sim.workbook);
    sim.injectFault((operation) => operation.kind === "charts.add");
    await expect(
      gateway.writeResults(result, sourceOf(values), writeOptions({ replacePrevious: true, replaceSheetIds: ids })),
    ).rejects.toMatchObject({ code: "excel_error" });
    sim.injectFault(undefined);
    expect(snapshotWorkbook(sim.workbook)).toEqual(before);
    expect(sim.workbook.sheets.find((s) => s.name === "RFM Customers")?.rows[1]?.[19]).toBe("VIP, ring monthly");
  });

  it("a run failing at any sync leaves the workbook exactly as it was (Replace with pending deletions)", async () => {
    const values = salesRows(40, 10);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const gateway = createOfficeGateway();
    const result = analyze(values);
    // Segment columns included: the re-run (in Chinese, so every label differs) reuses the first run's block, and a
    // failure anywhere, also while writing that block, restores the English labels and their formats.
    await gateway.writeResults(result, sourceOf(values), writeOptions());
    const rerun = writeOptions({ replacePrevious: true, labels: workbookLabels("zh-Hans") });
    await gateway.writeResults(result, sourceOf(values), rerun);
    const before = snapshotWorkbook(sim.workbook);
    const settings = JSON.stringify(sim.workbook.savedSettings);
    const first = sim.syncLog.length;
    let failed = 0;
    for (let k = 1; ; k++) {
      const target = sim.syncLog.length + k;
      sim.injectFault(() => sim.syncLog.length === target);
      const outcome = await gateway.writeResults(result, sourceOf(values), rerun).then(
        () => "written",
        (error: unknown) => error,
      );
      sim.injectFault(undefined);
      if (outcome === "written") break;
      failed++;
      expect([k, outcome]).toEqual([k, expect.objectContaining({ code: "excel_error" })]);
      expect([k, (outcome as { cleanupError?: unknown }).cleanupError]).toEqual([k, undefined]);
      expect([k, snapshotWorkbook(sim.workbook)]).toEqual([k, before]);
      expect(JSON.stringify(sim.workbook.savedSettings)).toBe(settings);
    }
    expect(failed).toBeGreaterThan(10);
    expect(sim.syncLog.length).toBeGreaterThan(first);
  });
});

describe("undo", () => {
  it("undoLastRun deletes the run's sheets, restores segment columns and brings back the sheets Replace hid", async () => {
    const values = salesRows(40, 10);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const gateway = createOfficeGateway();
    const result = analyze(values);
    expect(gateway.canUndo()).toBe(false);
    const empty = snapshotWorkbook(sim.workbook);
    await gateway.writeResults(result, sourceOf(values), writeOptions());
    expect(gateway.canUndo()).toBe(true);
    const afterFirst = snapshotWorkbook(sim.workbook);
    // In Chinese, so the reused segment columns get other labels, and undo has to bring the English ones back.
    await gateway.writeResults(
      result,
      sourceOf(values),
      writeOptions({ replacePrevious: true, labels: workbookLabels("zh-Hans") }),
    );
    expect(visibleNames(sim)).toEqual(["Sales", "RFM 客户", "RFM 汇总"]);
    expect(sim.workbook.sheets[0]?.rows[0]?.slice(5, 7)).toEqual(["RFM 分群", "RFM 等级"]);
    await gateway.undoLastRun();
    expect(gateway.canUndo()).toBe(false);
    expect(snapshotWorkbook(sim.workbook)).toEqual(afterFirst);
    expect(await gateway.listPreviousOutputs()).toHaveLength(2);
    // The first run's undo window closed with the second run; a fresh run can be undone back to the start.
    const fresh = installSim({ sheets: [{ name: "Sales", values }] });
    const other = createOfficeGateway();
    await other.writeResults(result, sourceOf(values), writeOptions());
    await other.undoLastRun();
    expect(snapshotWorkbook(fresh.workbook)).toEqual(empty);
  });

  it("keeps the tab order on undo when the run purged hidden sheets that sat before the ones it hid", async () => {
    // Found by the property test: run, run, Replace (hides both), Replace (hides the third run's outputs and
    // purges the first two runs'), undo. The restored sheets went back to positions recorded before the purge.
    const values = salesRows(5, 2);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const gateway = createOfficeGateway();
    const result = analyze(values);
    await gateway.writeResults(result, sourceOf(values), writeOptions());
    await gateway.writeResults(result, sourceOf(values), writeOptions());
    await gateway.writeResults(result, sourceOf(values), writeOptions({ replacePrevious: true }));
    const order = (): string[] =>
      sim.workbook.sheets.filter((s) => (s.visibility ?? "Visible") === "Visible").map((s) => s.id);
    const before = order();
    const ids = (await gateway.listPreviousOutputs()).map((output) => output.id);
    await gateway.writeResults(result, sourceOf(values), writeOptions({ replacePrevious: true, replaceSheetIds: ids }));
    expect(sim.workbook.sheets).toHaveLength(5);
    await gateway.undoLastRun();
    expect(order()).toEqual(before);
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(["Sales", "RFM Customers", "RFM Summary"]);
  });

  it("leaves the user's cells alone on undo after they inserted a column left of the data", async () => {
    // Found by the property test: undo cleared the segment columns by their old address, which after the insert
    // held the user's Region column.
    const values = salesRows(5, 2);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const gateway = createOfficeGateway();
    await gateway.writeResults(analyze(values), sourceOf(values), writeOptions());
    const sales = sim.workbook.sheets[0]!;
    expect(sales.rows[0]?.slice(5, 7)).toEqual(["RFM segment", "RFM tier"]);
    // The user inserts a column at A: every cell moves one to the right (done on the model, as Excel would).
    for (const grid of [sales.rows, sales.numberFormats, sales.formulas])
      for (const row of grid) if (row) row.splice(0, 0, undefined as never);
    const after = snapshotWorkbook(sim.workbook).sheets[0];
    await gateway.undoLastRun();
    // The run's sheets are gone; the source sheet is exactly as the user left it (the block it cannot prove is
    // still where it wrote it stays as it is).
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(["Sales"]);
    expect(snapshotWorkbook(sim.workbook).sheets[0]).toEqual(after);
  });

  it("leaves a user's table and its cells alone on undo after they inserted rows inside it", async () => {
    // Found by the property test: undo took the inserted empty rows for rows "not written yet", cleared the moved
    // labels' old block and resized the table back to its old height, cutting the user's last rows out of it.
    const values = salesRows(5, 2);
    const sim = installSim({ sheets: [{ name: "Sales", values }], requirementSets: { ExcelApi: "1.13" } });
    await sim.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sales").tables.add("A1:E6", true).name = "Orders";
      await context.sync();
    });
    const gateway = createOfficeGateway();
    await gateway.writeResults(analyze(values), sourceOf(values, "Sales", "Orders"), writeOptions());
    const sales = sim.workbook.sheets[0]!;
    const table = sim.workbook.tables.find((t) => t.name === "Orders")!;
    expect(table.rect.columnCount).toBe(7);
    // The user inserts two rows inside the table, below its third data row (on the model, as Excel would).
    for (const grid of [sales.rows, sales.numberFormats, sales.formulas]) grid.splice(4, 0, undefined, undefined);
    table.rect = { ...table.rect, rowCount: table.rect.rowCount + 2 };
    const after = snapshotWorkbook(sim.workbook).sheets[0];
    const tableAfterEdit = { ...table.rect };
    await gateway.undoLastRun();
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(["Sales"]);
    expect(sim.workbook.tables.find((t) => t.name === "Orders")!.rect).toEqual(tableAfterEdit);
    expect(snapshotWorkbook(sim.workbook).sheets[0]).toEqual(after);
  });

  it("restores the segment columns on undo after the user renamed the source sheet", async () => {
    const values = salesRows(5, 2);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const gateway = createOfficeGateway();
    const before = snapshotWorkbook(sim.workbook).sheets[0] as { name: string };
    await gateway.writeResults(analyze(values), sourceOf(values), writeOptions());
    sim.workbook.sheets[0]!.name = "Sales 2024";
    await gateway.undoLastRun();
    expect(snapshotWorkbook(sim.workbook).sheets).toEqual([{ ...before, name: "Sales 2024" }]);
  });

  it("rolls back segment columns the table took in, though the table renumbered their duplicate headers", async () => {
    // Found by the property test: after a reopen the earlier block is not recorded under the sheet's new id, so the
    // new block goes right of it; table.resize names its headers "RFM segment2"/"RFM tier2", and the undo step's
    // check that the block is still ours must not read that as the user's edit.
    const values = salesRows(5, 2);
    const sim = installSim({ sheets: [{ name: "Sales", values }], requirementSets: { ExcelApi: "1.13" } });
    await sim.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sales").tables.add("A1:E6", true).name = "Orders";
      await context.sync();
    });
    const source = { ...sourceOf(values), tableName: "Orders" };
    await createOfficeGateway().writeResults(analyze(values), source, writeOptions());
    sim.saveAndReopen();
    const table = sim.workbook.tables.find((t) => t.name === "Orders")!;
    const wider = salesRows(5, 2).map((row, i) => [...row, ...(sim.workbook.sheets[0]!.rows[i]?.slice(5, 7) ?? [])]);
    expect(table.rect.columnCount).toBe(7);
    const before = snapshotWorkbook(sim.workbook);
    sim.injectFault((operation) => operation.kind === "worksheet.activate");
    await expect(
      createOfficeGateway().writeResults(analyze(wider), { ...sourceOf(wider), tableName: "Orders" }, writeOptions()),
    ).rejects.toMatchObject({ code: "excel_error" });
    expect(snapshotWorkbook(sim.workbook)).toEqual(before);
  });

  it("deletes the run's sheets by id: a user's sheet that took our name meanwhile is kept", async () => {
    const values = salesRows(40, 10);
    const sim = installSim({
      sheets: [
        { name: "Sales", values },
        { name: "Notes", values: [["mine"]] },
      ],
    });
    const gateway = createOfficeGateway();
    // While the run writes, the user renames our new sheet and gives theirs its name; then a later step fails.
    sim.injectFault((operation) => {
      if (operation.kind !== "charts.add") return false;
      const model = sim.workbook;
      model.sheets.find((s) => s.name === "RFM Customers")!.name = "Ours, renamed";
      model.sheets.find((s) => s.name === "Notes")!.name = "RFM Customers";
      return true;
    });
    await expect(gateway.writeResults(analyze(values), sourceOf(values), writeOptions())).rejects.toMatchObject({
      code: "excel_error",
    });
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(["Sales", "RFM Customers"]);
    expect(sim.workbook.sheets[1]?.rows[0]?.[0]).toBe("mine");
  });
});

describe("names", () => {
  it("picks table names no defined name has (one namespace with tables)", async () => {
    const values = salesRows(20, 5);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    await sim.Excel.run(async (context) => {
      context.workbook.names.add("RfmCustomers", "=Sales!$A$1:$A$3");
      await context.sync();
    });
    await createOfficeGateway().writeResults(analyze(values), sourceOf(values), writeOptions());
    expect(sim.workbook.tables.map((t) => t.name)).toContain("RfmCustomers_2");
    expect(sim.workbook.names.map((n) => n.name)).toEqual(["RfmCustomers"]);
  });

  it("maps Excel's InvalidArgument on a duplicate table name (office-js#551) to name_conflict", () => {
    const error = Object.assign(new Error("The argument is invalid or missing or has an incorrect format."), {
      code: "InvalidArgument",
      debugInfo: { code: "InvalidArgument", errorLocation: "Table.name" },
    });
    expect(toExcelWriteError(error)).toMatchObject({ code: "name_conflict", excelCode: "InvalidArgument" });
  });
});
