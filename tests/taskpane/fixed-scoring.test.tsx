import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import type { RfmResult } from "../../src/engine/types";
import { LANGUAGES, MESSAGES, type Language } from "../../src/i18n";
import {
  defaultPaneSettings,
  parsePersisted,
  parseThresholds,
  toRfmOptions,
  type PaneSettings,
} from "../../src/taskpane/pane-settings";
import { SettingsPanel } from "../../src/taskpane/SettingsPanel/SettingsPanel";
import { StringsProvider } from "../../src/taskpane/strings-context";
import { runAnalysisInProcess } from "../../src/worker/worker-client";
import { untranslated } from "./catalogue-text";
import { FakeGateway, SALES } from "./fake-gateway";
import { choose, renderPane } from "./render-pane";

const en = MESSAGES.en;
// Fluent popovers under jsdom on a shared 2-core machine take seconds per interaction.
jest.setTimeout(60_000);

type User = ReturnType<typeof userEvent.setup>;

/** Replaces a list's text; pasted in one go, as typing key by key re-renders the whole Settings panel each time. */
async function retype(user: User, label: string, text: string) {
  const input = screen.getByRole("textbox", { name: label });
  await user.clear(input);
  if (text !== "") await user.paste(text);
}

async function openSettingsAndChooseFixed(user: User, t: Record<string, string> = en) {
  await user.click(screen.getByRole("button", { name: t["settings.heading"] }));
  await user.click(screen.getByRole("radio", { name: t["settings.scoring.fixed"] }));
}

