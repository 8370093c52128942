/** Real PivotTables over the customer table (ExcelApi 1.8). */
import type { WorkbookLabels } from "../i18n/workbook-labels";
import type { Rect } from "./summary-layout";
import type { CustomerColumnsLayout } from "./write-customer-sheet";

/** Excel rejects a data field named like a source field; a trailing space is Excel's own way round that. */
function dataFieldName(label: string, sourceHeaders: string[]): string {
  let name = label;
  while (sourceHeaders.some((h) => h.toLowerCase() === name.toLowerCase())) name += " ";
  return name;
}

function addCountAndRevenue(pivot: Excel.PivotTable, labels: WorkbookLabels, columns: CustomerColumnsLayout): void {
  const sourceHeaders = columns.headers;
  const count = pivot.dataHierarchies.add(pivot.hierarchies.getItem(columns.ours.customer));
  count.summarizeBy = "Count";
  count.name = dataFieldName(labels.summary.customers, sourceHeaders);
  const revenue = pivot.dataHierarchies.add(pivot.hierarchies.getItem(columns.ours.monetary));
  revenue.summarizeBy = "Sum";
  revenue.name = dataFieldName(labels.summary.revenue, sourceHeaders);
  // Sums of money read as money, as on the customer sheet (DataPivotHierarchy.numberFormat, ExcelApi 1.8).
  revenue.numberFormat = labels.moneyFormat;
}

/** Segment rows × tier columns, count of customers and sum of monetary. */
export function addSegmentTierPivot(
  sheet: Excel.Worksheet,
  customerTable: Excel.Table,
  labels: WorkbookLabels,
  columns: CustomerColumnsLayout,
  anchor: { row: number; column: number },
): Excel.PivotTable {
  const pivot = sheet.pivotTables.add(
    labels.pivots.segmentByTier,
    customerTable,
    sheet.getRangeByIndexes(anchor.row, anchor.column, 1, 1),
  );
  // Segments in the pane's order, not A to Z: a PivotTable sorts items by name and the API has no custom order, so
  // the rows are grouped by the order number first, shown in its own column (Tabular layout, no subtotals for it;
  // PivotLayout.layoutType and PivotField.subtotals, ExcelApi 1.8). Tiers sort by name: their names start A, B, C.
  const order = pivot.rowHierarchies.add(pivot.hierarchies.getItem(columns.segmentOrder));
  pivot.rowHierarchies.add(pivot.hierarchies.getItem(columns.ours.segment));
  pivot.columnHierarchies.add(pivot.hierarchies.getItem(columns.ours.tier));
  addCountAndRevenue(pivot, labels, columns);
  pivot.layout.layoutType = "Tabular";
  order.fields.getItem(columns.segmentOrder).subtotals = { automatic: false };
  return pivot;
}

/** Rows by a mapped dimension (its header in the customer table), count of customers and sum of monetary. */
export function addDimensionPivot(
  sheet: Excel.Worksheet,
  customerTable: Excel.Table,
  labels: WorkbookLabels,
  columns: CustomerColumnsLayout,
  dimensionHeader: string,
  anchor: Rect,
  index: number,
): Excel.PivotTable {
  const pivot = sheet.pivotTables.add(
    index === 0 ? labels.pivots.byDimension : `${labels.pivots.byDimension}${index + 1}`,
    customerTable,
    sheet.getRangeByIndexes(anchor.row, anchor.column, 1, 1),
  );
  pivot.rowHierarchies.add(pivot.hierarchies.getItem(dimensionHeader));
  addCountAndRevenue(pivot, labels, columns);
  return pivot;
}
