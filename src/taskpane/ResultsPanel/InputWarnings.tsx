/**
 * The engine's date warnings (RfmResult.dateWarnings): rows dated after today or before 1990, an analysis date
 * taken from a future date (with "Use today as the analysis date"), and text dates read in a guessed day/month
 * order (which order, how many).
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { serialToIsoDate } from "../../engine";
import type { RfmResult } from "../../engine/types";
import { one, useStrings } from "../strings-context";

export function InputWarnings(props: { result: RfmResult; disabled: boolean; onUseToday: (isoDate: string) => void }) {
  const { t, formatNumber } = useStrings();
  const { future, early, ambiguous, analysisDateInFuture, today } = props.result.dateWarnings;
  if (!future && !early && !ambiguous && !analysisDateInFuture) return null;
  return (
    <div role="group" aria-label={t("results.heading")}>
      {future && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t(one(future.count, "inputWarning.futureDates"), {
              count: formatNumber(future.count, 0),
              today: serialToIsoDate(today),
              latest: serialToIsoDate(future.latest),
              row: future.rows[0] ?? "",
            })}
          </MessageBarBody>
        </MessageBar>
      )}
      {analysisDateInFuture && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t("inputWarning.futureAnalysisDate", { date: serialToIsoDate(props.result.analysisDate) })}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" disabled={props.disabled} onClick={() => props.onUseToday(serialToIsoDate(today))}>
              {t("selection.useToday")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {early && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t(one(early.count, "inputWarning.earlyDates"), {
              count: formatNumber(early.count, 0),
              earliest: serialToIsoDate(early.earliest),
              row: early.rows[0] ?? "",
            })}
          </MessageBarBody>
        </MessageBar>
      )}
      {ambiguous && (
        <MessageBar intent="info">
          <MessageBarBody>
            {t(one(ambiguous.count, `inputWarning.ambiguousDates.${ambiguous.order === "MDY" ? "MDY" : "DMY"}`), {
              count: formatNumber(ambiguous.count, 0),
              example: ambiguous.example,
            })}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
