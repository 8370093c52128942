/**
 * The demo page's own words (toolbar, status line, tooltips, landmark labels) in the pane's language. The pane
 * announces its language on `<html lang>` (taskpane/language-preference.ts); the page follows it, so switching the
 * pane's language switches the whole demo, and a reload starts in the language chosen last.
 */
import { isLanguage, translate, type Language, type MessageKey, type MessageParams } from "../i18n";

export type DemoText = (key: MessageKey, params?: MessageParams) => string;

export function demoText(language: Language): DemoText {
  return (key, params) => translate(language, key, params);
}

function setText(doc: Document, id: string, text: string): void {
  const element = doc.getElementById(id);
  if (element) element.textContent = text;
}

function setAttribute(doc: Document, id: string, name: string, value: string): void {
  doc.getElementById(id)?.setAttribute(name, value);
}

/** Puts demo.html's fixed texts into `language` (the Name box keeps its accessible name, "Name Box", as Excel's). */
export function translateDemoPage(doc: Document, language: Language): void {
  const t = demoText(language);
  doc.title = t("demo.pageTitle");
  setText(doc, "demo-title", t("demo.title"));
  setText(doc, "load-file", t("demo.loadFile"));
  setAttribute(doc, "name-box", "title", t("demo.nameBoxHint"));
  setAttribute(doc, "workbook", "aria-label", t("demo.workbook"));
  setAttribute(doc, "pane", "aria-label", t("demo.pane"));
  setAttribute(doc, "grid", "aria-label", t("demo.cells"));
  setAttribute(doc, "sheet-tabs", "aria-label", t("demo.sheets"));
}

/** Calls `onLanguage` each time the page's `<html lang>` changes to one of the pane's languages; returns a stop. */
export function followPageLanguage(doc: Document, onLanguage: (language: Language) => void): () => void {
  const root = doc.documentElement;
  const observer = new MutationObserver(() => {
    if (isLanguage(root.lang)) onLanguage(root.lang);
  });
  observer.observe(root, { attributes: true, attributeFilter: ["lang"] });
  return () => observer.disconnect();
}
