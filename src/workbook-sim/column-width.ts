/** Column widths and row heights as Excel's autofit would roughly give them, from the text the cells show. */

/** Excel's default row height in points for its 11-point default font. */
export const DEFAULT_ROW_HEIGHT = 15;

/**
 * About how many Latin characters wide a cell's text is: numbers as formatted with thousands separators and two decimals (how the
 * add-in formats money), so autofit leaves room for `1,253,510.06` rather than for `1253510.06`.
 */
export function estimatedTextLength(value: unknown): number {
  if (typeof value !== "number") return textWidthUnits(String(value));
  const decimals = Number.isInteger(value) ? 0 : 2;
  if (!Number.isFinite(value) || Math.abs(value) >= 1e15)
    return value.toLocaleString("en-US", { maximumFractionDigits: 2, minimumFractionDigits: decimals }).length;
  // The same length as toLocaleString("en-US") gives, without its cost (autofit measures whole columns).
  const fixed = Math.abs(value).toFixed(decimals);
  const integerDigits = decimals === 0 ? fixed.length : fixed.length - 3;
  return (value < 0 || Object.is(value, -0) ? 1 : 0) + fixed.length + Math.floor((integerDigits - 1) / 3);
}

/** How many Latin characters wide `text` is: wide (CJK, full-width) characters count two. */
export function textWidthUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += ch.charCodeAt(0) >= 0x2e80 ? 2 : 1;
  return units;
}

/** Width in points for a column whose longest text has `characters` characters (room for bold headers). */
export function columnWidthFor(characters: number): number {
  return Math.max(8.43, characters * 1.3) * 5.6;
}

/**
 * How many characters wide a text cell's widest line is. With wrapText on, Excel breaks the text at its line feeds
 * and autofit sizes the column to the widest line (as users report it, EPPlus#884, XlsxWriter#951); without it the
 * text shows on one line, the line feeds not drawn.
 */
export function wrappedTextUnits(text: string, wraps: boolean): number {
  if (!text.includes("\n")) return textWidthUnits(text);
  if (!wraps) return textWidthUnits(text.replaceAll("\n", ""));
  return Math.max(...text.split("\n").map(textWidthUnits));
}

/** Lines a wrapped text cell takes in a column `width` points wide: each line feed, then each line soft-wrapped. */
export function wrappedLineCount(text: string, width: number): number {
  let lines = 0;
  for (const line of text.split("\n"))
    lines += Math.max(1, Math.ceil(columnWidthFor(textWidthUnits(line)) / width - 1e-9));
  return lines;
}
