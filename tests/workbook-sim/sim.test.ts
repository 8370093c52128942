/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load -- these tests read unloaded properties on purpose, to check the simulator throws as Excel does */
import { PAYLOAD_LIMIT_BYTES, createWorkbookSim, type SimCellValue } from "../../src/workbook-sim";

function grid(rows: number, columns: number, cell: (r: number, c: number) => SimCellValue): SimCellValue[][] {
  return Array.from({ length: rows }, (_v, r) => Array.from({ length: columns }, (_w, c) => cell(r, c)));
}

describe("workbook-sim proxies", () => {
  it("throws PropertyNotLoaded in Excel's words until load + sync", async () => {
    const sim = createWorkbookSim({ sheets: [{ name: "Data", values: [["a", 1]] }] });
    await sim.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Data").getRange("A1:B1");
      expect(() => range.values).toThrow(
        "The property 'values' is not available. Before reading the property's value, call the load method",
      );
      range.load("values, address");
      expect(() => range.address).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }) as Error);
      await context.sync();
      expect(range.values).toEqual([["a", 1]]);
      expect(range.address).toBe("Data!A1:B1");
      expect(() => range.rowCount).toThrow("The property 'rowCount' is not available");
    });
  });

  it("runs queued operations only at sync", async () => {
    const sim = createWorkbookSim();
    const changes: number[] = [];
    sim.subscribe(() => changes.push(1));
    await sim.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("B2").values = [[42]];
      expect(sim.workbook.sheets[0]?.rows[1]).toBeUndefined();
      await context.sync();
      expect(sim.workbook.sheets[0]?.rows[1]?.[1]).toBe(42);
    });
    expect(changes.length).toBeGreaterThan(0);
  });

  it("fails a sync whose request payload exceeds 5 MB and applies nothing", async () => {
    const sim = createWorkbookSim();
    const rows = 60_000;
    const big = grid(rows, 4, (r, c) => `value-${r}-${c}-padding`);
    await expect(
      sim.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRangeByIndexes(0, 0, rows, 4).values = big;
        await context.sync();
      }),
    ).rejects.toMatchObject({
      code: "RequestPayloadSizeLimitExceeded",
      message: expect.stringContaining("The request payload size has exceeded the limit") as string,
    });
    expect(sim.workbook.sheets[0]?.rows.length).toBe(0);
    expect(sim.syncLog[0]?.requestBytes).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
  });

  it("fails a read whose response exceeds 5 MB, and reads of more than 5,000,000 cells", async () => {
    const rows = 100_000;
    const sim = createWorkbookSim({ sheets: [{ name: "S", values: grid(rows, 4, (r) => `customer-number-${r}`) }] });
    await expect(
      sim.Excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, rows, 4);
        range.load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    await expect(
      sim.Excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem("S").getRange("A:E");
        range.load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
  });

  it("returns whole-column selections as 1,048,576-row ranges, and stops at the grid's edge", async () => {
    const sim = createWorkbookSim({ sheets: [{ name: "Sales", values: [["a"], [1]] }], selection: "Sales!A:F" });
    await sim.Excel.run(async (context) => {
      const selection = context.workbook.getSelectedRange();
      selection.load("address,rowCount,columnCount");
      await context.sync();
      expect(selection.address).toBe("Sales!A:F");
      expect(selection.rowCount).toBe(1_048_576);
      expect(selection.columnCount).toBe(6);
    });
    await expect(
      sim.Excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem("Sales").getRangeByIndexes(1_048_575, 0, 2, 1);
        range.load("address");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(
      sim.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Sales").getRangeByIndexes(0, 16_383, 1, 2).values = [[1, 2]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("rejects values whose shape does not match the range", async () => {
    const sim = createWorkbookSim();
    await expect(
      sim.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [[1, 2]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(sim.workbook.sheets[0]?.rows).toEqual([]);
  });

  it("turns an ISO date string into a date serial, as Excel does, and fills a range from a scalar", async () => {
    const sim = createWorkbookSim();
    await sim.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").values = [["2024-03-01"]];
      sheet.getRange("B1:B3").numberFormat = "0.00" as unknown as string[][];
      await context.sync();
    });
    expect(sim.workbook.sheets[0]?.rows[0]?.[0]).toBe(45352);
    expect(sim.workbook.sheets[0]?.numberFormats[0]?.[0]).toBe("yyyy-mm-dd");
    expect(sim.workbook.sheets[0]?.numberFormats.map((row) => row?.[1])).toEqual(["0.00", "0.00", "0.00"]);
  });
});

describe("workbook-sim names", () => {
  it.each([["x".repeat(32)], ["a[b"], ["a/b"], ["a:b"], ["a*b"], ["a?b"], ["a\\b"], ["   "], [""], ["'quoted'"]])(
    "rejects the sheet name %j",
    async (name) => {
      const sim = createWorkbookSim();
      await expect(
        sim.Excel.run(async (context) => {
          context.workbook.worksheets.add(name);
          await context.sync();
        }),
      ).rejects.toMatchObject({ code: "InvalidArgument" });
    },
  );

  it("rejects a sheet name used already, ignoring case; accepts 31 characters and Chinese", async () => {
    const sim = createWorkbookSim({ sheets: [{ name: "Sales" }] });
    await expect(
      sim.Excel.run(async (context) => {
        context.workbook.worksheets.add("SALES");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    await sim.Excel.run(async (context) => {
      context.workbook.worksheets.add("y".repeat(31));
      context.workbook.worksheets.add("客户分群");
      await context.sync();
    });
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(["Sales", "y".repeat(31), "客户分群"]);
  });

  it.each([["1Table"], ["has space"], ["A1"], ["R1C1"], ["a-b"]])("rejects the table name %j", async (name) => {
    const sim = createWorkbookSim({ sheets: [{ name: "S", values: [["h"], [1]] }] });
    await expect(
      sim.Excel.run(async (context) => {
        const table = context.workbook.worksheets.getItem("S").tables.add("A1:A2", true);
        table.name = name;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("keeps table names unique across the workbook and refuses overlapping tables", async () => {
    const sim = createWorkbookSim({
      sheets: [
        {
          name: "S",
          values: [
            ["h", "i"],
            [1, 2],
          ],
        },
        { name: "T", values: [["h"], [1]] },
      ],
    });
    await sim.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").tables.add("A1:A2", true).name = "客户表";
      await context.sync();
    });
    await expect(
      sim.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("T").tables.add("A1:A2", true).name = "客户表";
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" /* office-js#551 */ });
    await expect(
      sim.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").tables.add("A1:B2", true);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });
});

describe("workbook-sim objects", () => {
  /** Table "T" over A1:B3 with the user's notes in column E: one in a table row, one below the table. */
  function tableWithNotes(excelApi: string) {
    const sim = createWorkbookSim({
      sheets: [
        {
          name: "S",
          values: [
            ["Name", "Amount"],
            ["a", 1, null, null, "beside"],
            ["b", 2],
            [null, null, null, null, "below"],
          ],
        },
      ],
      requirementSets: { ExcelApi: excelApi },
    });
    return sim;
  }

  it("inserts cells for table.columns.add, shifting the user's cells right of the table in its rows only", async () => {
    const sim = tableWithNotes("1.13");
    await sim.Excel.run(async (context) => {
      const table = context.workbook.worksheets.getItem("S").tables.add("A1:B3", true);
      table.columns.add(undefined, undefined, "Segment");
      await context.sync();
    });
    const rows = sim.workbook.sheets[0]!.rows;
    expect(sim.workbook.tables[0]?.rect).toEqual({ row: 0, column: 0, rowCount: 3, columnCount: 3 });
    // The note beside the table moved from E2 to F2, out of line with the note below it (still in E4).
    expect(rows[1]?.[4]).toBeUndefined();
    expect(rows[1]?.[5]).toBe("beside");
    expect(rows[3]?.[4]).toBe("below");
  });

  it("deletes a table column by shifting the cells right of it left, in the table's rows only", async () => {
    const sim = tableWithNotes("1.13");
    await sim.Excel.run(async (context) => {
      const table = context.workbook.worksheets.getItem("S").tables.add("A1:B3", true);
      table.columns.getItemAt(0).delete();
      await context.sync();
    });
    const rows = sim.workbook.sheets[0]!.rows;
    expect(sim.workbook.tables[0]?.rect).toEqual({ row: 0, column: 0, rowCount: 3, columnCount: 1 });
    expect(rows[0]?.[0]).toBe("Amount");
    // The note beside the table moved from E2 to D2; the note below the table stayed in E4.
    expect(rows[1]?.[0]).toBe(1);
    expect(rows[1]?.[3]).toBe("beside");
    expect(rows[1]?.[4]).toBeUndefined();
    expect(rows[3]?.[4]).toBe("below");
  });

  it("resizes a table (ExcelApi 1.13) without moving cells; new header cells keep their values", async () => {
    const sim = tableWithNotes("1.13");
    await sim.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      const table = sheet.tables.add("A1:B3", true);
      sheet.getRange("C1:D3").values = [
        ["Amount", ""],
        ["x", "y"],
        ["z", "w"],
      ];
      table.resize("S!A1:D3");
      await context.sync();
    });
    const rows = sim.workbook.sheets[0]!.rows;
    expect(sim.workbook.tables[0]?.rect).toEqual({ row: 0, column: 0, rowCount: 3, columnCount: 4 });
    expect(rows[0]?.slice(0, 4)).toEqual(["Name", "Amount", "Amount2", "Column4"]);
    expect(rows[1]).toEqual(["a", 1, "x", "y", "beside"]);
    expect(rows[3]?.[4]).toBe("below");

    // Shrinking back leaves the cells that leave the table as they are.
    await sim.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.tables.getItem(sim.workbook.tables[0]!.name).resize(sheet.getRangeByIndexes(0, 0, 3, 2));
      await context.sync();
    });
    expect(sim.workbook.tables[0]?.rect).toEqual({ row: 0, column: 0, rowCount: 3, columnCount: 2 });
    expect(rows[1]).toEqual(["a", 1, "x", "y", "beside"]);
  });

  it("refuses a resize that moves the header row or top-left cell, or overlaps another table", async () => {
    const sim = tableWithNotes("1.13");
    await sim.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.tables.add("A1:B3", true).name = "T";
      sheet.tables.add("E6:E7", true).name = "Other";
      await context.sync();
    });
    const resize = (address: string) =>
      sim.Excel.run(async (context) => {
        context.workbook.tables.getItem("T").resize(address);
        await context.sync();
      });
    await expect(resize("S!A2:C3")).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(resize("S!B1:C3")).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(resize("S!A1:E8")).rejects.toMatchObject({ code: "InvalidOperation" });
    expect(sim.workbook.tables[0]?.rect).toEqual({ row: 0, column: 0, rowCount: 3, columnCount: 2 });
  });

  it("fails table.resize with ApiNotFound below ExcelApi 1.13", async () => {
    const sim = tableWithNotes("1.12");
    await expect(
      sim.Excel.run(async (context) => {
        const table = context.workbook.worksheets.getItem("S").tables.add("A1:B3", true);
        await context.sync();
        table.resize("S!A1:D3");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    expect(sim.workbook.tables[0]?.rect.columnCount).toBe(2);
  });

  it("computes PivotTables over a table and writes them into the sheet", async () => {
    const data: SimCellValue[][] = [
      ["Customer", "Segment", "Tier", "Monetary"],
      ["a", "Loyal", "A", 10],
      ["b", "Loyal", "B", 5],
      ["c", "Lost", "B", 1],
    ];
    const sim = createWorkbookSim({ sheets: [{ name: "Data", values: data }, { name: "Pivot" }] });
    await sim.Excel.run(async (context) => {
      const table = context.workbook.worksheets.getItem("Data").tables.add("A1:D4", true);
      const pivot = context.workbook.worksheets.getItem("Pivot").pivotTables.add("P", table, "B2");
      pivot.rowHierarchies.add(pivot.hierarchies.getItem("Segment"));
      pivot.columnHierarchies.add(pivot.hierarchies.getItem("Tier"));
      const sum = pivot.dataHierarchies.add(pivot.hierarchies.getItem("Monetary"));
      sum.summarizeBy = "Sum";
      await context.sync();
    });
    const pivot = sim.workbook.pivotTables[0];
    expect(pivot?.rowFields).toEqual(["Segment"]);
    expect(pivot?.columnFields).toEqual(["Tier"]);
    expect(pivot?.result).toEqual([
      ["Segment", "A", "B", "Grand Total"],
      ["Lost", 0, 1, 1],
      ["Loyal", 10, 5, 15],
      ["Grand Total", 10, 6, 16],
    ]);
    expect(sim.workbook.sheets[1]?.rows[2]?.[1]).toBe("Lost");
    await expect(
      sim.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Pivot").getRange("C3").values = [[1]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
  });

  it("fails PivotTables with ApiNotFound below ExcelApi 1.8", async () => {
    const sim = createWorkbookSim({
      sheets: [{ name: "D", values: [["a"], [1]] }],
      requirementSets: { ExcelApi: "1.7" },
    });
    expect(sim.Office.context.requirements.isSetSupported("ExcelApi", "1.7")).toBe(true);
    expect(sim.Office.context.requirements.isSetSupported("ExcelApi", "1.8")).toBe(false);
    await expect(
      sim.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("D").pivotTables.add("P", "D!A1:A2", "C1");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  it("resolves chart series from the source range", async () => {
    const sim = createWorkbookSim({
      sheets: [
        {
          name: "D",
          values: [
            ["Segment", "Customers"],
            ["Loyal", 3],
            ["Lost", 1],
          ],
        },
      ],
    });
    await sim.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("D");
      const chart = sheet.charts.add("BarClustered", sheet.getRange("A1:B3"), "Columns");
      chart.title.text = "Customers";
      chart.setPosition("D2", "K16");
      await context.sync();
    });
    expect(sim.workbook.charts[0]).toMatchObject({
      type: "BarClustered",
      title: "Customers",
      position: { row: 1, column: 3, rowCount: 15, columnCount: 8 },
      series: [{ name: "Customers", categories: ["Loyal", "Lost"], values: [3, 1] }],
    });
  });

  it("loads collection items and null objects", async () => {
    const sim = createWorkbookSim({ sheets: [{ name: "A" }, { name: "B" }] });
    await sim.Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      const missing = sheets.getItemOrNullObject("Nope");
      missing.load("name");
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["A", "B"]);
      expect(() => sheets.items[0]?.id).toThrow("The property 'id' is not available");
      expect(missing.isNullObject).toBe(true);
    });
  });

  it("keeps document settings until saveAsync", async () => {
    const sim = createWorkbookSim();
    const settings = sim.Office.context.document.settings;
    settings.set("k", { a: 1, when: new Date(0) });
    expect(sim.workbook.savedSettings).toEqual({});
    await new Promise<void>((resolve) => settings.saveAsync(() => resolve()));
    expect(sim.workbook.savedSettings).toEqual({ k: { a: 1, when: "1970-01-01T00:00:00.000Z" } });
    expect(settings.get("missing")).toBeNull();
  });
});
