import { Field, MessageBar, MessageBarBody, Select, Subtitle2, Text } from "@fluentui/react-components";
import { memo } from "react";
import { FORECAST_DAYS, type ForecastDays } from "../pane-settings";
import { useForecastPanel, type ForecastPanelProps } from "./useForecastPanel";
import { useForecastPanelStyles } from "./useForecastPanelStyles";

/**
 * The forecast of the last run: expected purchases and revenue in the horizon with the check against the past,
 * the customers most worth a call, and the model's parameters behind a disclosure. Without a forecast (too little
 * data, no convergence) only the plain reason.
 */
export const ForecastPanel = memo(function ForecastPanel(props: ForecastPanelProps) {
  const { strings, view } = useForecastPanel(props);
  const styles = useForecastPanelStyles();
  const { t } = strings;
  return (
    <section className={styles.root} aria-label={t("forecastView.heading")}>
      <Subtitle2 as="h2">{t("forecastView.heading")}</Subtitle2>
      <Text size={200} className={styles.muted}>
        {t("forecastView.intro")}
      </Text>
      <Field label={t("forecastView.horizon")}>
        <Select
          value={String(props.horizon)}
          disabled={props.disabled}
          onChange={(_, data) => props.onHorizonChange(Number(data.value) as ForecastDays)}
        >
          {FORECAST_DAYS.map((days) => (
            <option key={days} value={days}>
              {t("forecastView.horizonOption", { days })}
            </option>
          ))}
        </Select>
      </Field>
      {view && view.days !== props.horizon && (
        <Text size={200}>{t("forecastView.rerun", { days: props.horizon })}</Text>
      )}
      {view?.notes.map((note) => (
        <MessageBar key={note} intent="info">
          <MessageBarBody>{note}</MessageBarBody>
        </MessageBar>
      ))}
      {view?.purchases !== undefined && (
        <dl className={styles.headline}>
          <div>
            <dt className={styles.muted}>{t("forecastView.purchases", { days: view.days })}</dt>
            <dd className={styles.figure}>{view.purchases}</dd>
          </div>
          {view.revenue !== undefined && (
            <div>
              <dt className={styles.muted}>{t("forecastView.revenue", { days: view.days })}</dt>
              <dd className={styles.figure}>{view.revenue}</dd>
            </div>
          )}
        </dl>
      )}
      {view?.holdout && <Text>{view.holdout}</Text>}
      {view?.purchases !== undefined && (
        <div>
          <Text as="h3" block weight="semibold" className={styles.subheading}>
            {t("forecastView.call")}
          </Text>
          <Text as="p" size={200} className={styles.muted}>
            {t("forecastView.callHint")}
          </Text>
          {view.callRows.length === 0 ? (
            <Text size={200}>{t("forecastView.callNone")}</Text>
          ) : (
            <table className={styles.table} aria-label={t("forecastView.call")}>
              <thead>
                <tr>
                  <th scope="col" className={styles.cell}>
                    {t("forecastView.customer")}
                  </th>
                  <th scope="col" className={styles.number}>
                    {t("forecastView.pastRevenue")}
                  </th>
                  <th scope="col" className={styles.number}>
                    {t("forecastView.pAlive")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.callRows.map((row) => (
                  <tr key={row.customer}>
                    <th scope="row" className={styles.cell}>
                      {row.customer}
                    </th>
                    <td className={styles.number}>{row.pastRevenue}</td>
                    <td className={styles.number}>{row.pAlive}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      {view?.purchases !== undefined && (
        <details className={styles.details}>
          <summary>{t("forecastView.model")}</summary>
          <Text as="p" size={200}>
            {view.fitCustomers}
          </Text>
          <ParameterTable caption={t("forecastView.purchaseModel")} rows={view.purchaseModel} styles={styles} />
          {view.spendModel.length > 0 && (
            <ParameterTable caption={t("forecastView.spendModel")} rows={view.spendModel} styles={styles} />
          )}
          {view.byRepeats.length > 0 && (
            <table className={styles.table}>
              <caption className={styles.caption}>{t("forecastView.byRepeats")}</caption>
              <thead>
                <tr>
                  <th scope="col" className={styles.cell}>
                    {t("forecastView.repeats")}
                  </th>
                  <th scope="col" className={styles.number}>
                    {t("forecastView.customers")}
                  </th>
                  <th scope="col" className={styles.number}>
                    {t("forecastView.meanPredicted")}
                  </th>
                  <th scope="col" className={styles.number}>
                    {t("forecastView.meanActual")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.byRepeats.map((row) => (
                  <tr key={row.repeats}>
                    <th scope="row" className={styles.cell}>
                      {row.repeats}
                    </th>
                    <td className={styles.number}>{row.customers}</td>
                    <td className={styles.number}>{row.predicted}</td>
                    <td className={styles.number}>{row.actual}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </details>
      )}
    </section>
  );
});

function ParameterTable(props: {
  caption: string;
  rows: { label: string; value: string }[];
  styles: ReturnType<typeof useForecastPanelStyles>;
}) {
  const { styles } = props;
  return (
    <table className={styles.table}>
      <caption className={styles.caption}>{props.caption}</caption>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.label}>
            <th scope="row" className={styles.cell}>
              {row.label}
            </th>
            <td className={styles.number}>{row.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
