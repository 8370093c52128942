/**
 * The language the user last chose in the pane, remembered in the browser's localStorage (per add-in origin, so
 * across workbooks and reloads) and announced on the page as `<html lang>`, which the browser demo's toolbar
 * follows and which makes the browser pick Simplified or Traditional glyphs for the pane's text.
 *
 * Document settings are not used for this: they are saved only with a run (useRfmFlow), and writing them just for
 * a language switch would mark the user's workbook as changed. A language stored in the workbook by a run still
 * wins when the workbook is opened (its outputs are in that language).
 */
import { isLanguage, languageFromLocale, type Language } from "./languages";

const STORAGE_KEY = "rfm-segments.language";

/** The language chosen earlier, or undefined (nothing stored, storage blocked or holding something else). */
function rememberedLanguage(): Language | undefined {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    // Storage can be disabled (privacy settings, sandboxed frames): then the choice lasts for this session only.
    return undefined;
  }
}

export function rememberLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // As above: not remembering is the only consequence.
  }
}

/** The pane's first language: the user's earlier choice, else Office's display language (English when unknown). */
export function initialLanguage(displayLanguage: string | null | undefined): Language {
  return rememberedLanguage() ?? languageFromLocale(displayLanguage);
}

/** Marks the page as being in `language` (BCP 47 tags en, zh-Hans, zh-Hant are valid `lang` values). */
export function announceLanguage(language: Language, doc: Document = document): void {
  if (doc.documentElement.lang !== language) doc.documentElement.lang = language;
}
