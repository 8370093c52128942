import { STANDARD_SEGMENT_KEYS, type CellValue } from "../../src/engine/types";
import { OUTPUT_RECORD_SETTING, type OutputRecord } from "../../src/excel/add-in-ownership";
import { createOfficeGateway } from "../../src/excel/office-gateway";
import { TABLE_RESIZE_FALLBACK } from "../../src/excel/write-segment-columns";
import type { WorkbookSim } from "../../src/workbook-sim";
import { analyze, installSim, salesRows, writeOptions } from "./helpers";
import { testLabels } from "./labels-fixture";

const SEGMENT_ONLY = { summary: false, charts: false, customerSheet: false, replacePrevious: true };
const NOTE_ROW = 4; // sheet row 5, a data row of the table
const NOTE_COLUMN = 8; // column I: two columns right of the segment and tier columns (F:G) of a table A:E
const BELOW_ROW = 40; // sheet row 41, below the table

/** Sales lines as table "Orders" (A1:E31), the selection inside it, and the user's notes in column I. */
async function salesTableSim(excelApi: string): Promise<{ sim: WorkbookSim; values: CellValue[][] }> {
  const values = salesRows(30, 8);
  const sim = installSim({
    sheets: [{ name: "Sales", values }],
    selection: "Sales!B3",
    requirementSets: { ExcelApi: excelApi },
  });
  const rows = sim.workbook.sheets[0]!.rows;
  rows[NOTE_ROW]![NOTE_COLUMN] = "note in a table row";
  (rows[BELOW_ROW] ??= [])[NOTE_COLUMN] = "note below the table";
  await sim.Excel.run(async (context) => {
    context.workbook.worksheets.getItem("Sales").tables.add("A1:E31", true).name = "Orders";
    await context.sync();
  });
  return { sim, values };
}

/** Reads the source as the pane does (the table the selection sits in) and writes only the segment columns. */
async function runSegmentColumns(options = {}, withRegion = true) {
  const gateway = createOfficeGateway();
  const source = await gateway.readSource();
  const result = analyze(source.values, withRegion);
  const report = await gateway.writeResults(result, source, writeOptions({ ...SEGMENT_ONLY, ...options }));
  return { source, result, report };
}

function ordersRect(sim: WorkbookSim) {
  return sim.workbook.tables.find((t) => t.name === "Orders")?.rect;
}

function expectNotesInPlace(sim: WorkbookSim): void {
  const rows = sim.workbook.sheets[0]!.rows;
  expect(rows[NOTE_ROW]?.[NOTE_COLUMN]).toBe("note in a table row");
  expect(rows[BELOW_ROW]?.[NOTE_COLUMN]).toBe("note below the table");
  // Nothing else appeared right of the new columns (a shift would have moved the note to K5).
  expect(rows.map((row) => row?.slice(NOTE_COLUMN + 1).filter((cell) => cell !== undefined).length ?? 0)).toEqual(
    rows.map(() => 0),
  );
  expect(rows[NOTE_ROW]?.[7]).toBeUndefined();
}

function segmentColumnsOf(sim: WorkbookSim): CellValue[][] {
  return sim.workbook.sheets[0]!.rows.slice(0, 31).map((row) => [row?.[5] ?? "", row?.[6] ?? ""]);
}

