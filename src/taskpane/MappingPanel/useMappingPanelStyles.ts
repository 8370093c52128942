import { makeStyles, tokens } from "@fluentui/react-components";

export const useMappingPanelStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  dropdown: { minWidth: 0, width: "100%" },
  sample: {
    color: tokens.colorNeutralForeground3,
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
  },
});
