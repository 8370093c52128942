/** Every user-visible string, in en, zh-Hans and zh-Hant. */
import { EN_MESSAGES, type MessageKey, type Messages } from "./messages-en";
import { ZH_HANS_MESSAGES } from "./messages-zh-hans";
import { ZH_HANT_MESSAGES } from "./messages-zh-hant";
import type { Language } from "./languages";

export { LANGUAGES, LANGUAGE_NATIVE_NAMES, languageFromLocale, isLanguage, type Language } from "./languages";
export { ALL_SEGMENT_KEYS, SEGMENT_ACTIONS, SEGMENT_NAMES, type SegmentKey } from "./segments";
export { WORKBOOK_TEXT, workbookLabels } from "./workbook-text";
export { formatDay } from "./compare-labels";
export type { MessageKey, Messages } from "./messages-en";

export const MESSAGES: Record<Language, Messages> = {
  en: EN_MESSAGES,
  "zh-Hans": ZH_HANS_MESSAGES,
  "zh-Hant": ZH_HANT_MESSAGES,
};

export type MessageParams = Record<string, string | number>;

/** The message `key` in `language`, with `{name}` placeholders filled from `params` (unknown ones left as is). */
export function translate(language: Language, key: MessageKey, params: MessageParams = {}): string {
  const template = MESSAGES[language][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