describe("segment columns beside an Excel table", () => {
  it("with ExcelApi 1.13 joins them to the table by resizing it, and moves no cell of the user's", async () => {
    const { sim, values } = await salesTableSim("1.13");
    const { result, report } = await runSegmentColumns();

    expect(ordersRect(sim)).toEqual({ row: 0, column: 0, rowCount: 31, columnCount: 7 });
    expect(sim.workbook.sheets[0]?.rows[0]?.slice(0, 7)).toEqual([
      ...(values[0] as string[]),
      "RFM segment",
      "RFM tier",
    ]);
    const columns = segmentColumnsOf(sim);
    expect(columns.slice(1).every(([segment, tier]) => segment !== "" && tier !== "")).toBe(true);
    const labels = testLabels();
    result.rowCustomer.forEach((customer, i) => {
      expect(columns[i + 1]).toEqual([
        labels.segmentNames[STANDARD_SEGMENT_KEYS[result.customers.segment[customer]!]!],
        labels.segmentNames[(["A", "B", "C"] as const)[result.customers.tier[customer]!]!],
      ]);
    });
    expect(report.fallbacks).not.toContain(TABLE_RESIZE_FALLBACK);
    expect(report.segmentColumnsBlocked).toBeUndefined();
    expectNotesInPlace(sim);
    const record = sim.workbook.savedSettings[OUTPUT_RECORD_SETTING] as OutputRecord;
    expect(record.segmentColumns).toMatchObject({ row: 0, column: 5, rowCount: 31, tableName: "Orders" });
  });

  it("with ExcelApi 1.12 writes them as plain cells beside the table and reports the fallback", async () => {
    const { sim, values } = await salesTableSim("1.12");
    const { report } = await runSegmentColumns();

    expect(ordersRect(sim)).toEqual({ row: 0, column: 0, rowCount: 31, columnCount: 5 });
    expect(sim.workbook.sheets[0]?.rows[0]?.slice(0, 7)).toEqual([
      ...(values[0] as string[]),
      "RFM segment",
      "RFM tier",
    ]);
    expect(
      segmentColumnsOf(sim)
        .slice(1)
        .every(([segment]) => segment !== ""),
    ).toBe(true);
    expect(report.fallbacks).toContain(TABLE_RESIZE_FALLBACK);
    expectNotesInPlace(sim);
    const record = sim.workbook.savedSettings[OUTPUT_RECORD_SETTING] as OutputRecord;
    expect(record.segmentColumns).toEqual({
      sheetId: sim.workbook.sheets[0]?.id,
      row: 0,
      column: 5,
      rowCount: 31,
      content: expect.stringMatching(/^30:[0-9a-f]+$/) as unknown,
    });
  });

  it.each(["1.13", "1.12"])("with ExcelApi %s a second run replaces the columns in place", async (excelApi) => {
    const { sim } = await salesTableSim(excelApi);
    await runSegmentColumns();
    const firstColumns = segmentColumnsOf(sim);
    const firstRect = ordersRect(sim);
    // The block still holds exactly what the add-in wrote: the re-run overwrites it in place rather than adding
    // two more columns (a block the user edited is theirs: see "keeps a segment name the user typed").

    const { source, report } = await runSegmentColumns();

    expect(source.columnCount).toBe(excelApi === "1.13" ? 7 : 5);
    expect(report.segmentColumnsBlocked).toBeUndefined();
    expect(ordersRect(sim)).toEqual(firstRect);
    expect(segmentColumnsOf(sim)).toEqual(firstColumns);
    expect(sim.workbook.sheets[0]?.rows[0]?.[7]).toBeUndefined();
    expectNotesInPlace(sim);
  });

  it("restores the table's range and clears the columns when the run fails after the resize", async () => {
    const { sim } = await salesTableSim("1.13");
    const headersBefore = sim.workbook.sheets[0]?.rows[0]?.slice(0, 5);
    // The customer sheet is activated after the segment columns: failing there comes after the table was resized.
    sim.injectFault((operation) => operation.kind === "worksheet.activate");

    await expect(runSegmentColumns({ customerSheet: true })).rejects.toMatchObject({ code: "excel_error" });

    expect(ordersRect(sim)).toEqual({ row: 0, column: 0, rowCount: 31, columnCount: 5 });
    expect(sim.workbook.sheets[0]?.rows[0]?.slice(0, 5)).toEqual(headersBefore);
    expect(segmentColumnsOf(sim).every(([segment, tier]) => segment === "" && tier === "")).toBe(true);
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(["Sales"]);
    expectNotesInPlace(sim);
  });

  it("leaves the table's range alone and clears the columns when the run fails halfway through them", async () => {
    const { sim } = await salesTableSim("1.13");
    let writes = 0;
    sim.injectFault(
      (operation) => operation.kind === "range.values" && operation.sheetName === "Sales" && ++writes === 2,
    );
    const events: string[] = [];
    const unsubscribe = sim.subscribe(() => events.push(String(ordersRect(sim)?.columnCount)));

    await expect(runSegmentColumns()).rejects.toMatchObject({ code: "excel_error" });
    unsubscribe();

    expect(writes).toBeGreaterThanOrEqual(2);
    expect(events).not.toContain("7");
    expect(ordersRect(sim)).toEqual({ row: 0, column: 0, rowCount: 31, columnCount: 5 });
    expect(segmentColumnsOf(sim).every(([segment, tier]) => segment === "" && tier === "")).toBe(true);
    expectNotesInPlace(sim);
  });
});

/** Sales lines A1:E31 as plain cells, the selection on them. */
function plainSalesSim(): { sim: WorkbookSim; values: CellValue[][] } {
  const values = salesRows(30, 8);
  const sim = installSim({ sheets: [{ name: "Sales", values }], selection: "Sales!A1:E31" });
  return { sim, values };
}

function columnOf(sim: WorkbookSim, column: number, rows = 31): CellValue[] {
  return sim.workbook.sheets[0]!.rows.slice(0, rows).map((row) => row?.[column] ?? "");
}

