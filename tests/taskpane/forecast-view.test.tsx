import { screen, waitFor, within } from "@testing-library/react";
import type { CellValue } from "../../src/engine/types";
import { syntheticSalesRows } from "../../src/demo/synthetic-sales";
import { MESSAGES } from "../../src/i18n";
import type { AnalysisOutcome } from "../../src/worker/worker-client";
import { untranslated } from "./catalogue-text";
import { FakeGateway, sourceOf } from "./fake-gateway";
import { renderPane } from "./render-pane";

jest.setTimeout(60_000);

const en = MESSAGES.en;
const zh = MESSAGES["zh-Hans"];
// Two years of sales with enough repeat buyers for a forecast and its check against the past, and 20 big
// spenders who bought every ten days in the first months and then stopped (their P(alive) falls below 50%).
const ROWS = [
  ...(syntheticSalesRows(3000, 7) as CellValue[][]),
  ...Array.from({ length: 20 * 6 }, (_, i): CellValue[] => [
    `L${i}`,
    `L${String(Math.floor(i / 6)).padStart(2, "0")}`,
    44927 + 10 * (i % 6),
    "North",
    900 + Math.floor(i / 6),
  ]),
];

function forecastGateway() {
  return new FakeGateway({ ...sourceOf(ROWS), address: "Sales!A1:E3001" });
}

async function runOnce(user: ReturnType<typeof renderPane>["user"], t = en) {
  await user.click(screen.getByRole("button", { name: t["source.useSelection"] }));
  await user.click(await screen.findByRole("button", { name: t["run.button"] }));
  return screen.findByRole("region", { name: t["forecastView.heading"] });
}

const sum = (values: Float64Array) => values.reduce((total, value) => (Number.isNaN(value) ? total : total + value), 0);

describe("Forecast view", () => {
  test("headline numbers, the check against the past, customers worth a call, parameters; written too", async () => {
    const gateway = forecastGateway();
    const { user, runAnalysis } = renderPane({ gateway });
    const view = await runOnce(user);
    expect(runAnalysis.mock.calls[0]![5]).toEqual({ horizonDays: 90 });
    const outcome = (await runAnalysis.mock.results[0]!.value) as AnalysisOutcome;
    const forecast = outcome.forecast!;
    expect(forecast.report.bgnbd).not.toBeNull();
    expect(forecast.report.holdout).not.toBeNull();

    const purchases = within(view).getByText("Expected purchases, next 90 days");
    expect(purchases.nextSibling).toHaveTextContent(
      new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }).format(sum(forecast.columns.expectedPurchases)),
    );
    expect(within(view).getByText("Expected revenue, next 90 days").nextSibling).toHaveTextContent(
      new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }).format(sum(forecast.columns.expectedRevenue)),
    );
    const { predicted, actual } = forecast.report.holdout!;
    expect(
      within(view).getByText(
        `Checked on the last 90 days: predicted ${Math.round(predicted).toLocaleString("en-US")} repeat purchases, actual ${actual.toLocaleString("en-US")}.`,
      ),
    ).toBeInTheDocument();

    // Worth a call: P(alive) below 50%, highest past revenue first, at most ten.
    const table = within(view).getByRole("table", { name: en["forecastView.call"] });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(10);
    const ids = outcome.customers.id;
    let previous = Infinity;
    for (const row of rows) {
      const i = ids.indexOf(within(row).getByRole("rowheader").textContent);
      expect(forecast.columns.pAlive[i]!).toBeLessThan(0.5);
      expect(outcome.customers.monetary[i]!).toBeLessThanOrEqual(previous);
      previous = outcome.customers.monetary[i]!;
    }
    // No one left out who spent more and is below 50%.
    const missed = ids.filter((_, i) => forecast.columns.pAlive[i]! < 0.5 && outcome.customers.monetary[i]! > previous);
    expect(missed.length).toBeLessThanOrEqual(rows.length);

    // Parameters behind a closed disclosure.
    const summary = within(view).getByText(en["forecastView.model"]);
    expect(summary.closest("details")).not.toHaveAttribute("open");
    expect(within(view).getByRole("table", { name: en["forecastView.purchaseModel"] })).toHaveTextContent("α");
    expect(within(view).getByRole("table", { name: en["forecastView.spendModel"] })).toHaveTextContent("γ");

    // The workbook gets the same forecast.
    expect(gateway.writes[0]!.forecast).toBe(forecast);
  });

  test("another horizon asks for a new run, which forecasts it; the choice is remembered", async () => {
    const gateway = forecastGateway();
    const { user, runAnalysis } = renderPane({ gateway });
    const view = await runOnce(user);
    await user.selectOptions(within(view).getByRole("combobox", { name: en["forecastView.horizon"] }), "30");
    expect(within(view).getByText("Run again to forecast the next 30 days.")).toBeInTheDocument();
    expect(within(view).getByText("Expected purchases, next 90 days")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: en["run.button"] }));
    await waitFor(() => expect(runAnalysis).toHaveBeenCalledTimes(2));
    expect(runAnalysis.mock.calls[1]![5]).toEqual({ horizonDays: 30 });
    const again = await screen.findByRole("region", { name: en["forecastView.heading"] });
    expect(await within(again).findByText("Expected purchases, next 30 days")).toBeInTheDocument();
    expect(within(again).queryByText(/^Run again to forecast/)).toBeNull();
    await waitFor(() => expect(gateway.stored).toMatchObject({ settings: { forecastDays: 30 } }));
  });

  test("too little data: the plain reason, and the rest of the report as usual", async () => {
    const { user } = renderPane();
    const view = await runOnce(user);
    expect(within(view).getByText(en["forecast.note.too_few_repeat_customers"])).toBeInTheDocument();
    expect(within(view).queryByText(/^Expected purchases/)).toBeNull();
    expect(within(view).queryByRole("table")).toBeNull();
    expect(screen.getByRole("region", { name: en["results.heading"] })).toBeInTheDocument();
    expect(untranslated("en")).toEqual([]);
  });

  test("简体中文: the view in Chinese, every word from the catalogue", async () => {
    const { user } = renderPane({ gateway: forecastGateway(), language: "zh-Hans" });
    const view = await runOnce(user, zh);
    expect(within(view).getByRole("heading", { name: "预测" })).toBeInTheDocument();
    expect(within(view).getByText("预期购买次数，未来 90 天")).toBeInTheDocument();
    expect(within(view).getByText(/^用最近 90 天回测：预测复购 [\d,]+ 次，实际 [\d,]+ 次。$/)).toBeInTheDocument();
    // Customer ids, parameter symbols and holdout buckets are data or notation, not words.
    const ids = new Set(ROWS.flat().map((cell) => String(cell)));
    const symbols = new Set(["r", "α", "a", "b", "p", "q", "γ", "7+"]);
    expect(untranslated("zh-Hans").filter((text) => !ids.has(text) && !symbols.has(text))).toEqual([]);
  });
});
