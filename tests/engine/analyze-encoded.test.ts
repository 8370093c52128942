import { analyzeEncoded, resolveOptions, RfmInputError, type EncodedSales } from "../../src/engine/index";
import { SkipLog } from "../../src/engine/encoded";

/** Three rows of two customers, as a reader would hand them over; `change` breaks one part of it. */
function encoded(change: (e: EncodedSales) => void = () => undefined): EncodedSales {
  const e: EncodedSales = {
    rowCount: 3,
    rowCustomer: Int32Array.from([0, 1, 0]),
    rowDay: Int32Array.from([45000, 45010, 45020]),
    rowUnits: Int32Array.from([100_000, 250_000, 50_000]),
    bigUnits: new Map(),
    customerIds: ["A", "B"],
    blankRows: 0,
    skipped: new SkipLog(10),
    rowNumberOf: (row) => row + 2,
    dateTextOf: () => "",
    dimensions: [],
  };
  change(e);
  return e;
}

describe("analyzeEncoded checks what it is handed", () => {
  it("analyses well-formed rows", () => {
    const result = analyzeEncoded(encoded(), resolveOptions({ k: 3 }));
    expect(result.customers.id).toEqual(["A", "B"]);
    expect(Array.from(result.customers.frequency)).toEqual([2, 1]);
  });

  it.each<[string, (e: EncodedSales) => void, RegExp]>([
    [
      "a customer number beyond customerIds",
      (e) => (e.rowCustomer[1] = 2),
      /customer number 2, but there are 2 customer ids/,
    ],
    ["a customer number below -1", (e) => (e.rowCustomer[0] = -2), /customer number -2/],
    ["columns shorter than rowCount", (e) => (e.rowCount = 4), /rowCustomer has 3 entries for 4 rows/],
    ["a day beyond 9999-12-31", (e) => (e.rowDay[2] = 2958466), /day 2958466/],
    ["a negative day", (e) => (e.rowDay[0] = -1), /day -1/],
    ["a big amount with no exact units", (e) => (e.rowUnits[0] = 0x7fffffff), /bigUnits has no entry for row 0/],
  ])("refuses %s", (_name, change, message) => {
    expect(() => analyzeEncoded(encoded(change), resolveOptions())).toThrow(message);
  });

  it("checks the options as resolveOptions does", () => {
    const options = { ...resolveOptions(), k: 7 as 5 };
    expect(() => analyzeEncoded(encoded(), options)).toThrow(RfmInputError);
  });
});
