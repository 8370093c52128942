#!/usr/bin/env node
/**
 * Serves the built `dist/` folder over plain HTTP for the browser demo (`npm run demo`), with no dependencies.
 * Usage: node scripts/demo-server.js [--port 3001] [--host 127.0.0.1] [--root dist]. `/` opens demo.html. Stops
 * on Ctrl+C. It listens on this machine only (127.0.0.1) unless `--host` says otherwise (e.g. `--host 0.0.0.0` to
 * show the demo to another machine on the network): the demo reads whatever files the visitor picks.
 */
"use strict";
const fs = require("node:fs");
const http = require("node:http");
const path = require("node:path");

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

const port = Number(option("port", process.env.DEMO_PORT || "3001"));
const host = option("host", process.env.DEMO_HOST || "127.0.0.1");
const root = path.resolve(option("root", path.join(__dirname, "..", "dist")));
const contentTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".svg": "image/svg+xml",
};

if (!fs.existsSync(path.join(root, "demo.html"))) {
  console.error(`${path.join(root, "demo.html")} is missing: run \`npm run build\` first (\`npm run demo\` does).`);
  process.exit(1);
}

const server = http.createServer((request, response) => {
  let urlPath;
  try {
    urlPath = decodeURIComponent(new URL(request.url || "/", "http://localhost").pathname);
  } catch {
    response.writeHead(400).end("bad request");
    return;
  }
  if (urlPath === "/") {
    response.writeHead(302, { Location: "/demo.html" }).end();
    return;
  }
  const file = path.join(root, path.normalize(urlPath).replace(/^([/\\])+/, ""));
  if (!file.startsWith(root + path.sep)) {
    response.writeHead(403).end("forbidden");
    return;
  }
  fs.stat(file, (error, stats) => {
    if (error || !stats.isFile()) {
      response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found");
      return;
    }
    response.writeHead(200, {
      "Content-Type": contentTypes[path.extname(file).toLowerCase()] || "application/octet-stream",
      "Content-Length": stats.size,
      "Cache-Control": "no-cache",
    });
    if (request.method === "HEAD") response.end();
    else fs.createReadStream(file).pipe(response);
  });
});

server.on("error", (error) => {
  console.error(error.code === "EADDRINUSE" ? `Port ${port} is in use: try --port 3002.` : error.message);
  process.exit(1);
});
server.listen(port, host, () => {
  const { address, port: actualPort } = server.address();
  const everywhere = address === "0.0.0.0" || address === "::";
  const shown = everywhere ? "localhost" : address.includes(":") ? `[${address}]` : address;
  console.log(
    `RFM Segments demo: http://${shown}:${actualPort}/demo.html  (serving ${root}${everywhere ? ", on every network interface" : ""}; Ctrl+C to stop)`,
  );
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
