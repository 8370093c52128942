/// <reference lib="dom" />
/**
 * The in-page half of `npm run bench:browser`: installed into demo.html with `page.evaluate`, it timestamps the
 * pane's stage changes, progress updates and every pointer click (with `performance.now()`, the page's own clock),
 * and collects long tasks, long animation frames and Event Timing entries. Everything it needs is passed in, since
 * Playwright serialises the function and runs it in the page without its module scope.
 */

import type { WorkbookSim } from "../src/workbook-sim/index";

/** Texts of the pane the probe recognises (in the page's language). */
export interface ProbeTexts {
  stages: { reading: string; computing: string; writing: string };
  runButton: string;
  resultsHeading: string;
  /**
   * What-if, not the product: make every sync of the simulator wait for a new task first, as a real sync waits for
   * Excel's answer, so a chain of syncs no longer holds the main thread from start to end.
   */
}

type ProbeStage = "idle" | "reading" | "computing" | "writing";

interface ProbeInput {
  /** `pointerdown` timeStamp: when the browser took the press in, before the page's main thread saw it. */
  pressedAt: number;
  /** When the page's main thread got to the press (the wait before is work already running, e.g. the run's). */
  takenUpAt: number;
  /** After the page's own click handlers (React's root listener) have run. */
  handledAt?: number;
  /** Start of the next animation frame after the click: the frame that paints the response. */
  frameAt?: number;
  /** Text of the button, accordion header or heading pressed. */
  label: string;
}

export interface ProbeFrame {
  start: number;
  duration: number;
  blockingDuration: number;
  scripts: { invoker: string; source: string; duration: number }[];
}

export interface ProbeData {
  stageChanges: { at: number; stage: ProbeStage }[];
  progressUpdates: { at: number; value: number }[];
  runEnabledAt: number[];
  resultsAt?: number;
  inputs: ProbeInput[];
  longTasks: { start: number; duration: number }[];
  longFrames: ProbeFrame[];
  eventTimings: { name: string; start: number; processingStart: number; processingEnd: number; duration: number }[];
  supported: { longtask: boolean; longAnimationFrame: boolean; event: boolean };
  /** Messages to the worker: `postMessage` runs the structured clone of the request on the main thread. */
  posts: { type: string; at: number; ms: number }[];
  /** Messages from the worker: when the main thread took each up, the time to deserialise `event.data`, the handler. */
  replies: { type: string; at: number; dataMs: number; handlerMs: number }[];
  /** Every `context.sync()` of the workbook simulator: start, settle, operations queued. */
  syncs: { start: number; end: number; operations: number }[];
  /** Time inside the simulator's operations by kind ("range.values", …), as [start, duration] pairs. */
  operations: Record<string, [number, number][]>;
}

declare global {
  interface Window {
    __benchProbe?: ProbeData;
  }
}

