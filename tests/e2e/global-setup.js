// The e2e project's globalSetup (jest.config.js): builds dist/ (`webpack --mode production`) unless it is already a
// production build for the dev URL that is newer than every input, so `npx jest --selectProjects e2e` stands on its
// own. `npm test` builds first, and then this finds dist/ current. webpack.config.js writes dist/.build-info.json.
const { readdirSync, readFileSync, statSync } = require("node:fs");
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "../..");
const infoFile = path.join(root, "dist", ".build-info.json");
const inputs = [
  "src",
  "assets",
  "manifest.xml",
  "webpack.config.js",
  "scripts/manifest-url.js",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
  "node_modules/.package-lock.json", // written by npm ci / npm install
];

/** Newest modification time (ms) under `file`, or 0 when it does not exist. */
function newest(file) {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted file shows only as a newer directory
  for (const entry of readdirSync(file)) latest = Math.max(latest, newest(path.join(file, entry)));
  return latest;
}

/** Why dist/ needs a build, or undefined when it is current. */
function staleReason() {
  let info;
  try {
    info = { ...JSON.parse(readFileSync(infoFile, "utf8")), builtMs: statSync(infoFile).mtimeMs };
  } catch {
    return "dist/.build-info.json is missing";
  }
  if (info.mode !== "production") return `dist/ is a ${info.mode} build`;
  if (info.urlProd) return `dist/ was built for ${info.urlProd}`;
  for (const input of inputs) {
    if (newest(path.join(root, input)) > info.builtMs) return `${input} changed since the last build`;
  }
  return undefined;
}

module.exports = async function buildIfStale() {
  const reason = staleReason();
  if (!reason) return;
  process.stdout.write(`\ne2e: ${reason}; building dist/ (webpack --mode production)\n`);
  const webpack = require.resolve("webpack-cli/bin/cli.js", { paths: [root] });
  const result = spawnSync(process.execPath, [webpack, "--mode", "production"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`webpack --mode production failed (exit ${result.status})`);
};
