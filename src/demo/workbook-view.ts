/**
 * The demo's workbook view: sheet tabs, a Name box, and a grid over the sim's data model that renders only the rows
 * in view (so 100k-row sheets scroll smoothly), with number formats, table/pivot/format styling, colour scales and
 * charts drawn over the cells. Clicking, shift-clicking or dragging selects cells and sets the sim's selection, which
 * is what the task pane's "Use selection" reads.
 */
import type { WorkbookSim } from "../workbook-sim";
import {
  MAX_COLUMNS,
  MAX_ROWS,
  columnLetters,
  formatAddress,
  formatLocalAddress,
  intersectRects,
  quoteSheetName,
  rectContains,
  type CellRect,
  type ChartModel,
  type ConditionalFormatModel,
  type SheetModel,
} from "../workbook-sim/model";
import { chartSvg } from "./chart-svg";
import { textWidthUnits } from "../workbook-sim/column-width";
import { displayText } from "./cell-format";
import { demoText, type DemoText } from "./demo-text";
import { escapeHtml } from "./escape";
import { ROW_HEIGHT, RowGeometry } from "./row-geometry";

const ROW_HEADER_WIDTH = 56;
const DEFAULT_COLUMN_WIDTH = 84;
const OVERSCAN_ROWS = 8;
/**
 * While an add-in's syncs stream in, the grid is redrawn at most this often (plus once after the last change), as
 * Excel throttles screen updates during a batch; a full redraw of a 100k-row sheet is tens of ms.
 */
const SYNC_REDRAW_INTERVAL_MS = 250;

interface CellStyle {
  fill?: string;
  bold?: boolean;
  color?: string;
  className: string;
}

/** Geometry of the sheet as drawn: column offsets and the extent of rows/columns the grid shows. */
interface Layout {
  sheet: SheetModel;
  rowCount: number;
  columnCount: number;
  /** Rows frozen at the top (drawn in a sticky band under the column letters). */
  frozenRows: number;
  /** Row tops and heights (rows made taller by the sheet's row heights push the rows below them down). */
  rows: RowGeometry;
  columnX: number[];
  columnWidth: number[];
  totalWidth: number;
}

function rectOfChart(chart: ChartModel): CellRect {
  return chart.position;
}

function colorScaleColor(format: ConditionalFormatModel, value: number, min: number, max: number): string | undefined {
  const low = format.criteria.minimum?.color;
  const mid = format.criteria.midpoint?.color;
  const high = format.criteria.maximum?.color;
  if (!low || !high) return undefined;
  const t = max > min ? (value - min) / (max - min) : 0.5;
  if (mid) return t < 0.5 ? mixColors(low, mid, t * 2) : mixColors(mid, high, (t - 0.5) * 2);
  return mixColors(low, high, t);
}

function parseHex(color: string): [number, number, number] {
  const hex = color.replace("#", "");
  const full = hex.length === 3 ? hex.replace(/./g, (ch) => ch + ch) : hex.padEnd(6, "0");
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) || 0) as [number, number, number];
}

function mixColors(a: string, b: string, t: number): string {
  const ca = parseHex(a);
  const cb = parseHex(b);
  const mixed = ca.map((v, i) => Math.round(v + ((cb[i] ?? 0) - v) * Math.min(1, Math.max(0, t))));
  return `rgb(${mixed.join(",")})`;
}

export interface WorkbookViewElements {
  nameBox: HTMLInputElement;
  scroller: HTMLElement;
  tabs: HTMLElement;
  status: HTMLElement;
}

export class WorkbookView {
  private layout: Layout | null = null;
  private readonly header: HTMLElement;
  private readonly canvas: HTMLElement;
  private readonly rowsLayer: HTMLElement;
  private readonly frozenLayer: HTMLElement;
  private readonly chartsLayer: HTMLElement;
  private dragAnchor: { row: number; column: number } | null = null;
  private dragRect: CellRect | null = null;
  /** Whole rows/columns are being dragged from a header. */
  private dragMode: "cells" | "columns" | "rows" = "cells";
  private frame = 0;
  private fullRenderPending = false;
  /** performance.now() of the last full redraw. */
  private lastFullRender = -Infinity;
  private syncRedrawTimer = 0;
  private lastSheetId = "";
  private lastRowWindow = "";
  /** The status line's and messages' words, in the pane's language. */
  private text: DemoText = demoText("en");
  /** A message shown in the status line while the selection stays as it was when it was shown. */
  private message: { text: string; selection: string } | null = null;

