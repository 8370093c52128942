import { Button, Caption1, Dropdown, Field, Input, Option, Text, Textarea } from "@fluentui/react-components";
import { useSqlSection, type SqlSectionProps } from "./useSqlSection";
import { useSqlSectionStyles } from "./useSqlSectionStyles";

const DIALECT_NAMES: Record<string, string> = {
  duckdb: "DuckDB",
  postgres: "PostgreSQL",
  spark: "Spark SQL",
  bigquery: "BigQuery",
  snowflake: "Snowflake",
};

/** "Run on a database": the segmentation as one SQL query for the current mapping and settings, with Copy. */
export function SqlSection(props: SqlSectionProps) {
  const state = useSqlSection(props);
  const styles = useSqlSectionStyles();
  const { t } = state.strings;
  return (
    <div className={styles.root}>
      <Text size={200}>{t("sql.hint")}</Text>
      <Field label={t("sql.dialect")}>
        <Dropdown
          clearButton={{ "aria-label": t("common.clearSelection") }}
          className={styles.input}
          value={DIALECT_NAMES[state.dialect]}
          selectedOptions={[state.dialect]}
          onOptionSelect={(_, data) => state.setDialect(data.optionValue)}
        >
          {state.dialects.map((dialect) => (
            <Option key={dialect} value={dialect}>
              {DIALECT_NAMES[dialect]!}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label={t("sql.table")}>
        <Input className={styles.input} value={state.table} onChange={(_, data) => state.setTable(data.value)} />
      </Field>
      {state.problem !== undefined ? (
        <Text size={200}>{t(state.problem)}</Text>
      ) : (
        <>
          <Field label={t("sql.query")}>
            <Textarea
              className={styles.query}
              textarea={{ ref: state.textRef, className: styles.queryText }}
              readOnly
              resize="vertical"
              value={state.query ?? ""}
            />
          </Field>
          <div className={styles.row}>
            <Button size="small" onClick={() => void state.copy()}>
              {t("sql.copy")}
            </Button>
            {state.copied && (
              <Caption1 role="status">{t(state.copied === "copied" ? "sql.copied" : "sql.copyFailed")}</Caption1>
            )}
          </div>
          <Caption1>{t(state.verified ? "sql.verified" : "sql.unverified")}</Caption1>
          {state.fixedScoring && <Caption1>{t("sql.quantileOnly")}</Caption1>}
        </>
      )}
    </div>
  );
}
