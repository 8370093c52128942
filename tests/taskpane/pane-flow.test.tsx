import { screen, waitFor, within } from "@testing-library/react";
import { RfmInputError, type RfmResult } from "../../src/engine/types";
import { MESSAGES } from "../../src/i18n";
import type { AnalysisRunner } from "../../src/worker/worker-client";
import { runAnalysisInProcess } from "../../src/worker/worker-client";
import { FakeGateway } from "./fake-gateway";
import { choose, renderPane } from "./render-pane";

const en = MESSAGES.en;
// Fluent popovers under jsdom on a shared 2-core machine take seconds per interaction.
jest.setTimeout(60_000);

describe("task pane flow", () => {
  test("use selection → guessed mapping with samples → run → results with segments and skipped rows", async () => {
    const { gateway, user, runAnalysis } = renderPane();
    expect(screen.getByRole("heading", { name: "RFM Segments" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));

    expect(await screen.findByText("Sales!A1:D9: 8 data rows")).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Customer" })).toHaveTextContent("A: Customer");
    expect(screen.getByRole("combobox", { name: "Order date" })).toHaveTextContent("B: Order date");
    expect(screen.getByRole("combobox", { name: "Amount" })).toHaveTextContent("C: Amount");
    expect(screen.getByRole("combobox", { name: "Break down by (optional)" })).toHaveTextContent("D: Region");
    expect(screen.getByText("Sample: 2024-01-09, 2023-10-01, 2024-01-19")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: en["run.button"] }));
    const results = await screen.findByRole("region", { name: en["results.heading"] });
    // Once, also with "Compare with 90 days earlier" (the default): the engine resolves it against the analysis date.
    expect(runAnalysis).toHaveBeenCalledTimes(1);
    expect(runAnalysis.mock.calls[0]![1]).toEqual({ customer: 0, date: 1, amount: 2, dimensions: [3] });

    const analysed = (await runAnalysis.mock.results[0]!.value) as RfmResult;
    const segments = within(results).getByRole("list", { name: "RFM segments" });
    const items = within(segments).getAllByRole("listitem");
    const counted = analysed.summaries.standard.filter((row) => row.customers > 0);
    expect(items).toHaveLength(counted.length);
    expect(within(results).getByText("4 customers from 7 rows, analysed on 2024-01-19")).toBeInTheDocument();
    expect(within(results).getByText("1 rows skipped")).toBeInTheDocument();
    expect(within(results).getByText("1 row has no customer ID: row 7")).toBeInTheDocument();
    expect(within(results).getByText("1 customers had only returns and were not scored.")).toBeInTheDocument();

    expect(gateway.writes).toHaveLength(1);
    expect(gateway.writes[0]).toMatchObject({
      customerSheet: true,
      segmentColumns: true,
      summary: true,
      charts: true,
      replacePrevious: false,
    });
    expect(gateway.writes[0]!.labels.language).toBe("en");

    await user.click(within(results).getByRole("button", { name: "Open RFM Summary" }));
    expect(gateway.shown).toEqual(["RFM Summary"]);

    await user.click(within(results).getByRole("tab", { name: en["settings.scheme.tier"] }));
    expect(within(results).getByRole("list", { name: en["settings.scheme.tier"] })).toHaveTextContent("Key customers");
  });

  test("a mapping override reaches the engine", async () => {
    const { user, runAnalysis } = renderPane();
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    await choose(user, "Order ID (optional)", "D: Region");
    expect(screen.getByRole("combobox", { name: "Order ID (optional)" })).toHaveTextContent("D: Region");
    expect(screen.getByRole("combobox", { name: "Break down by (optional)" })).not.toHaveTextContent("D: Region");
    await choose(user, "Amount", en["mapping.none"]);
    expect(screen.getByRole("note")).toHaveTextContent(en["mapping.amountOrQuantity"]);
    await choose(user, "Amount", "C: Amount");
    await user.click(screen.getByRole("button", { name: en["run.button"] }));
    await screen.findByRole("region", { name: en["results.heading"] });
    expect(runAnalysis.mock.calls[0]![1]).toEqual({ customer: 0, date: 1, amount: 2, orderId: 3, dimensions: [] });
  });

  test("settings: defaults shown, k and grid edits reach the engine, and are saved with the mapping", async () => {
    const { user, runAnalysis, gateway } = renderPane();
    await user.click(screen.getByRole("button", { name: en["settings.heading"] }));
    expect(screen.getByRole("combobox", { name: en["settings.k"] })).toHaveTextContent("5");
    expect(screen.getByRole("radio", { name: en["settings.threshold.mean"] })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: en["settings.output.charts"] })).toBeChecked();
    // The heavy editors mount only when their own section is opened.
    expect(screen.queryByRole("combobox", { name: "Segment for R 5, FM 1" })).toBeNull();
    expect(screen.queryByRole("textbox", { name: /^Action for / })).toBeNull();
    const gridSection = screen.getByRole("button", { name: en["settings.grid"] });
    expect(gridSection).toHaveAttribute("aria-expanded", "false");
    await user.click(gridSection);
    expect(gridSection).toHaveAttribute("aria-expanded", "true");
    const topLeft = screen.getByRole("combobox", { name: "Segment for R 5, FM 1" });
    expect(topLeft).toHaveValue("new");

    await choose(user, en["settings.k"], "3");
    await user.selectOptions(topLeft, "Lost");
    await user.click(screen.getByRole("button", { name: en["settings.actions"] }));
    expect(screen.getAllByRole("textbox", { name: /^Action for / }).length).toBeGreaterThan(5);
    await user.click(screen.getByRole("checkbox", { name: en["settings.output.charts"] }));

    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    await user.click(await screen.findByRole("button", { name: en["run.button"] }));
    await screen.findByRole("region", { name: en["results.heading"] });
    const options = runAnalysis.mock.calls[0]![2];
    expect(options.k).toBe(3);
    expect(options.segmentGrid?.[0]?.[0]).toBe("lost");
    expect(gateway.writes[0]!.charts).toBe(false);
    expect(gateway.stored).toMatchObject({
      version: 1,
      settings: { k: 3 },
      mappingHeaders: { customer: "Customer", amount: "Amount" },
    });
  });

  test("remembered settings and mapping (by header name) are applied", async () => {
    const gateway = new FakeGateway();
    gateway.stored = {
      version: 1,
      settings: { k: 4, tierCutoffs: [70, 90] },
      mappingHeaders: { customer: "Region", date: "Order date", amount: "Amount" },
      dimensionHeaders: [],
    };
    const { user, runAnalysis } = renderPane({ gateway });
    await user.click(screen.getByRole("button", { name: en["settings.heading"] }));
    expect(await screen.findByRole("spinbutton", { name: en["settings.tierA"] })).toHaveValue(70);
    const active = screen.getByRole("spinbutton", { name: en["settings.lifecycleActive"] });
    await user.clear(active);
    await user.type(active, "45");
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    expect(await screen.findByRole("combobox", { name: "Customer" })).toHaveTextContent("D: Region");
    await user.click(screen.getByRole("button", { name: en["run.button"] }));
    await screen.findByRole("region", { name: en["results.heading"] });
    expect(runAnalysis.mock.calls[0]![2]).toMatchObject({
      k: 4,
      tierCutoffs: [0.7, 0.9],
      lifecycleDays: [45, 90, 180],
    });
  });

  test("asks before replacing earlier outputs", async () => {
    const gateway = new FakeGateway();
    gateway.previousOutputs = true;
    const { user } = renderPane({ gateway });
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    await user.click(await screen.findByRole("button", { name: en["run.button"] }));
    const dialog = await screen.findByRole("alertdialog", { name: en["replace.title"] }, { timeout: 10_000 });
    // Focus on the dialog's first control, as in a browser, makes the dialog the active modal (focus on the surface
    // leaves it inactive, and Fluent's focus manager then marks the whole dialog aria-hidden: tabster's Modalizer
    // hides inactive modals). Once it is active, the pane behind it is hidden from assistive technology, the
    // dialog not.
    const replace = within(dialog).getByRole("button", { name: en["replace.replace"] });
    await waitFor(
      () => {
        expect(dialog).toContainElement(document.activeElement as HTMLElement | null);
        expect(document.activeElement).not.toBe(dialog);
      },
      { timeout: 10_000 },
    );
    await waitFor(() => expect(screen.queryByRole("button", { name: en["run.button"] })).toBeNull(), {
      timeout: 10_000,
    });
    expect(screen.getByRole("alertdialog", { name: en["replace.title"] })).toBe(dialog);
    await user.click(replace);
    await screen.findByRole("region", { name: en["results.heading"] });
    expect(gateway.writes[0]!.replacePrevious).toBe(true);
  });

  test("a second click while earlier outputs are being listed starts no second run", async () => {
    const gateway = new FakeGateway();
    let release: () => void = () => undefined;
    gateway.listGate = new Promise((resolve) => (release = resolve));
    const { user } = renderPane({ gateway });
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    const run = await screen.findByRole("button", { name: en["run.button"] });
    await user.click(run);
    await user.click(run);
    release();
    await screen.findByRole("region", { name: en["results.heading"] });
    expect(gateway.writes).toHaveLength(1);
  });

  test("cancel stops a running analysis and says nothing was written", async () => {
    const waitForAbort: AnalysisRunner = (_values, _mapping, _options, onProgress, signal) =>
      new Promise((_, reject) => {
        onProgress?.(0.3);
        signal?.addEventListener("abort", () => {
          runAnalysisInProcess([], { dimensions: [] }, {}, undefined, signal).catch(reject);
        });
      });
    const { user, gateway } = renderPane({ runAnalysis: waitForAbort });
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    await user.click(await screen.findByRole("button", { name: en["run.button"] }));
    expect(await screen.findByRole("progressbar")).toBeInTheDocument();
    expect(screen.getByText(en["run.stage.computing"])).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: en["run.cancel"] }));
    expect(await screen.findByText(en["run.cancelled"])).toBeInTheDocument();
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
    expect(gateway.writes).toHaveLength(0);
  });
});

