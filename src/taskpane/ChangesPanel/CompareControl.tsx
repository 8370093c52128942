import { Dropdown, Field, Input, Option } from "@fluentui/react-components";
import { COMPARE_CHOICES, type CompareChoice, type PaneSettings } from "../pane-settings";
import { useStrings } from "../strings-context";

const isCompareChoice = (value: unknown): value is CompareChoice =>
  (COMPARE_CHOICES as readonly unknown[]).includes(value);

/**
 * "Compare with" beside the analysis date: off, 30 / 90 / 180 / 365 days earlier, or a date. Whether the data reach
 * back that far is only known after a run; the results then say so in one line (compare-run.ts).
 */
export function CompareControl(props: {
  settings: PaneSettings;
  onChange: (settings: PaneSettings) => void;
  disabled: boolean;
  inputClassName: string;
}) {
  const { t } = useStrings();
  const { settings } = props;
  const label = (choice: CompareChoice) =>
    choice === "off" ? t("compare.off") : choice === "date" ? t("compare.date") : t("compare.days", { days: choice });
  return (
    <>
      <Field label={t("compare.label")} hint={t("compare.hint")}>
        <Dropdown
          clearButton={{ "aria-label": t("common.clearSelection") }}
          className={props.inputClassName}
          disabled={props.disabled}
          value={label(settings.compare)}
          selectedOptions={[settings.compare]}
          onOptionSelect={(_, data) =>
            isCompareChoice(data.optionValue) && props.onChange({ ...settings, compare: data.optionValue })
          }
        >
          {COMPARE_CHOICES.map((choice) => (
            <Option key={choice} value={choice}>
              {label(choice)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {settings.compare === "date" && (
        <Field label={t("compare.dateLabel")}>
          <Input
            className={props.inputClassName}
            type="date"
            disabled={props.disabled}
            value={settings.compareDate}
            onChange={(_, data) => props.onChange({ ...settings, compareDate: data.value })}
          />
        </Field>
      )}
    </>
  );
}
