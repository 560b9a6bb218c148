import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "./io";
import { displayName } from "./options";

/** A file as given, or `ref:path` streamed out of git into `target`. */
export async function versionOf(
  arg: string,
  cwd: string,
  target: string,
): Promise<{ path: string; name: string }> {
  const local = join(cwd, arg);
  if (existsSync(arg.startsWith("/") ? arg : local)) {
    const path = arg.startsWith("/") ? arg : local;
    if (statSync(path).isDirectory()) throw new UsageError(`${arg} is a directory, not a dataset file.`);
    return { path, name: displayName(path, cwd) };
  }
  const m = /^([^:]+):(.+)$/.exec(arg);
  if (!m)
    throw new UsageError(
      `${arg}: no such file (give a file, or git-ref:path such as main:data/train.jsonl).`,
    );
  const child = spawn("git", ["cat-file", "blob", arg], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  const out = createWriteStream(target);
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr += d;
  });
  child.stdout.pipe(out);
  const [code] = (await Promise.race([
    once(child, "close"),
    once(child, "error").then(([err]) => {
      throw new UsageError(`${arg}: git cannot be run (${(err as Error).message}).`);
    }),
  ])) as [number | null];
  if (!out.writableFinished) await once(out, "finish");
  if (code !== 0) {
    throw new UsageError(
      `${arg}: neither a file nor a version git can read (${stderr.trim().split("\n")[0] || `git exited with ${code}`}).`,
    );
  }
  return { path: target, name: arg };
}
