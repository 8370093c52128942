/** Score levels (k) and the scoring method, with the fixed thresholds per metric when that method is chosen. */
import { Button, Dropdown, Field, Input, Option, Radio, RadioGroup, Text } from "@fluentui/react-components";
import type { SectionProps } from "./parts";

export function ScoringFields({ state, styles }: SectionProps) {
  const { t } = state.strings;
  const { settings, disabled } = state;
  return (
    <>
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
    </>
  );
}
