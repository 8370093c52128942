/** The `npm run segment` command: bundled with the engine into dist-node/cli/segment.js (webpack.cli.config.js). */
import { main } from "./segment";

process.exitCode = main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
