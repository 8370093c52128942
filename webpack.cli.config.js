const path = require("path");

// The CLI as one file for Node: webpack joins the engine's and the CLI's modules into one scope, so a call from
// the CSV reader into the engine is a direct call. (tsc's CommonJS output reaches re-exports through getters on
// module objects, which V8 cannot inline: a property lookup per call in the hottest loops.)
module.exports = {
  mode: "production",
  target: "node20",
  entry: { segment: "./src/cli/bin.ts" },
  // compareBeforeEmit off: the bundle is always rewritten, so its time tells build-if-stale.cjs it is current.
  output: {
    path: path.resolve(__dirname, "dist-node/cli"),
    filename: "[name].js",
    clean: true,
    compareBeforeEmit: false,
  },
  resolve: { extensions: [".ts", ".js"] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { noEmit: false } } },
      },
    ],
  },
  // Readable output and stack traces; minifying saves nothing at run time here.
  optimization: { minimize: false, concatenateModules: true },
  devtool: false,
  performance: { hints: false },
  stats: "errors-warnings",
};
