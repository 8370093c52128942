/**
 * Draws the sim's charts as SVG markup: bar/column, pie/doughnut, line and XY scatter (the Pareto curve), each
 * with its title and, when the chart has one, a legend. Only what the add-in writes needs to look right.
 */
import type { ChartModel, SimCellValue } from "../workbook-sim/model";
import { displayText } from "./cell-format";
import { escapeHtml } from "./escape";

const PALETTE = [
  "#4472c4",
  "#ed7d31",
  "#a5a5a5",
  "#ffc000",
  "#5b9bd5",
  "#70ad47",
  "#264478",
  "#9e480e",
  "#636363",
  "#997300",
  "#255e91",
];

function label(value: SimCellValue | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return String(value);
}

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

function shortNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${+(value / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `${+(value / 1e3).toFixed(1)}k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** A bar's value label: in the chart's data-label number format when it has one (`0.0%` shows 0.08 as 8.0%). */
function valueLabel(chart: ChartModel, value: number): string {
  const format = chart.dataLabels?.numberFormat;
  return format === undefined ? shortNumber(value) : displayText(value, format);
}

function text(x: number, y: number, content: string, attrs = ""): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escapeHtml(content)}</text>`;
}

function truncate(content: string, max: number): string {
  return content.length > max ? `${content.slice(0, max - 1)}…` : content;
}

function barChart(chart: ChartModel, width: number, top: number, height: number, horizontal: boolean): string {
  const series = chart.series;
  const categories = series[0]?.categories ?? [];
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter(Number.isFinite))));
  const parts: string[] = [];
  if (horizontal) {
    const left = Math.min(140, width * 0.38);
    const plotWidth = width - left - 44;
    const band = height / Math.max(1, categories.length);
    const barHeight = (band * 0.7) / Math.max(1, series.length);
    categories.forEach((category, i) => {
      const y = top + i * band;
      parts.push(text(left - 6, y + band / 2 + 4, truncate(label(category), 22), 'text-anchor="end" class="axis"'));
      series.forEach((s, j) => {
        const value = s.values[i] ?? 0;
        const w = Math.max(0, (value / max) * plotWidth);
        const by = y + band * 0.15 + j * barHeight;
        parts.push(
          `<rect class="bar" x="${left}" y="${by.toFixed(1)}" width="${w.toFixed(1)}" height="${barHeight.toFixed(1)}" fill="${PALETTE[j % PALETTE.length]}"><title>${escapeHtml(`${label(category)}: ${label(value)}`)}</title></rect>`,
        );
        parts.push(text(left + w + 3, by + barHeight / 2 + 4, valueLabel(chart, value), 'class="value"'));
      });
    });
    parts.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + height}" class="axis-line"/>`);
  } else {
    const left = 40;
    const bottom = top + height - 30;
    const plotHeight = bottom - top;
    const band = (width - left - 10) / Math.max(1, categories.length);
    const barWidth = (band * 0.7) / Math.max(1, series.length);
    for (const tick of [0, 0.5, 1]) {
      const y = bottom - tick * plotHeight;
      parts.push(`<line x1="${left}" y1="${y}" x2="${width - 10}" y2="${y}" class="grid-line"/>`);
      parts.push(text(left - 4, y + 4, shortNumber(tick * max), 'text-anchor="end" class="axis"'));
    }
    categories.forEach((category, i) => {
      const x = left + i * band;
      series.forEach((s, j) => {
        const value = s.values[i] ?? 0;
        const h = Math.max(0, (value / max) * plotHeight);
        parts.push(
          `<rect class="bar" x="${(x + band * 0.15 + j * barWidth).toFixed(1)}" y="${(bottom - h).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" fill="${PALETTE[j % PALETTE.length]}"><title>${escapeHtml(`${label(category)}: ${label(value)}`)}</title></rect>`,
        );
      });
      parts.push(
        text(
          x + band / 2,
          bottom + 14,
          truncate(label(category), Math.max(3, Math.floor(band / 6))),
          'text-anchor="middle" class="axis"',
        ),
      );
    });
  }
  return parts.join("");
}

