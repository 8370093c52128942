/** The task pane: product heading, language switch, then the read → map → settings → run → results flow. */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  Dropdown,
  Field,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Option,
  ProgressBar,
  Subtitle2,
  Text,
  Title3,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { WorkbookGateway } from "../excel/gateway";
import { LANGUAGE_NATIVE_NAMES, LANGUAGES, isLanguage, type Language } from "../i18n";
import type { AnalysisRunner } from "../worker/worker-client";
import { ChangesPanel } from "./ChangesPanel/ChangesPanel";
import { ForecastPanel } from "./ForecastPanel/ForecastPanel";
import { announceLanguage, rememberLanguage } from "../i18n/language-preference";
import { MappingPanel } from "./MappingPanel/MappingPanel";
import { scoringIsValid } from "./pane-settings";
import { ReplaceDialog } from "./ReplaceDialog";
import { InputWarnings } from "./ResultsPanel/InputWarnings";
import { ResultsPanel } from "./ResultsPanel/ResultsPanel";
import { SourceNotes } from "./SourceNotes";
import { SettingsPanel } from "./SettingsPanel/SettingsPanel";
import { StringsProvider, useStrings } from "./strings-context";
import { useRfmFlow } from "./useRfmFlow";

const usePaneStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalM,
    maxWidth: "100%",
    boxSizing: "border-box",
    overflowX: "hidden",
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    minHeight: "100vh",
  },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface AppProps {
  gateway: WorkbookGateway;
  /** Runs the engine: the Web Worker client in the add-in, the in-process engine in tests. */
  runAnalysis: AnalysisRunner;
  initialLanguage: Language;
  /** Office's locale (contentLanguage, else displayLanguage): sets the default day/month order of text dates. */
  locale?: string;
}

export function App(props: AppProps) {
  const [language, setLanguage] = useState<Language>(props.initialLanguage);
  useEffect(() => announceLanguage(language), [language]);
  // A language picked in the switch is the user's: remembered for the next start. One stored in the workbook by a
  // run (onLanguage from the flow) applies to that workbook only.
  const chooseLanguage = useCallback((chosen: Language) => {
    rememberLanguage(chosen);
    setLanguage(chosen);
  }, []);
  return (
    <StringsProvider language={language}>
      <Pane {...props} onLanguage={setLanguage} onChooseLanguage={chooseLanguage} />
    </StringsProvider>
  );
}

