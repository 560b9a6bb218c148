// Bundles the demo (src/main.ts) into dist/demo.js. The workspace packages (@tunegate/*) export their
// TypeScript source, so they are bundled in; every other package stays external and is loaded from
// node_modules, as installed by `npm ci`.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

await build({
  entryPoints: [here("src/main.ts")],
  outfile: here("dist/demo.js"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  plugins: [
    {
      name: "external-npm-packages",
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith("@tunegate/") ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
