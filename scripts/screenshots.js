// `npm run screenshots`: refreshes the README's pictures. Runs the browser demo tests (tests/e2e/demo.test.ts and
// compare.test.ts, which save their screenshots under test-results/, building dist/ first if it is stale) and, only
// if they pass, copies every docs/screenshots/*.png that README.md shows from test-results/ into docs/screenshots/.
// The tests themselves never write docs/.
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const root = path.resolve(__dirname, "..");
const results = path.join(root, "test-results");
const docs = path.join(root, "docs", "screenshots");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
const names = [...new Set([...readme.matchAll(/docs\/screenshots\/([\w.-]+\.png)/g)].map((m) => m[1]))];
if (names.length === 0) throw new Error("README.md shows no docs/screenshots/*.png");

// No stale picture from an earlier run can be copied: each must be written again by this run.
for (const name of names) fs.rmSync(path.join(results, name), { force: true });

const jest = require.resolve("jest/bin/jest", { paths: [root] });
// demo.test.ts saves the demo's pictures, compare.test.ts the "Changes since" ones (en, zh-Hans).
const run = spawnSync(process.execPath, [jest, "tests/e2e/(demo|compare)\\.test\\.ts", "--selectProjects", "e2e"], {
  cwd: root,
  stdio: "inherit",
});
if (run.status !== 0) {
  console.error("screenshots: the demo tests failed; docs/screenshots/ left as it was");
  process.exit(run.status ?? 1);
}

const missing = names.filter((name) => !fs.existsSync(path.join(results, name)));
if (missing.length > 0) {
  console.error(`screenshots: the tests saved no ${missing.join(", ")}; docs/screenshots/ left as it was`);
  process.exit(1);
}
fs.mkdirSync(docs, { recursive: true });
for (const name of names) fs.copyFileSync(path.join(results, name), path.join(docs, name));
console.log(`screenshots: copied ${names.length} pictures to docs/screenshots/: ${names.join(", ")}`);
