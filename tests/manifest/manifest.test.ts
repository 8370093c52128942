import fs from "fs";
import path from "path";

// CommonJS helpers shared with webpack.config.js and `npm run validate:offline`.
const { validateManifestXml } = require("../../scripts/validate-manifest-offline.js") as {
  validateManifestXml: (xml: string) => Promise<Validation>;
};
const { rewriteManifestUrls } = require("../../scripts/manifest-url.js") as {
  rewriteManifestUrls: (xml: string, base: string) => string;
};

const root = path.resolve(__dirname, "../..");
const manifest = fs.readFileSync(path.join(root, "manifest.xml"), "utf8");

type Validation = { valid: boolean; errors: string[] };
const validate = (xml: string): Promise<Validation> => validateManifestXml(xml);

function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("manifest.xml", () => {
  it("is valid against the Office add-in manifest schemas", async () => {
    const result = await validate(manifest);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("is rejected when elements are out of the order the schema expects (the validator really checks)", async () => {
    const permissions = manifest.match(/\s*<Permissions>[^<]*<\/Permissions>/)![0];
    const reordered = manifest.replace(permissions, "").replace("<Hosts>", `${permissions.trim()}\n  <Hosts>`);
    expect((await validate(reordered)).valid).toBe(false);
  });

  it("asks for ExcelApi 1.8, between Hosts and DefaultSettings", () => {
    expect(manifest).toMatch(/<\/Hosts>\s*<Requirements>\s*<Sets[^>]*>\s*<Set Name="ExcelApi" MinVersion="1.8" \/>/);
    expect(manifest.indexOf("<Requirements>")).toBeLessThan(manifest.indexOf("<DefaultSettings>"));
  });

  it("puts a button that opens the task pane on the Home tab", () => {
    const home = manifest.match(/<OfficeTab id="TabHome">([\s\S]*?)<\/OfficeTab>/);
    expect(home).not.toBeNull();
    expect(home![1]).toMatch(/<Control xsi:type="Button"[\s\S]*<Action xsi:type="ShowTaskpane">/);
  });

  it("names icons that are real PNGs of the declared sizes", () => {
    const images = [...manifest.matchAll(/<bt:Image id="Icon\.(\d+)x(\d+)" DefaultValue="([^"]+)"/g)];
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const [, width, height, url] of images) {
      const file = path.join(root, new URL(url!).pathname);
      expect(pngSize(file)).toEqual({ width: Number(width), height: Number(height) });
    }
    for (const size of [16, 32, 64, 80, 128]) {
      expect(pngSize(path.join(root, `assets/icon-${size}.png`))).toEqual({ width: size, height: size });
    }
  });

  it("rewrites every dev URL for a production host, and the result stays valid", async () => {
    const prod = rewriteManifestUrls(manifest, "https://rfm.example.com/addin");
    expect(prod).not.toContain("localhost");
    expect(prod).toContain('<SourceLocation DefaultValue="https://rfm.example.com/addin/taskpane.html" />');
    expect(prod).toContain("<AppDomain>https://rfm.example.com</AppDomain>");
    expect((await validate(prod)).valid).toBe(true);
    expect(() => rewriteManifestUrls(manifest, "http://insecure.example.com/")).toThrow(/https/);
  });
});
