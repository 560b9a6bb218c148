// `npm run docs`: writes the documentation generated from the code (rules, base-model catalog, config
// reference and schema, actions reference, troubleshooting). The generators are TypeScript in the
// packages; esbuild bundles them into a temp module to run here.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const dir = mkdtempSync(join(tmpdir(), "tunegate-docs-"));
const out = join(dir, "generate.mjs");
try {
  await build({
    stdin: {
      contents: 'export { generatedDocs } from "./packages/docs/src/index.ts";',
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: out,
    logLevel: "warning",
    // The yaml package is CommonJS inside; an ESM bundle needs a require of its own.
    banner: {
      js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);',
    },
  });
  const { generatedDocs } = await import(pathToFileURL(out).href);
  for (const [path, content] of Object.entries(generatedDocs(root))) {
    writeFileSync(join(root, path), content);
    console.log(`wrote ${path}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
