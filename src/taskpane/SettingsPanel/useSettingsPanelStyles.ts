import { makeStyles, tokens } from "@fluentui/react-components";

export const useSettingsPanelStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  pair: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: tokens.spacingHorizontalS },
  grid: { width: "100%", tableLayout: "fixed", borderCollapse: "collapse" },
  gridHeader: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase100,
    textAlign: "center",
    padding: "2px",
  },
  gridRowHeader: { width: "36px", fontSize: tokens.fontSizeBase100, fontWeight: tokens.fontWeightSemibold },
  gridCell: { padding: "1px" },
  gridSelect: {
    minWidth: 0,
    width: "100%",
    "& select": { paddingLeft: "2px", paddingRight: "14px", fontSize: tokens.fontSizeBase100 },
  },
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  editedHint: { display: "flex", alignItems: "center", flexWrap: "wrap", columnGap: tokens.spacingHorizontalXS },
  input: { minWidth: 0, width: "100%" },
});
