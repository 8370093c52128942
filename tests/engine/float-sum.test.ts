import fc from "fast-check";
import { correctlyRoundedSum } from "../../src/engine/float-sum";
import { permute, reorderKeys } from "./helpers";

describe("correctly rounded sum", () => {
  it("gives what Python's math.fsum gives", () => {
    expect(correctlyRoundedSum(new Array(10).fill(0.1))).toBe(1);
    expect(correctlyRoundedSum([1e100, 1, -1e100, 1e-100, 1e50, -1, -1e50])).toBe(1e-100);
    expect(correctlyRoundedSum([0.1, 0.2, 0.3])).toBe(0.6);
    expect(correctlyRoundedSum([1, 1e-16, 1e-16])).toBe(1.0000000000000002);
    expect(correctlyRoundedSum([2 ** 53, 1, 1])).toBe(9007199254740994);
    expect(correctlyRoundedSum([2 ** 53, -0.5, -(2 ** -54)])).toBe(9007199254740991);
    expect(correctlyRoundedSum([1, 2 ** -53, 2 ** -106])).toBe(1.0000000000000002); // a tie broken by the tail
    expect(correctlyRoundedSum([])).toBe(0);
  });

  it("does not depend on the order of the values", () => {
    const value = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.integer({ min: -1_000_000, max: 1_000_000 }).map((cents) => cents / 300),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 50 }), reorderKeys(50), (values, keys) => {
        const shuffled = permute(values, keys);
        expect(correctlyRoundedSum(shuffled) + 0).toBe(correctlyRoundedSum(values) + 0);
      }),
      { numRuns: 500 },
    );
  });
});
