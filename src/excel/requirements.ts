/**
 * Which optional Excel features the host supports (Office.context.requirements). manifest.xml requires ExcelApi
 * 1.8 (Office does not load the add-in on a host without it), so conditional formats (1.6), charts (1.7) and
 * PivotTables (1.8) are always there and need no flag; only what lies above 1.8 is detected.
 */
export interface ExcelCapabilities {
  /** ExcelApi 1.9: suspendScreenUpdatingUntilNextSync. */
  suspendScreenUpdating: boolean;
  /** ExcelApi 1.12: worksheet custom properties (tag the add-in's sheets). */
  worksheetCustomProperties: boolean;
  /** ExcelApi 1.13: table.resize (segment columns join the source table without shifting any cell). */
  tableResize: boolean;
  /** Range.getMergedAreasOrNullObject (ExcelApi 1.13). */
  mergedAreas: boolean;
}

function supported(version: string): boolean {
  return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported("ExcelApi", version) === true;
}

export function detectCapabilities(): ExcelCapabilities {
  return {
    suspendScreenUpdating: supported("1.9"),
    worksheetCustomProperties: supported("1.12"),
    tableResize: supported("1.13"),
    mergedAreas: supported("1.13"),
  };
}

/** Contexts whose screen updating the add-in already suspended once (see suspendUntilNextSync). */
const suspendedContexts = new WeakSet<object>();

/**
 * Call once at the start of a write phase (customer sheet, summary sheet, segment columns), never per chunk: the
 * docs say not to call suspendScreenUpdatingUntilNextSync repeatedly, as in a loop, since that makes the window
 * flicker (@types/office-js). Calculation is not suspended: suspendApiCalculationUntilNextSync leaves it to the
 * add-in to recalculate, and the user's formulas over the written cells would otherwise show stale results.
 */
export function startWritePhase(context: Excel.RequestContext, capabilities: ExcelCapabilities): void {
  if (capabilities.suspendScreenUpdating) context.application.suspendScreenUpdatingUntilNextSync();
  suspendedContexts.add(context);
}

/**
 * Kept for callers that still call it before every chunk's sync: it suspends screen updating only the first time
 * per request context (so a loop does not flicker) and never suspends calculation. Prefer startWritePhase.
 */
export function suspendUntilNextSync(context: Excel.RequestContext, capabilities: ExcelCapabilities): void {
  if (suspendedContexts.has(context)) return;
  startWritePhase(context, capabilities);
}
