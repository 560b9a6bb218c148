// Bundles the CLI into ESM files that run with nothing but Node: every dependency, including the
// tokenizer data core imports lazily, is inside dist/cli.js; dist/dataset-worker.js is the worker
// thread that checks large files on several cores.
import { chmod } from "node:fs/promises";
import { build } from "esbuild";
import { nodeBundle } from "../../scripts/esbuild-node.mjs";

const outfile = "dist/cli.js";
await build({ ...nodeBundle({ shebang: true }), entryPoints: ["src/cli.ts"], outfile });
await build({ ...nodeBundle(), entryPoints: ["src/dataset-worker.ts"], outfile: "dist/dataset-worker.js" });
await chmod(outfile, 0o755);
