/* Cell content as Excel stores it: formulas apart from values, typed-input parsing, the "@" text format. */
import { createWorkbookSim, type SimCellValue } from "../../src/workbook-sim";

async function writeAndRead(
  entries: SimCellValue[],
  numberFormat?: string,
): Promise<{ values: unknown[]; formulas: unknown[]; valueTypes: unknown[]; text: unknown[]; formats: unknown[] }> {
  const sim = createWorkbookSim();
  const n = entries.length;
  return sim.Excel.run(async (context) => {
    const range = context.workbook.worksheets.getItem("Sheet1").getRangeByIndexes(0, 0, 1, n);
    if (numberFormat !== undefined) range.numberFormat = [entries.map(() => numberFormat)];
    range.values = [entries];
    await context.sync();
    range.load("values,formulas,valueTypes,text,numberFormat");
    await context.sync();
    return {
      values: range.values[0] ?? [],
      formulas: range.formulas[0] ?? [],
      valueTypes: range.valueTypes[0] ?? [],
      text: range.text[0] ?? [],
      formats: range.numberFormat[0] ?? [],
    };
  });
}

describe("workbook-sim cell content", () => {
  it("interprets strings written to values like typed input", async () => {
    const read = await writeAndRead([
      "=1+1",
      '=""',
      "-10% coupon",
      "+A1",
      "@SUM(A1)",
      "00123",
      "1e3",
      "10%",
      "-5",
      "2024-01",
      "2024-01-15",
      "TRUE",
      "'=literal",
      '=HYPERLINK("http://x","y")',
      "-",
      "plain",
    ]);
    expect(read.formulas).toEqual([
      "=1+1",
      '=""',
      "=-10% coupon",
      "=+A1",
      "=SUM(A1)",
      123,
      1000,
      0.1,
      -5,
      45292,
      45306,
      true,
      "=literal",
      '=HYPERLINK("http://x","y")',
      "-",
      "plain",
    ]);
    expect(read.values).toEqual([
      "#NAME?",
      "",
      "#NAME?",
      "#NAME?",
      "#NAME?",
      123,
      1000,
      0.1,
      -5,
      45292,
      45306,
      true,
      "=literal",
      "#NAME?",
      "-",
      "plain",
    ]);
    expect(read.valueTypes.slice(0, 6)).toEqual(["Error", "String", "Error", "Error", "Error", "Double"]);
    expect(read.valueTypes.slice(11, 13)).toEqual(["Boolean", "String"]);
    expect(read.formats[7]).toBe("0%");
    expect(read.formats[10]).toBe("yyyy-mm-dd");
    expect(read.text[10]).toBe("2024-01-15");
    expect(read.text[7]).toBe("10%");
  });

  it("keeps every string verbatim in cells formatted as text (@)", async () => {
    const entries = ["=1+1", "-10% coupon", "00123", "2024-01", "TRUE", "'x", '=HYPERLINK("http://x","y")'];
    const read = await writeAndRead(entries, "@");
    expect(read.values).toEqual(entries);
    expect(read.formulas).toEqual(entries);
    expect(read.valueTypes).toEqual(entries.map(() => "String"));
    expect(read.text).toEqual(entries);
  });

  it("replaces a formula when a constant is written over it, and clears it with the cell", async () => {
    const sim = createWorkbookSim();
    await sim.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:B1").formulas = [["=A2", "=B2"]];
      await context.sync();
      sheet.getRange("A1").values = [["x"]];
      sheet.getRange("B1").clear();
      await context.sync();
    });
    const sheet = sim.workbook.sheets[0]!;
    expect(sheet.rows[0]?.[0]).toBe("x");
    expect(sheet.formulas[0]?.[0]).toBeUndefined();
    expect(sheet.formulas[0]?.[1]).toBeUndefined();
  });
});

