import { makeStyles, tokens } from "@fluentui/react-components";

export const useSqlSectionStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  input: { minWidth: 0, width: "100%" },
  query: { minWidth: 0, width: "100%" },
  queryText: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase100, minHeight: "160px" },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
});
