/** Issue 11 and 13 in the pane: "Compare with", the Changes view, and "Run on a database". */
import { screen, waitFor, within } from "@testing-library/react";
import type { CellValue, RfmResult, StandardSegmentKey } from "../../src/engine/types";
import { MESSAGES, SEGMENT_NAMES } from "../../src/i18n";
import { runAnalysisInProcess } from "../../src/worker/worker-client";
import { FakeGateway, sourceOf } from "./fake-gateway";
import { choose, renderPane } from "./render-pane";

const en = MESSAGES.en;

/** 40 customers bought in 2023; by 2024-03-31 half came back often, some are new. */
function movingSales(): CellValue[][] {
  const rows: CellValue[][] = [["Customer", "Order date", "Amount"]];
  for (let c = 0; c < 40; c++) {
    rows.push([`C${c}`, 45000 + c, 20 + c * 5]);
    if (c % 2 === 0) for (let k = 0; k < 4; k++) rows.push([`C${c}`, 45300 + c + k, 50 + c]);
  }
  for (let n = 0; n < 6; n++) rows.push([`N${n}`, 45370 + n, 30]);
  return rows;
}

class FilteringGateway extends FakeGateway {
  filters: { from?: StandardSegmentKey; to?: StandardSegmentKey }[] = [];
  override async writeResults(...args: Parameters<FakeGateway["writeResults"]>) {
    const report = await super.writeResults(...args);
    this.lastRun = true;
    return report;
  }
  filterCustomerMove(move: { from?: StandardSegmentKey; to?: StandardSegmentKey }): Promise<void> {
    this.filters.push(move);
    return Promise.resolve();
  }
}

async function runOnce(user: ReturnType<typeof renderPane>["user"], language: keyof typeof MESSAGES = "en") {
  const t = MESSAGES[language];
  await user.click(screen.getByRole("button", { name: t["source.useSelection"] }));
  await user.click(await screen.findByRole("button", { name: t["run.button"] }));
  await screen.findByRole("region", { name: t["results.heading"] });
}

