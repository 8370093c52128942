/**
 * `npm run segment` rebuilds the CLI bundle only when a source is newer (src/cli/build-if-stale.cjs). It must watch
 * every folder the bundle draws from, or a change there runs a stale CLI: found when src/forecast and src/sql were
 * added and the script still watched only src/engine and src/cli.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const SRC = path.join(__dirname, "../../src");

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** The src folders reachable from src/cli through relative imports. */
function foldersTheCliImports(): Set<string> {
  const seen = new Set<string>(["cli"]);
  const queue = ["cli"];
  while (queue.length > 0) {
    const folder = queue.shift()!;
    for (const file of tsFiles(path.join(SRC, folder))) {
      for (const match of fs.readFileSync(file, "utf8").matchAll(/from "(\.[^"]+)"/g)) {
        const target = path.relative(SRC, path.resolve(path.dirname(file), match[1]!)).split(path.sep)[0]!;
        if (!seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
  }
  return seen;
}

test("the CLI's rebuild check watches every folder the CLI imports from", () => {
  const script = fs.readFileSync(path.join(SRC, "cli/build-if-stale.cjs"), "utf8");
  const listed = /\[((?:\s*"[a-z-]+",?)+)\s*\]\.map\(\(folder\)/.exec(script)?.[1] ?? "";
  const watched = new Set([...listed.matchAll(/"([a-z-]+)"/g)].map((m) => m[1]));
  const imported = [...foldersTheCliImports()].sort();
  expect(imported).toEqual(expect.arrayContaining(["cli", "engine", "forecast", "sql"]));
  expect(imported.filter((folder) => !watched.has(folder))).toEqual([]);
});
