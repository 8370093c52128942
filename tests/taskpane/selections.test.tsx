import { screen, waitFor, within } from "@testing-library/react";
import type { CellValue } from "../../src/engine/types";
import { MESSAGES } from "../../src/i18n";
import { FakeGateway, SALES, sourceOf } from "./fake-gateway";
import { renderPane } from "./render-pane";

const en = MESSAGES.en;
// Fluent components under jsdom on a shared 2-core machine take seconds per interaction.
jest.setTimeout(60_000);

describe("what reading the selection left out or filled in", () => {
  test("says how many hidden rows were left out, and reads again with them when asked", async () => {
    const gateway = new FakeGateway({
      ...sourceOf(),
      hiddenRows: { count: 2, included: false, offsets: [1, 4] },
      mergedAreas: { areas: 3, cellsFilled: 5 },
      strayRows: { count: 1, firstRow: 1048576, lastRow: 1048576, address: "Sales!A1048576:D1048576" },
    });
    const { user } = renderPane({ gateway });
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    expect(
      await screen.findByText("2 rows hidden by a filter were left out; their segment cells stay empty."),
    ).toBeInTheDocument();
    expect(screen.getByText(/3 merged cells were read as one value/)).toBeInTheDocument();
    expect(screen.getByText(/1 row below it holds other cells \(Sales!A1048576:D1048576\)/)).toBeInTheDocument();
    await user.click(screen.getByRole("checkbox", { name: en["selection.includeHidden"] }));
    await waitFor(() => expect(gateway.readOptions).toHaveLength(2));
    expect(gateway.readOptions[1]).toEqual({ includeHiddenRows: true });
  });
});

describe("date warnings in the results", () => {
  test("a future date made the analysis date: one click uses today and runs again", async () => {
    const values: CellValue[][] = [...SALES, ["C9", 60000, 10, "North"]]; // 2064-04-08
    const { user, runAnalysis } = renderPane({ gateway: new FakeGateway(sourceOf(values)) });
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    await screen.findByText(/data rows/);
    await user.click(screen.getByRole("button", { name: en["run.button"] }));
    expect(await screen.findByText(/^1 row is dated after today/)).toBeInTheDocument();
    expect(screen.getByText(/The analysis date 2064-04-08 comes from a row dated after today/)).toBeInTheDocument();
    const first = await (runAnalysis.mock.results[0]!.value as ReturnType<typeof runAnalysis>);
    await user.click(screen.getByRole("button", { name: en["selection.useToday"] }));
    await waitFor(() => expect(runAnalysis).toHaveBeenCalledTimes(2));
    expect(runAnalysis.mock.calls[1]![2]).toMatchObject({ analysisDate: first.dateWarnings.today });
    await waitFor(() => expect(screen.queryByText(/The analysis date 2064-04-08/)).not.toBeInTheDocument());
  });

  test.each([
    ["en-US", "MDY", /read month first/],
    ["en-GB", "DMY", /read day first/],
    ["zh-CN", "DMY", /read day first/],
  ])("Office locale %s reads 03/04/2024 as %s and says so", async (locale, order, note) => {
    const values: CellValue[][] = [
      ["Customer", "Order date", "Amount"],
      ["C1", "03/04/2024", 10],
      ["C2", "2024-05-01", 20],
    ];
    const { user, runAnalysis } = renderPane({ gateway: new FakeGateway(sourceOf(values)), locale });
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    await screen.findByText(/data rows/);
    await user.click(screen.getByRole("button", { name: en["run.button"] }));
    const results = await screen.findByText(note);
    expect(within(results).getByText(/^1 date, 03\/04\/2024, can be read/)).toBeInTheDocument();
    expect(runAnalysis.mock.calls[0]![2]).toMatchObject({ dateOrder: order });
  });
});

describe("a selection without its header row", () => {
  test("says the first row must be the header", async () => {
    const gateway = new FakeGateway();
    gateway.readSource = () =>
      Promise.reject(Object.assign(new Error("no header"), { name: "ExcelWriteError", code: "no_header" }));
    const { user } = renderPane({ gateway });
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    expect(await screen.findByText(en["selection.noHeader"])).toBeInTheDocument();
  });
});
