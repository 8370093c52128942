/** Finds pane text that is not in the current language's catalogue (shared by the i18n tests). */
import {
  LANGUAGE_NATIVE_NAMES,
  MESSAGES,
  SEGMENT_ACTIONS,
  SEGMENT_NAMES,
  WORKBOOK_TEXT,
  type Language,
} from "../../src/i18n";
import { SALES } from "./fake-gateway";

/** Every catalogue string, and each message template as a pattern with its `{placeholders}` standing for data. */
function catalogueMatchers(language: Language) {
  const exact = new Set<string>([
    ...Object.values(MESSAGES[language]),
    ...Object.values(SEGMENT_NAMES[language]),
    ...Object.values(SEGMENT_ACTIONS[language]),
    ...Object.values(WORKBOOK_TEXT[language].sheets),
    ...Object.values(LANGUAGE_NATIVE_NAMES),
  ]);
  const patterns = Object.values(MESSAGES[language])
    .filter((template) => template.includes("{"))
    .map(
      (template) =>
        new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{\w+\\?\}/g, "(.+)")}$`, "s"),
    );
  return { exact, patterns };
}

const DATA = new Set(SALES.flat().map((cell) => String(cell ?? "")));
// Numbers, percentages, dates, breakpoint lists and separators carry no words to translate.
const NUMERIC = /^[\d\s.,:%|()\-–/]*$/;

/** Text nodes and accessible-name attributes that are neither catalogue text nor data. */
export function untranslated(language: Language): string[] {
  const { exact, patterns } = catalogueMatchers(language);
  const texts: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent ?? "");
  for (const element of document.body.querySelectorAll("[aria-label],[placeholder],[title]")) {
    for (const attribute of ["aria-label", "placeholder", "title"]) {
      const value = element.getAttribute(attribute);
      if (value) texts.push(value);
    }
  }
  return texts
    .map((text) => text.trim())
    .filter((text) => text !== "" && !NUMERIC.test(text) && !DATA.has(text) && !exact.has(text))
    .filter((text) => !patterns.some((pattern) => pattern.test(text)));
}
