// Validates an XML manifest against Microsoft's published schemas without network (the official validator posts
// the manifest to an online service). Used by `npm run validate:offline` and by tests/manifest.
const fs = require("fs");
const path = require("path");
const { validateXML } = require("xmllint-wasm");

const schemaDir = path.join(__dirname, "manifest-schema");
const rootSchema = "OfficeAppManifestV1_1.xsd";

/** @returns {Promise<{ valid: boolean, errors: string[] }>} */
async function validateManifestXml(xmlText, fileName = "manifest.xml") {
  const read = (name) => ({ fileName: name, contents: fs.readFileSync(path.join(schemaDir, name), "utf8") });
  const others = fs.readdirSync(schemaDir).filter((f) => f.endsWith(".xsd") && f !== rootSchema);
  const result = await validateXML({
    xml: [{ fileName, contents: xmlText }],
    schema: [read(rootSchema)],
    preload: others.map(read),
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

module.exports = { validateManifestXml };

if (require.main === module) {
  const file = process.argv[2] || path.join(__dirname, "..", "manifest.xml");
  validateManifestXml(fs.readFileSync(file, "utf8"), path.basename(file)).then(({ valid, errors }) => {
    if (valid) {
      console.log(`${file}: valid against the Office add-in manifest schemas (offline).`);
    } else {
      console.error(`${file}: not valid:\n${errors.join("\n")}`);
      process.exitCode = 1;
    }
  });
}
