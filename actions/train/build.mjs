// Bundles the action into ESM files that run on the runner's Node 24 with nothing installed:
// dist/index.js (the step) and dist/dataset-worker.js (worker threads that check large datasets).
// `node build.mjs <dir>` writes elsewhere, so a test can rebuild and compare with the committed dist/.
import { build } from "esbuild";

const outdir = process.argv[2] ?? "dist";
const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  legalComments: "eof",
  logLevel: "warning",
  // @actions/http-client still pulls in CommonJS (tunnel) that calls require(); ESM output needs a
  // require of its own.
  banner: {
    js: 'import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);',
  },
};
await build({ ...common, entryPoints: ["src/main.ts"], outfile: `${outdir}/index.js` });
await build({ ...common, entryPoints: ["src/dataset-worker.ts"], outfile: `${outdir}/dataset-worker.js` });
