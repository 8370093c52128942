/**
 * Timing and memory measurement for the benchmark. Run node with --expose-gc so that every measurement starts
 * from a collected heap.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { GCProfiler } from "node:v8";

export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("Run node with --expose-gc (npm run bench does).");
  gc();
  gc();
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/**
 * Wall times in ms of `runs` calls, each after a full GC; results are dropped between runs. The process's CPU time
 * (all threads, user + system) of each run goes to `cpuTimes` when given: unlike wall time, it hardly moves when
 * other processes share the cores.
 */
export async function timeRuns(run: () => unknown, runs: number, cpuTimes?: number[]): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
    cpuTimes?.push(cpuMs(process.cpuUsage(cpuStart)));
  }
  return times;
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

export interface MemoryMeasurement<T> {
  result: T;
  ms: number;
  cpuMs: number;
  /**
   * Highest JS heap + array-buffer use during the run, above what was in use before it: the larger of the
   * heap just before each GC (V8's GC profiler records it, so this works for synchronous code) and at the end.
   */
  peakExtraMB: number;
  /** Heap + array buffers still held after the run and a full GC (mostly the result). */
  retainedMB: number;
  /** Peak resident set size of the process during the run, above the RSS before it (Linux only, else NaN). */
  peakRssExtraMB: number;
}

const MB = 1024 * 1024;

/** Runs once after a full GC and records the heap peak and the peak RSS. */
export async function measureMemory<T>(run: () => T | Promise<T>): Promise<MemoryMeasurement<T>> {
  collectGarbage();
  const before = process.memoryUsage();
  const baseline = before.heapUsed + before.external;
  const rssResetWorked = resetPeakRss();
  const profiler = new GCProfiler();
  profiler.start();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = await run();
  const ms = performance.now() - start;
  const cpu = cpuMs(process.cpuUsage(cpuStart));
  const after = process.memoryUsage();
  const gcStats = profiler.stop();
  let peak = after.heapUsed + after.external;
  for (const entry of gcStats?.statistics ?? []) {
    const heap = entry.beforeGC.heapStatistics;
    peak = Math.max(peak, heap.usedHeapSize + heap.externalMemory);
  }
  const peakRss = rssResetWorked ? readPeakRss() : NaN;
  collectGarbage();
  const retained = process.memoryUsage();
  return {
    result,
    ms,
    cpuMs: cpu,
    peakExtraMB: (peak - baseline) / MB,
    retainedMB: (retained.heapUsed + retained.external - baseline) / MB,
    peakRssExtraMB: (peakRss - before.rss) / MB,
  };
}

/** Resets the kernel's high-water mark of this process's RSS (writing 5 to clear_refs); false when not possible. */
function resetPeakRss(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    // Not Linux, or not allowed: the RSS figure is reported as n/a.
    return false;
  }
}

function readPeakRss(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return match ? Number(match[1]) * 1024 : NaN;
}
