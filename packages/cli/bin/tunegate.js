#!/usr/bin/env node
// The `tunegate` command. This small launcher is committed so that it exists when `npm ci` links the
// command, before anything is built; it runs the bundle `npm run build` writes to dist/.
import { existsSync } from "node:fs";

const bundle = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write(
    "tunegate: the CLI is not built yet. Run `npm run build` in the repository, then try again.\n",
  );
  process.exit(2);
}
await import(bundle.href);
