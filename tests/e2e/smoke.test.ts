import { openPage, useBrowserSession } from "./browser";

const e2e = useBrowserSession();

describe("taskpane.html outside Office", () => {
  it("loads office.js, renders the pane title and an 'open in Excel' state, and throws nothing", async () => {
    const { page, errors } = await openPage(e2e.browser, { width: 320, height: 700 });
    const officeJs: string[] = [];
    page.on("requestfinished", (request) => {
      if (request.url().includes("appsforoffice.microsoft.com")) officeJs.push(request.url());
    });
    await page.goto(`${e2e.server.url}taskpane.html`);
    await page.getByRole("heading", { name: "RFM Segments" }).waitFor({ timeout: 20_000 });
    await page.getByText(/Excel/).first().waitFor();
    expect(officeJs.some((url) => url.endsWith("/office.js"))).toBe(true);
    // The pane fits a 320 px wide task pane without horizontal scrolling.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  }, 60_000);

  it("serves the ribbon command page without errors", async () => {
    const { page, errors } = await openPage(e2e.browser);
    await page.goto(`${e2e.server.url}commands.html`);
    await page.waitForLoadState("load");
    // The page's last step is its Office.onReady callback (associating showRfmPane); a callback added now runs
    // after it, so once this resolves the page has done all it does on load.
    const host = await page.evaluate(
      () =>
        new Promise((resolve) => {
          void Office.onReady((info) => resolve(info.host));
        }),
    );
    expect(host).toBeNull(); // outside Office
    expect(errors).toEqual([]);
  }, 30_000);
});
