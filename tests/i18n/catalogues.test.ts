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
    expect(SEGMENT_NAMES["zh-Hant"].champions).toBe("冠軍顧客");
    expect(SEGMENT_NAMES["zh-Hans"].A).toBe("A类重点客户");
    expect(SEGMENT_NAMES.en.C).toBe("Regular customers");
  });

  test("names a shop owner reads: consistent Chinese suffixes, GLOSSARY's lifecycle stages, plain English", () => {
    const schemes = [STANDARD_SEGMENT_KEYS, VALUE_CLASS_KEYS, TIER_KEYS];
    for (const keys of schemes) {
      for (const key of keys) {
        expect([key, SEGMENT_NAMES["zh-Hans"][key]]).toEqual([key, expect.stringMatching(/客户$/)]);
        expect([key, SEGMENT_NAMES["zh-Hant"][key]]).toEqual([key, expect.stringMatching(/顧客$/)]);
      }
    }
    expect(LIFECYCLE_KEYS.map((key) => SEGMENT_NAMES["zh-Hans"][key])).toEqual([
      "活跃会员",
      "近期流失会员",
      "中期流失会员",
      "休眠会员",
    ]);
    expect(LIFECYCLE_KEYS.map((key) => SEGMENT_NAMES["zh-Hant"][key])).toEqual([
      "活躍會員",
      "近期流失會員",
      "中期流失會員",
      "休眠會員",
    ]);
    // Tier names sort A, B, C in every language (a PivotTable sorts its items by name).
    for (const language of LANGUAGES) {
      const tiers = TIER_KEYS.map((key) => SEGMENT_NAMES[language][key]);
      expect([...tiers].sort((a, b) => a.localeCompare(b, language))).toEqual(tiers);
    }
    // English value classes are not character-by-character translations ("Important retain").
    for (const key of VALUE_CLASS_KEYS) expect(SEGMENT_NAMES.en[key]).not.toMatch(/^(Important|General) /);
    expect(SEGMENT_NAMES.en.important_recall).toBe("High value: win back");
    // No awkward literal phrasing left in the actions.
    expect(SEGMENT_ACTIONS["zh-Hans"].important_retain).not.toContain("近期未来");
  });

  test("Chinese texts use full-width punctuation next to Chinese characters", () => {
    const chinese = (["zh-Hans", "zh-Hant"] as const).flatMap((language) => [
      ...leafStrings(MESSAGES[language]),
      ...leafStrings(SEGMENT_NAMES[language]),
      ...leafStrings(SEGMENT_ACTIONS[language]),
      ...leafStrings(WORKBOOK_TEXT[language]),
    ]);
    const halfWidth = /[\u4e00-\u9fff][(),;:!?]|[(),;:!?][\u4e00-\u9fff]|[\u4e00-\u9fff] \(|\) [\u4e00-\u9fff]/;
    expect(chinese.filter(([, text]) => halfWidth.test(text))).toEqual([]);
  });

  test("繁體 follows Taiwan usage", () => {
    const texts = [
      ...leafStrings(MESSAGES["zh-Hant"]),
      ...leafStrings(SEGMENT_NAMES["zh-Hant"]),
      ...leafStrings(SEGMENT_ACTIONS["zh-Hant"]),
      ...leafStrings(WORKBOOK_TEXT["zh-Hant"]),
    ];
    // 占比 → 佔比, 計劃 → 計畫, 電郵 (Hong Kong) → 電子郵件, 客戶 → 顧客 for a shop's customers (GLOSSARY).
    expect(texts.filter(([, text]) => /占比|計劃|電郵|客戶/.test(text))).toEqual([]);
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
    expect(labels.sheets.customers).toBe("RFM 顧客");
    expect(labels.segmentNames.at_risk).toBe("流失風險顧客");
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
