/**
 * The three charts, each beside the table it illustrates (summary-layout.ts), covering nothing: customers per
 * segment and revenue share per segment (bars sorted from the largest share down) beside the segment table, the
 * Pareto curve beside the tier table. Every chart has axis titles; the bar charts carry their values as data labels.
 */
import type { WorkbookLabels } from "../i18n/workbook-labels";
import type { Rect } from "./summary-layout";
import type { SummaryPlacement } from "./write-summary";

function place(chart: Excel.Chart, sheet: Excel.Worksheet, rect: Rect): void {
  const start = sheet.getRangeByIndexes(rect.row, rect.column, 1, 1);
  const end = sheet.getRangeByIndexes(rect.row + rect.rowCount - 1, rect.column + rect.columnCount - 1, 1, 1);
  chart.setPosition(start, end);
}

/** A horizontal bar chart read top-down like the table beside it, its values printed at the bar ends. */
function barChart(
  sheet: Excel.Worksheet,
  source: Excel.Range,
  title: string,
  axes: { category: string; value: string },
  numberFormat: string,
): Excel.Chart {
  const chart = sheet.charts.add("BarClustered", source, "Columns");
  chart.title.text = title;
  chart.legend.visible = false;
  chart.axes.categoryAxis.title.text = axes.category;
  chart.axes.valueAxis.title.text = axes.value;
  // A bar chart draws its first category at the bottom; reversed, the first row of the table is the top bar
  // (ChartAxis.reversePlotOrder, ExcelApi 1.7).
  chart.axes.categoryAxis.reversePlotOrder = true;
  // ChartDataLabels.showValue (ExcelApi 1.1) and numberFormat (ExcelApi 1.8).
  chart.dataLabels.showValue = true;
  chart.dataLabels.numberFormat = numberFormat;
  return chart;
}

export function addCharts(sheet: Excel.Worksheet, labels: WorkbookLabels, placement: SummaryPlacement): void {
  const r = labels.report;
  const segments = placement.segmentTable;
  // Segment name + customer count: the first two columns of the segment summary table.
  const customersSource = sheet.getRangeByIndexes(segments.row, 0, segments.rowCount + 1, 2);
  const customers = barChart(
    sheet,
    customersSource,
    labels.charts.customersPerSegment,
    { category: r.segmentAxis, value: r.customersAxis },
    "#,##0",
  );
  place(customers, sheet, placement.layout.charts[0]);

  const shareSource = sheet.getRangeByIndexes(
    placement.pieData.row,
    placement.pieData.column,
    placement.pieData.rowCount,
    2,
  );
  const share = barChart(
    sheet,
    shareSource,
    labels.charts.revenueShare,
    { category: r.segmentAxis, value: r.revenueShareAxis },
    "0.0%",
  );
  place(share, sheet, placement.layout.charts[1]);

  const paretoSource = sheet.getRangeByIndexes(
    placement.paretoData.row,
    placement.paretoData.column,
    placement.paretoData.rowCount,
    2,
  );
  const pareto = sheet.charts.add("XYScatterLinesNoMarkers", paretoSource, "Columns");
  pareto.title.text = labels.charts.pareto;
  pareto.legend.visible = false;
  pareto.axes.categoryAxis.title.text = labels.charts.shareOfCustomers;
  pareto.axes.valueAxis.title.text = labels.charts.shareOfRevenue;
  place(pareto, sheet, placement.layout.charts[2]);
}
