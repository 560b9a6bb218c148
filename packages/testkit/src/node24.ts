import { execFile } from "node:child_process";
import { promisify } from "node:util";

let cached: Promise<string> | undefined;

/**
 * Absolute path of a Node 24 binary: the runtime GitHub runs `node24` actions on. Set
 * TUNEGATE_NODE24 to use an installed one; otherwise npm's `node@24` package provides it (fetched
 * from the npm registry once, then cached by npx).
 */
export function node24(): Promise<string> {
  const configured = process.env.TUNEGATE_NODE24;
  if (configured) return Promise.resolve(configured);
  cached ??= promisify(execFile)("npx", ["-y", "node@24", "-p", "process.execPath"], {
    encoding: "utf8",
    timeout: 180_000,
  }).then(({ stdout }) => {
    const path = stdout.trim().split("\n").pop()!;
    if (!path.startsWith("/")) throw new Error(`npx node@24 printed no path: ${stdout}`);
    return path;
  });
  return cached;
}
