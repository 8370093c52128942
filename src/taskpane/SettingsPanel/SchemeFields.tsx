/**
 * The settings of the value matrix, the revenue tiers and the lifecycle stages. A tier or lifecycle value the engine
 * would refuse marks its field and says why in the field's own words ("Active (200 days) cannot be longer than
 * Recently lapsed (90 days)."), as the run's error then does.
 */
import { Field, Radio, RadioGroup } from "@fluentui/react-components";
import { NumberInput, type SectionProps } from "./parts";

export function ValueMatrixFields({ state }: SectionProps) {
  const { t } = state.strings;
  const { settings, disabled } = state;
  return (
    <>
      <Field label={t("settings.threshold")}>
        <RadioGroup
          value={settings.threshold}
          disabled={disabled}
          onChange={(_, data) => state.setThreshold(data.value)}
        >
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
    </>
  );
}

export function TierFields({ state, styles }: SectionProps) {
  const { t } = state.strings;
  const { settings, disabled } = state;
  return (
    <div className={styles.pair}>
      {([0, 1] as const).map((index) => {
        const problem = state.tierProblem(index);
        return (
          <Field
            key={index}
            label={t(index === 0 ? "settings.tierA" : "settings.tierB")}
            validationState={problem === undefined ? "none" : "error"}
            validationMessage={problem}
          >
            <NumberInput
              className={styles.input}
              min={1}
              max={100}
              disabled={disabled}
              value={settings.tierCutoffs[index]}
              onText={(text) => state.setTierCutoff(index, text)}
            />
          </Field>
        );
      })}
    </div>
  );
}

const LIFECYCLE_LABELS = ["settings.lifecycleActive", "settings.lifecycleRecent", "settings.lifecycleLapsed"] as const;

export function LifecycleFields({ state, styles }: SectionProps) {
  const { t } = state.strings;
  const { settings, disabled } = state;
  return (
    <>
      {([0, 1, 2] as const).map((index) => {
        const problem = state.lifecycleProblem(index);
        return (
          <Field
            key={index}
            label={t(LIFECYCLE_LABELS[index])}
            validationState={problem === undefined ? "none" : "error"}
            validationMessage={problem}
          >
            <NumberInput
              className={styles.input}
              min={0}
              disabled={disabled}
              value={settings.lifecycleDays[index]}
              onText={(text) => state.setLifecycleDay(index, text)}
            />
          </Field>
        );
      })}
    </>
  );
}
