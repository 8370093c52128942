/** Charts: title, legend, axes, data labels, position; series are resolved from the source range when added. */
import { SimExcelError } from "./errors";
import type { CellRect, ChartSeriesModel, SheetModel } from "./model";
import { findSheet, formatAddress, newId, parseLocalAddress, readRect, splitSheetAddress } from "./model";
import { ClientObject, KeyedItemCollection } from "./client-object";
import type { RequestContext } from "./request-context";
import type { Range } from "./range";

export class ChartTitle {
  constructor(private readonly chart: Chart) {}
  set text(text: string) {
    this.chart.update("chart.title", (c) => {
      c.title = text;
    });
  }
}

export class ChartLegend {
  constructor(private readonly chart: Chart) {}
  set visible(visible: boolean) {
    this.chart.update("chart.legend", (c) => {
      c.legendVisible = visible;
    });
  }
  set position(_position: string) {
    this.chart.update("chart.legend.position", () => undefined);
  }
}

export class ChartAxisTitle {
  constructor(
    private readonly chart: Chart,
    private readonly axis: "category" | "value",
  ) {}
  /** ChartAxisTitle.text (ExcelApi 1.1): setting it shows the title. */
  set text(text: string) {
    this.chart.update("chart.axis.title", (c) => {
      c.axisTitles = { ...c.axisTitles, [this.axis]: text };
    });
  }
}

export class ChartAxis {
  readonly title: ChartAxisTitle;
  constructor(
    private readonly chart: Chart,
    private readonly axis: "category" | "value",
  ) {
    this.title = new ChartAxisTitle(chart, axis);
  }
  /** "Specifies if Excel plots data points from last to first" (ChartAxis.reversePlotOrder, ExcelApi 1.7). */
  set reversePlotOrder(reversed: boolean) {
    this.chart.update("chart.axis.reversePlotOrder", (c) => {
      this.chart.context.requireSet("1.7", "ChartAxis.reversePlotOrder");
      if (this.axis === "category") c.categoryReversed = reversed;
    });
  }
}

export class ChartAxes {
  readonly categoryAxis: ChartAxis;
  readonly valueAxis: ChartAxis;
  constructor(chart: Chart) {
    this.categoryAxis = new ChartAxis(chart, "category");
    this.valueAxis = new ChartAxis(chart, "value");
  }
}

/** The chart's data labels (ChartDataLabels, ExcelApi 1.1; numberFormat ExcelApi 1.8). */
export class ChartDataLabels {
  constructor(private readonly chart: Chart) {}
  set showValue(show: boolean) {
    this.chart.update("chart.dataLabels.showValue", (c) => {
      c.dataLabels = { ...c.dataLabels, showValue: show };
    });
  }
  set numberFormat(format: string) {
    this.chart.update("chart.dataLabels.numberFormat", (c) => {
      this.chart.context.requireSet("1.8", "ChartDataLabels.numberFormat");
      c.dataLabels = { showValue: c.dataLabels?.showValue ?? false, numberFormat: format };
    });
  }
}

export class Chart extends ClientObject {
  readonly title: ChartTitle;
  readonly legend: ChartLegend;
  readonly axes: ChartAxes;
  readonly dataLabels: ChartDataLabels;

