/** The pane's current language and its message lookup, provided once by App and read by every component. */
import { createContext, useContext, useMemo } from "react";
import { MESSAGES, translate, type Language, type MessageKey, type MessageParams } from "../i18n";

export interface PaneStrings {
  language: Language;
  t: (key: MessageKey, params?: MessageParams) => string;
  formatNumber: (value: number, maximumFractionDigits?: number) => string;
  formatPercent: (share: number) => string;
  /** Money: always two decimals with grouping (1,234.50), one format for every amount. */
  formatMoney: (value: number) => string;
}

const LOCALES: Record<Language, string> = { en: "en-US", "zh-Hans": "zh-CN", "zh-Hant": "zh-TW" };

export function createPaneStrings(language: Language): PaneStrings {
  const locale = LOCALES[language];
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  // Building a NumberFormat costs far more than formatting with one, so each precision's is built once.
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const numberFormat = (maximumFractionDigits: number) => {
    let format = numberFormats.get(maximumFractionDigits);
    if (!format) {
      format = new Intl.NumberFormat(locale, { maximumFractionDigits });
      numberFormats.set(maximumFractionDigits, format);
    }
    return format;
  };
  const money = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return {
    language,
    t: (key, params) => translate(language, key, params),
    formatNumber: (value, maximumFractionDigits = 2) => numberFormat(maximumFractionDigits).format(value),
    formatPercent: (share) => percent.format(share),
    formatMoney: (value) => money.format(value),
  };
}

/**
 * The key of a count's sentence: its `.one` form for exactly 1 ("1 row was left out", not "1 rows were"), where the
 * catalogue has one; Chinese repeats the same sentence there.
 */
export function one<K extends MessageKey>(count: number, key: K): K | `${K}.one` {
  const singular = `${key}.one` as const;
  return count === 1 && singular in MESSAGES.en ? singular : key;
}

const StringsContext = createContext<PaneStrings>(createPaneStrings("en"));

export function StringsProvider(props: { language: Language; children: React.ReactNode }) {
  const value = useMemo(() => createPaneStrings(props.language), [props.language]);
  return <StringsContext.Provider value={value}>{props.children}</StringsContext.Provider>;
}

export function useStrings(): PaneStrings {
  return useContext(StringsContext);
}
