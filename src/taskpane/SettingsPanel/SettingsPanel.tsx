import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  Option,
  Radio,
  RadioGroup,
  Select,
  Text,
  Textarea,
} from "@fluentui/react-components";
import { memo, useState, type ReactNode } from "react";
import { CompareControl } from "../ChangesPanel/CompareControl";
import type { OutputChoices } from "../pane-settings";
import { SqlSection } from "../SqlPanel/SqlSection";
import { useSettingsPanel, type SettingsPanelProps } from "./useSettingsPanel";
import { useSettingsPanelStyles } from "./useSettingsPanelStyles";

/**
 * A number field that keeps what the user is typing (an empty or half-typed value is not a setting yet) and
 * follows the setting when it changes from outside, e.g. when remembered settings load.
 */
function NumberInput(props: {
  className: string;
  value: number;
  min?: number;
  max?: number;
  disabled: boolean;
  onText: (text: string) => void;
}) {
  const [text, setText] = useState(String(props.value));
  const [shown, setShown] = useState(props.value);
  if (props.value !== shown) {
    setShown(props.value);
    setText(String(props.value));
  }
  return (
    <Input
      className={props.className}
      type="number"
      min={props.min}
      max={props.max}
      disabled={props.disabled}
      value={text}
      onChange={(_, data) => {
        setText(data.value);
        props.onText(data.value);
      }}
    />
  );
}

type PanelState = ReturnType<typeof useSettingsPanel>;
type PanelStyles = ReturnType<typeof useSettingsPanelStyles>;

/**
 * A sub-section whose content is mounted only while it is open: the segment grid alone (25 Selects) took most of
 * the 400 ms that opening Settings cost. No collapse animation, whose measuring forced a layout of the whole pane.
 */
