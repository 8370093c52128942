// `presegment`: bundles the engine and CLI into dist-node/cli/segment.js only when a source is newer than the
// bundle, so `npm run segment` starts at once on repeated runs. Plain CommonJS because it runs before any build.
const { readdirSync, statSync } = require("node:fs");
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "../..");
const target = path.join(root, "dist-node/cli/segment.js");

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1; // not built yet
  }
}

// Every folder the CLI bundle imports from (src/cli imports engine, forecast and sql; they import only engine).
const sources = Math.max(
  ...["engine", "cli", "forecast", "sql"].map((folder) => newestSource(path.join(root, "src", folder))),
  mtime(path.join(root, "webpack.cli.config.js")),
  mtime(path.join(root, "tsconfig.json")),
);
if (mtime(target) < sources) {
  const webpack = require.resolve("webpack-cli/bin/cli.js", { paths: [root] });
  const config = path.join(root, "webpack.cli.config.js");
  const result = spawnSync(process.execPath, [webpack, "--config", config], { stdio: "inherit", cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
