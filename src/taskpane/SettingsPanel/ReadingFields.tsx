/** How the data is read (customer ids' case, text dates' day/month order) and what a run writes. */
import { Checkbox, Field, Radio, RadioGroup, Text } from "@fluentui/react-components";
import type { OutputChoices } from "../pane-settings";
import type { SectionProps } from "./parts";

export function ReadingFields({ state }: SectionProps) {
  const { t } = state.strings;
  const { settings, disabled } = state;
  return (
    <>
      <Checkbox
        disabled={disabled}
        checked={settings.ignoreCase}
        onChange={(_, data) => state.setIgnoreCase(data.checked === true)}
        label={t("settings.ignoreCase")}
      />
      <Field label={t("settings.dateOrder")}>
        <RadioGroup
          value={settings.dateOrder}
          disabled={disabled}
          onChange={(_, data) => state.setDateOrder(data.value)}
        >
          <Radio value="DMY" label={t("settings.dateOrder.DMY")} />
          <Radio value="MDY" label={t("settings.dateOrder.MDY")} />
        </RadioGroup>
      </Field>
    </>
  );
}

const OUTPUT_KEYS: (keyof OutputChoices)[] = ["customerSheet", "segmentColumns", "summary", "charts"];

export function OutputFields({ state, styles }: SectionProps) {
  const { t } = state.strings;
  const { settings, disabled } = state;
  return (
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
  );
}
