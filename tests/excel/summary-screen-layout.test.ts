/**
 * The summary sheet laid out for a screen: the headline labels show whole and the first chart lies whole within the
 * first screen width beside the segment table, in English, 简体中文 and 繁體中文, for the demo's sample data. Long table
 * headers wrap at their line feeds, so the numbers set the columns' widths and the header row grows instead.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { analyzeRfm, guessMapping } from "../../src/engine";
import type { CellValue } from "../../src/engine/types";
import { parseCsvText, typeTextRows } from "../../src/demo/typed-cells";
import { createOfficeGateway } from "../../src/excel/office-gateway";
import { workbookLabels } from "../../src/i18n";
import type { SheetModel } from "../../src/workbook-sim";
import { columnWidthFor, textWidthUnits } from "../../src/workbook-sim/column-width";
import { installSim, sourceOf, writeOptions } from "./helpers";

/** Excel's default column width (8.43 characters) in points, for columns autofit did not size. */
const DEFAULT_COLUMN_POINTS = 8.43 * 5.6;

function columnPoints(sheet: SheetModel, column: number): number {
  return sheet.columnWidths[column] ?? DEFAULT_COLUMN_POINTS;
}

function leftEdgePoints(sheet: SheetModel, column: number): number {
  let points = 0;
  for (let c = 0; c < column; c++) points += columnPoints(sheet, c);
  return points;
}

function sampleValues(): CellValue[][] {
  const csv = fs.readFileSync(path.join(__dirname, "../../assets/sample/online-retail-sample.csv"), "utf8");
  return typeTextRows(parseCsvText(csv).filter((row) => row.some((cell) => cell !== ""))).values as CellValue[][];
}

/**
 * The screen the sheet is laid out for: 1,280 px wide at 100 % zoom (a common laptop's width, the narrowest Excel's
 * desktop window is usually used at). Points to pixels: 96 / 72.
 */
const SCREEN_WIDTH_PX = 1280;
const PX_PER_POINT = 96 / 72;

describe.each(["en", "zh-Hans", "zh-Hant"] as const)("summary sheet on one screen (%s)", (language) => {
  it("keeps the charts against the tables with ten scores (an 11-column R×F grid below them)", async () => {
    const values = sampleValues();
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyzeRfm(values, guessMapping(values[0] ?? []), { k: 10 });
    const labels = workbookLabels(language);
    await createOfficeGateway().writeResults(result, sourceOf(values), writeOptions({ labels, segmentColumns: false }));
    const summary = sim.workbook.sheets.find((s) => s.name === labels.sheets.summary)!;

    const first = sim.workbook.charts[0]!;
    expect(first.position.column).toBe(8);
    const chartEnd = first.position.column + first.position.columnCount;
    expect(leftEdgePoints(summary, chartEnd) * PX_PER_POINT).toBeLessThanOrEqual(SCREEN_WIDTH_PX);
  });

  it("shows the first chart whole within the screen width and the headline labels whole", async () => {
    const values = sampleValues();
    const sim = installSim({ sheets: [{ name: "Sales", values }] });
    const result = analyzeRfm(values, guessMapping(values[0] ?? []));
    const labels = workbookLabels(language);
    await createOfficeGateway().writeResults(result, sourceOf(values), writeOptions({ labels, segmentColumns: false }));
    const summary = sim.workbook.sheets.find((s) => s.name === labels.sheets.summary)!;

    const first = sim.workbook.charts[0]!;
    const chartEnd = first.position.column + first.position.columnCount;
    expect(leftEdgePoints(summary, chartEnd) * PX_PER_POINT).toBeLessThanOrEqual(SCREEN_WIDTH_PX);
    // Beside the segment table (its header row is the chart's first row), not below it.
    const headerRow = summary.rows.findIndex((cells) => cells?.[0] === labels.summary.segment);
    expect(first.position.row).toBe(headerRow);
    expect(first.position.column).toBe(8);
    // The wrapped header row is as tall as its most lines (English "Average / recency / (days)": three).
    const lines = Math.max(
      ...Array.from(summary.rows[headerRow] ?? [], (cell) => String(cell ?? "").split("\n").length),
    );
    expect(summary.rowHeights[headerRow] ?? 15).toBe(lines * 15);
    expect(lines).toBe(language === "en" ? 3 : 2);

    // Every headline label fits in its column and the empty label cells it runs on over (up to the next label, or
    // the right of the left block). Wrapping is not enough here: neither the simulator nor the demo models a row
    // growing to fit wrapped text, and wrapped text no longer runs on over empty cells.
    const r = labels.report;
    const headlineLabels = [r.headlineCustomers, r.headlineRevenue, r.headlineTierAShare, r.headlineAtRisk];
    const row = summary.rows[2] ?? [];
    const lastColumn = first.position.column + first.position.columnCount;
    for (const label of headlineLabels) {
      const column = row.indexOf(label);
      expect(column).toBeGreaterThanOrEqual(0);
      let span = columnPoints(summary, column);
      for (let c = column + 1; c < lastColumn && (row[c] === undefined || row[c] === ""); c++)
        span += columnPoints(summary, c);
      const width = columnWidthFor(textWidthUnits(label));
      expect({ label, fits: width <= span }).toEqual({ label, fits: true });
      const wrapped = summary.rangeFormats.some(
        (f) =>
          f.wrapText === true &&
          f.rect.row <= 2 &&
          2 < f.rect.row + f.rect.rowCount &&
          f.rect.column <= column &&
          column < f.rect.column + f.rect.columnCount,
      );
      expect(wrapped).toBe(false);
    }
  });
});
