/** The three charts, stacked in column W of the summary sheet so they cover no table or PivotTable. */
import type { WorkbookLabels } from "../i18n/workbook-labels";
import { SUMMARY_LAYOUT, type SummaryPlacement } from "./write-summary";

function place(chart: Excel.Chart, sheet: Excel.Worksheet, index: number): void {
  const top = 1 + index * (SUMMARY_LAYOUT.chartRows + 1);
  const start = sheet.getRangeByIndexes(top, SUMMARY_LAYOUT.chartColumn, 1, 1);
  const end = sheet.getRangeByIndexes(
    top + SUMMARY_LAYOUT.chartRows - 1,
    SUMMARY_LAYOUT.chartColumn + SUMMARY_LAYOUT.chartColumns - 1,
    1,
    1,
  );
  chart.setPosition(start, end);
}

export function addCharts(sheet: Excel.Worksheet, labels: WorkbookLabels, placement: SummaryPlacement): void {
  const segments = placement.segmentTable;
  // Segment name + customer count: the first two columns of the segment summary table.
  const customersSource = sheet.getRangeByIndexes(segments.row, 0, segments.rowCount + 1, 2);
  const customers = sheet.charts.add("BarClustered", customersSource, "Columns");
  customers.title.text = labels.charts.customersPerSegment;
  customers.legend.visible = false;
  place(customers, sheet, 0);

  const pieSource = sheet.getRangeByIndexes(
    placement.pieData.row,
    placement.pieData.column,
    placement.pieData.rowCount,
    2,
  );
  const share = sheet.charts.add("Pie", pieSource, "Columns");
  share.title.text = labels.charts.revenueShare;
  place(share, sheet, 1);

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
  place(pareto, sheet, 2);
}
