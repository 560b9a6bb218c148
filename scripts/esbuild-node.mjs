// The one set of esbuild options for tunegate's Node bundles (the actions, the CLI, the demo, the
// benchmark, the docs generator). Bundles are ESM; bundled CommonJS dependencies (the AWS SDK, yaml,
// @actions/http-client's tunnel) call require(), which ESM output lacks, so every bundle gets one.
export const REQUIRE_SHIM =
  'import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);';

/** Options for a Node ESM bundle; `target` is the Node the bundle runs on (node24 for actions). */
export function nodeBundle({ target = "node20", shebang = false } = {}) {
  return {
    bundle: true,
    platform: "node",
    format: "esm",
    target,
    legalComments: "eof",
    logLevel: "warning",
    banner: { js: shebang ? `#!/usr/bin/env node\n${REQUIRE_SHIM}` : REQUIRE_SHIM },
  };
}