/** Runs in the page: starts recording into `window.__benchProbe`. */
export function installProbe(texts: ProbeTexts): void {
  // Nested so that Playwright, which sends this function's source to the page, sends them too.
  function instrumentWorkers(into: ProbeData): void {
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker["postMessage"]>) {
      const at = performance.now();
      post.apply(this, args);
      const message: unknown = args[0];
      const type = typeof message === "object" && message !== null && "type" in message ? String(message.type) : "?";
      into.posts.push({ type, at, ms: performance.now() - at });
    } as Worker["postMessage"];
    // The pane's worker client sets `onmessage` when it first starts the worker, after this runs.
    const handlerProperty = Object.getOwnPropertyDescriptor(Worker.prototype, "onmessage");
    const { get, set } = handlerProperty ?? {};
    if (!get || !set) return;
    Object.defineProperty(Worker.prototype, "onmessage", {
      configurable: true,
      enumerable: true,
      get(this: Worker) {
        return get.call(this) as unknown;
      },
      set(this: Worker, handler: ((event: MessageEvent) => unknown) | null) {
        if (!handler) {
          set.call(this, handler);
          return;
        }
        set.call(this, function (this: Worker, event: MessageEvent) {
          const at = performance.now();
          const message: unknown = event.data;
          const dataAt = performance.now();
          try {
            return handler.call(this, event);
          } finally {
            const type =
              typeof message === "object" && message !== null && "type" in message ? String(message.type) : "?";
            into.replies.push({ type, at, dataMs: dataAt - at, handlerMs: performance.now() - dataAt });
          }
        });
      },
    });
  }

  function instrumentSyncs(into: ProbeData): void {
    const sim = (window as unknown as { __workbookSim?: WorkbookSim }).__workbookSim;
    if (!sim) return;
    // Excel.RequestContext may be a subclass bound to the sim; patch the prototype that defines sync().
    let owner: object | null = sim.Excel.RequestContext.prototype;
    while (owner && !Object.prototype.hasOwnProperty.call(owner, "sync"))
      owner = Object.getPrototypeOf(owner) as object | null;
    if (!owner) return;
    const context = owner as {
      sync(): Promise<void>;
      enqueue(kind: string, run: () => void, options?: object): void;
    };
    const enqueue = context.enqueue;
    context.enqueue = function (this: unknown, kind: string, run: () => void, options?: object) {
      enqueue.call(
        this,
        kind,
        () => {
          const start = performance.now();
          try {
            run();
          } finally {
            (into.operations[kind] ??= []).push([start, performance.now() - start]);
          }
        },
        options,
      );
    };
    const sync = context.sync;
    context.sync = async function (this: unknown) {
      const start = performance.now();
      const before = sim.syncLog.length;
      try {
        await sync.call(this);
      } finally {
        into.syncs.push({ start, end: performance.now(), operations: sim.syncLog[before]?.operations ?? 0 });
      }
    };
  }

  const container = document.getElementById("container");
  if (!container) throw new Error("demo.html has no #container for the pane");
  const supportedTypes = PerformanceObserver.supportedEntryTypes;
  const data: ProbeData = {
    stageChanges: [],
    progressUpdates: [],
    runEnabledAt: [],
    inputs: [],
    longTasks: [],
    longFrames: [],
    eventTimings: [],
    posts: [],
    replies: [],
    syncs: [],
    operations: {},
    supported: {
      longtask: supportedTypes.includes("longtask"),
      longAnimationFrame: supportedTypes.includes("long-animation-frame"),
      event: supportedTypes.includes("event"),
    },
  };
  window.__benchProbe = data;

  instrumentWorkers(data);
  instrumentSyncs(data);

  let stage: ProbeStage = "idle";
  let progress = Number.NaN;
  let runEnabled = false;
  const stageOf = (label: string | null): ProbeStage => {
    if (label === texts.stages.reading) return "reading";
    if (label === texts.stages.computing) return "computing";
    if (label === texts.stages.writing) return "writing";
    return "idle";
  };
  const inspect = (): void => {
    const at = performance.now();
    const bar = container.querySelector('[role="progressbar"]');
    const nextStage = bar ? stageOf(bar.getAttribute("aria-label")) : "idle";
    if (nextStage !== stage) {
      stage = nextStage;
      data.stageChanges.push({ at, stage });
    }
    const value = bar ? Number(bar.getAttribute("aria-valuenow")) : Number.NaN;
    if (bar && value !== progress) data.progressUpdates.push({ at, value });
    progress = value;
    const run = Array.from(container.querySelectorAll("button")).find((b) => b.textContent?.trim() === texts.runButton);
    const enabled = run !== undefined && !run.disabled;
    if (enabled && !runEnabled) data.runEnabledAt.push(at);
    runEnabled = enabled;
    if (data.resultsAt === undefined && container.querySelector(`section[aria-label="${texts.resultsHeading}"]`)) {
      data.resultsAt = at;
    }
  };
  new MutationObserver(inspect).observe(container, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ["aria-label", "aria-valuenow", "disabled"],
  });
  inspect();

  // Capture at the window runs before React's root listener; the bubbling listener runs after it.
  let pending: ProbeInput | undefined;
  window.addEventListener(
    "pointerdown",
    (event) => {
      const target = event.target instanceof Element ? event.target.closest("button, h1") : null;
      pending = {
        pressedAt: event.timeStamp,
        takenUpAt: performance.now(),
        label: target?.textContent?.trim() ?? "(no button)",
      };
      data.inputs.push(pending);
    },
    true,
  );
  window.addEventListener("click", () => {
    const input = pending;
    if (!input || input.handledAt !== undefined) return;
    input.handledAt = performance.now();
    requestAnimationFrame(() => {
      input.frameAt = performance.now();
    });
  });

  if (data.supported.longtask) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) data.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: "longtask", buffered: false });
  }
  if (data.supported.longAnimationFrame) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        // PerformanceLongAnimationFrameTiming is not in TypeScript's DOM types yet.
        const frame = entry as PerformanceEntry & {
          blockingDuration: number;
          scripts: { invoker: string; sourceURL: string; sourceFunctionName: string; duration: number }[];
        };
        data.longFrames.push({
          start: frame.startTime,
          duration: frame.duration,
          blockingDuration: frame.blockingDuration,
          scripts: frame.scripts.map((script) => ({
            invoker: script.invoker,
            source: `${script.sourceFunctionName || "(anonymous)"} ${script.sourceURL.replace(/^.*\//, "")}`,
            duration: script.duration,
          })),
        });
      }
    }).observe({ type: "long-animation-frame", buffered: false });
  }
  if (data.supported.event) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const timing = entry as PerformanceEventTiming;
        data.eventTimings.push({
          name: timing.name,
          start: timing.startTime,
          processingStart: timing.processingStart,
          processingEnd: timing.processingEnd,
          duration: timing.duration,
        });
      }
    }).observe({ type: "event", durationThreshold: 16, buffered: false } as PerformanceObserverInit);
  }
}
