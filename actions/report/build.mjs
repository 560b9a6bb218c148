// Bundles the action into one ESM file that runs on the runner's Node 24 with nothing installed:
// dist/index.js is committed, and test/dist.test.ts rebuilds it and fails when it differs.
// @actions/http-client still pulls in CommonJS (tunnel), whose require() calls need a real `require`.
import { build } from "esbuild";

// An output path argument builds elsewhere (the dist check compares that build with the committed one).
const outfile = process.argv[2] ?? "dist/index.js";

await build({
  entryPoints: ["src/main.ts"],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  legalComments: "eof",
  logLevel: "warning",
  banner: {
    js: 'import { createRequire as __tunegateCreateRequire } from "node:module";\nconst require = __tunegateCreateRequire(import.meta.url);',
  },
});
