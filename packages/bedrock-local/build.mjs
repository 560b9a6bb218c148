// Bundles the manual launcher (src/main.ts) into dist/main.js; npm packages stay external and are
// loaded from node_modules, the Smithy models are inlined.
import { build } from "esbuild";

await build({
  entryPoints: ["src/main.ts"],
  outfile: "dist/main.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
