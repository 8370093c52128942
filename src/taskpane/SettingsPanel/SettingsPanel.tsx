/**
 * Every analysis option with its default; shown inside the pane's collapsed Settings accordion, in sections: scoring,
 * the segment grid, the value matrix, tiers, lifecycle, reading, outputs, actions, SQL.
 */
import { Field, Input } from "@fluentui/react-components";
import { memo } from "react";
import { CompareControl } from "../ChangesPanel/CompareControl";
import { SqlSection } from "../SqlPanel/SqlSection";
import { ActionsEditor } from "./ActionsEditor";
import { Section } from "./parts";
import { OutputFields, ReadingFields } from "./ReadingFields";
import { LifecycleFields, TierFields, ValueMatrixFields } from "./SchemeFields";
import { ScoringFields } from "./ScoringFields";
import { SegmentGridEditor } from "./SegmentGridEditor";
import { useSettingsPanel, type SettingsPanelProps } from "./useSettingsPanel";
import { useSettingsPanelStyles } from "./useSettingsPanelStyles";

/** Memoised: its props do not change while a run reports progress, so the pane's progress renders skip it. */
export const SettingsPanel = memo(function SettingsPanel(props: SettingsPanelProps) {
  const state = useSettingsPanel(props);
  const styles = useSettingsPanelStyles();
  const { t } = state.strings;
  const { settings, disabled } = state;
  const section = { state, styles };
  return (
    <div className={styles.root}>
      <Field label={t("settings.analysisDate")} hint={t("settings.analysisDateHint")}>
        <Input
          className={styles.input}
          type="date"
          disabled={disabled}
          value={settings.analysisDate}
          onChange={(_, data) => state.setAnalysisDate(data.value)}
        />
      </Field>
      <CompareControl settings={settings} onChange={props.onChange} disabled={disabled} inputClassName={styles.input} />
      <ScoringFields {...section} />
      <Section value="grid" heading={t("settings.grid")}>
        <SegmentGridEditor {...section} />
      </Section>
      <ValueMatrixFields {...section} />
      <TierFields {...section} />
      <LifecycleFields {...section} />
      <ReadingFields {...section} />
      <OutputFields {...section} />
      <Section value="actions" heading={t("settings.actions")}>
        <ActionsEditor {...section} />
      </Section>
      <Section value="sql" heading={t("sql.heading")}>
        <SqlSection settings={settings} headers={props.headers} mapping={props.mapping} />
      </Section>
    </div>
  );
});
