/**
 * The demo's workbook view (src/demo/workbook-view.ts) in jsdom: rows hidden by a filter in a loaded file are left
 * out as in Excel, the row after them marked, a merged area's inner gridlines are left out, the status line speaks the pane's language, and
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
  test("leaves out a row hidden by a filter, as Excel: the next row moves up and its number marks the gap", () => {
    const { rowOf } = mountView();
    // Row 5 (index 4) is hidden: not drawn, or drawn 0 px tall with nothing in it.
    const hidden = document.querySelector<HTMLElement>('[data-row="4"]');
    if (hidden) {
      expect(hidden.parentElement!.style.height).toBe("0px");
      expect(hidden.parentElement!.textContent).toBe("");
    }
    expect(document.querySelector('[data-r="4"]')).toBeNull();
    const row = (r: number) => rowOf(r).parentElement as HTMLElement;
    const px = (value: string) => Number(value.replace("px", ""));
    const heightOf = (element: HTMLElement) => (element.style.height ? px(element.style.height) : 22);
    expect(px(row(5).style.top)).toBe(px(row(3).style.top) + heightOf(row(3)));
    // Row numbers skip the hidden row (4 then 6), and row 6's number carries the marker and says what is hidden.
    expect(rowOf(3).textContent).toBe("4");
    expect(rowOf(5).textContent).toBe("6");
    expect(rowOf(5).classList).toContain("after-hidden");
    expect(rowOf(5).getAttribute("title")).toBe("Row 5 is hidden in the file (by a filter or by hand)");
    expect(rowOf(3).classList).not.toContain("after-hidden");
    expect(rowOf(3).hasAttribute("title")).toBe(false);
    expect(rowOf(6).classList).not.toContain("after-hidden");
  });

  test("says which rows are hidden in the pane's language, a run of them as first–last", () => {
    document.body.innerHTML =
      '<input id="name-box"><span id="status"></span><div id="grid"></div><nav id="tabs"></nav>';
    const values = Array.from({ length: 12 }, (_, r) => [`r${r + 1}`, r]);
    const sim = createWorkbookSim({
      sheets: [{ name: "Ledger", values, hiddenRows: [2, 3, 4, 8] }],
      selection: "Ledger!A1:B12",
    });
    const view = new WorkbookView(sim, {
      nameBox: document.getElementById("name-box") as HTMLInputElement,
      scroller: document.getElementById("grid")!,
      tabs: document.getElementById("tabs")!,
      status: document.getElementById("status")!,
    });
    const rowOf = (r: number) => document.querySelector<HTMLElement>(`[data-row="${r}"]`)!;
    const title = (r: number) => rowOf(r).getAttribute("title");
    expect(title(5)).toBe("Rows 3–5 are hidden in the file (by a filter or by hand)");
    expect(title(9)).toBe("Row 9 is hidden in the file (by a filter or by hand)");
    view.setText(demoText("zh-Hans"));
    view.render();
    expect(title(5)).toBe("第 3–5 行在文件中被隐藏（筛选或手动隐藏）");
    view.setText(demoText("zh-Hant"));
    view.render();
    expect(title(9)).toBe("第 9 列在檔案中被隱藏（篩選或手動隱藏）");
    // A selection over the hidden rows keeps them (as Excel's): the Name box and the status count all 12 rows.
    expect((document.getElementById("name-box") as HTMLInputElement).value).toBe("A1:B12");
    expect(rowOf(1).classList).toContain("hl");
    expect(rowOf(5).classList).toContain("hl");
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
