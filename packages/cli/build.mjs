// Bundles the CLI into ESM files that run with nothing but Node, in one esbuild build with code
// splitting: dist/cli.js is the entry; each command, and what only it uses (the AWS SDK, the YAML
// parser, the tokenizer data core imports lazily), is in chunks beside it that a dynamic import loads
// when it runs. dist/dataset-worker.js is the worker thread that checks large files on several cores.
import { chmod, rm } from "node:fs/promises";
import { build } from "esbuild";
import { nodeBundle } from "../../scripts/esbuild-node.mjs";

const outdir = "dist";
// Emptied first, so no chunk of an earlier build stays behind.
await rm(outdir, { recursive: true, force: true });
await build({
  // The shebang lands on every file; a hashbang line is valid at the start of any module.
  ...nodeBundle({ shebang: true }),
  entryPoints: { cli: "src/cli.ts", "dataset-worker": "src/dataset-worker.ts" },
  outdir,
  splitting: true,
  chunkNames: "chunk-[hash]",
  metafile: process.env.TUNEGATE_BUNDLE_META === "1",
}).then(async (result) => {
  if (result.metafile) {
    const { writeFile } = await import("node:fs/promises");
    await writeFile(`${outdir}/meta.json`, JSON.stringify(result.metafile));
  }
});
await chmod(`${outdir}/cli.js`, 0o755);
