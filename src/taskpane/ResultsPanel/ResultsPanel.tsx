import { Button, MessageBar, MessageBarBody, Subtitle2, Tab, TabList, Text } from "@fluentui/react-components";
import { memo, useEffect, useRef } from "react";
import type { SchemeName } from "../../engine/types";
import { SCHEMES, useResultsPanel, type ResultsPanelProps } from "./useResultsPanel";
import { useResultsPanelStyles } from "./useResultsPanelStyles";

/**
 * Customers and revenue per segment with a bar each, breakpoints, skipped rows and links to the written sheets.
 * Memoised: a later run's progress updates re-render the pane, not these results.
 */
export const ResultsPanel = memo(function ResultsPanel(props: ResultsPanelProps) {
  const state = useResultsPanel(props);
  const styles = useResultsPanelStyles();
  const { t } = state.strings;
  const widest = Math.max(...state.rows.map((row) => row.share), 0);
  // A new result appears below the settings, out of sight in a 320 px pane: bring its heading to the top.
  const sectionRef = useRef<HTMLElement>(null);
  useEffect(() => {
    sectionRef.current?.scrollIntoView?.({ block: "start", behavior: "smooth" });
  }, [props.result]);
  return (
    <section ref={sectionRef} className={styles.root} aria-label={t("results.heading")}>
      <Subtitle2 as="h2">{t("results.heading")}</Subtitle2>
      <Text>{state.overview}</Text>
      {state.blocked && (
        <MessageBar intent="warning">
          <MessageBarBody>{state.blocked}</MessageBarBody>
        </MessageBar>
      )}
      {state.besideEarlier && (
        <MessageBar intent="info">
          <MessageBarBody>{state.besideEarlier}</MessageBarBody>
        </MessageBar>
      )}
      {state.fallbacks && (
        <MessageBar intent="info">
          <MessageBarBody>{state.fallbacks}</MessageBarBody>
        </MessageBar>
      )}
      {state.sheets.length > 0 && (
        <div className={styles.buttons} role="group" aria-label={t("results.sheets")}>
          {state.sheets.map((sheet) => (
            <Button key={sheet} size="small" onClick={() => props.onShowSheet(sheet)}>
              {t("results.openSheet", { sheet })}
            </Button>
          ))}
        </div>
      )}
      <TabList
        className={styles.tabs}
        size="small"
        aria-label={t("results.scheme")}
        selectedValue={state.scheme}
        onTabSelect={(_, data) => state.setScheme(data.value as SchemeName)}
      >
        {SCHEMES.map((scheme) => (
          <Tab key={scheme} value={scheme}>
            {state.schemeLabel(scheme)}
          </Tab>
        ))}
      </TabList>
      <ul className={styles.list} aria-label={state.schemeLabel(state.scheme)}>
        {state.rows.map((row) => (
          <li key={row.key} className={styles.segment}>
            <div className={styles.segmentHead}>
              <Text weight="semibold">{row.name}</Text>
              <Text>{row.customers}</Text>
            </div>
            <div className={styles.barTrack} role="img" aria-label={row.barLabel}>
              <div className={styles.bar} style={{ width: `${widest > 0 ? (row.share / widest) * 100 : 0}%` }} />
            </div>
            <Text size={200} className={styles.muted}>
              {t("results.revenue")}: {row.revenue}
            </Text>
            <Text size={200}>
              {t("results.action")}: {row.action}
            </Text>
          </li>
        ))}
      </ul>
      <div>
        {/* Fluent's Text is inline: as headings and blocks, the title and its explanation are separate lines. */}
        <Text as="h3" block weight="semibold" className={styles.subheading}>
          {t("results.breakpoints")}
        </Text>
        <Text as="p" block size={200} className={styles.muted}>
          {t("results.breakpointsHint")}
        </Text>
        <table className={styles.table}>
          <tbody>
            {state.breakpoints.map((row) => (
              <tr key={row.label}>
                <th scope="row" className={styles.cell}>
                  {row.label}
                </th>
                <td className={styles.cell}>{row.values}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {state.impossibleScores && (
          <Text as="p" block size={200} role="note">
            {state.impossibleScores}
          </Text>
        )}
      </div>
      <div>
        <Text weight="semibold">{state.skippedTitle}</Text>
        {state.skippedRows.length > 0 && (
          <ul className={styles.skippedList}>
            {state.skippedRows.map((text) => (
              <li key={text}>{text}</li>
            ))}
            {state.skippedMore && <li>{state.skippedMore}</li>}
          </ul>
        )}
      </div>
      {state.returnsOnly && <Text>{state.returnsOnly}</Text>}
    </section>
  );
});
