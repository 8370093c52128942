import { workbookLabels } from "../../src/i18n";
import type { WorkbookLabels } from "../../src/i18n/workbook-labels";

/** The real English workbook labels, with overrides for a test that needs other names. */
export function testLabels(overrides: Partial<WorkbookLabels> = {}): WorkbookLabels {
  return { ...workbookLabels("en"), ...overrides };
}
