// Bundles the action into ESM files that run on the runner's Node 24 with nothing installed:
// dist/index.js (the action) and dist/dataset-worker.js (worker threads for large datasets), both
// committed; test/dist.test.ts rebuilds them and fails when they differ.
// @actions/http-client still pulls in CommonJS (tunnel), whose require() calls need a real `require`.
import { build } from "esbuild";

// An output directory argument builds elsewhere (the dist check compares that build with the committed one).
const outdir = process.argv[2] ?? "dist";

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  legalComments: "eof",
  logLevel: "warning",
  banner: {
    js: 'import { createRequire as __tunegateCreateRequire } from "node:module";\nconst require = __tunegateCreateRequire(import.meta.url);',
  },
};
await build({ ...common, entryPoints: ["src/main.ts"], outfile: `${outdir}/index.js` });
await build({ ...common, entryPoints: ["src/dataset-worker.ts"], outfile: `${outdir}/dataset-worker.js` });
