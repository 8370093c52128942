/** Web Worker entry: runs the RFM engine off the pane's thread. Bundled by webpack from worker-client.ts. */
import { createAnalysisHandler } from "./analysis-handler";
import type { WorkerRequest, WorkerResponse } from "./protocol";

// tsconfig's lib is DOM (shared with the pane), so the worker global is described here rather than via lib WebWorker.
interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const handle = createAnalysisHandler((message, transfer) => scope.postMessage(message, transfer));
scope.onmessage = (event) => handle(event.data);
