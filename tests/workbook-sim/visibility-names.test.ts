import { createWorkbookSim } from "../../src/workbook-sim";

describe("worksheet visibility", () => {
  it("hides sheets, refuses to hide or delete the last visible one, and moves the active sheet", async () => {
    const sim = createWorkbookSim({ sheets: [{ name: "A" }, { name: "B" }] });
    await sim.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("A").visibility = "VeryHidden";
      await context.sync();
    });
    expect(sim.workbook.sheets[0]?.visibility).toBe("VeryHidden");
    expect(sim.workbook.activeSheetId).toBe(sim.workbook.sheets[1]?.id);
    for (const change of ["hide", "delete"] as const) {
      await expect(
        sim.Excel.run(async (context) => {
          const b = context.workbook.worksheets.getItem("B");
          if (change === "hide") b.visibility = "Hidden";
          else b.delete();
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one Excel.run per case, one sync each
          await context.sync();
        }),
      ).rejects.toMatchObject({ code: "InvalidOperation" });
    }
    const visibility = await sim.Excel.run(async (context) => {
      const a = context.workbook.worksheets.getItem("A");
      a.load("visibility");
      await context.sync();
      const seen = a.visibility;
      a.visibility = "Visible";
      await context.sync();
      return seen;
    });
    expect(visibility).toBe("VeryHidden");
    expect(sim.workbook.sheets[0]?.visibility).toBeUndefined();
  });
});

describe("defined names", () => {
  it("share one case-insensitive namespace with tables", async () => {
    const sim = createWorkbookSim({ sheets: [{ name: "S", values: [["h"], [1]] }] });
    await sim.Excel.run(async (context) => {
      context.workbook.names.add("Sales", "=S!$A$1:$A$2");
      await context.sync();
    });
    await expect(
      sim.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").tables.add("A1:A2", true).name = "SALES";
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    const names = await sim.Excel.run(async (context) => {
      const all = context.workbook.names;
      all.load("items/name");
      const missing = context.workbook.names.getItemOrNullObject("nope");
      missing.load("name");
      const found = context.workbook.names.getItem("sales");
      found.load("formula");
      await context.sync();
      return [all.items.map((n) => n.name), missing.isNullObject, found.formula];
    });
    expect(names).toEqual([["Sales"], true, "=S!$A$1:$A$2"]);
  });
});

describe("saveAndReopen", () => {
  it("renumbers sheet ids by position (first sheet as in every new web workbook), keeps tags and saved settings", async () => {
    const sim = createWorkbookSim({ sheets: [{ name: "A" }, { name: "B" }] });
    await sim.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("B").customProperties.add("tag", "x");
      await context.sync();
    });
    sim.Office.context.document.settings.set("saved", 1);
    await new Promise<void>((resolve) => sim.Office.context.document.settings.saveAsync(() => resolve()));
    sim.Office.context.document.settings.set("unsaved", 2);
    sim.saveAndReopen();
    expect(sim.workbook.sheets.map((s) => s.id)).toEqual([
      "{00000000-0001-0000-0000-000000000000}",
      "{00000000-0002-0000-0000-000000000000}",
    ]);
    expect(sim.workbook.sheets[1]?.customProperties).toEqual({ tag: "x" });
    expect(sim.Office.context.document.settings.get("saved")).toBe(1);
    expect(sim.Office.context.document.settings.get("unsaved")).toBeNull();
  });
});
