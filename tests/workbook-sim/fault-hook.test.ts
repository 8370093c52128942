/** sim.injectFault: the hook sees every queued operation once, range.values with the sheet it writes to. */
import { createWorkbookSim } from "../../src/workbook-sim";

describe("injectFault", () => {
  it("is consulted once per operation, with sheetName for range.values", async () => {
    const sim = createWorkbookSim({ sheets: [{ name: "Sales" }, { name: "Notes" }] });
    const seen: string[] = [];
    sim.injectFault((operation) => {
      seen.push(`${operation.kind}${operation.sheetName === undefined ? "" : `@${operation.sheetName}`}`);
      return false;
    });
    await sim.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sales").getRange("A1").values = [["a"]];
      context.workbook.worksheets.getItem("Notes").getRange("B2").values = [["b"]];
      await context.sync();
    });
    expect(seen.filter((kind) => kind.startsWith("range.values"))).toEqual([
      "range.values@Sales",
      "range.values@Notes",
    ]);
  });

  it("fails the n-th write to a sheet when asked, and only that one", async () => {
    const sim = createWorkbookSim({ sheets: [{ name: "Sales" }] });
    let writes = 0;
    sim.injectFault((operation) => operation.kind === "range.values" && ++writes === 2);
    await expect(
      sim.Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sales");
        sheet.getRange("A1").values = [["first"]];
        sheet.getRange("A2").values = [["second"]];
        sheet.getRange("A3").values = [["third"]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "GeneralException" });
    // The first write stays applied (earlier operations of a failing batch do), the second failed.
    expect(sim.workbook.sheets[0]?.rows.map((row) => row?.[0])).toEqual(["first"]);
  });
});
