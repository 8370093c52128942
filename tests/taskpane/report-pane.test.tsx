import { screen, within } from "@testing-library/react";
import { MESSAGES } from "../../src/i18n";
import { renderPane } from "./render-pane";

const en = MESSAGES.en;
// Fluent popovers under jsdom on a shared 2-core machine take seconds per interaction.
jest.setTimeout(60_000);

describe("results read as a report", () => {
  test("scrolls to the results, heads the breakpoints apart from their hint, shows money with two decimals", async () => {
    const scrolled: Element[] = [];
    const scroll = jest.spyOn(Element.prototype, "scrollIntoView").mockImplementation(function (this: Element) {
      scrolled.push(this);
    });
    try {
      const { user } = renderPane();
      await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
      await screen.findByText("Sales!A1:D9: 8 data rows");
      await user.click(screen.getByRole("button", { name: en["run.button"] }));
      const results = await screen.findByRole("region", { name: en["results.heading"] });
      expect(scrolled).toContain(results);
      expect(within(results).getByRole("heading", { name: en["results.breakpoints"] })).toBeInTheDocument();
      // Every revenue in the segment list has exactly two decimals.
      const revenues = within(results)
        .getAllByText(new RegExp(`^${en["results.revenue"]}: `))
        .map((node) => node.textContent ?? "");
      expect(revenues.length).toBeGreaterThan(0);
      for (const text of revenues) expect(text).toMatch(/: -?[\d,]+\.\d\d$/);
    } finally {
      scroll.mockRestore();
    }
  });

  test("says that every ticked dimension gets its own PivotTable; sheet names quoted in Chinese buttons", async () => {
    const { user } = renderPane();
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    await screen.findByText("Sales!A1:D9: 8 data rows");
    expect(screen.getByText(en["report.mapping.dimensionsHint"])).toBeInTheDocument();
    expect(MESSAGES["zh-Hant"]["results.openSheet"].replace("{sheet}", "RFM Customers")).toBe(
      "開啟工作表「RFM Customers」",
    );
  });
});
