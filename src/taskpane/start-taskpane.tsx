/** Starts the task pane: waits for Office, then renders the pane in Excel or a friendly notice anywhere else. */
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { createRoot, type Root } from "react-dom/client";
import { createOfficeGateway } from "../excel";
import { createRfmWorker } from "../worker/create-rfm-worker";
import { createAnalysisRunner } from "../worker/worker-client";
import { App, NotInExcel } from "./App";
import { initialLanguage } from "../i18n/language-preference";

/** Office's theme is dark when its body background is dark (Office.context.officeTheme, where the host has it). */
function isDarkOfficeTheme(): boolean {
  const background = typeof Office === "undefined" ? undefined : Office.context?.officeTheme?.bodyBackgroundColor;
  const match = typeof background === "string" ? /^#?([0-9a-f]{6})$/i.exec(background) : null;
  if (!match) return false;
  const rgb = parseInt(match[1]!, 16);
  const luminance = 0.2126 * ((rgb >> 16) & 255) + 0.7152 * ((rgb >> 8) & 255) + 0.0722 * (rgb & 255);
  return luminance < 128;
}

function render(container: HTMLElement, inExcel: boolean): Root {
  // The user's earlier choice in the pane, else Office's display language (Office.context.displayLanguage).
  const language = initialLanguage(typeof Office === "undefined" ? undefined : Office.context?.displayLanguage);
  const locale =
    typeof Office === "undefined" ? undefined : Office.context?.contentLanguage || Office.context?.displayLanguage;
  const theme = isDarkOfficeTheme() ? webDarkTheme : webLightTheme;
  const root = createRoot(container);
  root.render(
    <FluentProvider theme={theme}>
      {inExcel ? (
        <App
          gateway={createOfficeGateway()}
          runAnalysis={createAnalysisRunner(createRfmWorker)}
          initialLanguage={language}
          locale={locale}
        />
      ) : (
        <NotInExcel language={language} />
      )}
    </FluentProvider>,
  );
  return root;
}

/** Renders into `container` once Office is ready (at once when office.js is not loaded at all). */
export async function startTaskpane(container: HTMLElement): Promise<Root> {
  if (typeof Office === "undefined") return render(container, false);
  const info = await Office.onReady();
  return render(container, info.host === Office.HostType.Excel && typeof Excel !== "undefined");
}
