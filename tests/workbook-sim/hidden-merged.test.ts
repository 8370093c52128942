import { createWorkbookSim } from "../../src/workbook-sim";

describe("hidden rows", () => {
  it("reads Range.rowHidden as true (all hidden), false (none) or null (some), as Excel does", async () => {
    const sim = createWorkbookSim({
      sheets: [{ name: "S", values: [["a"], ["b"], ["c"], ["d"]], hiddenRows: [1, 2] }],
    });
    const states = await sim.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      const ranges = ["A2:A3", "A1", "A1:A4", "A2:C2"].map((address) => sheet.getRange(address).load("rowHidden"));
      await context.sync();
      return ranges.map((range) => range.rowHidden);
    });
    expect(states).toEqual([true, false, null, true]);
  });
});

describe("merged areas", () => {
  it("keeps the value in the top-left cell only and refuses initial values in the other cells", () => {
    expect(() => createWorkbookSim({ sheets: [{ name: "S", values: [["a"], ["b"]], merged: ["A1:A2"] }] })).toThrow(
      /top-left/,
    );
    expect(() => createWorkbookSim({ sheets: [{ name: "S", merged: ["A1:A2", "A2:B2"] }] })).toThrow(/overlap/);
  });

  it("returns whole merged areas meeting a range, a null object when none, ApiNotFound below ExcelApi 1.13", async () => {
    const sim = createWorkbookSim({
      sheets: [{ name: "S", values: [["id"], ["M1"], [null], [null], ["M2"], [null]], merged: ["A2:A4", "A5:A6"] }],
      requirementSets: { ExcelApi: "1.13" },
    });
    const seen = await sim.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      const some = sheet.getRange("A3:A5").getMergedAreasOrNullObject();
      const none = sheet.getRange("B1:B9").getMergedAreasOrNullObject();
      some.load("address,areaCount");
      none.load("areaCount");
      const values = sheet.getRange("A1:A6").load("values");
      await context.sync();
      some.areas.load("items/address");
      await context.sync();
      return {
        address: some.address,
        count: some.areaCount,
        items: some.areas.items.map((item) => item.address),
        none: none.isNullObject,
        values: values.values.map((row) => row[0]),
      };
    });
    expect(seen).toEqual({
      address: "S!A2:A4,S!A5:A6",
      count: 2,
      items: ["S!A2:A4", "S!A5:A6"],
      none: true,
      values: ["id", "M1", "", "", "M2", ""],
    });
    sim.setRequirementSets({ ExcelApi: "1.12" });
    await expect(
      sim.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1:A6").getMergedAreasOrNullObject().load("areaCount");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  it("fails past 512 merged areas in one call (@types/office-js)", async () => {
    const merged = Array.from({ length: 513 }, (_v, i) => `A${2 * i + 1}:A${2 * i + 2}`);
    const sim = createWorkbookSim({ sheets: [{ name: "S", merged }], requirementSets: { ExcelApi: "1.13" } });
    await expect(
      sim.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A:A").getMergedAreasOrNullObject().load("areaCount");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
  });
});
