import { Caption1, Dropdown, Field, Option, Subtitle2, Text } from "@fluentui/react-components";
import { memo } from "react";
import { useMappingPanel, type MappingPanelProps } from "./useMappingPanel";
import { useMappingPanelStyles } from "./useMappingPanelStyles";

/**
 * One Dropdown per field (customer, date, amount, order, quantity, price) and a multi-select for dimensions.
 * Memoised: its props stay the same while a run reports progress.
 */
export const MappingPanel = memo(function MappingPanel(props: MappingPanelProps) {
  const state = useMappingPanel(props);
  const styles = useMappingPanelStyles();
  const textOf = (column: number | undefined) =>
    column === undefined ? state.noneText : (state.columnOptions[column]?.text ?? state.noneText);
  const dimensionText = state.dimensions.map((column) => textOf(column)).join(", ");
  // The same column choices in every field's Dropdown and in the dimensions' multi-select.
  const columnOptions = state.columnOptions.map((option) => (
    <Option key={option.value} value={option.value}>
      {option.text}
    </Option>
  ));
  return (
    <section className={styles.root} aria-label={state.heading}>
      <Subtitle2 as="h3">{state.heading}</Subtitle2>
      <Text size={200}>{state.hint}</Text>
      {state.rows.map((row) => (
        <Field key={row.field} label={row.label} hint={row.sample === "" ? undefined : row.sample}>
          <Dropdown
            className={styles.dropdown}
            clearButton={{ "aria-label": state.clearText }}
            disabled={state.disabled}
            value={textOf(row.column)}
            selectedOptions={[row.column === undefined ? "" : String(row.column)]}
            onOptionSelect={(_, data) => state.selectField(row.field, data.optionValue)}
          >
            <Option value="">{state.noneText}</Option>
            {columnOptions}
          </Dropdown>
        </Field>
      ))}
      {state.amountHint && <Caption1 role="note">{state.amountHint}</Caption1>}
      <Field label={state.dimensionsLabel} hint={state.dimensionsHint}>
        <Dropdown
          className={styles.dropdown}
          clearButton={{ "aria-label": state.clearText }}
          multiselect
          disabled={state.disabled}
          placeholder={state.noDimensionsText}
          value={dimensionText}
          selectedOptions={state.dimensions.map(String)}
          onOptionSelect={(_, data) => state.selectDimensions(data.selectedOptions)}
        >
          {columnOptions}
        </Dropdown>
      </Field>
    </section>
  );
});
