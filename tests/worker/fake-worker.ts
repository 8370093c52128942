import { createAnalysisHandler } from "../../src/worker/analysis-handler";
import type { WorkerRequest, WorkerResponse } from "../../src/worker/protocol";
import type { WorkerLike } from "../../src/worker/worker-client";

/** A Worker stand-in that runs the real handler on a later tick, like a worker thread would. */
export class FakeWorker implements WorkerLike {
  static created: FakeWorker[] = [];
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  received: WorkerRequest[] = [];
  /** When set, requests are held until `release()` (a long-running analysis). */
  hold = false;
  private held: WorkerRequest[] = [];
  private readonly handle = createAnalysisHandler((message) => {
    if (!this.terminated) setTimeout(() => this.onmessage?.({ data: message } as MessageEvent<WorkerResponse>), 0);
  });
  constructor() {
    FakeWorker.created.push(this);
  }
  postMessage(message: WorkerRequest): void {
    this.received.push(message);
    if (this.hold) this.held.push(message);
    else setTimeout(() => this.handle(message), 0);
  }
  release(): void {
    for (const message of this.held.splice(0)) this.handle(message);
  }
  terminate(): void {
    this.terminated = true;
  }
}
