import { Button, Caption1, MessageBar, MessageBarBody, Subtitle2, Text } from "@fluentui/react-components";
import { memo } from "react";
import { useChangesPanel, type ChangesPanelProps, type MoveRow } from "./useChangesPanel";
import { useChangesPanelStyles } from "./useChangesPanelStyles";

/**
 * Who moved where since the compare date: the five largest moves between segments, more gains, the new customers,
 * each with a button that filters the customer sheet to them. Without a comparison, the reason in one line.
 */
export const ChangesPanel = memo(function ChangesPanel(props: ChangesPanelProps) {
  const state = useChangesPanel(props);
  const styles = useChangesPanelStyles();
  const { t } = state.strings;
  if (!state.comparison) {
    return state.unavailableText ? <Caption1 className={styles.muted}>{state.unavailableText}</Caption1> : null;
  }
  const moveList = (label: string, rows: MoveRow[]) => (
    <ul className={styles.list} aria-label={label}>
      {rows.map((row) => (
        <li key={row.key} className={styles.move}>
          <div className={styles.head}>
            <Text weight="semibold">{row.text}</Text>
            <Caption1 className={row.move.up ? styles.up : styles.down}>{row.direction}</Caption1>
            {state.canFilter && (
              <Button
                size="small"
                aria-label={row.filterLabel}
                onClick={() => void state.filter(row.key, { from: row.move.from, to: row.move.to })}
              >
                {t("compare.filter")}
              </Button>
            )}
          </div>
          <Caption1 className={styles.muted}>{row.revenue}</Caption1>
        </li>
      ))}
    </ul>
  );
  return (
    <section className={styles.root} aria-label={state.heading}>
      <Subtitle2 as="h2">{state.heading}</Subtitle2>
      <Text>{state.summary}</Text>
      <Text weight="semibold">{t("compare.moves")}</Text>
      {state.largest.length === 0 ? <Text>{t("compare.noMoves")}</Text> : moveList(t("compare.moves"), state.largest)}
      {state.gains.length > 0 && (
        <>
          <Text weight="semibold">{t("compare.goodNews")}</Text>
          {moveList(t("compare.goodNews"), state.gains)}
        </>
      )}
      <div className={styles.head}>
        <Text>{state.newCustomers}</Text>
        {state.canFilter && state.comparison.changeCounts.new > 0 && (
          <Button size="small" onClick={() => void state.filter("new", {})}>
            {t("compare.filter")}
          </Button>
        )}
      </div>
      {state.filtered !== undefined && (
        <MessageBar intent="info">
          <MessageBarBody>{t("compare.filtered")}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
});
