import { makeStyles, tokens } from "@fluentui/react-components";

export const useForecastPanelStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300 },
  headline: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXL,
    margin: 0,
  },
  figure: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  caption: { textAlign: "left", fontWeight: tokens.fontWeightSemibold, paddingTop: tokens.spacingVerticalS },
  cell: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    textAlign: "left",
    overflowWrap: "anywhere",
    fontWeight: tokens.fontWeightRegular,
  },
  number: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    textAlign: "right",
    fontVariantNumeric: "tabular-nums",
  },
  details: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});
