// Bundles the action into one ESM file that runs on the runner's Node 24 with nothing installed:
// dist/index.js is committed, and test/dist.test.ts rebuilds it and fails when it differs.
import { build } from "esbuild";
import { nodeBundle } from "../../scripts/esbuild-node.mjs";

// An output path argument builds elsewhere (the dist check compares that build with the committed one).
const outfile = process.argv[2] ?? "dist/index.js";
await build({ ...nodeBundle({ target: "node24" }), entryPoints: ["src/index.ts"], outfile });
