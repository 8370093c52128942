/**
 * The simulator's stand-in for the round trip to the Excel host: a sync resolves in a later task, as a real
 * `context.sync()` does, so the page can handle input between syncs instead of running a chain of syncs as one
 * long task. No real delay is added.
 */

type Callback = () => void;

function runsInNode(): boolean {
  return typeof process !== "undefined" && typeof process.versions?.node === "string";
}

function createMacrotaskScheduler(): (callback: Callback) => void {
  // Node's MessagePort delivers messages posted while it is delivering in the same drain, so chained syncs would
  // not yield to timers there; a 0 ms timer (1 ms in Node) queues behind timers already set. In a page a message
  // avoids the >= 4 ms clamp browsers put on nested 0 ms timers.
  if (runsInNode() || typeof MessageChannel === "undefined") return (callback) => setTimeout(callback, 0);
  const channel = new MessageChannel();
  const pending: Callback[] = [];
  channel.port1.onmessage = () => pending.shift()?.();
  return (callback) => {
    pending.push(callback);
    channel.port2.postMessage(null);
  };
}

let schedule: ((callback: Callback) => void) | undefined;

/** Resolves in a later macrotask: a posted message in a page, a 0 ms timer in Node or without MessageChannel. */
export function hostRoundTrip(): Promise<void> {
  schedule ??= createMacrotaskScheduler();
  const run = schedule;
  return new Promise((resolve) => run(resolve));
}
