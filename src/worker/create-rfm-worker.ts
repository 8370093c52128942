/**
 * Creates the RFM Web Worker. Kept apart from worker-client.ts because `import.meta.url` (webpack 5's cue to bundle
 * the worker) does not exist under the CommonJS the unit tests run in.
 */
import type { WorkerLike } from "./worker-client";

export function createRfmWorker(): WorkerLike {
  return new Worker(new URL("./rfm.worker.ts", import.meta.url), { name: "rfm-engine" }) as unknown as WorkerLike;
}
