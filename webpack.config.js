const fs = require("fs");
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { rewriteManifestUrls } = require("./scripts/manifest-url");

// manifest.xml names the dev URL; a production build rewrites it to where the add-in is hosted:
// npm run build -- --env urlProd=https://example.com/rfm/

/** Office dev certificates when `npx office-addin-dev-certs install` has made them; else webpack's own. */
function devServerHttps() {
  const dir = path.join(require("os").homedir(), ".office-addin-dev-certs");
  const files = { ca: "ca.crt", key: "localhost.key", cert: "localhost.crt" };
  const found = Object.values(files).every((f) => fs.existsSync(path.join(dir, f)));
  if (!found) return { type: "https" };
  const options = {};
  for (const [key, file] of Object.entries(files)) options[key] = fs.readFileSync(path.join(dir, file));
  return { type: "https", options };
}

/**
 * Writes dist/.build-info.json after each successful build to disk, so the browser tests can tell whether dist/ is a
 * current production build for the dev URL (tests/e2e/global-setup.js rebuilds it when not).
 */
function buildInfoPlugin(mode, urlProd) {
  return {
    apply(compiler) {
      compiler.hooks.done.tap("BuildInfo", (stats) => {
        if (stats.hasErrors()) return;
        const info = { mode, urlProd: urlProd ?? null, builtAt: new Date().toISOString() };
        fs.writeFileSync(path.join(compiler.outputPath, ".build-info.json"), `${JSON.stringify(info)}\n`);
      });
    },
  };
}

module.exports = (env = {}, options = {}) => {
  const dev = options.mode !== "production";
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      demo: "./src/demo/index.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { noEmit: false } } },
        },
        { test: /\.(png|jpg|jpeg|gif|ico)$/, type: "asset/resource", generator: { filename: "assets/[name][ext]" } },
        { test: /\.csv$/, type: "asset/source" },
      ],
    },
    performance: { hints: false },
    plugins: [
      // Not under `webpack serve`, which keeps the bundle in memory and leaves dist/ as it was.
      ...(env.WEBPACK_SERVE ? [] : [buildInfoPlugin(options.mode ?? "unset", env.urlProd)]),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
      }),
      // The demo runs the unmodified pane bundle after the demo bundle has installed the in-browser workbook.
      new HtmlWebpackPlugin({
        filename: "demo.html",
        template: "./src/demo/demo.html",
        chunks: ["demo", "taskpane"],
        chunksSortMode: "manual",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "assets/sample", to: "assets/sample", noErrorOnMissing: true },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return env.urlProd ? rewriteManifestUrls(content.toString(), env.urlProd) : content;
            },
          },
        ],
      }),
    ],
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      server: devServerHttps(),
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      static: { directory: path.resolve(__dirname, "dist") },
    },
  };
};
