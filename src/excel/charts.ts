/** The three charts, stacked in their own band of the summary sheet (summary-layout.ts), covering nothing. */
import type { WorkbookLabels } from "../i18n/workbook-labels";
import type { Rect } from "./summary-layout";
import type { SummaryPlacement } from "./write-summary";

function place(chart: Excel.Chart, sheet: Excel.Worksheet, rect: Rect): void {
  const start = sheet.getRangeByIndexes(rect.row, rect.column, 1, 1);
  const end = sheet.getRangeByIndexes(rect.row + rect.rowCount - 1, rect.column + rect.columnCount - 1, 1, 1);
  chart.setPosition(start, end);
}

export function addCharts(sheet: Excel.Worksheet, labels: WorkbookLabels, placement: SummaryPlacement): void {
  const segments = placement.segmentTable;
  // Segment name + customer count: the first two columns of the segment summary table.
  const customersSource = sheet.getRangeByIndexes(segments.row, 0, segments.rowCount + 1, 2);
  const customers = sheet.charts.add("BarClustered", customersSource, "Columns");
  customers.title.text = labels.charts.customersPerSegment;
  customers.legend.visible = false;
  place(customers, sheet, placement.layout.charts[0]);

  const pieSource = sheet.getRangeByIndexes(
    placement.pieData.row,
    placement.pieData.column,
    placement.pieData.rowCount,
    2,
  );
  const share = sheet.charts.add("Pie", pieSource, "Columns");
  share.title.text = labels.charts.revenueShare;
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
