/**
 * The demo grid's row geometry (src/demo/row-geometry.ts): rows taller than the default (SheetModel.rowHeights, in
 * points) push the rows below them down, frozen rows form their own band, and a 1,048,576-row sheet with a few tall
 * rows is answered without a per-row table.
 */
import { ROW_HEIGHT, RowGeometry, rowHeightPx } from "../../src/demo/row-geometry";
import { MAX_ROWS } from "../../src/workbook-sim/model";

describe("the demo grid's row geometry", () => {
  test("scales points as the default row: a 2-line row is 44 px, a 3-line row 66 px, never shorter than 22", () => {
    expect(rowHeightPx(15)).toBe(ROW_HEIGHT);
    expect(rowHeightPx(30)).toBe(44);
    expect(rowHeightPx(45)).toBe(66);
    expect(rowHeightPx(5)).toBe(ROW_HEIGHT);
  });

  test("without tall rows every row is ROW_HEIGHT", () => {
    const geometry = new RowGeometry({}, 60);
    expect(geometry.top(0)).toBe(0);
    expect(geometry.top(10)).toBe(220);
    expect(geometry.height(10)).toBe(22);
    expect(geometry.scrolledHeight).toBe(60 * 22);
    expect(geometry.frozenHeight).toBe(0);
    expect(geometry.rowAt(0)).toBe(0);
    expect(geometry.rowAt(21)).toBe(0);
    expect(geometry.rowAt(22)).toBe(1);
    expect(geometry.rowAt(-50)).toBe(0);
    expect(geometry.rowAt(1e9)).toBe(59);
  });

  test("a tall row pushes the rows below it down", () => {
    const geometry = new RowGeometry({ 3: 30, 7: 45 }, 60);
    expect(geometry.top(3)).toBe(66);
    expect(geometry.height(3)).toBe(44);
    expect(geometry.top(4)).toBe(110);
    expect(geometry.top(7)).toBe(176);
    expect(geometry.height(7)).toBe(66);
    expect(geometry.top(8)).toBe(242);
    expect(geometry.span(3, 5)).toBe(44 + 3 * 22 + 66);
    expect(geometry.scrolledHeight).toBe(60 * 22 + 22 + 44);
  });

  test("rowAt is the row whose band holds the offset, for every pixel", () => {
    const geometry = new RowGeometry({ 0: 30, 3: 30, 4: 45, 9: 60 }, 30);
    let row = 0;
    for (let y = 0; y < geometry.scrolledHeight; y++) {
      if (y >= geometry.top(row) + geometry.height(row)) row++;
      expect([y, geometry.rowAt(y)]).toEqual([y, row]);
    }
    for (let r = 0; r < 30; r++) {
      expect(geometry.rowAt(geometry.top(r))).toBe(r);
      expect(geometry.rowAt(geometry.top(r) + geometry.height(r) - 1)).toBe(r);
      expect(geometry.top(r + 1) - geometry.top(r)).toBe(geometry.height(r));
    }
  });

  test("frozen rows form their own band; scrolled rows are measured from the first unfrozen row", () => {
    const geometry = new RowGeometry({ 0: 45, 5: 30 }, 60, 2);
    expect(geometry.frozenHeight).toBe(66 + 22);
    expect(geometry.top(0)).toBe(0);
    expect(geometry.top(1)).toBe(66);
    expect(geometry.top(2)).toBe(0);
    expect(geometry.top(5)).toBe(66);
    expect(geometry.top(6)).toBe(110);
    expect(geometry.scrolledHeight).toBe(58 * 22 + 22);
    expect(geometry.rowAt(0)).toBe(2);
    expect(geometry.rowAt(-10)).toBe(2);
    expect(geometry.rowAt(65)).toBe(4);
    expect(geometry.rowAt(66)).toBe(5);
    expect(geometry.rowAt(109)).toBe(5);
    expect(geometry.rowAt(110)).toBe(6);
  });

  test("a 1,048,576-row sheet with a few tall rows: last rows, round trips, heights in points ignored if short", () => {
    const heights: Record<number, number> = { 0: 30, 500_000: 45, [MAX_ROWS - 1]: 30, 12: 15, 13: 10 };
    const geometry = new RowGeometry(heights, MAX_ROWS, 1);
    expect(geometry.frozenHeight).toBe(44);
    expect(geometry.scrolledHeight).toBe((MAX_ROWS - 1) * 22 + 44 + 22);
    expect(geometry.height(12)).toBe(22);
    expect(geometry.height(13)).toBe(22);
    expect(geometry.top(500_000)).toBe(499_999 * 22);
    expect(geometry.top(500_001)).toBe(499_999 * 22 + 66);
    expect(geometry.top(MAX_ROWS - 1)).toBe((MAX_ROWS - 2) * 22 + 44);
    for (const r of [1, 2, 499_999, 500_000, 500_001, 777_777, MAX_ROWS - 2, MAX_ROWS - 1]) {
      expect(geometry.rowAt(geometry.top(r))).toBe(r);
      expect(geometry.rowAt(geometry.top(r) + geometry.height(r) - 1)).toBe(r);
    }
    expect(geometry.rowAt(geometry.scrolledHeight + 1000)).toBe(MAX_ROWS - 1);
  });
});

