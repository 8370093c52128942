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