  constructor(
    private readonly sim: WorkbookSim,
    private readonly elements: WorkbookViewElements,
  ) {
    const { scroller } = elements;
    scroller.innerHTML = "";
    this.header = document.createElement("div");
    this.header.className = "grid-header";
    this.frozenLayer = document.createElement("div");
    this.frozenLayer.className = "grid-frozen";
    this.canvas = document.createElement("div");
    this.canvas.className = "grid-canvas";
    this.rowsLayer = document.createElement("div");
    this.rowsLayer.className = "grid-rows";
    this.chartsLayer = document.createElement("div");
    this.chartsLayer.className = "grid-charts";
    this.canvas.append(this.rowsLayer, this.chartsLayer);
    scroller.append(this.header, this.frozenLayer, this.canvas);

    scroller.addEventListener("scroll", () => this.schedule(false));
    scroller.addEventListener("mousedown", (event) => this.onMouseDown(event));
    scroller.addEventListener("mouseover", (event) => this.onMouseOver(event));
    window.addEventListener("mouseup", () => this.onMouseUp());
    window.addEventListener("resize", () => this.schedule(false));
    elements.nameBox.addEventListener("keydown", (event) => {
      if (event.key === "Enter") this.goTo(elements.nameBox.value);
      if (event.key === "Escape") this.render();
    });
    elements.tabs.addEventListener("click", (event) => {
      const tab = (event.target as HTMLElement).closest<HTMLElement>("[data-sheet-id]");
      if (tab?.dataset.sheetId) this.activateSheet(tab.dataset.sheetId);
    });
    sim.subscribe((cause) => (cause === "sync" ? this.scheduleAfterSync() : this.schedule(true)));
    this.render();
  }

  /** The sheet on screen. */
  activeSheet(): SheetModel {
    const model = this.sim.workbook;
    const sheet = model.sheets.find((s) => s.id === model.activeSheetId) ?? model.sheets[0];
    if (!sheet) throw new Error("The workbook has no sheets");
    return sheet;
  }

  /** Shows the status line (and later messages) in another language. */
  setText(text: DemoText): void {
    this.text = text;
    this.message = null;
    this.renderNameBox();
  }

  /**
   * Shows `text` in the status line until the selection changes ("Loaded sales.xlsx into …"); redraws in between
   * (an add-in's syncs, scrolling) leave it there.
   */
  showMessage(text: string): void {
    this.message = { text, selection: this.selectionKey() };
    this.elements.status.textContent = text;
  }

  private selectionKey(): string {
    const rect = this.selectionRect();
    return `${this.activeSheet().id}:${rect ? formatLocalAddress(rect) : ""}`;
  }

  /** Selects an address typed in the Name box (`A1:F5000`, `Sales!A:E`); shows a message when it is not one. */
  goTo(address: string): boolean {
    const trimmed = address.trim();
    const qualified = trimmed.includes("!") ? trimmed : `${quoteSheetName(this.activeSheet().name)}!${trimmed}`;
    try {
      this.sim.setSelection(qualified);
    } catch {
      this.elements.nameBox.classList.add("invalid");
      // The sim's error text is Excel's, in English; the user needs only to know the address was not one.
      this.showMessage(this.text("demo.badAddress", { address: trimmed }));
      return false;
    }
    this.elements.nameBox.classList.remove("invalid");
    this.scrollToSelection();
    return true;
  }

