/**
 * "Who moved where" in the browser demo (issue 11): the default comparison with 90 days earlier, the Changes view
 * and its filter button, in English and 简体中文. Screenshots for the README.
 */
import { MESSAGES, type Language } from "../../src/i18n";
import { useBrowserSession } from "./browser";
import { openDemo, runAnalysis, saveScreenshot, useSelection } from "./demo-page";

const e2e = useBrowserSession();

describe.each([
  ["en", "en-US", /^Changes since \d{4}-\d{2}-\d{2}$/, "demo-changes.png"],
  ["zh-Hans", "zh-CN", /^自 \d{4}年\d{1,2}月\d{1,2}日 以来的变化$/, "demo-changes-zh-hans.png"],
] as [Language, string, RegExp, string][])("the Changes view (%s)", (language, locale, heading, screenshot) => {
  it("lists the largest moves and filters the customer sheet to one", async () => {
    const t = MESSAGES[language];
    const { page, errors, pane } = await openDemo(e2e, locale);
    await useSelection(pane, language);
    await runAnalysis(pane, language);
    const changes = pane.getByRole("region", { name: heading });
    await changes.waitFor({ timeout: 60_000 });
    const moves = changes.getByRole("list", { name: t["compare.moves"] }).getByRole("listitem");
    expect(await moves.count()).toBeGreaterThan(0);
    await moves.first().getByRole("button").click();
    await changes.getByText(t["compare.filtered"]).waitFor();
    await page.setViewportSize({ width: 1920, height: 1000 });
    await changes.evaluate((section) => section.scrollIntoView({ block: "start" }));
    await saveScreenshot(page.locator("#pane"), screenshot);
    expect(errors).toEqual([]);
  }, 180_000);
});
