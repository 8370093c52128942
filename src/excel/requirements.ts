/** Which optional Excel features the host supports (Office.context.requirements). */
export interface ExcelCapabilities {
  /** ExcelApi 1.6: conditional formats, suspendApiCalculationUntilNextSync. */
  conditionalFormats: boolean;
  /** ExcelApi 1.7: chart series/axes API used for the charts. */
  charts: boolean;
  /** ExcelApi 1.8: PivotTables. */
  pivotTables: boolean;
  /** ExcelApi 1.9: suspendScreenUpdatingUntilNextSync. */
  suspendScreenUpdating: boolean;
  /** ExcelApi 1.12: worksheet custom properties (tag the add-in's sheets). */
  worksheetCustomProperties: boolean;
  /** ExcelApi 1.13: table.resize (segment columns join the source table without shifting any cell). */
  tableResize: boolean;
}

function supported(version: string): boolean {
  return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported("ExcelApi", version) === true;
}

export function detectCapabilities(): ExcelCapabilities {
  return {
    conditionalFormats: supported("1.6"),
    charts: supported("1.7"),
    pivotTables: supported("1.8"),
    suspendScreenUpdating: supported("1.9"),
    worksheetCustomProperties: supported("1.12"),
    tableResize: supported("1.13"),
  };
}

/** Batch-wide speed-ups; call before each sync that writes (they last until the next sync). */
export function suspendUntilNextSync(context: Excel.RequestContext, capabilities: ExcelCapabilities): void {
  if (capabilities.conditionalFormats) context.application.suspendApiCalculationUntilNextSync();
  if (capabilities.suspendScreenUpdating) context.application.suspendScreenUpdatingUntilNextSync();
}