describe("fixed-threshold scoring in the pane", () => {
  test("quantiles are the default; choosing Fixed pre-fills typical values for k = 5", async () => {
    const { user } = renderPane();
    await user.click(screen.getByRole("button", { name: en["settings.heading"] }));
    expect(screen.getByRole("radio", { name: en["settings.scoring.quantile"] })).toBeChecked();
    expect(screen.queryByRole("textbox", { name: en["settings.scoring.recency"] })).not.toBeInTheDocument();

    await user.click(screen.getByRole("radio", { name: en["settings.scoring.fixed"] }));
    expect(screen.getByRole("textbox", { name: en["settings.scoring.recency"] })).toHaveValue("30, 90, 180, 365");
    expect(screen.getByRole("textbox", { name: en["settings.scoring.frequency"] })).toHaveValue("2, 3, 5, 10");
    expect(screen.getByRole("textbox", { name: en["settings.scoring.monetary"] })).toHaveValue("100, 250, 500, 1000");
    expect(screen.getByRole("textbox", { name: en["settings.scoring.recency"] })).not.toHaveAttribute(
      "aria-invalid",
      "true",
    );
  });

  test("typed thresholds reach the runner, score the customers and are saved", async () => {
    const { user, runAnalysis, gateway } = renderPane();
    await openSettingsAndChooseFixed(user);
    await retype(user, en["settings.scoring.recency"], "10, 100, 300, 400");
    await retype(user, en["settings.scoring.frequency"], "1.5, 2.5, 3.5, 4.5");
    // Full-width commas, as a Chinese IME types them, separate too.
    await retype(user, en["settings.scoring.monetary"], "50，150，400，900");

    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    await user.click(await screen.findByRole("button", { name: en["run.button"] }));
    const results = await screen.findByRole("region", { name: en["results.heading"] });

    // Once, also with "Compare with 90 days earlier" (the default): the engine resolves it against the analysis date.
    expect(runAnalysis).toHaveBeenCalledTimes(1);
    expect(runAnalysis.mock.calls[0]![2].scoring).toEqual({
      method: "fixed",
      recency: [10, 100, 300, 400],
      frequency: [1.5, 2.5, 3.5, 4.5],
      monetary: [50, 150, 400, 900],
    });
    const analysed = (await runAnalysis.mock.results[0]!.value) as RfmResult;
    // Recency 0/20/310/510 days, 2/2/1/1 purchases, spend 320/140/30/500; no value sits on a threshold.
    const expected: Record<string, [number, number, number]> = {
      C1: [5, 2, 3],
      C2: [4, 2, 2],
      C3: [2, 1, 1],
      C4: [1, 1, 4],
    };
    const { customers } = analysed;
    const scores = Object.fromEntries(
      customers.id.map((id, i) => [id, [customers.r[i], customers.f[i], customers.m[i]]]),
    );
    expect(scores).toEqual(expected);

    const recencyRow = within(results).getByRole("rowheader", { name: en["results.bp.recency"] }).closest("tr");
    expect(recencyRow).toHaveTextContent("10 | 100 | 300 | 400");
    const monetaryRow = within(results).getByRole("rowheader", { name: en["results.bp.monetary"] }).closest("tr");
    expect(monetaryRow).toHaveTextContent("50.00 | 150.00 | 400.00 | 900.00");

    expect(gateway.stored).toMatchObject({
      settings: {
        scoring: { method: "fixed", thresholds: { recency: "10, 100, 300, 400", monetary: "50，150，400，900" } },
      },
    });
  });

  test("an unusable list shows a plain message, marks the field and blocks running", async () => {
    const { user, runAnalysis } = renderPane();
    await openSettingsAndChooseFixed(user);
    const purchases = en["settings.scoring.frequency"];

    // Typed key by key once, as a user would.
    await user.clear(screen.getByRole("textbox", { name: purchases }));
    await user.type(screen.getByRole("textbox", { name: purchases }), "2, 3, lots");
    expect(
      screen.getByText("“lots” is not a number. Use digits only, without thousands separators."),
    ).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: purchases })).toHaveAttribute("aria-invalid", "true");

    await retype(user, purchases, "2, 3");
    expect(screen.getByText("With 5 score levels, type 4 numbers; this list has 2.")).toBeInTheDocument();

    await retype(user, purchases, "10, 5, 3, 2");
    expect(screen.getByText(en["settings.scoring.order"])).toBeInTheDocument();

    await retype(user, purchases, "");
    expect(screen.getByText("Type 4 numbers, separated by commas.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    // Running stays disabled while a list is unusable, so no question or error comes before the fix.
    expect(await screen.findByRole("button", { name: en["run.button"] })).toBeDisabled();
    expect(runAnalysis).not.toHaveBeenCalled();

    await retype(user, purchases, "2, 3, 5, 10");
    expect(screen.getByRole("textbox", { name: purchases })).not.toHaveAttribute("aria-invalid", "true");
    await user.click(screen.getByRole("button", { name: en["run.button"] }));
    await screen.findByRole("region", { name: en["results.heading"] });
    expect(runAnalysis.mock.calls[0]![2].scoring).toMatchObject({ method: "fixed", frequency: [2, 3, 5, 10] });
  });

  test("changing k asks for the lists again instead of guessing; Suggest fills values for the new k", async () => {
    const { user, runAnalysis } = renderPane();
    await openSettingsAndChooseFixed(user);
    await choose(user, en["settings.k"], "3");
    const countMessage = "With 3 score levels, type 2 numbers; this list has 4.";
    expect(screen.getAllByText(countMessage)).toHaveLength(3);
    expect(screen.getByRole("textbox", { name: en["settings.scoring.recency"] })).toHaveValue("30, 90, 180, 365");

    await user.click(screen.getByRole("button", { name: en["settings.scoring.suggest"] }));
    expect(screen.queryByText(countMessage)).not.toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: en["settings.scoring.recency"] })).toHaveValue("90, 365");

    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    await user.click(await screen.findByRole("button", { name: en["run.button"] }));
    await screen.findByRole("region", { name: en["results.heading"] });
    expect(runAnalysis.mock.calls[0]![2]).toMatchObject({
      k: 3,
      scoring: { method: "fixed", recency: [90, 365], frequency: [2, 5], monetary: [200, 1000] },
    });
  });

  test("remembered fixed thresholds are shown again; older saved settings without them mean quantiles", async () => {
    const gateway = new FakeGateway();
    gateway.stored = {
      version: 1,
      settings: {
        k: 3,
        scoring: { method: "fixed", thresholds: { recency: "60, 200", frequency: [2, 4], monetary: "80, 300" } },
      },
      mappingHeaders: {},
      dimensionHeaders: [],
    };
    const { user } = renderPane({ gateway });
    await user.click(screen.getByRole("button", { name: en["settings.heading"] }));
    expect(await screen.findByRole("radio", { name: en["settings.scoring.fixed"] })).toBeChecked();
    expect(await screen.findByRole("textbox", { name: en["settings.scoring.recency"] })).toHaveValue("60, 200");
    expect(screen.getByRole("textbox", { name: en["settings.scoring.frequency"] })).toHaveValue("2, 4");

    const old = parsePersisted({ version: 1, settings: { k: 4 }, mappingHeaders: {}, dimensionHeaders: [] });
    expect(old?.settings.scoring).toEqual(defaultPaneSettings().scoring);
    const garbled = parsePersisted({
      version: 1,
      settings: { scoring: { method: "magic", thresholds: { recency: {} } } },
    });
    expect(garbled?.settings.scoring).toEqual(defaultPaneSettings().scoring);
  });

  test.each(LANGUAGES)(
    "%s: the fixed-threshold fields and their messages are translated",
    async (language: Language) => {
      const { user } = renderPane({ language });
      const t = MESSAGES[language];
      await openSettingsAndChooseFixed(user, t);
      await retype(user, t["settings.scoring.recency"], "9, x");
      await retype(user, t["settings.scoring.frequency"], "3, 2, 1, 0");
      await retype(user, t["settings.scoring.monetary"], "1, 2");
      expect(
        screen.getAllByRole("textbox").filter((input) => input.getAttribute("aria-invalid") === "true"),
      ).toHaveLength(3);
      expect(untranslated(language)).toEqual([]);
    },
  );
});

