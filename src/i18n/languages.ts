/** The languages of the pane and of what it writes into the workbook. */
export const LANGUAGES = ["en", "zh-Hans", "zh-Hant"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's own name, so a reader finds theirs whatever the current language. */
export const LANGUAGE_NATIVE_NAMES: Record<Language, string> = {
  en: "English",
  "zh-Hans": "简体中文",
  "zh-Hant": "繁體中文",
};

/**
 * Maps an Office display language (BCP 47, e.g. `zh-CN`, `zh-TW`, `en-US`) to a pane language: mainland and
 * Singapore Chinese → 简体, Taiwan, Hong Kong and Macau → 繁體, anything else (or nothing) → English.
 */
export function languageFromLocale(locale: string | null | undefined): Language {
  if (typeof locale !== "string" || locale === "") return "en";
  const tag = locale.toLowerCase().replace(/_/g, "-");
  if (tag !== "zh" && !tag.startsWith("zh-")) return "en";
  if (/(^|-)hant(-|$)/.test(tag) || /-(tw|hk|mo)(-|$)/.test(tag)) return "zh-Hant";
  return "zh-Hans";
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}