describe("workbook-sim PivotTable placement", () => {
  it("refuses a PivotTable report that would overwrite cells", async () => {
    const sim = createWorkbookSim({
      sheets: [
        {
          name: "D",
          values: [
            ["Region", "Amount"],
            ["North", 1],
            ["South", 2],
          ],
        },
        { name: "P", values: [[], [], [], ["user's note"]] },
      ],
    });
    await expect(
      sim.Excel.run(async (context) => {
        const pivot = context.workbook.worksheets.getItem("P").pivotTables.add("Pv", "D!A1:B3", "P!A1");
        pivot.rowHierarchies.add(pivot.hierarchies.getItem("Region"));
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
    expect(sim.workbook.sheets[1]?.rows[3]?.[0]).toBe("user's note");
  });

  it("lets a PivotTable grow over its own earlier report", async () => {
    const sim = createWorkbookSim({
      sheets: [
        {
          name: "D",
          values: [
            ["Region", "Amount"],
            ["North", 1],
            ["South", 2],
          ],
        },
        { name: "P" },
      ],
    });
    await sim.Excel.run(async (context) => {
      const pivot = context.workbook.worksheets.getItem("P").pivotTables.add("Pv", "D!A1:B3", "P!A1");
      pivot.rowHierarchies.add(pivot.hierarchies.getItem("Region"));
      await context.sync();
      pivot.dataHierarchies.add(pivot.hierarchies.getItem("Amount"));
      await context.sync();
    });
    expect(sim.workbook.pivotTables[0]?.result.length).toBeGreaterThan(2);
  });
});

describe("workbook-sim PivotTable number formats", () => {
  it("shows a data field's numberFormat on its values and totals, not on labels (DataPivotHierarchy.numberFormat)", async () => {
    const sim = createWorkbookSim({
      sheets: [
        {
          name: "D",
          values: [
            ["Region", "Amount"],
            ["North", 1234.5],
            ["South", 2],
          ],
        },
        { name: "P" },
      ],
    });
    const text = await sim.Excel.run(async (context) => {
      const pivot = context.workbook.worksheets.getItem("P").pivotTables.add("Pv", "D!A1:B3", "P!A1");
      pivot.rowHierarchies.add(pivot.hierarchies.getItem("Region"));
      const amount = pivot.dataHierarchies.add(pivot.hierarchies.getItem("Amount"));
      amount.numberFormat = "#,##0.00";
      await context.sync();
      const report = context.workbook.worksheets.getItem("P").getRange("A1:B4").load("text,numberFormat");
      await context.sync();
      return { text: report.text, formats: report.numberFormat };
    });
    expect(text.text).toEqual([
      ["Region", "Sum of Amount"],
      ["North", "1,234.50"],
      ["South", "2.00"],
      ["Grand Total", "1,236.50"],
    ]);
    expect(text.formats.map((row) => row[0])).toEqual(["General", "General", "General", "General"]);
  });
});

describe("workbook-sim autofit and calculation", () => {
  it("autofits a column by its whole content, not only the range's rows (office-js#5999)", async () => {
    const long = "a much longer value far below the range";
    const sim = createWorkbookSim({
      sheets: [{ name: "S", values: [["id"], ["x"], ...new Array<string[]>(50).fill([""]), [long]] }],
    });
    await sim.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:A2").format.autofitColumns();
      await context.sync();
    });
    const short = createWorkbookSim({ sheets: [{ name: "S", values: [["id"], ["x"]] }] });
    await short.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:A2").format.autofitColumns();
      await context.sync();
    });
    expect(sim.workbook.sheets[0]!.columnWidths[0]).toBeGreaterThan(short.workbook.sheets[0]!.columnWidths[0]!);
  });

  it("reads a column width after load only, in points, null when the range's columns differ (RangeFormat.columnWidth)", async () => {
    const sim = createWorkbookSim({ sheets: [{ name: "S", values: [["id", "amount"]] }] });
    const widths = await sim.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      // eslint-disable-next-line office-addins/load-object-before-read -- reading before load is what is tested
      expect(() => sheet.getRange("A:A").format.columnWidth).toThrow(/call the load method/);
      const a = sheet.getRange("A:A").format.load("columnWidth");
      const both = sheet.getRange("A1:B1").format.load("columnWidth");
      await context.sync();
      const before = [a.columnWidth, both.columnWidth];
      sheet.getRange("B:B").format.columnWidth = 90;
      both.load("columnWidth");
      await context.sync();
      return [...before, both.columnWidth];
    });
    expect(widths).toEqual([48, 48, null]);
    expect(sim.workbook.sheets[0]!.columnWidths[1]).toBe(90);
  });

  it("fits a wrapped cell to its widest line and grows its row on autofitRows (RangeFormat.wrapText)", async () => {
    const header = "Average\nrecency\n(days)";
    const run = (wrap: boolean) => {
      const sim = createWorkbookSim({
        sheets: [
          {
            name: "S",
            values: [
              [header, "x"],
              [1.5, "y"],
            ],
          },
        ],
      });
      return sim.Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("S");
        if (wrap) sheet.getRange("A1").format.wrapText = true;
        sheet.getRange("A1:B2").format.autofitColumns();
        sheet.getRange("A1:B2").format.autofitRows();
        const first = sheet.getRange("A1").format.load("rowHeight");
        const both = sheet.getRange("A1:A2").format.load("rowHeight");
        await context.sync();
        return { width: sim.workbook.sheets[0]!.columnWidths[0]!, row: first.rowHeight, both: both.rowHeight };
      });
    };
    const wrapped = await run(true);
    const plain = await run(false);
    // Wrapped: as wide as "recency", three lines tall; not wrapped: one line, as wide as the whole text.
    expect(wrapped.row).toBe(45);
    expect(wrapped.both).toBeNull();
    expect(plain.row).toBe(15);
    expect(plain.width).toBeGreaterThan(wrapped.width * 2);
  });

  it("marks formulas stale after a suspended-calculation write until application.calculate runs", async () => {
    const sim = createWorkbookSim();
    await sim.Excel.run(async (context) => {
      context.application.suspendApiCalculationUntilNextSync();
      context.application.suspendScreenUpdatingUntilNextSync();
      context.application.suspendScreenUpdatingUntilNextSync();
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      await context.sync();
    });
    expect(sim.workbook.calculation.stale).toBe(true);
    expect(sim.syncLog.find((record) => record.operations > 0)).toMatchObject({
      calculationSuspended: true,
      screenUpdatingSuspensions: 2,
    });
    await sim.Excel.run(async (context) => {
      context.application.calculate("Recalculate");
      await context.sync();
    });
    expect(sim.workbook.calculation).toMatchObject({ stale: false, recalculations: 1 });
    await sim.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A2").values = [[2]];
      await context.sync();
    });
    expect(sim.workbook.calculation.stale).toBe(false);
  });
});
