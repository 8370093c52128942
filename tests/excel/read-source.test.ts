import { createOfficeGateway } from "../../src/excel/office-gateway";
import { PAYLOAD_LIMIT_BYTES } from "../../src/workbook-sim";
import { analyze, installSim, salesRows } from "./helpers";

describe("readSource", () => {
  it("reads a 200,000-row selection in several chunks, none near the 5 MB limit", async () => {
    const values = salesRows(200_000);
    const sim = installSim({ sheets: [{ name: "Sales", values }], selection: "Sales!A1:E200001" });
    const progress: number[] = [];
    const started = Date.now();
    const source = await createOfficeGateway().readSource((f) => progress.push(f));
    const elapsed = Date.now() - started;
    expect(source).toMatchObject({
      address: "Sales!A1:E200001",
      sheetName: "Sales",
      firstRow: 1,
      firstColumn: 0,
      rowCount: 200_001,
      columnCount: 5,
    });
    expect(source.values).toEqual(values);
    const valueSyncs = sim.syncLog.filter((record) => record.responseBytes > 100_000);
    expect(valueSyncs.length).toBeGreaterThanOrEqual(4);
    for (const record of sim.syncLog) {
      expect(record.responseBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES / 2);
      expect(record.requestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES / 2);
    }
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeGreaterThanOrEqual(valueSyncs.length);
    // Printed for the report: chunk count and time in the simulator.
    console.info(
      `200k rows: ${sim.syncLog.length} syncs, max response ${Math.max(...sim.syncLog.map((r) => r.responseBytes))} bytes, ${elapsed} ms`,
    );
  });

  it("clips a whole-column selection to the used range", async () => {
    const values = salesRows(50);
    installSim({ sheets: [{ name: "Sales", values }], selection: "Sales!A:C" });
    const source = await createOfficeGateway().readSource();
    expect(source.address).toBe("Sales!A1:C51");
    expect(source.values[1]).toEqual(values[1]?.slice(0, 3));
  });

  it("reads the used range when a single cell is selected, and reports column formats", async () => {
    const values = salesRows(10);
    const sim = installSim({ sheets: [{ name: "Other" }, { name: "Sales", values, at: "B3" }], selection: "Sales!D7" });
    sim.workbook.sheets[1]!.numberFormats[3] = [];
    sim.workbook.sheets[1]!.numberFormats[3][2] = "yyyy-mm-dd";
    const source = await createOfficeGateway().readSource();
    expect(source).toMatchObject({
      address: "Sales!B3:F13",
      firstRow: 3,
      firstColumn: 1,
      rowCount: 11,
      columnCount: 5,
    });
    expect(source.columnFormats).toEqual(["General", "yyyy-mm-dd", "General", "General", "General"]);
  });

  it("reads the whole table, header included, when the selection sits in a table", async () => {
    const values = salesRows(20);
    const sim = installSim({ sheets: [{ name: "Sales", values: [["note"], [], ...values] }] });
    await sim.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sales").tables.add("A3:E23", true).name = "Orders";
      await context.sync();
    });
    sim.setSelection("Sales!B10:C12");
    const source = await createOfficeGateway().readSource();
    expect(source).toMatchObject({ address: "Sales!A3:E23", tableName: "Orders", rowCount: 21 });
    expect(source.values[0]).toEqual(values[0]);
  });

  it("reports an empty sheet in plain words", async () => {
    installSim({ sheets: [{ name: "Empty" }] });
    await expect(createOfficeGateway().readSource()).rejects.toMatchObject({
      name: "ExcelWriteError",
      code: "empty_source",
    });
  });

  it("reads a full 1,048,576 × 6 sheet", async () => {
    const rows = 1_048_576;
    const values: (string | number)[][] = new Array<(string | number)[]>(rows);
    values[0] = ["Customer", "Date", "Amount", "Order", "Region", "Store"];
    for (let i = 1; i < rows; i++) values[i] = [i % 5000, 45000 + (i % 700), i % 997, i, i % 7, i % 11];
    const sim = installSim({ sheets: [{ name: "Big", values }], selection: "Big!A:F" });
    const source = await createOfficeGateway().readSource();
    expect(source.rowCount).toBe(rows);
    expect(source.address).toBe("Big!A1:F1048576");
    expect(source.values[rows - 1]).toEqual(values[rows - 1]);
    expect(Math.max(...sim.syncLog.map((r) => r.responseBytes))).toBeLessThan(PAYLOAD_LIMIT_BYTES / 2);
  }, 120_000);
});

describe("readSource errors", () => {
  it("hands an Excel failure to the caller as a plain message", async () => {
    const sim = installSim({ sheets: [{ name: "Sales", values: salesRows(10) }], selection: "Sales!A1:E11" });
    sim.injectFault((operation) => operation.kind === "load");
    await expect(createOfficeGateway().readSource()).rejects.toMatchObject({
      name: "ExcelWriteError",
      code: "excel_error",
      excelCode: "GeneralException",
      message: expect.stringContaining("Excel reported an error") as string,
    });
  });
});

describe("readSource: what is read", () => {
  it("reads a table's header and data body, not its totals row", async () => {
    const values = salesRows(20);
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    await sim.Excel.run(async (context) => {
      const table = context.workbook.worksheets.getItem("Sales").tables.add("A1:E21", true);
      table.name = "Orders";
      table.showTotals = true;
      await context.sync();
    });
    sim.workbook.sheets[0]!.rows[21]![2] = 12345; // the total under Amount
    sim.setSelection("Sales!B5");
    const source = await createOfficeGateway().readSource();
    expect(source).toMatchObject({ address: "Sales!A1:E21", tableName: "Orders", rowCount: 21 });
    expect(source.values).toEqual(values);
  });

  it("asks for one block of cells when several areas are selected", async () => {
    installSim({ sheets: [{ name: "Sales", values: salesRows(10) }], selection: "Sales!A1:B11,D1:E11" });
    await expect(createOfficeGateway().readSource()).rejects.toMatchObject({
      name: "ExcelWriteError",
      code: "multiple_areas",
    });
  });
});

describe("readSource: customer ids shown with a number format", () => {
  it("reads numeric ids as the text the user sees (00042 stored as 42 with format 00000)", async () => {
    const values: (string | number)[][] = [["Customer", "Date", "Amount"]];
    for (let i = 0; i < 12; i++) values.push([40 + (i % 4), 45000 + i, 10 + i]);
    const sim = installSim({ sheets: [{ name: "Sales", values }], selection: "Sales!A1:C13" });
    const formats = sim.workbook.sheets[0]!.numberFormats;
    for (let r = 1; r <= 12; r++) (formats[r] ??= [])[0] = "00000";

    const source = await createOfficeGateway().readSource();

    expect(source.values.slice(1, 5).map((row) => row[0])).toEqual(["00040", "00041", "00042", "00043"]);
    expect(source.values[1]?.slice(1)).toEqual([45000, 10]);
    const result = analyze(source.values, false);
    expect([...result.customers.id].sort()).toEqual(["00040", "00041", "00042", "00043"]);
  });
});