describe("segment columns on a re-run", () => {
  it("does not overwrite a column the user inserted into the data (the old block moved right)", async () => {
    const { sim, values } = plainSalesSim();
    await runSegmentColumns();
    // The user inserts a "Note" column at B: everything from B moves one column right.
    for (const row of sim.workbook.sheets[0]!.rows)
      row?.splice(1, 0, row === sim.workbook.sheets[0]!.rows[0] ? "Note" : "n");
    sim.setSelection("Sales!A1:F31");

    const { report } = await runSegmentColumns({}, false);

    expect(report.segmentColumnsBlocked).toBeUndefined();
    expect(columnOf(sim, 5)).toEqual(values.map((row) => row[4])); // Region, now in F
    expect(columnOf(sim, 6)[0]).toBe("RFM segment");
    expect(columnOf(sim, 7)[0]).toBe("RFM tier");
    expect(
      columnOf(sim, 6)
        .slice(1)
        .every((cell) => cell !== ""),
    ).toBe(true);
    expect(columnOf(sim, 8).every((cell) => cell === "")).toBe(true);
    const record = sim.workbook.savedSettings[OUTPUT_RECORD_SETTING] as OutputRecord;
    expect(record.segmentColumns).toMatchObject({ column: 6, rowCount: 31 });
  });

  it("writes beside the old columns when the user typed into them, and leaves them alone", async () => {
    const { sim } = plainSalesSim();
    await runSegmentColumns();
    sim.workbook.sheets[0]!.rows[2]![5] = "VIP: call him";
    const before = [columnOf(sim, 5), columnOf(sim, 6)];

    const { report } = await runSegmentColumns();

    expect(report.segmentColumnsBlocked).toBeUndefined();
    expect(report.segmentColumnsBesideEarlier).toEqual({ earlier: "Sales!F1:G31", address: "Sales!H1:I31" });
    expect([columnOf(sim, 5), columnOf(sim, 6)]).toEqual(before);
    expect(columnOf(sim, 7)[0]).toBe("RFM segment");
    expect(
      columnOf(sim, 8)
        .slice(1)
        .every((cell) => cell !== ""),
    ).toBe(true);
    const record = sim.workbook.savedSettings[OUTPUT_RECORD_SETTING] as OutputRecord;
    expect(record.segmentColumns).toMatchObject({ column: 7 });
  });

  // Found by the workbook-safety property (FC_SEED=-172019592): a block holding only segment names is no proof.
  it("keeps a segment name the user typed over the one written, and writes beside it", async () => {
    const { sim } = plainSalesSim();
    await runSegmentColumns();
    const rows = sim.workbook.sheets[0]!.rows;
    const typed = rows[2]![5] === "Champions" ? "Lost" : "Champions";
    rows[2]![5] = typed;
    const before = [columnOf(sim, 5), columnOf(sim, 6)];

    const { report } = await runSegmentColumns();

    expect([columnOf(sim, 5), columnOf(sim, 6)]).toEqual(before);
    expect(rows[2]![5]).toBe(typed);
    expect(columnOf(sim, 7)[0]).toBe("RFM segment");
    expect(report.segmentColumnsBesideEarlier).toEqual({ earlier: "Sales!F1:G31", address: "Sales!H1:I31" });
    // The new block is the one the record now proves: a third run reuses it instead of moving further right.
    const { report: third } = await runSegmentColumns();
    expect(third.segmentColumnsBesideEarlier).toEqual({ earlier: "Sales!F1:G31", address: "Sales!H1:I31" });
    expect(columnOf(sim, 9).every((cell) => cell === "")).toBe(true);
  });

  it("reuses an unchanged block, even after the workbook was saved and reopened", async () => {
    const { sim } = plainSalesSim();
    await runSegmentColumns();
    sim.saveAndReopen();

    const { report } = await runSegmentColumns();

    expect(report.segmentColumnsBesideEarlier).toBeUndefined();
    expect(columnOf(sim, 5)[0]).toBe("RFM segment");
    expect(columnOf(sim, 7).every((cell) => cell === "")).toBe(true);
  });

  it("leaves alone a block recorded without its content hash (an older version's record)", async () => {
    const { sim } = plainSalesSim();
    await runSegmentColumns();
    const record = sim.workbook.savedSettings[OUTPUT_RECORD_SETTING] as OutputRecord;
    delete record.segmentColumns?.content;
    sim.saveAndReopen(); // the pane of a new session reads the record as saved
    const before = [columnOf(sim, 5), columnOf(sim, 6)];

    const { report } = await runSegmentColumns();

    expect([columnOf(sim, 5), columnOf(sim, 6)]).toEqual(before);
    expect(report.segmentColumnsBesideEarlier).toEqual({ earlier: "Sales!F1:G31", address: "Sales!H1:I31" });
  });

  it("clears a new block when a Keep both run fails, leaving the edited earlier one as it is", async () => {
    const { sim } = plainSalesSim();
    await runSegmentColumns();
    sim.workbook.sheets[0]!.rows[2]![5] = "VIP"; // the user's edit: the block is theirs now
    const before = [columnOf(sim, 5), columnOf(sim, 6), columnOf(sim, 7), columnOf(sim, 8)];
    sim.injectFault((operation) => operation.kind === "worksheet.activate");

    await expect(runSegmentColumns({ customerSheet: true, replacePrevious: false })).rejects.toMatchObject({
      code: "excel_error",
    });

    expect([columnOf(sim, 5), columnOf(sim, 6), columnOf(sim, 7), columnOf(sim, 8)]).toEqual(before);
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(["Sales"]);
  });

  it("reports a blocked block without clearing the earlier columns first", async () => {
    const { sim } = plainSalesSim();
    await runSegmentColumns();
    // Ten more sales lines, and a note of the user's beside one of them where the longer block would go.
    const rows = sim.workbook.sheets[0]!.rows;
    salesRows(40, 8)
      .slice(31)
      .forEach((row, i) => (rows[31 + i] = [...row] as (string | number)[]));
    rows[35]![6] = "user's note";
    sim.setSelection("Sales!A1:E41");
    const before = [columnOf(sim, 5, 41), columnOf(sim, 6, 41)];
    expect(before[0]![1]).not.toBe("");

    const { report } = await runSegmentColumns();

    expect(report.segmentColumnsBlocked).toEqual({ address: "Sales!F1:G41" });
    expect([columnOf(sim, 5, 41), columnOf(sim, 6, 41)]).toEqual(before);
  });
});

