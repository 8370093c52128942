/**
 * Errors the pane can show: a code it translates, plus an English message in plain words for logs and fallback.
 * Every Office.js failure leaving this folder goes through `toExcelWriteError`.
 */
export type ExcelErrorCode =
  | "empty_source"
  | "multiple_areas"
  | "no_header"
  | "too_large"
  | "not_supported"
  | "cell_edit_mode"
  | "protected"
  | "name_conflict"
  | "bad_shape"
  | "excel_error";

const PLAIN_MESSAGES: Record<ExcelErrorCode, string> = {
  empty_source: "There is nothing to read: select your sales data (with its header row) and try again.",
  multiple_areas: "Several areas are selected: select one block of cells (your sales data with its header row).",
  no_header:
    "The first row of the selection looks like data (dates or amounts where column names should be). The first row must be the header row: select it too.",
  too_large: "Excel refused to move that much data in one step. Try again; if it keeps failing, select fewer rows.",
  not_supported: "This version of Excel lacks a feature the add-in needs. Update Office or use Excel on the web.",
  cell_edit_mode: "Excel is busy because a cell is being edited. Press Enter or Esc in the sheet, then try again.",
  protected: "The workbook or sheet is protected. Unprotect it, then try again.",
  name_conflict:
    "A sheet, table or defined name with the same name already exists (table names and defined names share one list).",
  bad_shape: "The data written did not fit the cells it was meant for.",
  excel_error: "Excel reported an error while the add-in was working.",
};

export class ExcelWriteError extends Error {
  constructor(
    public readonly code: ExcelErrorCode,
    message: string = PLAIN_MESSAGES[code],
    /** Excel's own error code and message, for the details pane and bug reports. */
    public readonly excelCode?: string,
    public readonly excelMessage?: string,
  ) {
    super(message);
    this.name = "ExcelWriteError";
  }

  /** Set when undoing a failed run failed as well (some sheets of the run may remain). */
  cleanupError?: ExcelWriteError;
}

const CODE_BY_EXCEL_CODE: Record<string, ExcelErrorCode> = {
  RequestPayloadSizeLimitExceeded: "too_large",
  ResponsePayloadSizeLimitExceeded: "too_large",
  PayloadSizeLimitExceeded: "too_large",
  ApiNotFound: "not_supported",
  InvalidOperationInCellEditMode: "cell_edit_mode",
  AccessDenied: "protected",
  ItemAlreadyExists: "name_conflict",
};

/** Error locations (debugInfo.errorLocation) of the calls that name a table, sheet or defined name. */
const NAME_LOCATIONS =
  /^(Table\.name|TableCollection\.add|Worksheet\.name|WorksheetCollection\.add|NamedItemCollection\.add)$/;

/** Turns anything thrown by Office.js (or by this folder) into an ExcelWriteError with a plain message. */
export function toExcelWriteError(error: unknown): ExcelWriteError {
  if (error instanceof ExcelWriteError) return error;
  const excelCode =
    typeof error === "object" && error !== null && "code" in error
      ? String((error as { code: unknown }).code)
      : undefined;
  const excelMessage = error instanceof Error ? error.message : String(error);
  const location =
    typeof error === "object" && error !== null && "debugInfo" in error
      ? String((error as { debugInfo?: { errorLocation?: unknown } }).debugInfo?.errorLocation ?? "")
      : "";
  const code =
    (excelCode !== undefined ? CODE_BY_EXCEL_CODE[excelCode] : undefined) ??
    (excelCode === "InvalidArgument" && /dimension|rows or columns/i.test(excelMessage)
      ? "bad_shape"
      : // A duplicate table name fails with a bare InvalidArgument (office-js#551); so does a table name that is a
        // defined name's: where Excel says it failed naming something, tell the user it was a name clash.
        excelCode === "InvalidArgument" && NAME_LOCATIONS.test(location)
        ? "name_conflict"
        : "excel_error");
  const message = code === "excel_error" ? `${PLAIN_MESSAGES.excel_error} (${excelMessage})` : PLAIN_MESSAGES[code];
  return new ExcelWriteError(code, message, excelCode, excelMessage);
}
