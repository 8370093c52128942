import * as model from "../../src/workbook-sim/model";
import { computePivotResult, pivotResultSize } from "../../src/workbook-sim/pivot-compute";
import { createWorkbookSim, type SimCellValue } from "../../src/workbook-sim";

describe("workbook-sim sync timing", () => {
  afterEach(() => jest.restoreAllMocks());

  it("resolves each sync in a later task, so a queued timer runs between two syncs", async () => {
    const sim = createWorkbookSim();
    const events: string[] = [];
    await sim.Excel.run(async (context) => {
      const cell = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      cell.values = [[1]];
      await context.sync();
      events.push("first sync");
      setTimeout(() => events.push("timer"), 0);
      cell.values = [[2]];
      await context.sync();
      events.push("second sync");
    });
    expect(events).toEqual(["first sync", "timer", "second sync"]);
    expect(sim.workbook.sheets[0]?.rows[0]?.[0]).toBe(2);
  });

  it("does not resolve a sync within the microtasks of the task that called it", async () => {
    const sim = createWorkbookSim();
    let synced = false;
    const run = sim.Excel.run(async (context) => {
      await context.sync();
      synced = true;
    });
    for (let i = 0; i < 50; i++) await Promise.resolve();
    expect(synced).toBe(false);
    await run;
    expect(synced).toBe(true);
  });
});

describe("workbook-sim PivotTable recompute", () => {
  afterEach(() => jest.restoreAllMocks());

  const sourceRows = 500;
  const data: SimCellValue[][] = [
    ["Customer", "Segment", "Tier", "Monetary", "Frequency"],
    ...Array.from({ length: sourceRows }, (_v, i) => [`c${i}`, `S${i % 7}`, `T${i % 3}`, i, i % 5]),
  ];

  /** Counts reads of the whole source (header and data rows): what aggregating the pivot costs. */
  function countFullSourceReads(): () => number {
    const spy = jest.spyOn(model, "readRect");
    return () => spy.mock.calls.filter(([, rect]) => rect.rowCount === sourceRows + 1).length;
  }

  it("aggregates the source once per sync however many fields the sync adds", async () => {
    const sim = createWorkbookSim({ sheets: [{ name: "Data", values: data }, { name: "Pivot" }] });
    await sim.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Data").tables.add(`A1:E${sourceRows + 1}`, true).name = "Sales";
      await context.sync();
      const fullReads = countFullSourceReads();
      const pivot = context.workbook.worksheets
        .getItem("Pivot")
        .pivotTables.add("P", context.workbook.tables.getItem("Sales"), "A1");
      pivot.rowHierarchies.add(pivot.hierarchies.getItem("Segment"));
      pivot.columnHierarchies.add(pivot.hierarchies.getItem("Tier"));
      pivot.dataHierarchies.add(pivot.hierarchies.getItem("Monetary")).summarizeBy = "Sum";
      pivot.dataHierarchies.add(pivot.hierarchies.getItem("Frequency")).summarizeBy = "Average";
      await context.sync();
      expect(fullReads()).toBe(1);

      // Activating and selecting cannot change a report: no recompute.
      context.workbook.worksheets.getItem("Pivot").activate();
      context.workbook.worksheets.getItem("Pivot").getRange("A1").select();
      await context.sync();
      expect(fullReads()).toBe(1);

      // A cell of the source changes: recomputed once.
      context.workbook.worksheets.getItem("Data").getRange("D2").values = [[1000]];
      await context.sync();
      expect(fullReads()).toBe(2);
    });
    const pivot = sim.workbook.pivotTables[0];
    expect(pivot?.result[0]).toEqual([
      "Segment",
      "T0 - Sum of Monetary",
      "T0 - Average of Frequency",
      "T1 - Sum of Monetary",
      "T1 - Average of Frequency",
      "T2 - Sum of Monetary",
      "T2 - Average of Frequency",
      "Total Sum of Monetary",
      "Total Average of Frequency",
    ]);
    expect(pivot?.result).toHaveLength(7 + 2);
    // Monetary of row i is i; the first row was changed from 0 to 1000.
    expect(pivot?.result.at(-1)?.[7]).toBe((sourceRows * (sourceRows - 1)) / 2 + 1000);
  });

  it("predicts the report's size without aggregating, for every field layout", () => {
    const sheet = model.createEmptySheet("s1", "Data");
    model.writeValues(sheet, 2, 1, data);
    const base: model.PivotTableModel = {
      id: "p1",
      name: "P",
      sheetId: "s2",
      anchor: { row: 0, column: 0 },
      source: { sheetId: "s1", rect: { row: 2, column: 1, rowCount: sourceRows + 1, columnCount: 5 } },
      rowFields: [],
      columnFields: [],
      dataFields: [],
      result: [],
    };
    const monetary = { name: "Sum of Monetary", sourceField: "Monetary", summarizeBy: "Sum" as const };
    const frequency = { name: "Sum of Frequency", sourceField: "Frequency", summarizeBy: "Sum" as const };
    const layouts: Partial<model.PivotTableModel>[] = [
      { rowFields: ["segment"] },
      { columnFields: ["Tier"], dataFields: [monetary] },
      { rowFields: ["Segment"], columnFields: ["Tier"], dataFields: [monetary, frequency] },
      { rowFields: ["Customer"], dataFields: [frequency] },
    ];
    for (const layout of layouts) {
      const pivot = { ...base, ...layout };
      const result = computePivotResult(pivot, sheet);
      expect(pivotResultSize(pivot, sheet)).toEqual({
        rowCount: result.length,
        columnCount: Math.max(...result.map((row) => row.length)),
      });
    }
  });

  it("still refuses a field that would spill the report over a table", async () => {
    const sim = createWorkbookSim({
      sheets: [
        { name: "Data", values: data },
        { name: "Pivot", values: [[], [], [], [], [], [], [], [], ["x"]] },
      ],
    });
    await expect(
      sim.Excel.run(async (context) => {
        const pivotSheet = context.workbook.worksheets.getItem("Pivot");
        pivotSheet.tables.add("A9:A10", true);
        const pivot = pivotSheet.pivotTables.add("P", `Data!A1:E${sourceRows + 1}`, "A1");
        pivot.rowHierarchies.add(pivot.hierarchies.getItem("Segment"));
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
  });
});
