// Bundles the CLI into ESM files that run with nothing but Node: every dependency, including the
// tokenizer data core imports lazily, is inside dist/cli.js; dist/dataset-worker.js is the worker
// thread that checks large files on several cores.
import { chmod } from "node:fs/promises";
import { build } from "esbuild";

const outfile = "dist/cli.js";
// Bundled CommonJS code (the AWS SDK in cli.js, yaml in both) calls require(); ESM output needs a require
// of its own, or it throws "Dynamic require of ... is not supported" at run time.
const requireShim =
  'import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);';
const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  legalComments: "eof",
  logLevel: "warning",
};
await build({
  ...common,
  entryPoints: ["src/cli.ts"],
  outfile,
  banner: { js: `#!/usr/bin/env node\n${requireShim}` },
});
await build({
  ...common,
  entryPoints: ["src/dataset-worker.ts"],
  outfile: "dist/dataset-worker.js",
  banner: { js: requireShim },
});
await chmod(outfile, 0o755);