describe("the demo grid's row geometry with rows hidden in the file", () => {
  /** Checks every pixel of the scrolled canvas: rowAt is the drawn (never hidden) row whose band holds it. */
  function expectEveryPixel(geometry: RowGeometry, rowCount: number, hidden: readonly number[]): void {
    const isHidden = new Set(hidden);
    const drawn: number[] = [];
    for (let r = geometry.frozenRows; r < rowCount; r++) if (!isHidden.has(r)) drawn.push(r);
    let i = 0;
    for (let y = 0; y < geometry.scrolledHeight; y++) {
      while (y >= geometry.top(drawn[i]!) + geometry.height(drawn[i]!)) i++;
      expect([y, geometry.rowAt(y)]).toEqual([y, drawn[i]]);
    }
    expect(geometry.rowAt(geometry.scrolledHeight + 500)).toBe(drawn[drawn.length - 1]);
    for (let r = 0; r < rowCount; r++) {
      expect([r, geometry.height(r)]).toEqual([r, isHidden.has(r) ? 0 : geometry.height(r)]);
      if (r + 1 < rowCount && r + 1 !== geometry.frozenRows)
        expect([r, geometry.top(r + 1) - geometry.top(r)]).toEqual([r, geometry.height(r)]);
    }
  }

  test("a hidden row is 0 px tall: the rows below move up, the row after a hidden run knows the run", () => {
    const geometry = new RowGeometry({}, 60, 0, [4, 5, 9]);
    expect(geometry.height(3)).toBe(22);
    expect(geometry.height(4)).toBe(0);
    expect(geometry.height(5)).toBe(0);
    expect(geometry.top(4)).toBe(88);
    expect(geometry.top(6)).toBe(88);
    expect(geometry.top(6)).toBe(geometry.top(3) + geometry.height(3));
    expect(geometry.top(9)).toBe(7 * 22);
    expect(geometry.top(10)).toBe(7 * 22);
    expect(geometry.span(3, 4)).toBe(2 * 22);
    expect(geometry.scrolledHeight).toBe(57 * 22);
    expect(geometry.hidden(4)).toBe(true);
    expect(geometry.hidden(6)).toBe(false);
    expect(geometry.nextVisible(4)).toBe(6);
    expect(geometry.nextVisible(6)).toBe(6);
    expect(geometry.hiddenAbove(6)).toEqual({ first: 4, last: 5 });
    expect(geometry.hiddenAbove(10)).toEqual({ first: 9, last: 9 });
    expect(geometry.hiddenAbove(7)).toBeNull();
    expect(geometry.hiddenAbove(5)).toBeNull();
    expect(geometry.rowAt(88)).toBe(6);
    expect(geometry.rowAt(87)).toBe(3);
  });

  test("a tall row that is hidden is 0 px tall too; unsorted or repeated hidden rows are fine", () => {
    const geometry = new RowGeometry({ 4: 45, 6: 30 }, 30, 0, [4, 2, 4]);
    expect(geometry.height(4)).toBe(0);
    expect(geometry.height(6)).toBe(44);
    expect(geometry.top(5)).toBe(3 * 22);
    expect(geometry.top(7)).toBe(4 * 22 + 44);
  });

  test("rowAt never lands on a hidden row, for every pixel (hidden first row, runs, a tall row between, the last)", () => {
    const hidden = [0, 3, 4, 5, 7, 12, 13, 29];
    const geometry = new RowGeometry({ 6: 45, 8: 30, 13: 60 }, 30, 0, hidden);
    expectEveryPixel(geometry, 30, hidden);
    expect(geometry.rowAt(0)).toBe(1);
    expect(geometry.rowAt(1e9)).toBe(28);
  });

  test("frozen and hidden rows: a hidden frozen row, hidden rows where the scrolled canvas starts", () => {
    const hidden = [1, 3, 4, 10];
    const geometry = new RowGeometry({ 2: 30 }, 40, 3, hidden);
    expect(geometry.frozenHeight).toBe(22 + 44);
    expect(geometry.top(0)).toBe(0);
    expect(geometry.top(2)).toBe(22);
    expect(geometry.top(3)).toBe(0);
    expect(geometry.top(5)).toBe(0);
    expect(geometry.top(6)).toBe(22);
    expect(geometry.scrolledHeight).toBe((37 - 3) * 22);
    expect(geometry.rowAt(0)).toBe(5);
    expect(geometry.rowAt(-10)).toBe(5);
    expect(geometry.hiddenAbove(2)).toEqual({ first: 1, last: 1 });
    expect(geometry.hiddenAbove(5)).toEqual({ first: 3, last: 4 });
    expectEveryPixel(geometry, 40, hidden);
  });

  test("a 1,048,576-row sheet with 10,000 hidden rows (scattered and one long run) from a sparse list", () => {
    const hidden: number[] = [];
    for (let i = 0; i < 5_000; i++) hidden.push(1_000 + i * 97);
    for (let r = 700_000; r < 704_999; r++) hidden.push(r);
    hidden.push(MAX_ROWS - 1);
    expect(hidden.length).toBe(10_000);
    const geometry = new RowGeometry({ 0: 30, 500_000: 45, 1_000: 45 }, MAX_ROWS, 1, hidden);
    const hiddenBefore = (row: number) => hidden.filter((h) => h < row).length;
    const topOf = (row: number) => (row - 1 - hiddenBefore(row)) * 22 + (row > 500_000 ? 44 : 0);
    expect(geometry.frozenHeight).toBe(44);
    expect(geometry.scrolledHeight).toBe((MAX_ROWS - 1 - 10_000) * 22 + 44);
    expect(geometry.height(1_000)).toBe(0);
    expect(geometry.height(500_000)).toBe(66);
    for (const r of [2, 1_001, 1_096, 1_098, 250_000, 500_001, 699_999, 705_000, 900_000, MAX_ROWS - 2]) {
      expect([r, geometry.top(r)]).toEqual([r, topOf(r)]);
      expect([r, geometry.rowAt(geometry.top(r))]).toEqual([r, r]);
      expect([r, geometry.rowAt(geometry.top(r) + geometry.height(r) - 1)]).toEqual([r, r]);
    }
    expect(geometry.top(704_999)).toBe(geometry.top(700_000));
    expect(geometry.rowAt(geometry.top(700_000))).toBe(704_999);
    expect(geometry.rowAt(geometry.top(700_000) - 1)).toBe(699_999);
    expect(geometry.hiddenAbove(704_999)).toEqual({ first: 700_000, last: 704_998 });
    expect(geometry.nextVisible(700_000)).toBe(704_999);
    expect(geometry.rowAt(geometry.scrolledHeight + 1000)).toBe(MAX_ROWS - 2);
    const isHidden = new Set(hidden);
    for (let y = 0; y < geometry.scrolledHeight; y += 9_973) {
      const row = geometry.rowAt(y);
      expect([y, isHidden.has(row)]).toEqual([y, false]);
      expect(geometry.top(row) <= y && y < geometry.top(row) + geometry.height(row)).toBe(true);
    }
  });
});
