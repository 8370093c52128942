/** The demo's pure parts in Node: typing CSV text as Excel would, sheet names, charts and cell display text. */
import { displayText } from "../../src/demo/cell-format";
import { chartSvg } from "../../src/demo/chart-svg";
import { syntheticSalesRows } from "../../src/demo/synthetic-sales";
import { dateTextToSerial, isIdHeader, parseCsvText, typeTextRows } from "../../src/demo/typed-cells";
import { addTypedSheet, uniqueSheetName } from "../../src/demo/workbook-data";
import { createWorkbookSim } from "../../src/workbook-sim";
import type { ChartModel } from "../../src/workbook-sim/model";

describe("typing CSV text", () => {
  it("reads ISO dates and date-times as Excel serials, rejecting impossible dates", () => {
    expect(dateTextToSerial("1970-01-01")).toEqual({ serial: 25569, hasTime: false });
    expect(dateTextToSerial("2024/02/29 12:00")).toEqual({ serial: 45351.5, hasTime: true });
    expect(dateTextToSerial("2023-02-29")).toBeNull();
    expect(dateTextToSerial("2023-01-01 24:00")).toBeNull();
    expect(dateTextToSerial("01/02/2023")).toBeNull();
  });

  it("keeps id columns as text and types the rest", () => {
    const typed = typeTextRows(
      parseCsvText(
        'Invoice No,Customer ID,Invoice Date,Amount,Note\n00012,007,2024-01-05 08:30,"1,234.50",x\nC9,8,bad,-3,"a ""b"""\n',
      ),
    );
    expect(typed.values).toEqual([
      ["Invoice No", "Customer ID", "Invoice Date", "Amount", "Note"],
      ["00012", "007", 45296 + 8.5 / 24, 1234.5, "x"],
      ["C9", "8", "bad", -3, 'a "b"'],
    ]);
    expect(typed.formats[1]).toEqual(["General", "General", "yyyy-mm-dd hh:mm", "#,##0.00", "General"]);
    expect(isIdHeader("客户")).toBe(true);
    expect(isIdHeader("Order Date")).toBe(false);
    expect(isIdHeader("Sales")).toBe(false);
  });
});

describe("cell display", () => {
  it("applies date, money and percent formats", () => {
    expect(displayText(45296.35416666667, "yyyy-mm-dd hh:mm")).toBe("2024-01-05 08:30");
    expect(displayText(1234.5, "#,##0.00")).toBe("1,234.50");
    expect(displayText(0.1234, "0.0%")).toBe("12.3%");
    expect(displayText(true, "General")).toBe("TRUE");
    expect(displayText("#N/A", "General")).toBe("#N/A");
  });
});

describe("sheets added by the demo", () => {
  it("get unique Excel-valid names and select their data", () => {
    const sim = createWorkbookSim({ sheets: [{ name: "Sales" }] });
    expect(uniqueSheetName(sim, "sales")).toBe("sales (2)");
    expect(uniqueSheetName(sim, "a/b:c*d?[e]")).toBe("a b c d  e");
    expect(uniqueSheetName(sim, "x".repeat(40))).toHaveLength(31);
    const address = addTypedSheet(
      sim,
      "My data",
      typeTextRows([
        ["Customer", "Amount"],
        ["A", "5"],
      ]),
    );
    expect(address).toBe("'My data'!A1:B2");
    expect(sim.workbook.selection?.rect).toEqual({ row: 0, column: 0, rowCount: 2, columnCount: 2 });
    expect(sim.workbook.sheets.find((s) => s.name === "My data")?.rows[1]).toEqual(["A", 5]);
  });
});

describe("synthetic sales", () => {
  it("are the same for the same seed and typed like a sheet", () => {
    const rows = syntheticSalesRows(1000, 7);
    expect(rows).toHaveLength(1001);
    expect(syntheticSalesRows(1000, 7)).toEqual(rows);
    const [order, customer, day, region, amount] = rows[1] ?? [];
    expect(typeof order).toBe("string");
    expect(typeof customer).toBe("string");
    expect(Number.isInteger(day)).toBe(true);
    expect(typeof region).toBe("string");
    expect(typeof amount).toBe("number");
  });
});

describe("charts", () => {
  const base: Omit<ChartModel, "type"> = {
    id: "c1",
    name: "Chart 1",
    sheetId: "s1",
    title: "Customers <per> segment",
    position: { row: 0, column: 0, rowCount: 10, columnCount: 6 },
    series: [{ name: "Customers", categories: ["Champions", "Lost"], values: [3, 1] }],
    sourceAddress: "A1:B3",
    legendVisible: false,
  };

  it("draws bars, pie slices and lines with the escaped title", () => {
    const bars = chartSvg({ ...base, type: "BarClustered" }, 400, 240);
    expect(bars).toContain("Customers &#60;per&#62; segment");
    expect(bars.match(/class="bar"/g)).toHaveLength(2);
    expect(chartSvg({ ...base, type: "Pie" }, 400, 240).match(/class="slice"/g)).toHaveLength(2);
    const xy = chartSvg(
      {
        ...base,
        type: "XYScatterLinesNoMarkers",
        series: [{ name: "Share", categories: [0, 0.5, 1], values: [0, 0.8, 1] }],
      },
      400,
      240,
    );
    expect(xy).toMatch(/<polyline class="line" points="[\d., ]+"/);
  });

  it("shows bar values in the data labels' number format (a share as a percentage)", () => {
    const shares = {
      ...base,
      type: "BarClustered",
      series: [{ name: "Share", categories: ["A", "B"], values: [0.08, 0.5] }],
    };
    const svg = chartSvg({ ...shares, dataLabels: { showValue: true, numberFormat: "0.0%" } }, 400, 240);
    expect(svg).toContain(">8.0%</text>");
    expect(svg).toContain(">50.0%</text>");
    expect(chartSvg(shares, 400, 240)).toContain(">0.08</text>");
  });
});
