/** The reference CSV reader that the demo and the tests share (src/demo/csv-text.ts). */
import { parseCsvText } from "../../src/demo/csv-text";

describe("parseCsvText", () => {
  it("splits records and fields, keeping empty fields", () => {
    expect(parseCsvText("a,b,c\n1,,3\n,,\n")).toEqual([
      ["a", "b", "c"],
      ["1", "", "3"],
      ["", "", ""],
    ]);
  });

  it("reads commas inside quotes as text and a doubled quote as one quote", () => {
    expect(parseCsvText('id,note\nC1,"1,234.50"\nC2,"say ""hi"""\nC3,""\n')).toEqual([
      ["id", "note"],
      ["C1", "1,234.50"],
      ["C2", 'say "hi"'],
      ["C3", ""],
    ]);
  });

  it("ends records at CRLF, LF or CR, and adds no record for the final line break", () => {
    expect(parseCsvText("a,b\r\n1,2\r\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsvText("a\r1\n2")).toEqual([["a"], ["1"], ["2"]]);
    expect(parseCsvText("")).toEqual([]);
  });

  it("keeps line breaks inside a quoted field, CRLF included", () => {
    expect(parseCsvText('id,address\nC1,"1 Main St\nSpringfield"\r\nC2,"a\r\nb"\r\n')).toEqual([
      ["id", "address"],
      ["C1", "1 Main St\nSpringfield"],
      ["C2", "a\r\nb"],
    ]);
  });

  it("drops a leading byte-order mark, so the first header is not \\uFEFFid", () => {
    expect(parseCsvText("\uFEFFid,amount\nC1,5\n")).toEqual([
      ["id", "amount"],
      ["C1", "5"],
    ]);
  });

  it("takes a quote inside an unquoted field as an ordinary character", () => {
    expect(parseCsvText('12" pipe,x\n')).toEqual([['12" pipe', "x"]]);
  });
});
