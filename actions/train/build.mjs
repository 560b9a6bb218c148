// Bundles the action into ESM files that run on the runner's Node 24 with nothing installed:
// dist/index.js (the step) and dist/dataset-worker.js (worker threads that check large datasets).
// `node build.mjs <dir>` writes elsewhere, so a test can rebuild and compare with the committed dist/.
import { build } from "esbuild";
import { nodeBundle } from "../../scripts/esbuild-node.mjs";

const outdir = process.argv[2] ?? "dist";
const options = nodeBundle({ target: "node24" });
await build({ ...options, entryPoints: ["src/index.ts"], outfile: `${outdir}/index.js` });
await build({ ...options, entryPoints: ["src/dataset-worker.ts"], outfile: `${outdir}/dataset-worker.js` });
