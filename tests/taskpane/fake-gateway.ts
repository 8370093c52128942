import { startRowEncoder, type EncodedRows } from "../../src/engine";
import { CancelledError, type CellValue } from "../../src/engine/types";
import type {
  EncodeRequest,
  PreviousOutput,
  ReadOptions,
  SourceRange,
  WorkbookGateway,
  WriteOptions,
  WriteReport,
} from "../../src/excel/gateway";

/** Sales rows: C1 buys often and recently, C4 long ago, row 7 has no customer, C5 only returned goods. */
export const SALES: CellValue[][] = [
  ["Customer", "Order date", "Amount", "Region"],
  ["C1", 45300, 120, "North"],
  ["C2", 45200, 80, "South"],
  ["C1", 45310, 200, "North"],
  ["C3", 45000, 30, "East"],
  ["C4", 44800, 500, "West"],
  ["", 45100, 15, "North"],
  ["C5", 45250, -40, "South"],
  ["C2", 45290, 60, "South"],
];

export function sourceOf(values: CellValue[][] = SALES): SourceRange {
  return {
    address: "Sales!A1:D9",
    sheetName: "Sales",
    firstRow: 1,
    firstColumn: 0,
    rowCount: values.length,
    columnCount: values[0]?.length ?? 0,
    values,
  };
}

/** A WorkbookGateway in memory that records what the pane asked of it. */
export class FakeGateway implements WorkbookGateway {
  stored: unknown = undefined;
  previousOutputs = false;
  writes: WriteOptions[] = [];
  shown: string[] = [];
  writeError: Error | undefined = undefined;
  /** What listPreviousOutputs returns (hasPreviousOutputs is true when previousOutputs is or this is non-empty). */
  outputs: PreviousOutput[] = [];
  undone = 0;
  lastRun = false;
  /** When set, listPreviousOutputs waits for it (to hold a run at that step). */
  listGate?: Promise<void>;
  constructor(private readonly source: SourceRange = sourceOf()) {}
  /** The options of every readSource call. */
  readOptions: (ReadOptions | undefined)[] = [];
  readSource(onProgress?: (fraction: number) => void, options?: ReadOptions): Promise<SourceRange> {
    this.readOptions.push(options);
    onProgress?.(1);
    return Promise.resolve(this.source);
  }
  /** Like readSource (the options are recorded with its calls). */
  previewSource(onProgress?: (fraction: number) => void, options?: ReadOptions): Promise<SourceRange> {
    return this.readSource(onProgress, options);
  }
  /** Every readEncoded call: what it was asked to encode and its read options. */
  encodeCalls: { request: EncodeRequest; options?: ReadOptions }[] = [];
  /** When set, readEncoded waits for it (a read in progress), then honours the abort signal as a chunk would. */
  encodeGate?: Promise<void>;
  /** The sources writeResults was given. */
  writtenSources: SourceRange[] = [];
  /** The source's rows encoded as the Office gateway encodes them, in one chunk. */
  async readEncoded(
    source: SourceRange,
    request: EncodeRequest,
    onProgress?: (fraction: number) => void,
    options?: ReadOptions,
  ): Promise<{ source: SourceRange; rows: EncodedRows }> {
    this.encodeCalls.push({ request, options });
    if (this.encodeGate) {
      onProgress?.(0.5);
      await this.encodeGate;
      if (options?.signal?.aborted) throw new CancelledError();
    }
    const [header = [], ...rows] = source.values;
    const encoder = startRowEncoder(header, source.columnCount, rows.length, request.mapping, request.options);
    encoder.add(rows);
    onProgress?.(1);
    return { source, rows: encoder.finish() };
  }
  hasPreviousOutputs(): Promise<boolean> {
    return Promise.resolve(this.previousOutputs || this.outputs.length > 0);
  }
  async listPreviousOutputs(): Promise<PreviousOutput[]> {
    await this.listGate;
    if (this.outputs.length > 0 || !this.previousOutputs) return this.outputs;
    return [{ id: "s1", currentName: "RFM Summary", writtenName: "RFM Summary", renamed: false, edited: false }];
  }
  undoLastRun(): Promise<void> {
    this.undone += 1;
    this.lastRun = false;
    return Promise.resolve();
  }
  canUndo(): boolean {
    return this.lastRun;
  }
  writeResults(_result: unknown, source: SourceRange, options: WriteOptions): Promise<WriteReport> {
    this.writtenSources.push(source);
    if (this.writeError !== undefined) return Promise.reject(this.writeError);
    this.writes.push(options);
    this.lastRun = true;
    return Promise.resolve({
      sheetsWritten: [options.labels.sheets.customers, options.labels.sheets.summary],
      fallbacks: [],
    });
  }
  showSheet(name: string): Promise<void> {
    this.shown.push(name);
    return Promise.resolve();
  }
  loadSettings(): Promise<unknown> {
    return Promise.resolve(this.stored);
  }
  saveSettings(value: unknown): Promise<void> {
    this.stored = value;
    return Promise.resolve();
  }
}
