/**
 * What reading the selection left out or filled in (issue 14): rows hidden by a filter (with the choice to include
 * them), merged cells given their value, stray cells below the last customer, merged cells that could not be read.
 */
import { Caption1, Checkbox, MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { SourceRange } from "../excel/gateway";
import { one, useStrings } from "./strings-context";

export function SourceNotes(props: {
  source: SourceRange;
  disabled: boolean;
  onIncludeHidden: (include: boolean) => void;
}) {
  const { t, formatNumber } = useStrings();
  const { hiddenRows, mergedAreas, mergedAreasUnread, strayRows } = props.source;
  return (
    <>
      {hiddenRows && (
        <>
          <Caption1>
            {t(
              hiddenRows.included
                ? one(hiddenRows.count, "selection.hiddenRowsIncluded")
                : one(hiddenRows.count, "selection.hiddenRows"),
              { count: formatNumber(hiddenRows.count, 0) },
            )}
          </Caption1>
          <Checkbox
            label={t("selection.includeHidden")}
            checked={hiddenRows.included}
            disabled={props.disabled}
            onChange={(_event, data) => props.onIncludeHidden(data.checked === true)}
          />
        </>
      )}
      {mergedAreas && (
        <Caption1>
          {t(one(mergedAreas.areas, "selection.merged"), {
            areas: formatNumber(mergedAreas.areas, 0),
            cells: formatNumber(mergedAreas.cellsFilled, 0),
          })}
        </Caption1>
      )}
      {strayRows && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t(one(strayRows.count, "selection.strayRows"), {
              count: formatNumber(strayRows.count, 0),
              address: strayRows.address,
            })}
          </MessageBarBody>
        </MessageBar>
      )}
      {mergedAreasUnread && <Caption1>{t("selection.mergedUnread")}</Caption1>}
    </>
  );
}
