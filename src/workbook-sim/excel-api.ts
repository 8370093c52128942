/**
 * The subset of the Excel JavaScript API the adapter uses, over a WorkbookModel. Class and member names follow
 * @types/office-js. Like Excel: objects are proxies whose scalar properties throw PropertyNotLoaded until load()
 * + sync(); every operation is queued and runs at sync(); a sync fails when its request or response payload
 * exceeds 5 MB; a read of more than 5,000,000 cells fails; names, shapes and grid limits are validated at sync.
 * Operations of a failed sync that ran before the failing one stay applied (Excel batches are not transactions).
 */
export * from "./request-context";
export * from "./client-object";
export * from "./range";
export * from "./range-format";
export * from "./table";
export * from "./pivot-table";
export * from "./chart";
export * from "./worksheet";
export * from "./custom-property";
export * from "./application";
export * from "./names";
export * from "./workbook";