describe("reading the rows at run time (issue 14 item 10)", () => {
  test("Use selection previews; the run reads the rows encoded with the run's mapping and options", async () => {
    const { user, gateway, runAnalysis } = renderPane();
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    await user.click(await screen.findByRole("button", { name: en["run.button"] }));
    await screen.findByRole("region", { name: en["results.heading"] });
    expect(gateway.encodeCalls).toHaveLength(1);
    const [{ request, options }] = gateway.encodeCalls as [(typeof gateway.encodeCalls)[0]];
    expect(request.mapping).toEqual(runAnalysis.mock.calls[0]![1]);
    expect(request.options).toMatchObject({ firstRowNumber: 1, dateOrder: runAnalysis.mock.calls[0]![2].dateOrder });
    expect(options?.signal).toBeInstanceOf(AbortSignal);
    // The engine gets encoded rows, not a cell matrix.
    expect(Array.isArray(runAnalysis.mock.calls[0]![0])).toBe(false);
    expect(gateway.writtenSources).toHaveLength(1);
  });

  test("cancel while the run reads the rows stops it before the analysis", async () => {
    let release!: () => void;
    const gateway = new FakeGateway();
    gateway.encodeGate = new Promise<void>((resolve) => (release = resolve));
    const { user, runAnalysis } = renderPane({ gateway });
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    await user.click(await screen.findByRole("button", { name: en["run.button"] }));
    expect(await screen.findByText(en["run.stage.reading"])).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: en["run.cancel"] }));
    expect(await screen.findByText(en["run.cancelled"])).toBeInTheDocument();
    expect(gateway.encodeCalls[0]!.options?.signal?.aborted).toBe(true);
    release();
    await waitFor(() => expect(screen.getByRole("button", { name: en["run.button"] })).toBeEnabled());
    expect(runAnalysis).not.toHaveBeenCalled();
    expect(gateway.writes).toHaveLength(0);
  });
});

