/**
 * Errors shaped like OfficeExtension.Error (`code`, `message`, `debugInfo`), with Excel's own wording, so the
 * adapter's error mapping is exercised by the same shapes a real host produces.
 */
const EXCEL_ERROR_MESSAGES = {
  PropertyNotLoaded:
    "The property '{0}' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
  RequestPayloadSizeLimitExceeded:
    'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  ResponsePayloadSizeLimitExceeded:
    'The response payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  InvalidOperation: "The operation is invalid for the object.",
  ItemNotFound: "The requested resource doesn't exist.",
  ItemAlreadyExists: "The resource already exists.",
  ApiNotFound: "The API you are trying to use could not be found. It may be available in a newer version of Excel.",
  InvalidSelection: "The current selection is invalid for this operation.",
  InvalidReference: "This reference is not valid for the current operation.",
  GeneralException: "An internal error has occurred while processing the request.",
} as const;

export type SimErrorCode = keyof typeof EXCEL_ERROR_MESSAGES;

export class SimExcelError extends Error {
  readonly code: SimErrorCode;
  readonly debugInfo: { code: string; message: string; errorLocation?: string; detail?: string };

  constructor(code: SimErrorCode, location?: string, detail?: string, messageArgument?: string) {
    const message = EXCEL_ERROR_MESSAGES[code].replace("{0}", messageArgument ?? "");
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation: location, detail };
  }
}

export function propertyNotLoaded(property: string): SimExcelError {
  return new SimExcelError("PropertyNotLoaded", undefined, undefined, property);
}
