import { Button, Field, Textarea } from "@fluentui/react-components";
import type { SectionProps } from "./parts";

/** The recommended action of each segment, as written to the workbook. */
export function ActionsEditor({ state, styles }: SectionProps) {
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
