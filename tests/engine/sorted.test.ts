import fc from "fast-check";
import { customerOrderById } from "../../src/engine/index";
import { sortedUnits, sortedWholeNumbers } from "../../src/engine/sorted";

const nativeSorted = (values: ArrayLike<number>): number[] => Array.from(Float64Array.from(values).sort());

describe("sorted copies of customer columns", () => {
  it("sorts whole numbers like the native sort, by counting or not", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 3000 }), { maxLength: 600, size: "max" }), (values) => {
        expect(Array.from(sortedWholeNumbers(Int32Array.from(values)))).toEqual(nativeSorted(values));
      }),
    );
    // A range far wider than the count takes the native path.
    const wide = Int32Array.from([2_000_000_000, -5, 7, 1_000_000, 7]);
    expect(Array.from(sortedWholeNumbers(wide))).toEqual([-5, 7, 7, 1_000_000, 2_000_000_000]);
    expect(sortedWholeNumbers(new Int32Array(0)).length).toBe(0);
  });

  it("sorts money units like the native sort: radix within 32 bits, native beyond or for fractions", () => {
    const units = fc.oneof(
      fc.integer({ min: -50_000_000, max: 4_000_000_000 }),
      fc.integer({ min: -20, max: 20 }),
      fc.constantFrom(0, 2 ** 40, -(2 ** 41), 123.5),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.array(units, { maxLength: 300 }), fc.array(units, { minLength: 256, maxLength: 2000 })),
        (values) => {
          expect(Array.from(sortedUnits(Float64Array.from(values)))).toEqual(nativeSorted(values));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("sorts 100,000 units spread over the whole 32-bit range", () => {
    const values = new Float64Array(100_000);
    let state = 12345;
    for (let i = 0; i < values.length; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      values[i] = state - 2 ** 31;
    }
    expect(Array.from(sortedUnits(values))).toEqual(nativeSorted(values));
  });
});

describe("customers in id order", () => {
  const byComparison = (ids: string[]): string[] => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  it("orders ids as `<` on strings does: digits, capitals, lower case, shorter first", () => {
    const ids = ["b", "B", "00001", "Smith, J", "0001", "C10", "C1", "C100", "é", "ÿ"];
    const order = customerOrderById({ id: ids });
    expect(Array.from(order, (i) => ids[i])).toEqual(byComparison(ids));
  });

  it("gives ids already in order back as they are, and sorts ids that are all but in order", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `C${String(i).padStart(6, "0")}`);
    expect(Array.from(customerOrderById({ id: ids }))).toEqual(ids.map((_, i) => i));
    const swapped = [...ids.slice(0, 998), ids[999]!, ids[998]!];
    expect(Array.from(customerOrderById({ id: swapped }), (i) => swapped[i])).toEqual(ids);
  });

  it("agrees with comparing strings on any distinct ids, short or long, Latin or not", () => {
    const character = fc.oneof(
      fc.constantFrom("0", "1", "9", "A", "Z", "a", "z", " ", "-", "@", ".", "ÿ", "é"),
      fc.constantFrom("客", "户", "Ā", "😀"),
    );
    const id = fc.oneof(
      fc.array(fc.constantFrom("0", "1", "2", "C", "c"), { minLength: 1, maxLength: 8 }).map((cs) => cs.join("")),
      fc.array(character, { minLength: 1, maxLength: 40 }).map((cs) => cs.join("")),
    );
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 300 }), (ids) => {
        const order = customerOrderById({ id: ids });
        expect(Array.from(order, (i) => ids[i])).toEqual(byComparison(ids));
      }),
      { numRuns: 300 },
    );
  });
});
