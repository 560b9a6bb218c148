// `npm run docs`: writes the documentation generated from the code (rules, base-model catalog, ...).
// The generators are TypeScript in the packages; esbuild bundles them into a temp module to run here.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(mkdtempSync(join(tmpdir(), "tunegate-docs-")), "generate.mjs");
await build({
  stdin: {
    contents: 'export { generatedDocs } from "./packages/core/src/docs/index.ts";',
    resolveDir: root,
    loader: "ts",
  },
  bundle: true,
  platform: "node",
  format: "esm",
  outfile: out,
  logLevel: "warning",
});
const { generatedDocs } = await import(pathToFileURL(out).href);
for (const [path, content] of Object.entries(generatedDocs())) {
  writeFileSync(join(root, path), content);
  console.log(`wrote ${path}`);
}
