import { serialToIsoDate } from "../../engine";
import { cellText } from "../../engine";
import type { CellValue, ColumnMapping, MappedField } from "../../engine/types";
import type { MessageKey } from "../../i18n";
import { columnLetter } from "../../engine";
import { MAPPED_FIELDS } from "../pane-settings";
import { useStrings } from "../strings-context";

export interface MappingPanelProps {
  headers: string[];
  values: CellValue[][];
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
  disabled?: boolean;
}

interface FieldRow {
  field: MappedField;
  label: string;
  column: number | undefined;
  sample: string;
}

const FIELD_LABELS: Record<MappedField, MessageKey> = {
  customer: "mapping.customer",
  date: "mapping.date",
  amount: "mapping.amount",
  orderId: "mapping.orderId",
  quantity: "mapping.quantity",
  price: "mapping.price",
};
const SAMPLE_SIZE = 3;

/** State of the mapping panel: one row per field with its column and a few sample values. */
export function useMappingPanel(props: MappingPanelProps) {
  const { t } = useStrings();
  const { headers, values, mapping, onChange } = props;
  const columnOptions = headers.map((header, column) => ({
    value: String(column),
    text: t("mapping.column", { letter: columnLetter(column), header }),
  }));
  const sampleOf = (column: number | undefined, field?: MappedField): string => {
    if (column === undefined) return "";
    const samples: string[] = [];
    for (let row = 1; row < values.length && samples.length < SAMPLE_SIZE; row++) {
      const cell = values[row]?.[column];
      // Office.js hands dates over as serial numbers; show them as dates so the user recognises the column.
      const text = field === "date" && typeof cell === "number" ? serialToIsoDate(cell) : cellText(cell);
      if (text !== "") samples.push(text);
    }
    return samples.length === 0 ? "" : t("mapping.sample", { values: samples.join(", ") });
  };
  const rows: FieldRow[] = MAPPED_FIELDS.map((field) => ({
    field,
    label: t(FIELD_LABELS[field]),
    column: mapping[field],
    sample: sampleOf(mapping[field], field),
  }));
  const needsAmount = mapping.amount === undefined && (mapping.quantity === undefined || mapping.price === undefined);
  return {
    rows,
    columnOptions,
    noneText: t("mapping.none"),
    clearText: t("common.clearSelection"),
    heading: t("mapping.heading"),
    hint: t("mapping.hint"),
    amountHint: needsAmount ? t("mapping.amountOrQuantity") : undefined,
    dimensionsLabel: t("mapping.dimensions"),
    dimensionsHint: t("report.mapping.dimensionsHint"),
    noDimensionsText: t("mapping.noDimensions"),
    dimensions: mapping.dimensions,
    disabled: props.disabled === true,
    selectField: (field: MappedField, value: string | undefined) => {
      const column = value === undefined || value === "" ? undefined : Number(value);
      const next: ColumnMapping = { ...mapping, dimensions: [...mapping.dimensions] };
      // A column serves one purpose: taking it for this field releases it from any other.
      if (column !== undefined) {
        for (const other of MAPPED_FIELDS) if (other !== field && next[other] === column) next[other] = undefined;
        next.dimensions = next.dimensions.filter((c) => c !== column);
      }
      next[field] = column;
      onChange(next);
    },
    selectDimensions: (selected: string[]) => {
      const dimensions = selected.map(Number).filter((c) => Number.isInteger(c));
      const next: ColumnMapping = { ...mapping, dimensions };
      for (const field of MAPPED_FIELDS)
        if (next[field] !== undefined && dimensions.includes(next[field])) next[field] = undefined;
      onChange(next);
    },
  };
}
