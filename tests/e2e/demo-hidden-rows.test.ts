/**
 * A filtered ledger in the demo grid: the Chinese pharmacy ledger (../shared/datasets/chinese_pharmacy) has its test
 * store's rows hidden by an AutoFilter. The grid leaves them out as Excel does (0 px tall, the row numbers skip
 * them) and marks the number of the row after each gap, naming the hidden rows in its tooltip.
 */
import { artefactPath, useBrowserSession } from "./browser";
import { PHARMACY_LEDGER_FILE, pharmacyLedgerFacts, pharmacyLedgerPresent } from "../pharmacy-ledger-dataset";
import { openDemo } from "./demo-page";

const present = pharmacyLedgerPresent("the hidden-rows demo test");

const e2e = useBrowserSession();

describe("the demo grid over a filtered ledger", () => {
  (present ? it : it.skip)(
    "leaves the hidden rows out and marks the gap on the next row's number",
    async () => {
      const facts = pharmacyLedgerFacts();
      const { page, errors } = await openDemo(e2e);
      const chooser = page.waitForEvent("filechooser");
      await page.getByRole("button", { name: "Load CSV / XLSX file" }).click();
      await (await chooser).setFiles(PHARMACY_LEDGER_FILE);
      await page.getByRole("tab", { name: "pharmacy_ledger" }).waitFor({ timeout: 60_000 });
      const hidden = await page.evaluate(() => {
        const sim = (window as unknown as { __workbookSim: import("../../src/workbook-sim").WorkbookSim })
          .__workbookSim;
        return sim.workbook.sheets.find((s) => s.name === "pharmacy_ledger")?.hiddenRows ?? [];
      });
      expect(hidden.length).toBe(facts.hidden_rows_test_store);
      // The first gap: hidden rows first … last (0-based), the row before it and the row after it shown.
      const first = hidden[0]!;
      let last = first;
      while (hidden.includes(last + 1)) last++;
      const before = first - 1;
      const after = last + 1;
      const nameBox = page.getByRole("textbox", { name: "Name Box" });
      await nameBox.fill(`A${after + 1}`);
      await nameBox.press("Enter");
      const head = page.locator(`#grid [data-row="${after}"]`);
      await head.waitFor();
      expect(await head.getAttribute("class")).toContain("after-hidden");
      expect(await head.getAttribute("title")).toBe(
        first === last
          ? `Row ${first + 1} is hidden in the file (by a filter or by hand)`
          : `Rows ${first + 1}–${last + 1} are hidden in the file (by a filter or by hand)`,
      );
      for (let r = first; r <= last; r++) {
        expect(await page.locator(`#grid [data-row="${r}"]`).count()).toBe(0);
        expect(await page.locator(`#grid [data-r="${r}"]`).count()).toBe(0);
      }
      const beforeBox = await page.locator(`#grid [data-row="${before}"]`).boundingBox();
      const afterBox = await head.boundingBox();
      expect(afterBox!.y).toBeCloseTo(beforeBox!.y + beforeBox!.height, 0);
      expect(await page.locator(`#grid [data-row="${before}"]`).textContent()).toBe(String(before + 1));
      expect(await head.textContent()).toBe(String(after + 1));
      await page.screenshot({ path: artefactPath("demo-hidden-rows.png") });
      // The row numbers around the gap, close up.
      await page.screenshot({
        path: artefactPath("demo-hidden-rows-heads.png"),
        clip: { x: 0, y: beforeBox!.y - 30, width: 300, height: 120 },
      });
      expect(errors).toEqual([]);
    },
    120_000,
  );
});
