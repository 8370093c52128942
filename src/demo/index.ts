/**
 * The browser demo: an in-memory workbook (workbook-sim) drawn on the left, the unmodified task pane on the right.
 * This bundle runs before the pane's bundle (webpack orders the chunks), so it installs the sim's `Excel` and
 * `Office` globals synchronously at load; the pane then finds a workbook as if it ran inside Excel.
 *
 * URL parameters: `lang=zh-CN` (Office display language; a language the user picked in the pane earlier wins, see
 * taskpane/language-preference.ts), `rows=100000` (open on that many synthetic sales rows).
 * Test hooks: `window.__workbookSim` (the sim; its `.workbook` is the data model) and `window.__demo` (DemoApi).
 */
import { createWorkbookSim, installWorkbookSim, type WorkbookSim } from "../workbook-sim";
import { columnLetters, writeNumberFormats, type SimCellValue } from "../workbook-sim/model";
import { initialLanguage } from "../i18n/language-preference";
import { demoText, followPageLanguage, translateDemoPage } from "./demo-text";
import { readSpreadsheetFile } from "./file-loader";
import { SAMPLE_SHEET_NAME, sampleSales } from "./sample-data";
import { SYNTHETIC_COLUMN_FORMATS, syntheticSalesRows } from "./synthetic-sales";
import { addTypedSheet, DEMO_REQUIREMENT_SETS, typedFromValues } from "./workbook-data";
import { WorkbookView } from "./workbook-view";

/** What the demo offers to tests and benchmarks on `window.__demo`. */
export interface DemoApi {
  sim: WorkbookSim;
  /** Adds a sheet from rows (header first), selects the data, returns its address (`'Big data'!A1:E100001`). */
  loadRows(rows: SimCellValue[][], options?: { name?: string; columnFormats?: string[] }): string;
  /** Adds `count` deterministic synthetic sales rows as a new sheet and selects them. */
  loadSyntheticSales(count: number, name?: string): string;
  /** Loads a CSV or XLSX file as a new sheet and selects its data. */
  loadFile(file: File): Promise<string>;
  /** Selects a range as the Name box does; false when the address is not valid. */
  selectRange(address: string): boolean;
}

declare global {
  interface Window {
    __workbookSim?: WorkbookSim;
    __demo?: DemoApi;
  }
}

function createDemoWorkbook(language: string): WorkbookSim {
  const sample = sampleSales();
  const columnCount = sample.values[0]?.length ?? 1;
  const sim = createWorkbookSim({
    sheets: [{ name: SAMPLE_SHEET_NAME, values: sample.values }],
    displayLanguage: language,
    requirementSets: DEMO_REQUIREMENT_SETS,
  });
  const sheet = sim.workbook.sheets[0];
  if (!sheet) throw new Error("The demo workbook has no sheet");
  writeNumberFormats(sheet, 0, 0, sample.formats);
  sheet.columnWidths = { 0: 66, 1: 72, 2: 100, 3: 96, 4: 72 };
  // Header row frozen, as a user keeping the column names in view while scrolling would set it.
  sheet.frozenRows = 1;
  // Preselect the data, header included, so "Use selection" works at once.
  const lastColumn = columnLetters(columnCount - 1);
  sim.setSelection(`${SAMPLE_SHEET_NAME}!A1:${lastColumn}${sample.values.length}`);
  return sim;
}

const params = new URLSearchParams(window.location.search);
const displayLanguage = params.get("lang") ?? navigator.language ?? "en-US";
const sim = createDemoWorkbook(displayLanguage);
installWorkbookSim(window, sim);
window.__workbookSim = sim;

let view: WorkbookView | null = null;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`demo.html lacks #${id}`);
  return found as T;
}

const api: DemoApi = {
  sim,
  loadRows(rows, options = {}) {
    const address = addTypedSheet(sim, options.name ?? "Data", typedFromValues(rows, options.columnFormats));
    view?.scrollToSelection();
    return address;
  },
  loadSyntheticSales(count, name = `Sales ${count.toLocaleString("en-US").replace(/,/g, " ")}`) {
    return api.loadRows(syntheticSalesRows(count), { name, columnFormats: SYNTHETIC_COLUMN_FORMATS });
  },
  async loadFile(file) {
    const typed = await readSpreadsheetFile(file);
    const address = addTypedSheet(sim, file.name.replace(/\.[^.]+$/, ""), typed);
    view?.scrollToSelection();
    return address;
  },
  selectRange(address) {
    return view ? view.goTo(address) : false;
  },
};
window.__demo = api;

const syntheticRows = Number(params.get("rows") ?? "0");
if (Number.isInteger(syntheticRows) && syntheticRows > 0) api.loadSyntheticSales(syntheticRows);

function start(): void {
  const status = element<HTMLElement>("demo-status");
  // The pane starts in the same language (the user's last choice, else Office's display language) and announces
  // every later switch on <html lang>, which the page follows.
  const language = initialLanguage(displayLanguage);
  let text = demoText(language);
  translateDemoPage(document, language);
  view = new WorkbookView(sim, {
    nameBox: element<HTMLInputElement>("name-box"),
    scroller: element<HTMLElement>("grid"),
    tabs: element<HTMLElement>("sheet-tabs"),
    status,
  });
  view.setText(text);
  followPageLanguage(document, (chosen) => {
    text = demoText(chosen);
    translateDemoPage(document, chosen);
    view?.setText(text);
  });
  const fileInput = element<HTMLInputElement>("file-input");
  element<HTMLButtonElement>("load-file").addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    fileInput.value = "";
    if (!file) return;
    view?.showMessage(text("demo.reading", { file: file.name }));
    api.loadFile(file).then(
      (address) => {
        view?.showMessage(text("demo.loaded", { file: file.name, address }));
      },
      (error: unknown) => {
        // Shown, not logged: a file the demo cannot read is the user's problem to fix, not a page error.
        const reason = error instanceof Error ? error.message : String(error);
        view?.showMessage(text("demo.notRead", { file: file.name, reason }));
      },
    );
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