function LanguageSwitch(props: { onLanguage: (language: Language) => void }) {
  const { t, language } = useStrings();
  return (
    <Field label={t("app.language")}>
      <Dropdown
        clearButton={{ "aria-label": t("common.clearSelection") }}
        value={LANGUAGE_NATIVE_NAMES[language]}
        selectedOptions={[language]}
        onOptionSelect={(_, data) => isLanguage(data.optionValue) && props.onLanguage(data.optionValue)}
      >
        {LANGUAGES.map((option) => (
          <Option key={option} value={option}>
            {LANGUAGE_NATIVE_NAMES[option]}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

function Pane(
  props: AppProps & { onLanguage: (language: Language) => void; onChooseLanguage: (language: Language) => void },
) {
  const strings = useStrings();
  const { t } = strings;
  const styles = usePaneStyles();
  const flow = useRfmFlow(props.gateway, props.runAnalysis, strings, props.onLanguage, props.locale);
  const { showSheet } = flow;
  // Stable, so the memoised results panel skips the pane's renders for progress updates.
  const onShowSheet = useCallback((name: string) => void showSheet(name), [showSheet]);
  const busy = flow.stage !== "idle";
  const stageText =
    flow.stage === "reading"
      ? t("run.stage.reading")
      : flow.stage === "computing"
        ? t("run.stage.computing")
        : flow.stage === "writing"
          ? t("run.stage.writing")
          : "";
  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Title3 as="h1">{t("app.title")}</Title3>
        <Text>{t("app.intro")}</Text>
        <LanguageSwitch onLanguage={props.onChooseLanguage} />
      </header>

      {flow.error && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{t("error.title")}</MessageBarTitle>
            {flow.error}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={flow.dismissError}>
              {t("error.dismiss")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {flow.notice && (
        <MessageBar intent={flow.notice === "run.cancelled" || flow.notice === "undo.done" ? "info" : "warning"}>
          <MessageBarBody>{t(flow.notice)}</MessageBarBody>
        </MessageBar>
      )}

      <section className={styles.section} aria-label={t("source.heading")}>
        <Subtitle2 as="h2">{t("source.heading")}</Subtitle2>
        <Text size={200}>{t("source.hint")}</Text>
        <div className={styles.row}>
          <Button
            appearance={flow.source ? "secondary" : "primary"}
            disabled={busy}
            onClick={() => void flow.readSelection()}
          >
            {flow.source ? t("source.useAgain") : t("source.useSelection")}
          </Button>
        </div>
        {flow.source && (
          <Caption1 className={styles.muted}>
            {t("source.read", {
              address: flow.source.address,
              rows: strings.formatNumber(Math.max(0, flow.source.rowCount - 1), 0),
            })}
          </Caption1>
        )}
        {flow.source && <SourceNotes source={flow.source} disabled={busy} onIncludeHidden={flow.includeHiddenRows} />}
        {flow.source && flow.mapping && (
          <MappingPanel
            headers={flow.headers}
            values={flow.source.values}
            mapping={flow.mapping}
            onChange={flow.setMapping}
            disabled={busy}
          />
        )}
      </section>

      <Accordion collapsible>
        <AccordionItem value="settings">
          <AccordionHeader as="h2">{t("settings.heading")}</AccordionHeader>
          {/* No collapse animation: measuring the panel for it forced a layout of the whole pane on every open. */}
          <AccordionPanel collapseMotion={null}>
            <SettingsPanel
              settings={flow.settings}
              onChange={flow.setSettings}
              disabled={busy}
              lastResult={flow.result}
              headers={flow.headers}
              mapping={flow.mapping}
            />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>

      <section className={styles.section} aria-label={t("run.button")}>
        <div className={styles.row}>
          <Button
            appearance="primary"
            disabled={busy || !flow.source || !scoringIsValid(flow.settings)}
            onClick={() => void flow.run()}
          >
            {t("run.button")}
          </Button>
          {busy && (
            <Button disabled={flow.stage === "writing"} onClick={flow.cancel}>
              {t("run.cancel")}
            </Button>
          )}
        </div>
        {busy && (
          <Field label={t("run.progress")} validationMessage={stageText} validationState="none">
            <ProgressBar value={flow.progress} max={1} aria-label={stageText} />
          </Field>
        )}
      </section>

      {flow.result && <InputWarnings result={flow.result} disabled={busy} onUseToday={flow.useAnalysisDate} />}
      {flow.result && (
        <ResultsPanel result={flow.result} report={flow.report} settings={flow.settings} onShowSheet={onShowSheet} />
      )}
      {flow.result && (
        <ChangesPanel result={flow.result} unavailable={flow.compareUnavailable} onFilter={flow.filterMove} />
      )}
      {flow.result && (
        <ForecastPanel
          result={flow.result}
          forecast={flow.result.forecast}
          horizon={flow.settings.forecastDays}
          onHorizonChange={(forecastDays) => flow.setSettings({ ...flow.settings, forecastDays })}
          disabled={busy}
        />
      )}
      {flow.canUndo && (
        <div className={styles.row}>
          <Button disabled={busy} onClick={() => void flow.undoLastRun()}>
            {t("undo.button")}
          </Button>
        </div>
      )}
      <ReplaceDialog open={flow.askReplace} outputs={flow.previousOutputs} onAnswer={flow.answerReplace} />
    </main>
  );
}

/** Shown when the page is opened outside Excel (a browser tab, another Office host). */
export function NotInExcel(props: { language: Language }) {
  const styles = usePaneStyles();
  return (
    <StringsProvider language={props.language}>
      <NotInExcelBody className={styles.root} />
    </StringsProvider>
  );
}

function NotInExcelBody(props: { className: string }) {
  const { t } = useStrings();
  return (
    <main className={props.className}>
      <Title3 as="h1">{t("app.title")}</Title3>
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>{t("app.openInExcel")}</MessageBarTitle>
          {t("app.openInExcelDetail")}
        </MessageBarBody>
      </MessageBar>
    </main>
  );
}