describe("error states", () => {
  test("an RfmInputError shows the catalogue message, not the engine's text or a stack", async () => {
    const failing: AnalysisRunner = () =>
      Promise.reject(new RfmInputError("no_valid_rows", "ENGINE WORDING that must not show"));
    const { user } = renderPane({ runAnalysis: failing });
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    await user.click(await screen.findByRole("button", { name: en["run.button"] }));
    expect(await screen.findByText(en["error.no_valid_rows"])).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent("ENGINE WORDING");
    expect(document.body.textContent).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
  });

  test("a missing field names the field in the user's words", async () => {
    const { user } = renderPane();
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    await choose(user, "Customer", en["mapping.none"]);
    await user.click(screen.getByRole("button", { name: en["run.button"] }));
    expect(await screen.findByText("Choose which column holds the customer.")).toBeInTheDocument();
  });

  test("an adapter error code maps to its catalogue message; Dismiss hides it", async () => {
    const gateway = new FakeGateway();
    gateway.writeError = Object.assign(new Error("AccessDenied at Excel.run (office.js:1:2)"), {
      name: "ExcelWriteError",
      code: "protected",
    });
    const { user } = renderPane({ gateway });
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    await user.click(await screen.findByRole("button", { name: en["run.button"] }));
    expect(await screen.findByText(en["error.protected"])).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent("office.js");
    await user.click(screen.getByRole("button", { name: en["error.dismiss"] }));
    await waitFor(() => expect(screen.queryByText(en["error.protected"])).not.toBeInTheDocument());
  });

  test("an unknown failure gets the generic message", async () => {
    const failing: AnalysisRunner = () =>
      Promise.reject(new TypeError("Cannot read properties of undefined (reading 'x')"));
    const { user } = renderPane({ runAnalysis: failing });
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    await user.click(await screen.findByRole("button", { name: en["run.button"] }));
    expect(await screen.findByText(en["error.unknown"])).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent("Cannot read properties");
  });
});
