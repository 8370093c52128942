/**
 * The simulator must use the real Office.js member names. The type annotations make `tsc` reject a name missing
 * from @types/office-js or from the simulator; the runtime checks catch a member lost from an instance.
 */
import type * as Sim from "../../src/workbook-sim/excel-api";
import { createWorkbookSim } from "../../src/workbook-sim";

type Shared<Real, Simulated> = Extract<keyof Real, keyof Simulated>;

const rangeMembers: Shared<Excel.Range, Sim.Range>[] = [
  "address",
  "values",
  "numberFormat",
  "rowCount",
  "columnCount",
  "rowIndex",
  "columnIndex",
  "load",
  "getIntersection",
  "getIntersectionOrNullObject",
  "getCell",
  "getResizedRange",
  "getOffsetRange",
  "getUsedRange",
  "getUsedRangeOrNullObject",
  "format",
  "conditionalFormats",
  "clear",
  "select",
  "worksheet",
  "isNullObject",
];
const worksheetMembers: Shared<Excel.Worksheet, Sim.Worksheet>[] = [
  "name",
  "id",
  "getRange",
  "getRangeByIndexes",
  "getUsedRange",
  "getUsedRangeOrNullObject",
  "tables",
  "pivotTables",
  "charts",
  "customProperties",
  "freezePanes",
  "activate",
  "delete",
];
const collectionMembers: Shared<Excel.WorksheetCollection, Sim.WorksheetCollection>[] = [
  "getActiveWorksheet",
  "getItem",
  "getItemOrNullObject",
  "add",
  "items",
  "load",
];
const tableMembers: Shared<Excel.Table, Sim.Table>[] = [
  "name",
  "style",
  "getRange",
  "getDataBodyRange",
  "getHeaderRowRange",
  "rows",
  "columns",
  "resize",
  "delete",
];
const pivotMembers: Shared<Excel.PivotTable, Sim.PivotTable>[] = [
  "name",
  "hierarchies",
  "rowHierarchies",
  "columnHierarchies",
  "dataHierarchies",
  "layout",
  "delete",
];
const chartMembers: Shared<Excel.Chart, Sim.Chart>[] = ["name", "title", "legend", "axes", "setPosition", "delete"];
const contextMembers: Shared<Excel.RequestContext, Sim.RequestContext>[] = [
  "workbook",
  "application",
  "sync",
  "trackedObjects",
];
const applicationMembers: Shared<Excel.Application, Sim.Application>[] = [
  "suspendApiCalculationUntilNextSync",
  "suspendScreenUpdatingUntilNextSync",
];

describe("simulator API shape", () => {
  it("exposes the Office.js member names on live objects", async () => {
    const sim = createWorkbookSim({ sheets: [{ name: "S", values: [["h"], [1]] }] });
    await sim.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      const table = sheet.tables.add("A1:A2", true);
      const pivot = sheet.pivotTables.add("P", table, "C1");
      const chart = sheet.charts.add("Pie", sheet.getRange("A1:A2"));
      const pairs: [object, string[]][] = [
        [sheet.getRange("A1"), rangeMembers],
        [sheet, worksheetMembers],
        [context.workbook.worksheets, collectionMembers],
        [table, tableMembers],
        [pivot, pivotMembers],
        [chart, chartMembers],
        [context, contextMembers],
        [context.application, applicationMembers],
      ];
      for (const [instance, members] of pairs)
        for (const member of members) expect([member, member in instance]).toEqual([member, true]);
      await context.sync();
    });
  });
});
