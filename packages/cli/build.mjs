// Bundles the CLI into ESM files that run with nothing but Node: every dependency, including the
// tokenizer data core imports lazily, is inside dist/cli.js; dist/dataset-worker.js is the worker
// thread that checks large files on several cores.
import { chmod, readFile } from "node:fs/promises";
import { build } from "esbuild";

const outfile = "dist/cli.js";
const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  legalComments: "eof",
  logLevel: "warning",
};
await build({ ...common, entryPoints: ["src/cli.ts"], outfile, banner: { js: "#!/usr/bin/env node" } });
await build({ ...common, entryPoints: ["src/dataset-worker.ts"], outfile: "dist/dataset-worker.js" });
// No bundled dependency calls require() today; if one starts to, esbuild's ESM output would throw
// "Dynamic require ... is not supported" at run time. Fail the build instead, and add a
// createRequire(import.meta.url) banner then.
if ((await readFile(outfile, "utf8")).includes("Dynamic require of")) {
  throw new Error(`${outfile} calls require(): add a createRequire banner to build.mjs.`);
}
await chmod(outfile, 0o755);
