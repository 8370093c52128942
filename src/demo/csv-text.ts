/**
 * The reference CSV reader for the demo (its bundled sample) and the tests (the shared data sets, the CLI's output):
 * RFC 4180 text in, rows of text cells out. Kept apart from the CLI's fast byte reader (src/cli/encode-csv.ts,
 * csv-reader.ts) so the two check each other; it reads a whole string, which is enough for these files.
 *
 * A leading byte-order mark is dropped. A field that starts with `"` is quoted: commas, CR and LF inside it are
 * text, `""` is one quote. A quote inside an unquoted field is an ordinary character. Records end at LF, CRLF or CR;
 * a final line break adds no empty record.
 */
export function parseCsvText(source: string): string[][] {
  const text = source.replace(/^\uFEFF/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
