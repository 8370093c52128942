/** Turns any error reaching the pane into a catalogue message: plain words and what to do, never a stack trace. */
import { RfmInputError } from "../engine/types";
import type { ExcelErrorCode } from "../excel/errors";
import type { MessageKey } from "../i18n";
import type { PaneStrings } from "./strings-context";

const EXCEL_CODES: readonly ExcelErrorCode[] = [
  "empty_source",
  "multiple_areas",
  "too_large",
  "not_supported",
  "cell_edit_mode",
  "protected",
  "name_conflict",
  "bad_shape",
  "excel_error",
];
const FIELD_KEYS: Record<string, MessageKey> = {
  customer: "field.customer",
  date: "field.date",
  amount: "field.amount",
  orderId: "field.orderId",
  quantity: "field.quantity",
  price: "field.price",
};

export function errorText(error: unknown, strings: PaneStrings): string {
  const { t } = strings;
  if (error instanceof RfmInputError) {
    if (error.code === "missing_field") {
      const field = String(error.detail.field ?? "");
      if (field === "amount") return t("error.missing_field.amount");
      const fieldKey = FIELD_KEYS[field];
      return fieldKey ? t("error.missing_field", { field: t(fieldKey) }) : t("error.missing_field.amount");
    }
    return t(`error.${error.code}`);
  }
  // Duck-typed so errors from another bundle copy of the adapter (or a test fake) are recognised too.
  if (typeof error === "object" && error !== null && (error as { name?: unknown }).name === "ExcelWriteError") {
    const code = (error as { code?: unknown }).code;
    if (code === "no_header") return t("selection.noHeader");
    if (EXCEL_CODES.includes(code as ExcelErrorCode)) return t(`error.${code as Exclude<ExcelErrorCode, "no_header">}`);
    return t("error.excel_error");
  }
  if (error instanceof Error && error.name === "AnalysisFailedError") return t("error.worker");
  return t("error.unknown");
}
