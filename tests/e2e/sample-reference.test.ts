/**
 * The browser tests check the workbook against an independent RFM computation of the sample; this makes sure that
 * reference and the engine agree on the sample in Node first, so a browser failure points at the browser path.
 */
import { analyzeRfm, defaultRfmOptions, guessMapping, STANDARD_SEGMENT_KEYS } from "../../src/engine";
import { readSample, referenceRfm } from "./sample-reference";

describe("the demo sample", () => {
  const rows = readSample();
  const reference = referenceRfm(rows);

  it("holds a few thousand invoices of several hundred customers, returns included", () => {
    expect(rows.length).toBeGreaterThan(3000);
    expect(reference.size).toBeGreaterThan(500);
    expect(rows.some((row) => row.cents < 0)).toBe(true);
  });

  it("scores every customer the same in the independent reference and in the engine", () => {
    const header = ["Invoice No", "Customer ID", "Invoice Date", "Country", "Amount"];
    const values = [header, ...rows.map((row) => [row.invoice, row.customer, row.day, row.country, row.cents / 100])];
    const mapping = guessMapping(header);
    expect(mapping).toMatchObject({ orderId: 0, customer: 1, date: 2, amount: 4 });
    const result = analyzeRfm(values, mapping, defaultRfmOptions());
    expect(result.customers.id.length).toBe(reference.size);
    const differences: string[] = [];
    result.customers.id.forEach((id, i) => {
      const expected = reference.get(id);
      const segmentKey = STANDARD_SEGMENT_KEYS[result.customers.segment[i] ?? 0] ?? "";
      const actual = `${result.customers.r[i]}${result.customers.f[i]}${result.customers.m[i]} ${segmentKey}`;
      const wanted = expected ? `${expected.r}${expected.f}${expected.m} ${expected.segment}` : "missing";
      if (actual !== wanted) differences.push(`${id}: engine ${actual}, reference ${wanted}`);
    });
    expect(differences).toEqual([]);
  });
});
