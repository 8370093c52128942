/** Real PivotTables over the customer table (ExcelApi 1.8). */
import type { WorkbookLabels } from "../i18n/workbook-labels";

/** Excel rejects a data field named like a source field; a trailing space is Excel's own way round that. */
function dataFieldName(label: string, sourceHeaders: string[]): string {
  let name = label;
  while (sourceHeaders.some((h) => h.toLowerCase() === name.toLowerCase())) name += " ";
  return name;
}

function addCountAndRevenue(pivot: Excel.PivotTable, labels: WorkbookLabels, sourceHeaders: string[]): void {
  const count = pivot.dataHierarchies.add(pivot.hierarchies.getItem(labels.customerColumns.customer));
  count.summarizeBy = "Count";
  count.name = dataFieldName(labels.summary.customers, sourceHeaders);
  const revenue = pivot.dataHierarchies.add(pivot.hierarchies.getItem(labels.customerColumns.monetary));
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
  sourceHeaders: string[],
  anchor: { row: number; column: number },
): Excel.PivotTable {
  const pivot = sheet.pivotTables.add(
    labels.pivots.segmentByTier,
    customerTable,
    sheet.getRangeByIndexes(anchor.row, anchor.column, 1, 1),
  );
  pivot.rowHierarchies.add(pivot.hierarchies.getItem(labels.customerColumns.segment));
  pivot.columnHierarchies.add(pivot.hierarchies.getItem(labels.customerColumns.tier));
  addCountAndRevenue(pivot, labels, sourceHeaders);
  return pivot;
}

/** Rows by a mapped dimension (its header in the customer table), count of customers and sum of monetary. */
export function addDimensionPivot(
  sheet: Excel.Worksheet,
  customerTable: Excel.Table,
  labels: WorkbookLabels,
  sourceHeaders: string[],
  dimensionHeader: string,
  anchor: { row: number; column: number },
): Excel.PivotTable {
  const pivot = sheet.pivotTables.add(
    labels.pivots.byDimension,
    customerTable,
    sheet.getRangeByIndexes(anchor.row, anchor.column, 1, 1),
  );
  pivot.rowHierarchies.add(pivot.hierarchies.getItem(dimensionHeader));
  addCountAndRevenue(pivot, labels, sourceHeaders);
  return pivot;
}