/** SettingsPanel on its own, holding its settings the way the pane's flow does. */
function PanelWithState(props: { initial: PaneSettings; lastResult?: RfmResult }) {
  const [settings, setSettings] = useState(props.initial);
  return <SettingsPanel settings={settings} onChange={setSettings} lastResult={props.lastResult} />;
}

function renderPanel(initial: PaneSettings, lastResult?: RfmResult) {
  const user = userEvent.setup();
  render(
    <FluentProvider theme={webLightTheme}>
      <StringsProvider language="en">
        <PanelWithState initial={initial} lastResult={lastResult} />
      </StringsProvider>
    </FluentProvider>,
  );
  return { user };
}

describe("pre-filled thresholds from the last run", () => {
  const lastRun = () => runAnalysisInProcess(SALES, { customer: 0, date: 1, amount: 2, dimensions: [] }, { k: 5 });

  test("with the same k, choosing Fixed starts from the last run's quantile breakpoints", async () => {
    const { user } = renderPanel(defaultPaneSettings(), await lastRun());
    await user.click(screen.getByRole("radio", { name: en["settings.scoring.fixed"] }));
    // PERCENTILE.INC over recency 0/20/310/510, purchases 1/1/2/2 and spend 30/140/320/500 at 20%, 40%, 60%, 80%.
    expect(screen.getByRole("textbox", { name: en["settings.scoring.recency"] })).toHaveValue("12, 78, 252, 390");
    expect(screen.getByRole("textbox", { name: en["settings.scoring.frequency"] })).toHaveValue("1, 1.2, 1.8, 2");
    expect(screen.getByRole("textbox", { name: en["settings.scoring.monetary"] })).toHaveValue("96, 176, 284, 392");
  });

  test("with another k, typical values; a list already typed is kept", async () => {
    const initial = defaultPaneSettings();
    initial.k = 4;
    initial.scoring.thresholds.frequency = "1, 2, 3";
    const { user } = renderPanel(initial, await lastRun());
    await user.click(screen.getByRole("radio", { name: en["settings.scoring.fixed"] }));
    expect(screen.getByRole("textbox", { name: en["settings.scoring.recency"] })).toHaveValue("30, 90, 365");
    expect(screen.getByRole("textbox", { name: en["settings.scoring.frequency"] })).toHaveValue("1, 2, 3");
  });
});

describe("threshold lists", () => {
  test("parsing: separators, full-width digits, equal neighbours, and each kind of problem", () => {
    expect(parseThresholds(" 30 , 90;180、365 ", 5)).toEqual({ ok: true, values: [30, 90, 180, 365] });
    expect(parseThresholds("１，２，２．５，４", 5)).toEqual({ ok: true, values: [1, 2, 2.5, 4] });
    expect(parseThresholds("1, 1, 2, 3", 5)).toEqual({ ok: true, values: [1, 1, 2, 3] });
    expect(parseThresholds("-5, .5", 3)).toEqual({ ok: true, values: [-5, 0.5] });
    expect(parseThresholds("  ", 3)).toEqual({ ok: false, problem: { kind: "empty", expected: 2 } });
    expect(parseThresholds("1e3, 2000", 3)).toEqual({ ok: false, problem: { kind: "notNumber", text: "1e3" } });
    expect(parseThresholds("1, 2, 3", 3)).toEqual({ ok: false, problem: { kind: "count", expected: 2, found: 3 } });
    expect(parseThresholds("2, 1", 3)).toEqual({ ok: false, problem: { kind: "order" } });
  });

  test("engine options: quantile by default; an unusable fixed list throws bad_option before anything runs", () => {
    const settings = defaultPaneSettings();
    expect(toRfmOptions(settings, undefined, 1).scoring).toEqual({ method: "quantile" });
    settings.scoring = {
      method: "fixed",
      thresholds: { recency: "30, 90, 180, 365", frequency: "2, 3, 5", monetary: "1, 2, 3, 4" },
    };
    let thrown: unknown;
    try {
      toRfmOptions(settings, undefined, 1);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: "bad_option", detail: { option: "scoring.frequency" } });
  });
});