  /** Scrolls so the top-left cell of the selection is in view. */
  scrollToSelection(): void {
    const selection = this.sim.workbook.selection;
    const layout = this.layout ?? this.computeLayout();
    if (!selection) return;
    const { scroller } = this.elements;
    const { row } = selection.rect;
    const top = row < layout.frozenRows ? 0 : layout.rows.top(row);
    const bottom = top + layout.rows.height(row);
    if (top < scroller.scrollTop || bottom > scroller.scrollTop + scroller.clientHeight - ROW_HEIGHT)
      scroller.scrollTop = Math.max(0, top - ROW_HEIGHT);
    const left = (layout.columnX[selection.rect.column] ?? ROW_HEADER_WIDTH) - ROW_HEADER_WIDTH;
    if (left < scroller.scrollLeft || left > scroller.scrollLeft + scroller.clientWidth - 100)
      scroller.scrollLeft = Math.max(0, left - 20);
  }

  private activateSheet(sheetId: string): void {
    const sheet = this.sim.workbook.sheets.find((s) => s.id === sheetId);
    if (!sheet || sheet.id === this.sim.workbook.activeSheetId) return;
    this.sim.setSelection(formatAddress(sheet.name, { row: 0, column: 0, rowCount: 1, columnCount: 1 }));
  }

