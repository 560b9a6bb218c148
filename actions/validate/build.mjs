// Bundles the action into ESM files that run on the runner's Node 24 with nothing installed:
// dist/index.js (the action) and dist/dataset-worker.js (worker threads for large datasets), both
// committed; test/dist.test.ts rebuilds them and fails when they differ.
import { build } from "esbuild";
import { nodeBundle } from "../../scripts/esbuild-node.mjs";

// An output directory argument builds elsewhere (the dist check compares that build with the committed one).
const outdir = process.argv[2] ?? "dist";
const options = nodeBundle({ target: "node24" });
await build({ ...options, entryPoints: ["src/index.ts"], outfile: `${outdir}/index.js` });
await build({ ...options, entryPoints: ["src/dataset-worker.ts"], outfile: `${outdir}/dataset-worker.js` });
