import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, inject } from "vitest";

/** The repository root, and the real datasets beside it (../shared/fixtures/real from the root). */
export const REPO = fileURLToPath(new URL("../../../", import.meta.url));
export const REAL = "../shared/fixtures/real";
export const HAIKU_ID = "anthropic.claude-3-haiku-20240307-v1:0:200k";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Env without the colour switches of the machine running the tests, so each test sets its own. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return env;
}

/** Runs the bundled CLI with node, piped (not a TTY), from the repository root unless told otherwise. */
export function tunegate(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; stdin?: string } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [inject("cliPath"), ...args],
      {
        cwd: options.cwd ?? REPO,
        env: { ...baseEnv(), ...options.env },
        maxBuffer: 64 * 1024 * 1024,
        // No kill timer: the test's own timeout (vitest.shared.ts) catches a hang.
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(error);
        resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
      },
    );
    // What the user types (a confirmation), then end of input: nothing waits on an open pipe.
    child.stdin?.end(options.stdin ?? "");
  });
}

/**
 * Runs the CLI under a pseudo-terminal (util-linux `script`), as a user at a terminal would: stdout
 * and stderr are both the TTY, and arrive merged.
 */
export function tunegateOnTty(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): Promise<RunResult> {
  const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, inject("cliPath"), ...args].map(quote).join(" ");
  return new Promise((resolve, reject) => {
    execFile(
      "script",
      ["--quiet", "--return", "--command", command, "/dev/null"],
      {
        cwd: options.cwd ?? REPO,
        env: { ...baseEnv(), TERM: "xterm-256color", ...options.env },
        maxBuffer: 64 * 1024 * 1024,
        // No kill timer: the test's own timeout (vitest.shared.ts) catches a hang.
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(error);
        resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
      },
    );
  });
}

const dir = mkdtempSync(join(tmpdir(), "tunegate-cli-"));
let n = 0;
// Each test file that writes temp files removes them when it ends (one is 21 MB).
afterAll(() => rmSync(dir, { recursive: true, force: true }));

export function tempFile(content: string, name = "data.jsonl"): string {
  const path = join(dir, `${++n}-${name}`);
  writeFileSync(path, content);
  return path;
}

export function tempDir(): string {
  return mkdtempSync(join(dir, "out-"));
}

export const claudeRecord = (user: string, assistant: string) =>
  JSON.stringify({
    messages: [
      { role: "user", content: user },
      { role: "assistant", content: assistant },
    ],
  });

/** `count` distinct valid Claude 3 Haiku records. */
export const claudeLines = (count: number) =>
  Array.from(
    { length: count },
    (_, i) => `${claudeRecord(`ticket number ${i}`, `ROUTE: team${i % 4}`)}\n`,
  ).join("");

export const converseRecord = (user: string, assistant: string) =>
  JSON.stringify({
    schemaVersion: "bedrock-conversation-2024",
    messages: [
      { role: "user", content: [{ text: user }] },
      { role: "assistant", content: [{ text: assistant }] },
    ],
  });

/** `count` distinct valid records in the Converse format (Amazon Nova, the default base model). */
export const converseLines = (count: number) =>
  Array.from(
    { length: count },
    (_, i) => `${converseRecord(`ticket number ${i}`, `ROUTE: team${i % 4}`)}\n`,
  ).join("");

// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is looked for.
export const ANSI = /\u001b\[[0-9;]*m/;