  constructor(
    context: RequestContext,
    private readonly resolve: () => import("./model").ChartModel | undefined,
  ) {
    super(context);
    this.title = new ChartTitle(this);
    this.legend = new ChartLegend(this);
    this.axes = new ChartAxes(this);
    this.dataLabels = new ChartDataLabels(this);
  }
  /** @internal */
  update(kind: string, change: (chart: import("./model").ChartModel) => void): void {
    this.context.enqueue(kind, () => {
      const chart = this.resolve();
      if (!chart) throw new SimExcelError("ItemNotFound", "Chart");
      change(chart);
    });
  }
  protected override exists(): boolean {
    return this.resolve() !== undefined;
  }
  protected defaultLoadNames(): string[] {
    return ["name", "id", "chartType"];
  }
  protected readProperty(name: string): unknown {
    const chart = this.resolve();
    if (!chart) throw new SimExcelError("ItemNotFound", "Chart");
    if (name === "name") return chart.name;
    if (name === "id") return chart.id;
    if (name === "chartType") return chart.type;
    throw new SimExcelError("InvalidArgument", "Chart.load");
  }
  get name(): string {
    return this.loaded("name");
  }
  set name(name: string) {
    this.setLocal("name", name);
    this.update("chart.name", (c) => {
      c.name = name;
    });
  }
  set chartType(type: string) {
    this.update("chart.chartType", (c) => {
      c.type = type;
    });
  }
  setPosition(startCell: Range | string, endCell?: Range | string): void {
    this.update("chart.setPosition", (chart) => {
      const model = this.context.runtime.model;
      const sheet = findSheet(model, chart.sheetId);
      if (!sheet) throw new SimExcelError("ItemNotFound", "Chart.setPosition");
      const toRect = (cell: Range | string): CellRect => {
        if (typeof cell !== "string") return cell.resolveTarget().rect;
        const rect = parseLocalAddress(splitSheetAddress(cell).local);
        if (!rect) throw new SimExcelError("InvalidArgument", "Chart.setPosition", cell);
        return rect;
      };
      const start = toRect(startCell);
      const end = endCell === undefined ? { ...start, row: start.row + 14, column: start.column + 7 } : toRect(endCell);
      chart.position = {
        row: start.row,
        column: start.column,
        rowCount: end.row + end.rowCount - start.row,
        columnCount: end.column + end.columnCount - start.column,
      };
    });
  }
  delete(): void {
    this.update("chart.delete", (chart) => {
      const model = this.context.runtime.model;
      model.charts = model.charts.filter((c) => c.id !== chart.id);
    });
  }
}

function seriesFromSource(sheet: SheetModel, rect: CellRect, type: string, seriesBy: string): ChartSeriesModel[] {
  let grid = readRect(sheet, rect);
  const byRows = seriesBy === "Rows";
  if (byRows) grid = (grid[0] ?? []).map((_v, c) => grid.map((row) => row[c] ?? ""));
  const columns = grid[0]?.length ?? 0;
  const hasHeader =
    grid.length >= 2 && grid[0]!.slice(columns > 1 ? 1 : 0).every((v) => typeof v === "string" && v !== "");
  const body = hasHeader ? grid.slice(1) : grid;
  const isXy = type.startsWith("XYScatter");
  const hasCategories = columns >= 2 && (isXy || body.some((row) => typeof row[0] === "string"));
  const categories = hasCategories ? body.map((row) => row[0] ?? "") : body.map((_row, i) => i + 1);
  const firstValueColumn = hasCategories ? 1 : 0;
  const series: ChartSeriesModel[] = [];
  for (let c = firstValueColumn; c < columns; c++) {
    series.push({
      name: hasHeader ? String(grid[0]?.[c] ?? "") : `Series${series.length + 1}`,
      categories,
      values: body.map((row) => (typeof row[c] === "number" ? (row[c] as number) : 0)),
    });
  }
  return series;
}

export class ChartCollection extends KeyedItemCollection<Chart> {
  constructor(
    context: RequestContext,
    private readonly sheetScope: () => SheetModel,
  ) {
    super(context);
  }
  private inScope(): import("./model").ChartModel[] {
    const sheet = this.sheetScope();
    return this.context.runtime.model.charts.filter((c) => c.sheetId === sheet.id);
  }
  protected keys(): string[] {
    return this.inScope().map((c) => c.id);
  }
  protected itemFor(key: string, orNull: boolean): Chart {
    return new Chart(this.context, () => {
      const chart = this.inScope().find((c) => c.id === key || c.name === key);
      if (!chart && !orNull) throw new SimExcelError("ItemNotFound", "ChartCollection.getItem", key);
      return chart;
    });
  }
  /** Adds a chart whose series are read from `sourceData` now (the model stores resolved data). */
  add(type: string, sourceData: Range, seriesBy: string = "Auto"): Chart {
    let createdId: string | undefined;
    this.context.enqueue("charts.add", () => {
      const model = this.context.runtime.model;
      const sheet = this.sheetScope();
      const source = sourceData.resolveTarget();
      createdId = newId(model, "chart");
      model.charts.push({
        id: createdId,
        name: `Chart ${model.charts.length + 1}`,
        sheetId: sheet.id,
        type,
        title: "",
        position: { row: 1, column: 8, rowCount: 15, columnCount: 8 },
        series: seriesFromSource(source.sheet, source.rect, type, seriesBy),
        sourceAddress: formatAddress(source.sheet.name, source.rect),
        legendVisible: true,
      });
    });
    return new Chart(this.context, () => this.context.runtime.model.charts.find((c) => c.id === createdId));
  }
}
