import { LIFECYCLE_KEYS, STANDARD_SEGMENT_KEYS, TIER_KEYS, VALUE_CLASS_KEYS } from "../../src/engine/types";
import {
  ALL_SEGMENT_KEYS,
  LANGUAGES,
  MESSAGES,
  SEGMENT_ACTIONS,
  SEGMENT_NAMES,
  WORKBOOK_TEXT,
  languageFromLocale,
  translate,
  workbookLabels,
} from "../../src/i18n";

function leafStrings(value: unknown, path = ""): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, inner]) => leafStrings(inner, path ? `${path}.${key}` : key));
  }
  return [[path, String(value)]];
}

describe("catalogues", () => {
  test.each(["messages", "segment names", "actions", "workbook text"] as const)(
    "%s: every language has the same keys, none empty",
    (name) => {
      const source = {
        messages: MESSAGES,
        "segment names": SEGMENT_NAMES,
        actions: SEGMENT_ACTIONS,
        "workbook text": WORKBOOK_TEXT,
      }[name];
      const english = leafStrings(source.en)
        .map(([key]) => key)
        .sort();
      for (const language of LANGUAGES) {
        const entries = leafStrings(source[language]);
        expect(entries.map(([key]) => key).sort()).toEqual(english);
        for (const [key, text] of entries) expect({ key, empty: text.trim() === "" }).toEqual({ key, empty: false });
      }
    },
  );

  test("placeholders match across languages", () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const [key, text] of Object.entries(MESSAGES.en)) {
      for (const language of LANGUAGES) {
        expect({ key, language, p: placeholders(MESSAGES[language][key as keyof typeof MESSAGES.en]) }).toEqual({
          key,
          language,
          p: placeholders(text),
        });
      }
    }
  });

  test("segment keys cover all four schemes", () => {
    expect([...ALL_SEGMENT_KEYS].sort()).toEqual(
      [...STANDARD_SEGMENT_KEYS, ...VALUE_CLASS_KEYS, ...TIER_KEYS, ...LIFECYCLE_KEYS].sort(),
    );
  });

  test("Chinese names follow the SPEC", () => {
    expect(SEGMENT_NAMES["zh-Hans"].important_value).toBe("重要价值客户");
    expect(SEGMENT_NAMES["zh-Hans"].general_recall).toBe("一般挽留客户");
    expect(SEGMENT_NAMES["zh-Hans"].champions).toBe("冠军客户");
    expect(SEGMENT_NAMES["zh-Hant"].champions).toBe("冠軍客戶");
    expect(SEGMENT_NAMES["zh-Hans"].A).toBe("核心客户");
    expect(SEGMENT_NAMES.en.C).toBe("Regular customers");
  });

  test("translate fills placeholders", () => {
    expect(translate("en", "results.skipped", { count: 3 })).toBe("3 rows skipped");
    expect(translate("zh-Hans", "results.skipped", { count: 3 })).toBe("跳过了 3 行");
  });
});

describe("language from Office's display language", () => {
  test.each([
    ["zh-CN", "zh-Hans"],
    ["zh-SG", "zh-Hans"],
    ["zh-Hans-CN", "zh-Hans"],
    ["zh-TW", "zh-Hant"],
    ["zh-HK", "zh-Hant"],
    ["zh-MO", "zh-Hant"],
    ["zh-Hant", "zh-Hant"],
    ["en-US", "en"],
    ["de-DE", "en"],
    [undefined, "en"],
    ["", "en"],
  ])("%s → %s", (locale, language) => {
    expect(languageFromLocale(locale)).toBe(language);
  });
});

describe("workbookLabels", () => {
  test("uses the chosen language and ASCII table names without spaces", () => {
    const labels = workbookLabels("zh-Hant");
    expect(labels.language).toBe("zh-Hant");
    expect(labels.sheets.customers).toBe("RFM 客戶");
    expect(labels.segmentNames.at_risk).toBe("有流失風險");
    for (const name of [...Object.values(labels.tables), ...Object.values(labels.pivots)])
      expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    for (const name of Object.values(labels.sheets)) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[:\\/?*[\]]/);
    }
  });

  test("action overrides replace the defaults; blank overrides fall back", () => {
    const labels = workbookLabels("en", { at_risk: "  Call them  ", lost: "   " });
    expect(labels.actions.at_risk).toBe("Call them");
    expect(labels.actions.lost).toBe(SEGMENT_ACTIONS.en.lost);
    expect(Object.keys(labels.actions).sort()).toEqual([...ALL_SEGMENT_KEYS].sort());
  });

  test("returns a copy: editing it leaves the catalogue alone", () => {
    const labels = workbookLabels("en");
    labels.sheets.customers = "changed";
    labels.segmentNames.champions = "changed";
    expect(workbookLabels("en").sheets.customers).toBe("RFM Customers");
    expect(SEGMENT_NAMES.en.champions).toBe("Champions");
  });
});
