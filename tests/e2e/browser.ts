/**
 * Shared harness for the browser tests: serves the built `dist/` on a loopback port, launches Debian's Chromium
 * through playwright-core, serves office.js from the @microsoft/office-js package in place of Microsoft's CDN, and
 * collects console errors and uncaught exceptions so a page that throws fails its test.
 */
import fs from "fs";
import http from "http";
import path from "path";
import type { AddressInfo } from "net";
import { chromium, type Browser, type Page } from "playwright-core";

export const repoRoot = path.resolve(__dirname, "../..");
export const distDir = path.join(repoRoot, "dist");
const officeJsDir = path.join(repoRoot, "node_modules/@microsoft/office-js/dist");
const officeCdnPrefix = "https://appsforoffice.microsoft.com/lib/1/hosted/";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(distDir, "taskpane.html"))) {
    throw new Error("dist/ is missing: run `npm run build` first (npm test does).");
  }
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `root` on 127.0.0.1 at a free port. */
export async function serveStatic(root: string = distDir): Promise<StaticServer> {
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    const file = path.join(root, path.normalize(urlPath).replace(/^([/\\])+/, ""));
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": contentTypes[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

/** The served dist/ and the one Chromium that a test file's browser tests share. */
export interface BrowserSession {
  readonly browser: Browser;
  readonly server: StaticServer;
}

/**
 * Registers the file's beforeAll (dist/ must be built; serve it; launch Chromium) and afterAll (close both), and
 * returns the session; its members are there from the first test on. Call it at the top level of a test file.
 */
export function useBrowserSession(): BrowserSession {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  beforeAll(async () => {
    assertBuilt();
    server = await serveStatic();
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("The browser session starts in beforeAll: use it inside a test");
    return value;
  };
  return {
    get browser() {
      return started(browser);
    },
    get server() {
      return started(server);
    },
  };
}

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
}

/**
 * Opens a page with office.js answered from the npm package and every other outside request refused, so the test
 * sees what a user without network to anything but the add-in's host would see.
 */
export async function openPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  await page.route("**/*", async (route) => {
    const requestUrl = route.request().url();
    if (requestUrl.startsWith(officeCdnPrefix)) {
      const relative = requestUrl.slice(officeCdnPrefix.length).split(/[?#]/)[0] ?? "";
      const file = path.join(officeJsDir, relative);
      if (file.startsWith(officeJsDir) && fs.existsSync(file)) {
        await route.fulfill({ path: file, contentType: "text/javascript; charset=utf-8" });
      } else {
        await route.fulfill({ status: 404, body: "" });
      }
      return;
    }
    if (
      requestUrl.startsWith("http://127.0.0.1:") ||
      requestUrl.startsWith("data:") ||
      requestUrl.startsWith("blob:")
    ) {
      await route.continue();
      return;
    }
    await route.abort("blockedbyclient");
  });
  return { page, errors };
}

const artefactDir = path.join(repoRoot, "test-results");

export function artefactPath(name: string): string {
  fs.mkdirSync(artefactDir, { recursive: true });
  return path.join(artefactDir, name);
}