describe("segment columns and a sheet that changed after reading", () => {
  it("writes nothing and says so when rows were sorted between reading and writing", async () => {
    const { sim } = plainSalesSim();
    const gateway = createOfficeGateway();
    const source = await gateway.readSource();
    const result = analyze(source.values);
    // The user sorts three rows: rows 2-4 change places.
    const rows = sim.workbook.sheets[0]!.rows;
    [rows[1], rows[2], rows[3]] = [rows[3]!, rows[1]!, rows[2]!];

    const report = await gateway.writeResults(result, source, writeOptions(SEGMENT_ONLY));

    expect(report.segmentColumnsSourceChanged).toEqual({ address: "Sales!A1:E31" });
    expect(columnOf(sim, 5).every((cell) => cell === "")).toBe(true);
    const record = sim.workbook.savedSettings[OUTPUT_RECORD_SETTING] as OutputRecord | undefined;
    expect(record?.segmentColumns).toBeUndefined();
  });
});

describe("segment columns and formulas", () => {
  it("treats a formula showing an empty text as the user's cell", async () => {
    const { sim } = plainSalesSim();
    await sim.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sales").getRange("G5").formulas = [['=""']];
      await context.sync();
    });

    const { report } = await runSegmentColumns();

    expect(report.segmentColumnsBlocked).toEqual({ address: "Sales!F1:G31" });
    expect(sim.workbook.sheets[0]!.formulas[4]?.[6]).toBe('=""');
    expect(columnOf(sim, 5).every((cell) => cell === "")).toBe(true);
  });
});

describe("segment columns stay text", () => {
  it("writes the names in the Text format, and a failed run puts the cells' formats back", async () => {
    const { sim } = plainSalesSim();
    (sim.workbook.sheets[0]!.numberFormats[3] ??= [])[5] = "0.00"; // an empty cell the user formatted
    await runSegmentColumns();
    expect(sim.workbook.sheets[0]!.numberFormats[2]?.slice(5, 7)).toEqual(["@", "@"]);

    const fresh = plainSalesSim().sim;
    (fresh.workbook.sheets[0]!.numberFormats[3] ??= [])[5] = "0.00";
    fresh.injectFault((operation) => operation.kind === "worksheet.activate");
    await expect(runSegmentColumns({ customerSheet: true })).rejects.toMatchObject({ code: "excel_error" });
    const formats = fresh.workbook.sheets[0]!.numberFormats;
    expect(formats[3]?.[5]).toBe("0.00");
    expect(
      formats
        .slice(0, 31)
        .every((row, r) => r === 3 || [row?.[5], row?.[6]].every((f) => f === undefined || f === "General")),
    ).toBe(true);
    expect(columnOf(fresh, 5).every((cell) => cell === "")).toBe(true);
  });
});
