/**
 * The built dist/ against manifest.xml: every page and file the manifest names is produced by the build, and the
 * dev build copies the manifest unchanged. Here rather than in tests/manifest because this project builds dist/
 * (tests/e2e/global-setup.js); no browser needed.
 */
import fs from "fs";
import path from "path";
import { assertBuilt, distDir, repoRoot } from "./browser";

const { urlDev } = require("../../scripts/manifest-url.js") as { urlDev: string };

describe("dist/ and manifest.xml", () => {
  it("names only pages and files that the build produces", () => {
    assertBuilt();
    const manifest = fs.readFileSync(path.join(repoRoot, "manifest.xml"), "utf8");
    const urls = new Set([...manifest.matchAll(/"(https:\/\/localhost:3000\/[^"]+)"/g)].map((m) => m[1]!));
    expect(urls.size).toBeGreaterThan(3);
    for (const url of urls) {
      const file = path.join(distDir, url.slice(urlDev.length));
      expect({ url, exists: fs.existsSync(file) }).toEqual({ url, exists: true });
    }
    expect(fs.readFileSync(path.join(distDir, "manifest.xml"), "utf8")).toBe(manifest);
  });
});