describe("Compare with an earlier date", () => {
  test("the default compares with 90 days before the latest purchase and lists the largest moves", async () => {
    const gateway = new FilteringGateway(sourceOf(movingSales()));
    const { user, runAnalysis } = renderPane({ gateway });
    await runOnce(user);
    const last = runAnalysis.mock.calls.at(-1)!;
    const analysed = (await runAnalysis.mock.results.at(-1)!.value) as RfmResult;
    expect(runAnalysis).toHaveBeenCalledTimes(1);
    expect(last[2].compareDaysBefore).toBe(90);
    const comparison = analysed.comparison!;
    expect(comparison.compareDate).toBe(analysed.analysisDate - 90);
    const changes = screen.getByRole("region", { name: /^Changes since \d{4}-\d{2}-\d{2}$/ });
    const moves = within(changes).getByRole("list", { name: en["compare.moves"] });
    const items = within(moves).getAllByRole("listitem");
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(5);
    // The first is the largest cell off the diagonal, in words.
    const { from, to, customers } = comparison.movement.segment;
    let best = { count: 0, text: "" };
    from.forEach((f, r) =>
      to.forEach((k, c) => {
        const count = customers[r]![c]!;
        if (f !== k && count > best.count)
          best = { count, text: `${count} ${SEGMENT_NAMES.en[f]} became ${SEGMENT_NAMES.en[k]}` };
      }),
    );
    expect(items[0]).toHaveTextContent(best.text);
    expect(changes).toHaveTextContent(`New customers: ${comparison.changeCounts.new}`);

    // The button filters the customer table to exactly that move.
    await user.click(within(items[0]!).getByRole("button", { name: /^Show the \d+ customers who went from/ }));
    await waitFor(() => expect(gateway.filters).toHaveLength(1));
    expect(gateway.filters[0]).toEqual({ from: expect.any(String) as unknown, to: expect.any(String) as unknown });
    expect(within(changes).getByText(en["compare.filtered"])).toBeInTheDocument();
  }, 30_000);

  test("says in one line why there is no comparison when the data do not reach back", async () => {
    const rows: CellValue[][] = [
      ["Customer", "Order date", "Amount"],
      ["A", 45300, 10],
      ["B", 45310, 20],
    ];
    const { user, runAnalysis } = renderPane({ gateway: new FakeGateway(sourceOf(rows)) });
    await runOnce(user);
    expect(runAnalysis).toHaveBeenCalledTimes(1);
    expect(
      screen.getByText("No comparison: nobody in the data had bought 90 days before 2024-01-19."),
    ).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: /^Changes since/ })).toBeNull();
  }, 30_000);

  test("off runs once without a compare date; a typed date is passed as a serial", async () => {
    const { user, runAnalysis } = renderPane({ gateway: new FakeGateway(sourceOf(movingSales())) });
    await user.click(screen.getByRole("button", { name: en["settings.heading"] }));
    await choose(user, en["compare.label"], en["compare.off"]);
    await runOnce(user);
    expect(runAnalysis).toHaveBeenCalledTimes(1);
    expect(runAnalysis.mock.calls[0]![2].compareDate).toBeUndefined();

    await choose(user, en["compare.label"], en["compare.date"]);
    await user.type(screen.getByLabelText(en["compare.dateLabel"]), "2024-01-15");
    await user.click(screen.getByRole("button", { name: en["run.button"] }));
    await waitFor(() => expect(runAnalysis).toHaveBeenCalledTimes(2));
    expect(runAnalysis.mock.calls[1]![2].compareDate).toBe(45306);
  }, 30_000);

  test("zh-Hans: the Changes view in the catalogue's words", async () => {
    const zh = MESSAGES["zh-Hans"];
    const { user } = renderPane({ gateway: new FilteringGateway(sourceOf(movingSales())), language: "zh-Hans" });
    await runOnce(user, "zh-Hans");
    const changes = screen.getByRole("region", { name: /^自 \d{4}年\d{1,2}月\d{1,2}日 以来的变化$/ });
    const moves = within(changes).getByRole("list", { name: zh["compare.moves"] });
    expect(within(moves).getAllByRole("listitem")[0]!.textContent).toMatch(/^\d+ 位.+变为.+/);
    expect(within(changes).getAllByRole("button", { name: /^在客户表中显示从/ }).length).toBeGreaterThan(0);
  }, 30_000);
});

describe("Run on a database", () => {
  test("shows the query for the mapping and copies it", async () => {
    const { user } = renderPane({ runAnalysis: runAnalysisInProcess });
    // After userEvent.setup(), which installs a clipboard stub of its own.
    const writeText = jest.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    await user.click(screen.getByRole("button", { name: en["settings.heading"] }));
    await user.click(screen.getByRole("button", { name: en["sql.heading"] }));
    expect(screen.getByText(en["sql.needSource"])).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    const query = await screen.findByRole<HTMLTextAreaElement>("textbox", { name: en["sql.query"] });
    expect(query.value).toContain('"Order date"');
    expect(query.value).toContain('"sales"');
    await user.clear(screen.getByRole("textbox", { name: en["sql.table"] }));
    await user.type(screen.getByRole("textbox", { name: en["sql.table"] }), "shop.lines");
    await choose(user, en["sql.dialect"], "BigQuery");
    const bigquery = screen.getByRole<HTMLTextAreaElement>("textbox", { name: en["sql.query"] }).value;
    expect(bigquery).toContain("`shop`.`lines`");
    expect(bigquery).toContain("`Order date`");
    expect(screen.getByText(en["sql.unverified"])).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: en["sql.copy"] }));
    expect(writeText).toHaveBeenCalledWith(bigquery);
    expect(screen.getByRole("status")).toHaveTextContent(en["sql.copied"]);

    // Without the clipboard API the text is selected for Ctrl+C.
    Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
    await user.click(screen.getByRole("button", { name: en["sql.copy"] }));
    expect(screen.getByRole("status")).toHaveTextContent(en["sql.copyFailed"]);
    const area = screen.getByRole<HTMLTextAreaElement>("textbox", { name: en["sql.query"] });
    expect([area.selectionStart, area.selectionEnd]).toEqual([0, bigquery.length]);
  }, 30_000);
});
