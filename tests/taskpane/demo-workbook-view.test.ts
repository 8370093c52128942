/**
 * The demo's workbook view (src/demo/workbook-view.ts) in jsdom: rows hidden by a filter in a loaded file are drawn
 * dimmed with a note, a merged area's inner gridlines are left out, the status line speaks the pane's language, and
 * wrapped cells keep their line breaks in rows as tall as the sheet says.
 */
import { demoText } from "../../src/demo/demo-text";
import { WorkbookView } from "../../src/demo/workbook-view";
import { createWorkbookSim } from "../../src/workbook-sim";

function mountView() {
  document.body.innerHTML = '<input id="name-box"><span id="status"></span><div id="grid"></div><nav id="tabs"></nav>';
  const sim = createWorkbookSim({
    sheets: [
      {
        name: "Ledger",
        values: [
          ["Member", "Date", "Amount"],
          ["M1", 45292, 10],
          [null, 45293, 20],
          [null, 45294, 30],
          ["M2", 45295, 40],
        ],
        merged: ["A2:A4"],
        hiddenRows: [4],
      },
    ],
    selection: "Ledger!A1:C5",
  });
  const status = document.getElementById("status")!;
  const view = new WorkbookView(sim, {
    nameBox: document.getElementById("name-box") as HTMLInputElement,
    scroller: document.getElementById("grid")!,
    tabs: document.getElementById("tabs")!,
    status,
  });
  const cell = (r: number, c: number) => document.querySelector(`[data-r="${r}"][data-c="${c}"]`)!;
  const rowOf = (r: number) => document.querySelector(`[data-row="${r}"]`)!;
  return { sim, view, status, cell, rowOf };
}

describe("the demo's workbook view", () => {
  test("dims a row hidden by a filter and says why on its number", () => {
    const { rowOf } = mountView();
    expect(rowOf(4).parentElement!.classList).toContain("hidden-row");
    expect(rowOf(4).getAttribute("title")).toBe("Hidden in the file (by a filter or by hand)");
    expect(rowOf(3).parentElement!.classList).not.toContain("hidden-row");
  });

  test("draws a merged area without its inner gridlines", () => {
    const { cell } = mountView();
    expect(cell(1, 0).classList).toContain("merged-above");
    expect(cell(2, 0).classList).toContain("merged-above");
    expect(cell(3, 0).classList).not.toContain("merged-above");
    expect(cell(1, 1).classList).not.toContain("merged-above");
  });

  test("writes the status line in the language it is given", () => {
    const { view, status } = mountView();
    expect(status.textContent).toBe("Ledger · 5 rows · selection 5R × 3C");
    view.setText(demoText("zh-Hans"));
    expect(status.textContent).toBe("Ledger · 5 行 · 已选 5 行 × 3 列");
    view.setText(demoText("zh-Hant"));
    expect(status.textContent).toBe("Ledger · 5 列 · 已選取 5 列 × 3 欄");
  });

  test("a message (a file loaded, an address that is none) stays through redraws until the selection changes", () => {
    const { sim, view, status } = mountView();
    view.showMessage("Loaded ledger.xlsx into Ledger!A1:C5");
    view.render();
    expect(status.textContent).toBe("Loaded ledger.xlsx into Ledger!A1:C5");
    expect(view.goTo("not an address")).toBe(false);
    view.render();
    expect(status.textContent).toBe("“not an address” is not a cell or range address.");
    sim.setSelection("Ledger!B2");
    view.render();
    expect(status.textContent).toBe("Ledger · 5 rows · selection 1R × 1C");
  });

  test("draws a wrapped header's lines in a row as tall as autofitRows made it, pushing the rows below down", async () => {
    document.body.innerHTML =
      '<input id="name-box"><span id="status"></span><div id="grid"></div><nav id="tabs"></nav>';
    const header = "Average\nrecency\n(days)";
    const sim = createWorkbookSim({
      sheets: [
        {
          name: "Summary",
          values: [
            ["Segment", "Share of\ncustomers", header, "Note\nhere"],
            ["Champions", 0.25, 12, "x"],
          ],
        },
      ],
    });
    await sim.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Summary");
      sheet.getRange("A1:C1").format.wrapText = true;
      sheet.getRange("A1:D2").format.autofitColumns();
      sheet.getRange("A1:D2").format.autofitRows();
      await context.sync();
    });
    expect(sim.workbook.sheets[0]!.rowHeights[0]).toBe(45);
    new WorkbookView(sim, {
      nameBox: document.getElementById("name-box") as HTMLInputElement,
      scroller: document.getElementById("grid")!,
      tabs: document.getElementById("tabs")!,
      status: document.getElementById("status")!,
    });
    const cell = (r: number, c: number) => document.querySelector<HTMLElement>(`[data-r="${r}"][data-c="${c}"]`)!;
    const row = (r: number) => cell(r, 0).parentElement!;
    expect(cell(0, 2).classList).toContain("wrap");
    expect(cell(0, 2).textContent).toBe(header);
    expect(cell(0, 1).textContent).toBe("Share of\ncustomers");
    // Not wrapped: Excel draws the text on one line, the line feed not shown.
    expect(cell(0, 3).classList).not.toContain("wrap");
    expect(cell(0, 3).textContent).toBe("Notehere");
    expect(row(0).style.height).toBe("66px");
    expect(row(0).style.top).toBe("0px");
    expect(row(1).style.top).toBe("66px");
    expect(row(2).style.top).toBe("88px");
  });
});
