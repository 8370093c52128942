/**
 * The Forecast view in the browser demo, on the sample sales, in English and 简体中文: headline numbers, the check
 * against the past, customers worth a call, and the forecast's columns on the customer sheet. Saves screenshots.
 */
import { MESSAGES, type Language } from "../../src/i18n";
import { useBrowserSession } from "./browser";
import { openDemo, runAnalysis, saveScreenshot, useSelection } from "./demo-page";

const e2e = useBrowserSession();

const CASES: [Language, string, RegExp, string][] = [
  ["en", "en-US", /^Checked on the last 90 days: predicted [\d,]+ repeat purchases, actual [\d,]+\.$/, "en"],
  ["zh-Hans", "zh-CN", /^用最近 90 天回测：预测复购 [\d,]+ 次，实际 [\d,]+ 次。$/, "zh-hans"],
];

describe("the Forecast view in the demo", () => {
  it.each(CASES)(
    "%s: headline, holdout check, who to call; columns on the customer sheet",
    async (language, locale, holdout, suffix) => {
      const t = MESSAGES[language];
      const { page, errors, pane } = await openDemo(e2e, locale);
      await useSelection(pane, language);
      await runAnalysis(pane, language);
      const view = pane.getByRole("region", { name: t["forecastView.heading"] });
      await view.waitFor();
      await view.getByText(t["forecastView.purchases"].replace("{days}", "90")).waitFor();
      await view.getByText(holdout).waitFor();
      const callRows = view.getByRole("table", { name: t["forecastView.call"] }).getByRole("row");
      expect(await callRows.count()).toBeGreaterThan(1);
      // The parameters open on demand.
      await view.getByText(t["forecastView.model"]).click();
      await view.getByRole("table", { name: t["forecastView.purchaseModel"] }).waitFor();
      await view.scrollIntoViewIfNeeded();
      await saveScreenshot(view, `demo-forecast-${suffix}.png`);

      const headers = await page.evaluate(() => {
        const sim = (window as unknown as { __workbookSim: import("../../src/workbook-sim").WorkbookSim })
          .__workbookSim;
        const table = sim.workbook.tables.find((tb) => tb.name === "RfmCustomers");
        const sheet = sim.workbook.sheets.find((s) => s.id === table?.sheetId);
        return (sheet?.rows[0] ?? []).map(String);
      });
      expect(headers).toContain(language === "en" ? "Expected purchases, next 90 days" : "预期购买次数，未来 90 天");
      expect(errors).toEqual([]);
      await page.close();
    },
    120_000,
  );
});