  /** Redraws for a sync at most once per SYNC_REDRAW_INTERVAL_MS; the last change of a burst is always drawn. */
  private scheduleAfterSync(): void {
    if (this.syncRedrawTimer) return;
    const wait = this.lastFullRender + SYNC_REDRAW_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      this.schedule(true);
      return;
    }
    this.syncRedrawTimer = window.setTimeout(() => {
      this.syncRedrawTimer = 0;
      this.schedule(true);
    }, wait);
  }

  private schedule(full: boolean): void {
    this.fullRenderPending ||= full;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const fullRender = this.fullRenderPending;
      this.fullRenderPending = false;
      if (fullRender) this.render();
      else this.renderRows(false);
    });
  }

  /** Redraws everything from the model. */
  render(): void {
    this.lastFullRender = performance.now();
    const sheet = this.activeSheet();
    if (sheet.id !== this.lastSheetId) {
      this.lastSheetId = sheet.id;
      this.elements.scroller.scrollTop = 0;
      this.elements.scroller.scrollLeft = 0;
    }
    this.layout = this.computeLayout();
    this.renderTabs();
    this.renderHeader();
    this.canvas.style.height = `${this.layout.rows.scrolledHeight}px`;
    this.frozenLayer.style.height = `${this.layout.rows.frozenHeight}px`;
    this.frozenLayer.style.width = `${this.layout.totalWidth}px`;
    this.frozenLayer.style.display = this.layout.frozenRows > 0 ? "block" : "none";
    this.canvas.style.width = `${this.layout.totalWidth}px`;
    this.renderCharts();
    this.renderRows(true);
    this.renderNameBox();
  }

  private computeLayout(): Layout {
    const sheet = this.activeSheet();
    const model = this.sim.workbook;
    let lastRow = Math.max(sheet.rows.length, sheet.numberFormats.length);
    let lastColumn = 0;
    for (const row of sheet.rows) if (row && row.length > lastColumn) lastColumn = row.length;
    for (const chart of model.charts) {
      if (chart.sheetId !== sheet.id) continue;
      const rect = rectOfChart(chart);
      lastRow = Math.max(lastRow, rect.row + rect.rowCount);
      lastColumn = Math.max(lastColumn, rect.column + rect.columnCount);
    }
    const selection = model.selection?.sheetId === sheet.id ? model.selection.rect : null;
    if (selection && selection.rowCount < MAX_ROWS) lastRow = Math.max(lastRow, selection.row + selection.rowCount);
    if (selection && selection.columnCount < MAX_COLUMNS)
      lastColumn = Math.max(lastColumn, selection.column + selection.columnCount);
    const rowCount = Math.min(MAX_ROWS, Math.max(60, lastRow + 30));
    const columnCount = Math.min(MAX_COLUMNS, Math.max(14, lastColumn + 4));
    const columnX: number[] = [];
    const columnWidth: number[] = [];
    let x = ROW_HEADER_WIDTH;
    for (let c = 0; c < columnCount; c++) {
      const points = sheet.columnWidths[c];
      const width =
        points === undefined ? DEFAULT_COLUMN_WIDTH : Math.max(36, Math.min(360, Math.round((points * 4) / 3)));
      columnX.push(x);
      columnWidth.push(width);
      x += width;
    }
    const frozenRows = Math.max(0, Math.min(sheet.frozenRows, rowCount - 1, 20));
    // Rows hidden in the file (a filtered ledger) are 0 px tall, as Excel draws them.
    const rows = new RowGeometry(sheet.rowHeights, rowCount, frozenRows, sheet.hiddenRows);
    return { sheet, rowCount, columnCount, frozenRows, rows, columnX, columnWidth, totalWidth: x };
  }

  private renderTabs(): void {
    const model = this.sim.workbook;
    this.elements.tabs.innerHTML = model.sheets
      .map((sheet) => {
        const active = sheet.id === model.activeSheetId;
        return `<button type="button" role="tab" class="sheet-tab${active ? " active" : ""}" aria-selected="${active}" data-sheet-id="${escapeHtml(sheet.id)}">${escapeHtml(sheet.name)}</button>`;
      })
      .join("");
  }

  private selectionRect(): CellRect | null {
    if (this.dragRect) return this.dragRect;
    const selection = this.sim.workbook.selection;
    return selection && selection.sheetId === this.activeSheet().id ? selection.rect : null;
  }

  private renderHeader(): void {
    const layout = this.layout;
    if (!layout) return;
    const selection = this.selectionRect();
    const parts = [`<div class="corner" style="width:${ROW_HEADER_WIDTH}px"></div>`];
    for (let c = 0; c < layout.columnCount; c++) {
      const selected = selection && c >= selection.column && c < selection.column + selection.columnCount;
      parts.push(
        `<div class="col-head${selected ? " hl" : ""}" data-col="${c}" style="left:${layout.columnX[c]}px;width:${layout.columnWidth[c]}px">${columnLetters(c)}</div>`,
      );
    }
    this.header.style.width = `${layout.totalWidth}px`;
    this.header.innerHTML = parts.join("");
  }

  private renderNameBox(): void {
    const rect = this.selectionRect();
    if (document.activeElement !== this.elements.nameBox)
      this.elements.nameBox.value = rect ? formatLocalAddress(rect) : "";
    this.elements.nameBox.classList.remove("invalid");
    if (this.message && this.message.selection === this.selectionKey()) {
      this.elements.status.textContent = this.message.text;
      return;
    }
    this.message = null;
    const sheet = this.activeSheet();
    const rows = sheet.rows.length.toLocaleString("en-US");
    const t = this.text;
    if (!rect) {
      this.elements.status.textContent = t("demo.status", { sheet: sheet.name, rows });
      return;
    }
    const size = t("demo.size", {
      rows: rect.rowCount === MAX_ROWS ? t("demo.all") : rect.rowCount.toLocaleString("en-US"),
      columns: rect.columnCount === MAX_COLUMNS ? t("demo.all") : rect.columnCount,
    });
    this.elements.status.textContent = t("demo.statusSelection", { sheet: sheet.name, rows, size });
  }

  private renderRows(force: boolean): void {
    const layout = this.layout;
    if (!layout) return;
    const { scroller } = this.elements;
    const frozen = layout.frozenRows;
    const first = Math.max(frozen, layout.rows.rowAt(scroller.scrollTop) - OVERSCAN_ROWS);
    const bottom = layout.rows.rowAt(scroller.scrollTop + (scroller.clientHeight || 800));
    const last = Math.min(layout.rowCount, bottom + 1 + OVERSCAN_ROWS);
    const windowKey = `${first}:${last}`;
    if (!force && windowKey === this.lastRowWindow) return;
    this.lastRowWindow = windowKey;
    const sheet = layout.sheet;
    const model = this.sim.workbook;
    const windowRect: CellRect = {
      row: first,
      column: 0,
      rowCount: Math.max(1, last - first),
      columnCount: layout.columnCount,
    };
    const frozenRect: CellRect = { row: 0, column: 0, rowCount: Math.max(1, frozen), columnCount: layout.columnCount };
    const drawn = (rect: CellRect): boolean =>
      intersectRects(rect, windowRect) !== null || (frozen > 0 && intersectRects(rect, frozenRect) !== null);
    const formats = sheet.rangeFormats.filter((f) => drawn(f.rect));
    const tables = model.tables.filter((t) => t.sheetId === sheet.id && drawn(t.rect));
    const pivots = model.pivotTables.filter((p) => p.sheetId === sheet.id);
    const scales = model.conditionalFormats
      .filter((f) => f.sheetId === sheet.id && drawn(f.rect))
      .map((format) => {
        let min = Infinity;
        let max = -Infinity;
        for (let r = format.rect.row; r < format.rect.row + Math.min(format.rect.rowCount, 10_000); r++) {
          for (let c = format.rect.column; c < format.rect.column + format.rect.columnCount; c++) {
            const value = sheet.rows[r]?.[c];
            if (typeof value === "number") {
              min = Math.min(min, value);
              max = Math.max(max, value);
            }
          }
        }
        return { format, min, max };
      });
    // As the file had them: rows hidden by a filter are not drawn (0 px tall, as in Excel), the number of the row
    // after them marked and naming them, and a merged area's inner gridlines are not drawn.
    const merged = (sheet.mergedAreas ?? []).filter(drawn);
    const selection = this.selectionRect();
    const frozenParts: string[] = [];
    const scrolledParts: string[] = [];
    const rowIndexes: number[] = [];
    // Hidden rows are skipped a run at a time (a filter may hide thousands in a row).
    for (let r = layout.rows.nextVisible(0); r < frozen; r = layout.rows.nextVisible(r + 1)) rowIndexes.push(r);
    for (let r = layout.rows.nextVisible(first); r < last; r = layout.rows.nextVisible(r + 1)) rowIndexes.push(r);
    for (const r of rowIndexes) {
      const parts = r < frozen ? frozenParts : scrolledParts;
      const top = layout.rows.top(r);
      const height = layout.rows.height(r);
      const rowSelected = selection !== null && r >= selection.row && r < selection.row + selection.rowCount;
      // Excel marks hidden rows with a double line between the numbers of the rows around them.
      const above = layout.rows.hiddenAbove(r);
      const headClass = `row-head${rowSelected ? " hl" : ""}${above ? " after-hidden" : ""}`;
      const headTitle = above ? ` title="${escapeHtml(this.hiddenRowsText(above))}"` : "";
      parts.push(
        `<div class="grid-row" style="top:${top}px;width:${layout.totalWidth}px${height > ROW_HEIGHT ? `;height:${height}px` : ""}"><div class="${headClass}" data-row="${r}"${headTitle}>${r + 1}</div>`,
      );
      const values = sheet.rows[r];
      const numberFormats = sheet.numberFormats[r];
      /** Cells before this column are under text spilled from the left (their right gridline is hidden). */
      let coveredUntil = -1;
      for (let c = 0; c < layout.columnCount; c++) {
        const value = values?.[c];
        const style: CellStyle = { className: "cell" };
        /** RangeFormat.wrapText: the last format over the cell that sets it decides (as the sim's autofit reads it). */
        let wraps = false;
        for (const table of tables) {
          const { rect } = table;
          if (r < rect.row || r >= rect.row + rect.rowCount || c < rect.column || c >= rect.column + rect.columnCount)
            continue;
          if (table.showHeaders && r === rect.row) {
            style.fill = "#4472c4";
            style.color = "#ffffff";
            style.bold = true;
          } else if ((r - rect.row) % 2 === 1) style.fill = "#dce6f5";
          style.className += " in-table";
        }
        for (const pivot of pivots) {
          const height = pivot.result.length;
          const width = pivot.result[0]?.length ?? 0;
          if (
            r < pivot.anchor.row ||
            r >= pivot.anchor.row + height ||
            c < pivot.anchor.column ||
            c >= pivot.anchor.column + width
          )
            continue;
          style.className += " in-pivot";
          if (r === pivot.anchor.row || r === pivot.anchor.row + height - 1) {
            style.bold = true;
            style.fill = "#dde7f5";
          }
        }
        for (const format of formats) {
          const { rect } = format;
          if (r < rect.row || r >= rect.row + rect.rowCount || c < rect.column || c >= rect.column + rect.columnCount)
            continue;
          if (format.fillColor) style.fill = format.fillColor;
          if (format.fontColor) style.color = format.fontColor;
          if (format.fontBold !== undefined) style.bold = format.fontBold;
          if (format.wrapText !== undefined) wraps = format.wrapText;
        }
        if (typeof value === "number") {
          for (const { format, min, max } of scales) {
            const { rect } = format;
            if (r < rect.row || r >= rect.row + rect.rowCount || c < rect.column || c >= rect.column + rect.columnCount)
              continue;
            style.fill = colorScaleColor(format, value, min, max) ?? style.fill;
          }
        }
        if (
          selection &&
          r >= selection.row &&
          r < selection.row + selection.rowCount &&
          c >= selection.column &&
          c < selection.column + selection.columnCount
        ) {
          style.className += " sel";
        }
        const shown = value === undefined ? "" : displayText(value, numberFormats?.[c] ?? "General");
        // Excel draws a line feed only in a wrapped cell; otherwise the text shows on one line, the feed not drawn.
        const text = wraps ? shown : shown.replace(/\r?\n/g, "");
        if (typeof value === "number") style.className += " num";
        let css = `width:${layout.columnWidth[c]}px`;
        // Excel aligns text to the bottom of a tall row by default: one line sits in the row's last ROW_HEIGHT px.
        if (height > ROW_HEIGHT && !wraps) css += `;padding-top:${height - ROW_HEIGHT}px`;
        if (style.fill) css += `;background-color:${style.fill}`;
        if (style.color) css += `;color:${style.color}`;
        if (style.bold) css += ";font-weight:600";
        // Text runs on over the empty cells to its right, as in Excel (a title above a narrow column), as far as
        // it needs (estimated from its length); the gridlines it covers are hidden.
        let spill = 0;
        if (c < coveredUntil) style.className += " covered";
        for (const { row, column, rowCount, columnCount } of merged) {
          if (r < row || r >= row + rowCount || c < column || c >= column + columnCount) continue;
          // The area's bottom gridline is under its last row shown (later ones may be hidden).
          if (layout.rows.nextVisible(r + 1) < row + rowCount) style.className += " merged-above";
          if (c < column + columnCount - 1) style.className += " covered";
        }
        // A wrapped cell keeps its text inside its column, line feeds kept, aligned to the bottom.
        if (wraps) style.className += " wrap";
        if (typeof value === "string" && text !== "" && !wraps) {
          const needed = 8 + textWidthUnits(text) * 7.5;
          let next = c + 1;
          for (; next < layout.columnCount && (layout.columnWidth[c] ?? 0) + spill < needed; next++) {
            const neighbour = values?.[next];
            if (neighbour !== undefined && neighbour !== "") break;
            spill += layout.columnWidth[next] ?? 0;
          }
          if (spill > 0) coveredUntil = next - 1;
        }
        const content =
          spill > 0
            ? `<span class="spill" style="width:${(layout.columnWidth[c] ?? 0) + spill - 8}px">${escapeHtml(text)}</span>`
            : wraps && text !== ""
              ? `<span class="wrap-text">${escapeHtml(text)}</span>`
              : escapeHtml(text);
        if (spill > 0) style.className += " spills covered";
        parts.push(`<div class="${style.className}" data-r="${r}" data-c="${c}" style="${css}">${content}</div>`);
      }
      parts.push("</div>");
    }
    this.rowsLayer.innerHTML = scrolledParts.join("");
    this.frozenLayer.innerHTML = frozenParts.join("");
  }

  /** The tooltip on the number of the row after hidden rows `first` … `last` (0-based): which ones are hidden. */
  private hiddenRowsText({ first, last }: { first: number; last: number }): string {
    return first === last
      ? this.text("demo.hiddenRowAbove", { row: first + 1 })
      : this.text("demo.hiddenRowsAbove", { first: first + 1, last: last + 1 });
  }

  private renderCharts(): void {
    const layout = this.layout;
    if (!layout) return;
    const charts = this.sim.workbook.charts.filter((chart) => chart.sheetId === layout.sheet.id);
    this.chartsLayer.innerHTML = charts
      .map((chart) => {
        const rect = rectOfChart(chart);
        const left = layout.columnX[rect.column] ?? ROW_HEADER_WIDTH;
        const right =
          rect.column + rect.columnCount < layout.columnCount
            ? (layout.columnX[rect.column + rect.columnCount] ?? layout.totalWidth)
            : layout.totalWidth;
        const width = Math.max(160, right - left);
        // Charts move and size with the cells under them (Excel's default placement), so tall rows stretch them.
        const height = Math.max(120, layout.rows.span(rect.row, rect.rowCount));
        const top = rect.row < layout.frozenRows ? 0 : layout.rows.top(rect.row);
        return `<figure class="chart" data-chart-name="${escapeHtml(chart.name)}" style="left:${left}px;top:${top}px;width:${width}px;height:${height}px">${chartSvg(chart, width, height)}</figure>`;
      })
      .join("");
  }

  private cellAt(
    target: EventTarget | null,
  ): { row: number; column: number; kind: "cells" | "columns" | "rows" } | null {
    const element = (target as HTMLElement | null)?.closest?.<HTMLElement>("[data-r],[data-col],[data-row]");
    if (!element) return null;
    const { r, c, col, row } = element.dataset;
    if (r !== undefined && c !== undefined) return { row: Number(r), column: Number(c), kind: "cells" };
    if (col !== undefined) return { row: 0, column: Number(col), kind: "columns" };
    if (row !== undefined) return { row: Number(row), column: 0, kind: "rows" };
    return null;
  }

  private rectBetween(a: { row: number; column: number }, b: { row: number; column: number }): CellRect {
    if (this.dragMode === "columns") {
      return {
        row: 0,
        rowCount: MAX_ROWS,
        column: Math.min(a.column, b.column),
        columnCount: Math.abs(a.column - b.column) + 1,
      };
    }
    if (this.dragMode === "rows") {
      return {
        column: 0,
        columnCount: MAX_COLUMNS,
        row: Math.min(a.row, b.row),
        rowCount: Math.abs(a.row - b.row) + 1,
      };
    }
    return {
      row: Math.min(a.row, b.row),
      column: Math.min(a.column, b.column),
      rowCount: Math.abs(a.row - b.row) + 1,
      columnCount: Math.abs(a.column - b.column) + 1,
    };
  }

  private onMouseDown(event: MouseEvent): void {
    if (event.button !== 0) return;
    const hit = this.cellAt(event.target);
    if (!hit) return;
    event.preventDefault();
    const current = this.sim.workbook.selection;
    const sameSheet = current?.sheetId === this.activeSheet().id;
    if (event.shiftKey && sameSheet && current) {
      // Shift-click extends from the cell first clicked, or from the top-left of a selection typed in the Name box.
      this.dragMode = hit.kind;
      const anchor = this.dragAnchor;
      const anchorInSelection =
        anchor !== null &&
        rectContains(current.rect, { row: anchor.row, column: anchor.column, rowCount: 1, columnCount: 1 });
      if (!anchorInSelection) this.dragAnchor = { row: current.rect.row, column: current.rect.column };
    } else {
      this.dragMode = hit.kind;
      this.dragAnchor = { row: hit.row, column: hit.column };
    }
    if (!this.dragAnchor) return;
    this.dragRect = this.rectBetween(this.dragAnchor, hit);
    this.paintSelection();
  }

  private onMouseOver(event: MouseEvent): void {
    if (!this.dragRect || !this.dragAnchor || (event.buttons & 1) === 0) return;
    const hit = this.cellAt(event.target);
    if (!hit) return;
    this.dragRect = this.rectBetween(this.dragAnchor, hit);
    this.paintSelection();
  }

  private onMouseUp(): void {
    const rect = this.dragRect;
    if (!rect) return;
    this.dragRect = null;
    // setSelection notifies subscribers, which redraws the grid.
    this.sim.setSelection(formatAddress(this.activeSheet().name, rect));
  }

  /** Redraws only what the selection changes while dragging. */
  private paintSelection(): void {
    this.renderHeader();
    this.renderRows(true);
    this.renderNameBox();
  }
}