function Section(props: { value: string; heading: string; children: ReactNode }) {
  return (
    <Accordion collapsible>
      <AccordionItem value={props.value}>
        <AccordionHeader as="h3" size="small">
          {props.heading}
        </AccordionHeader>
        <AccordionPanel collapseMotion={null}>{props.children}</AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}

/** The standard segment of each (R, FM) cell, one Select per cell. */
function SegmentGridEditor({ state, styles }: { state: PanelState; styles: PanelStyles }) {
  const { t } = state.strings;
  const { settings, disabled } = state;
  return (
    <div className={styles.group} role="group" aria-label={t("settings.grid")}>
      <Text size={200}>{t("settings.gridHint")}</Text>
      <table className={styles.grid}>
        <thead>
          <tr>
            <td className={styles.gridRowHeader} />
            {[1, 2, 3, 4, 5].map((fm) => (
              <th key={fm} scope="col" className={styles.gridHeader}>
                {t("settings.gridColumn", { fm })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {settings.segmentGrid.map((row, rowIndex) => (
            <tr key={rowIndex}>
              <th scope="row" className={styles.gridRowHeader}>
                {t("settings.gridRow", { r: 5 - rowIndex })}
              </th>
              {row.map((key, columnIndex) => (
                <td key={columnIndex} className={styles.gridCell}>
                  <Select
                    className={styles.gridSelect}
                    size="small"
                    disabled={disabled}
                    aria-label={t("settings.gridCell", { r: 5 - rowIndex, fm: columnIndex + 1 })}
                    title={state.segmentName(key)}
                    value={key}
                    onChange={(_, data) => state.setGridCell(rowIndex, columnIndex, data.value)}
                  >
                    {state.standardKeys.map((option) => (
                      <option key={option} value={option}>
                        {state.segmentName(option)}
                      </option>
                    ))}
                  </Select>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <Button size="small" disabled={disabled} onClick={state.resetGrid}>
        {t("settings.resetGrid")}
      </Button>
    </div>
  );
}

/** The recommended action of each segment, as written to the workbook. */
function ActionsEditor({ state, styles }: { state: PanelState; styles: PanelStyles }) {
  const { t } = state.strings;
  const { disabled } = state;
  return (
    <div className={styles.group} role="group" aria-label={t("settings.actions")}>
      {state.actionKeys.map((key) => (
        <Field
          key={key}
          label={state.segmentName(key)}
          hint={
            state.actionEdited(key) ? (
              <span className={styles.editedHint}>
                {t("settings.actionEdited")}
                <Button
                  size="small"
                  appearance="transparent"
                  disabled={disabled}
                  aria-label={t("settings.resetActionFor", { segment: state.segmentName(key) })}
                  onClick={() => state.resetAction(key)}
                >
                  {t("settings.resetAction")}
                </Button>
              </span>
            ) : undefined
          }
        >
          <Textarea
            aria-label={t("settings.actionFor", { segment: state.segmentName(key) })}
            disabled={disabled}
            resize="vertical"
            value={state.actionText(key)}
            onChange={(_, data) => state.setAction(key, data.value)}
          />
        </Field>
      ))}
      <Button size="small" disabled={disabled} onClick={state.resetActions}>
        {t("settings.resetActions")}
      </Button>
    </div>
  );
}

const OUTPUT_KEYS: (keyof OutputChoices)[] = ["customerSheet", "segmentColumns", "summary", "charts"];

/**
 * Every analysis option with its default; shown inside the pane's collapsed Settings accordion. Memoised: its props
 * do not change while a run reports progress, so the pane's progress renders skip it.
 */
export const SettingsPanel = memo(function SettingsPanel(props: SettingsPanelProps) {
  const state = useSettingsPanel(props);
  const styles = useSettingsPanelStyles();
  const { t } = state.strings;
  const { settings, disabled } = state;
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
      <Field label={t("settings.k")}>
        <Dropdown
          className={styles.input}
          clearButton={{ "aria-label": t("common.clearSelection") }}
          disabled={disabled}
          value={String(settings.k)}
          selectedOptions={[String(settings.k)]}
          onOptionSelect={(_, data) => state.setK(data.optionValue)}
        >
          {state.scoreCounts.map((k) => (
            <Option key={k} value={String(k)}>
              {String(k)}
            </Option>
          ))}
        </Dropdown>
      </Field>

      <Field label={t("settings.scoring")}>
        <RadioGroup
          value={settings.scoring.method}
          disabled={disabled}
          onChange={(_, data) => state.setScoringMethod(data.value)}
        >
          <Radio value="quantile" label={t("settings.scoring.quantile")} />
          <Radio value="fixed" label={t("settings.scoring.fixed")} />
        </RadioGroup>
      </Field>
      {state.fixedScoring && (
        <div className={styles.group} role="group" aria-label={t("settings.scoring.fixed")}>
          <Text size={200}>{t("settings.scoring.hint", { count: state.thresholdCount })}</Text>
          {state.scoringMetrics.map((metric) => {
            const problem = state.thresholdProblem(metric);
            return (
              <Field
                key={metric}
                label={t(`settings.scoring.${metric}`)}
                validationState={problem === undefined ? "none" : "error"}
                validationMessage={problem}
              >
                <Input
                  className={styles.input}
                  inputMode="decimal"
                  disabled={disabled}
                  placeholder={state.thresholdPlaceholder(metric)}
                  value={state.thresholdText(metric)}
                  onChange={(_, data) => state.setThresholds(metric, data.value)}
                />
              </Field>
            );
          })}
          <Button size="small" disabled={disabled} onClick={state.suggestThresholds}>
            {t("settings.scoring.suggest")}
          </Button>
        </div>
      )}

      <Section value="grid" heading={t("settings.grid")}>
        <SegmentGridEditor state={state} styles={styles} />
      </Section>

      <Field label={t("settings.threshold")}>
        <RadioGroup value={settings.threshold} disabled={disabled} onChange={(_, data) => state.setThreshold(data.value)}>
          <Radio value="mean" label={t("settings.threshold.mean")} />
          <Radio value="median" label={t("settings.threshold.median")} />
        </RadioGroup>
      </Field>
      <Field label={t("settings.basis")}>
        <RadioGroup value={settings.basis} disabled={disabled} onChange={(_, data) => state.setBasis(data.value)}>
          <Radio value="total" label={t("settings.basis.total")} />
          <Radio value="aov" label={t("settings.basis.aov")} />
        </RadioGroup>
      </Field>

      <div className={styles.pair}>
        {([0, 1] as const).map((index) => (
          <Field key={index} label={t(index === 0 ? "settings.tierA" : "settings.tierB")}>
            <NumberInput
              className={styles.input}
              min={1}
              max={100}
              disabled={disabled}
              value={settings.tierCutoffs[index]}
              onText={(text) => state.setTierCutoff(index, text)}
            />
          </Field>
        ))}
      </div>
      {([0, 1, 2] as const).map((index) => (
        <Field
          key={index}
          label={t(index === 0 ? "settings.lifecycleActive" : index === 1 ? "settings.lifecycleRecent" : "settings.lifecycleLapsed")}
        >
          <NumberInput
            className={styles.input}
            min={0}
            disabled={disabled}
            value={settings.lifecycleDays[index]}
            onText={(text) => state.setLifecycleDay(index, text)}
          />
        </Field>
      ))}

      <Checkbox
        disabled={disabled}
        checked={settings.ignoreCase}
        onChange={(_, data) => state.setIgnoreCase(data.checked === true)}
        label={t("settings.ignoreCase")}
      />
      <Field label={t("settings.dateOrder")}>
        <RadioGroup value={settings.dateOrder} disabled={disabled} onChange={(_, data) => state.setDateOrder(data.value)}>
          <Radio value="DMY" label={t("settings.dateOrder.DMY")} />
          <Radio value="MDY" label={t("settings.dateOrder.MDY")} />
        </RadioGroup>
      </Field>

      <div className={styles.group} role="group" aria-label={t("settings.outputs")}>
        <Text weight="semibold">{t("settings.outputs")}</Text>
        {OUTPUT_KEYS.map((key) => (
          <Checkbox
            key={key}
            disabled={disabled}
            checked={settings.outputs[key]}
            onChange={(_, data) => state.setOutput(key, data.checked === true)}
            label={t(`settings.output.${key}`)}
          />
        ))}
      </div>

      <Section value="actions" heading={t("settings.actions")}>
        <ActionsEditor state={state} styles={styles} />
      </Section>

      <Section value="sql" heading={t("sql.heading")}>
        <SqlSection settings={settings} headers={props.headers} mapping={props.mapping} />
      </Section>
    </div>
  );
});
