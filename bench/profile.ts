/**
 * One run under the V8 sampling profiler, summarised as the functions and source lines (mapped back to the .ts
 * files through the emitted source maps) with the most self time.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { SourceMap } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

interface CpuProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  positionTicks?: { line: number; ticks: number }[];
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  functions: { where: string; ms: number }[];
  lines: { where: string; ms: number }[];
}

/** Profiles `run`, saves the .cpuprofile as `file`, returns the hot functions and lines. */
export async function profileRun(run: () => unknown, file: string, repoRoot: string): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  await run();
  const profile = (await session.post("Profiler.stop")).profile as CpuProfile;
  session.disconnect();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(profile));
  return summariseProfile(profile, file, repoRoot);
}

/** Summarises a profile written by `node --cpu-prof` (or by {@link profileRun}). */
export function summariseProfileFile(file: string, repoRoot: string): ProfileSummary {
  return summariseProfile(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, file, repoRoot);
}

function summariseProfile(profile: CpuProfile, file: string, repoRoot: string): ProfileSummary {
  const msPerTick = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const functions = new Map<string, number>();
  const lines = new Map<string, number>();
  const maps = new SourceMaps();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || "(anonymous)";
    const where = `${name} ${maps.locate(url, lineNumber + 1, repoRoot)}`;
    functions.set(where, (functions.get(where) ?? 0) + (node.hitCount ?? 0) * msPerTick);
    for (const tick of node.positionTicks ?? []) {
      const line = `${maps.locate(url, tick.line, repoRoot)} (${name})`;
      lines.set(line, (lines.get(line) ?? 0) + tick.ticks * msPerTick);
    }
  }
  const top = (map: Map<string, number>, count: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([where, ms]) => ({ where, ms }));
  return {
    file,
    totalMs: (profile.endTime - profile.startTime) / 1000,
    functions: top(functions, 10),
    lines: top(lines, 15),
  };
}

/** Maps generated JS positions to the TypeScript source through the `.js.map` files tsc writes. */
class SourceMaps {
  private readonly cache = new Map<string, { map: SourceMap; lines: string[] } | undefined>();

  /** `file:line` in the .ts source when a map is found, else in the script itself; paths relative to the repo. */
  locate(url: string, line: number, repoRoot: string): string {
    if (!url) return "(native)";
    const path = url.startsWith("file:") ? fileURLToPath(url) : url;
    const loaded = this.load(path);
    // Look up the first code on the line: column 0 may fall on indentation, which maps to the line before.
    const column = Math.max(0, loaded?.lines[line - 1]?.search(/\S/) ?? 0);
    const entry = loaded?.map.findEntry(line - 1, column) as
      { originalSource?: string; originalLine?: number } | undefined;
    if (entry?.originalSource && entry.originalLine !== undefined) {
      const source = entry.originalSource.startsWith("file:")
        ? fileURLToPath(entry.originalSource)
        : join(dirname(path), entry.originalSource);
      return `${relative(repoRoot, source)}:${entry.originalLine + 1}`;
    }
    return `${path.startsWith("/") ? relative(repoRoot, path) : path}:${line}`;
  }

  private load(path: string): { map: SourceMap; lines: string[] } | undefined {
    if (!this.cache.has(path)) {
      const mapFile = `${path}.map`;
      this.cache.set(
        path,
        existsSync(mapFile)
          ? {
              map: new SourceMap(JSON.parse(readFileSync(mapFile, "utf8"))),
              lines: readFileSync(path, "utf8").split("\n"),
            }
          : undefined,
      );
    }
    return this.cache.get(path);
  }
}