function pieChart(chart: ChartModel, width: number, top: number, height: number, doughnut: boolean): string {
  const series = chart.series[0];
  if (!series) return "";
  const values = series.values.map((v) => (Number.isFinite(v) && v > 0 ? v : 0));
  const total = values.reduce((a, b) => a + b, 0);
  const legendWidth = Math.min(150, width * 0.42);
  const radius = Math.max(10, Math.min((width - legendWidth) / 2, height / 2) - 8);
  const cx = (width - legendWidth) / 2;
  const cy = top + height / 2;
  const parts: string[] = [];
  let angle = -Math.PI / 2;
  values.forEach((value, i) => {
    if (total <= 0 || value <= 0) return;
    const sweep = (value / total) * Math.PI * 2;
    const color = PALETTE[i % PALETTE.length] ?? "#888";
    const title = `<title>${escapeHtml(`${label(series.categories[i])}: ${((value / total) * 100).toFixed(1)}%`)}</title>`;
    if (sweep >= Math.PI * 2 - 1e-9) {
      parts.push(`<circle class="slice" cx="${cx}" cy="${cy}" r="${radius}" fill="${color}">${title}</circle>`);
    } else {
      const x1 = cx + radius * Math.cos(angle);
      const y1 = cy + radius * Math.sin(angle);
      const x2 = cx + radius * Math.cos(angle + sweep);
      const y2 = cy + radius * Math.sin(angle + sweep);
      const large = sweep > Math.PI ? 1 : 0;
      parts.push(
        `<path class="slice" d="M${cx.toFixed(1)},${cy.toFixed(1)} L${x1.toFixed(1)},${y1.toFixed(1)} A${radius.toFixed(1)},${radius.toFixed(1)} 0 ${large} 1 ${x2.toFixed(1)},${y2.toFixed(1)} Z" fill="${color}" stroke="#fff" stroke-width="1">${title}</path>`,
      );
    }
    angle += sweep;
  });
  if (doughnut) parts.push(`<circle cx="${cx}" cy="${cy}" r="${(radius * 0.5).toFixed(1)}" fill="#fff"/>`);
  const legendX = width - legendWidth + 4;
  const lineHeight = Math.min(16, height / Math.max(1, values.length));
  series.categories.forEach((category, i) => {
    const y = top + 6 + i * lineHeight;
    parts.push(`<rect x="${legendX}" y="${y.toFixed(1)}" width="9" height="9" fill="${PALETTE[i % PALETTE.length]}"/>`);
    parts.push(text(legendX + 13, y + 8.5, truncate(label(category), 20), 'class="legend"'));
  });
  return parts.join("");
}

function lineChart(chart: ChartModel, width: number, top: number, height: number, xy: boolean): string {
  const left = 40;
  const bottom = top + height - 24;
  const right = width - 12;
  const plotHeight = bottom - top;
  const plotWidth = right - left;
  const all = chart.series.flatMap((s) => s.values.filter(Number.isFinite));
  const maxY = niceMax(Math.max(0, ...all));
  const parts: string[] = [];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const y = bottom - tick * plotHeight;
    parts.push(`<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" class="grid-line"/>`);
    parts.push(
      text(
        left - 4,
        y + 4,
        maxY <= 1 ? `${Math.round(tick * maxY * 100)}%` : shortNumber(tick * maxY),
        'text-anchor="end" class="axis"',
      ),
    );
  }
  chart.series.forEach((s, j) => {
    const xs = xy ? s.categories.map((c) => (typeof c === "number" ? c : Number(c))) : s.values.map((_v, i) => i);
    const maxX = xy ? niceMax(Math.max(0, ...xs.filter(Number.isFinite))) : Math.max(1, s.values.length - 1);
    const points = s.values
      .map((v, i) => [xs[i] ?? NaN, v] as const)
      .filter(([x, v]) => Number.isFinite(x) && Number.isFinite(v))
      .map(
        ([x, v]) => `${(left + (x / maxX) * plotWidth).toFixed(1)},${(bottom - (v / maxY) * plotHeight).toFixed(1)}`,
      );
    parts.push(
      `<polyline class="line" points="${points.join(" ")}" fill="none" stroke="${PALETTE[j % PALETTE.length]}" stroke-width="2"/>`,
    );
    if (xy && j === 0) {
      for (const tick of [0, 0.5, 1])
        parts.push(
          text(
            left + tick * plotWidth,
            bottom + 14,
            maxX <= 1 ? `${Math.round(tick * maxX * 100)}%` : shortNumber(tick * maxX),
            'text-anchor="middle" class="axis"',
          ),
        );
    }
  });
  if (chart.series.length > 1 || chart.legendVisible) {
    chart.series.forEach((s, j) => {
      parts.push(
        `<rect x="${left + 8}" y="${top + 4 + j * 14}" width="9" height="9" fill="${PALETTE[j % PALETTE.length]}"/>`,
      );
      parts.push(text(left + 21, top + 12.5 + j * 14, s.name, 'class="legend"'));
    });
  }
  return parts.join("");
}

/** SVG markup for one chart in a width × height box. */
export function chartSvg(chart: ChartModel, width: number, height: number): string {
  const titleHeight = chart.title ? 26 : 6;
  const top = titleHeight + 4;
  const plotHeight = Math.max(20, height - top - 8);
  const type = chart.type.toLowerCase();
  let body: string;
  if (type.startsWith("bar")) body = barChart(chart, width, top, plotHeight, true);
  else if (type.startsWith("column")) body = barChart(chart, width, top, plotHeight, false);
  else if (type === "pie" || type === "doughnut") body = pieChart(chart, width, top, plotHeight, type === "doughnut");
  else if (type.startsWith("xyscatter")) body = lineChart(chart, width, top, plotHeight, true);
  else body = lineChart(chart, width, top, plotHeight, false);
  const title = chart.title ? text(width / 2, 18, chart.title, 'text-anchor="middle" class="chart-title"') : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(chart.title || chart.name)}" data-chart-type="${escapeHtml(chart.type)}"><rect width="${width}" height="${height}" fill="#fff"/>${title}${body}</svg>`;
}
