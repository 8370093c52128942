/**
 * Preloaded with `node --require` into the processes the CLI benchmark spawns: prints the process's peak RSS and
 * CPU time on standard error when it exits, so both contenders are measured the same way.
 */
import { readFileSync, writeSync } from "node:fs";

process.on("exit", () => {
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  writeSync(2, `\nbench:max-rss-kb=${peakRssKb(usage.maxRSS)} bench:cpu-ms=${cpuMs}\n`);
});

/**
 * VmHWM of this process's own memory map. getrusage's maxRSS is not used on Linux because it keeps the high-water
 * mark of the forked parent from before exec, i.e. the benchmark process's own size.
 */
function peakRssKb(fallbackKb: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    return match ? Number(match[1]) : fallbackKb;
  } catch {
    // Not Linux: getrusage is the best there is.
    return fallbackKb;
  }
}
