// Bundles the three actions and the dataset worker in ONE esbuild build with code splitting, into
// actions/dist/: validate.js, train.js, report.js, dataset-worker.js and the chunks they share, all in
// that one folder, so `new URL("./dataset-worker.js", import.meta.url)` resolves from an entry or a
// chunk alike. Each action.yml runs `../dist/<action>.js` on the runner's Node 24 with nothing installed.
// The folder is committed; test/dist.test.ts rebuilds it elsewhere (`node build.mjs <dir>`) and compares.
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { nodeBundle } from "../../scripts/esbuild-node.mjs";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export const ENTRY_POINTS = {
  validate: here("../validate/src/index.ts"),
  train: here("../train/src/index.ts"),
  report: here("../report/src/index.ts"),
  "dataset-worker": here("src/dataset-worker.ts"),
};

/** Builds into `outdir` after emptying it, so no chunk of an earlier build stays behind. */
export async function buildActions(outdir) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    ...nodeBundle({ target: "node24" }),
    entryPoints: ENTRY_POINTS,
    // Paths in the output are relative to this, so the build is the same from whatever directory it runs.
    absWorkingDir: here("../.."),
    outdir,
    splitting: true,
    chunkNames: "chunk-[hash]",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  await buildActions(process.argv[2] ?? here("../dist"));
