import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Language } from "../../src/i18n";
import { App } from "../../src/taskpane/App";
import { runAnalysisInProcess, type AnalysisRunner } from "../../src/worker/worker-client";
import { FakeGateway } from "./fake-gateway";

export function renderPane(
  options: { gateway?: FakeGateway; runAnalysis?: AnalysisRunner; language?: Language; locale?: string } = {},
) {
  const gateway = options.gateway ?? new FakeGateway();
  const runAnalysis = jest.fn(options.runAnalysis ?? runAnalysisInProcess);
  const user = userEvent.setup();
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <App
        gateway={gateway}
        runAnalysis={runAnalysis}
        initialLanguage={options.language ?? "en"}
        locale={options.locale}
      />
    </FluentProvider>,
  );
  return { gateway, runAnalysis, user, view };
}

/** Picks `optionName` in the Fluent Dropdown labelled `label`. */
export async function choose(
  user: ReturnType<typeof userEvent.setup>,
  label: string | RegExp,
  optionName: string | RegExp,
) {
  await user.click(screen.getByRole("combobox", { name: label }));
  await user.click(await screen.findByRole("option", { name: optionName }));
}
