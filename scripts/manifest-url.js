/** The dev URL written in manifest.xml; production builds replace it with the URL the add-in is hosted at. */
const urlDev = "https://localhost:3000/";

/** Rewrites every dev URL in a manifest to `urlProd` (which gets a trailing slash if it lacks one). */
function rewriteManifestUrls(manifestText, urlProd) {
  const base = String(urlProd).replace(/\/?$/, "/");
  if (!/^https:\/\//.test(base)) throw new Error(`urlProd must be an https:// URL, got ${urlProd}`);
  // AppDomain entries carry the origin without the trailing slash.
  return manifestText.split(urlDev).join(base).split(urlDev.slice(0, -1)).join(new URL(base).origin);
}

module.exports = { urlDev, rewriteManifestUrls };
