import { makeStyles, tokens } from "@fluentui/react-components";

export const useResultsPanelStyles = makeStyles({
  // Four tabs do not fit 320 px in every language: let them wrap rather than scroll sideways.
  tabs: { flexWrap: "wrap" },
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  segment: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: 0 },
  segmentHead: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  barTrack: { height: "8px", backgroundColor: tokens.colorNeutralBackground3, borderRadius: tokens.borderRadiusSmall },
  bar: { height: "100%", backgroundColor: tokens.colorBrandBackground, borderRadius: tokens.borderRadiusSmall },
  muted: { color: tokens.colorNeutralForeground3, margin: 0 },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300 },
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  cell: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    textAlign: "left",
    overflowWrap: "anywhere",
  },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  skippedList: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
  },
});
