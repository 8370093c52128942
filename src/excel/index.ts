export { createOfficeGateway } from "./office-gateway";
export { ExcelWriteError, toExcelWriteError, type ExcelErrorCode } from "./errors";
export type { WorkbookGateway, SourceRange, WriteOptions, WriteReport, ProgressFn } from "./gateway";
