import { Button, Select, Text } from "@fluentui/react-components";
import type { SectionProps } from "./parts";

/** The standard segment of each (R, FM) cell, one Select per cell. */
export function SegmentGridEditor({ state, styles }: SectionProps) {
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
