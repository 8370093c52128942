import { useRef, useState } from "react";
import type { ColumnMapping } from "../../engine/types";
import { buildSegmentationQuery, SQL_DIALECTS, SqlOptionError, VERIFIED_DIALECTS, type SqlDialect } from "../../sql";
import type { MessageKey } from "../../i18n";
import type { PaneSettings } from "../pane-settings";
import { useStrings } from "../strings-context";

export interface SqlSectionProps {
  settings: PaneSettings;
  /** The selection's header texts (column names as the database table is expected to spell them). */
  headers?: string[];
  mapping?: ColumnMapping;
}

/** The query for the current mapping and options, or the reason there is none yet. */
function segmentationSql(
  dialect: SqlDialect,
  table: string,
  settings: PaneSettings,
  headers: string[] | undefined,
  mapping: ColumnMapping | undefined,
): { query: string } | { problem: MessageKey } {
  if (!headers || !mapping) return { problem: "sql.needSource" };
  const name = (column: number | undefined) => (column === undefined ? undefined : headers[column] || undefined);
  const customer = name(mapping.customer);
  const date = name(mapping.date);
  const amount = name(mapping.amount);
  const quantity = name(mapping.quantity);
  const price = name(mapping.price);
  if (!customer || !date || !(amount || (quantity && price))) return { problem: "sql.needColumns" };
  if (table.trim() === "") return { problem: "sql.needTable" };
  try {
    const query = buildSegmentationQuery({
      dialect,
      // `sales.lines` is a schema-qualified name: each part is quoted by the builder.
      table: table.trim().split("."),
      columns: { customer, date, amount, orderId: name(mapping.orderId), quantity, price },
      k: settings.k,
      analysisDate: settings.analysisDate === "" ? undefined : settings.analysisDate,
      segmentGrid: settings.segmentGrid,
      valueMatrix: { threshold: settings.threshold, monetary: settings.basis },
      tierCutoffs: [settings.tierCutoffs[0] / 100, settings.tierCutoffs[1] / 100],
      lifecycleDays: settings.lifecycleDays,
    });
    return { query };
  } catch (error) {
    if (error instanceof SqlOptionError) return { problem: "sql.needTable" };
    throw error;
  }
}

export function useSqlSection({ settings, headers, mapping }: SqlSectionProps) {
  const strings = useStrings();
  const [dialect, setDialect] = useState<SqlDialect>("duckdb");
  const [table, setTable] = useState("sales");
  const [copied, setCopied] = useState<"copied" | "select" | undefined>();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const built = segmentationSql(dialect, table, settings, headers, mapping);
  const query = "query" in built ? built.query : undefined;

  const copy = async () => {
    if (query === undefined) return;
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(query);
      setCopied("copied");
    } catch {
      // Office's web views may refuse the clipboard API: select the text so Ctrl+C copies it.
      textRef.current?.focus();
      textRef.current?.select();
      setCopied("select");
    }
  };

  return {
    strings,
    dialects: SQL_DIALECTS,
    dialect,
    setDialect: (value: string | undefined) => {
      if ((SQL_DIALECTS as readonly (string | undefined)[]).includes(value)) {
        setDialect(value as SqlDialect);
        setCopied(undefined);
      }
    },
    table,
    setTable: (value: string) => {
      setTable(value);
      setCopied(undefined);
    },
    query,
    problem: "problem" in built ? built.problem : undefined,
    verified: VERIFIED_DIALECTS.includes(dialect),
    fixedScoring: settings.scoring.method === "fixed",
    copied,
    copy,
    textRef,
  };
}
