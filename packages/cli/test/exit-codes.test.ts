// The CLI's exit codes for what goes wrong inside a command: a user mistake (any UserError: usage,
// config, dataset, AWS refusal) exits 2 with its message and fix and no stack; anything else is a bug
// in tunegate and exits 70 with its stack, so it can be reported.
import { CatalogError, ConfigError, DatasetReadError, UserError } from "@tunegate/core";
import { describe, expect, it } from "vitest";
import type { CommandEntry } from "../src/commands/index";
import { EXIT, UsageError } from "../src/io";
import { main } from "../src/main";

function throwing(err: unknown): CommandEntry {
  const command = {
    name: "boom",
    help: "throws",
    run: async () => {
      throw err;
    },
  };
  return { name: "boom", summary: "throws", load: async () => command };
}

async function exitOf(err: unknown) {
  let stderr = "";
  let stdout = "";
  const io = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: {},
    cwd: process.cwd(),
  };
  const code = await main(["boom"], io, [throwing(err)]);
  return { code, stderr, stdout };
}

describe("tunegate's exit codes", () => {
  it("exits 2 for every kind of user mistake, with its message and no stack", async () => {
    for (const err of [
      new UsageError("--format takes text, json or github"),
      new ConfigError("tunegate.yml", [
        { path: "models", line: 1, column: 1, message: "models is required" },
      ]),
      new CatalogError('"gpt-4" is not a base model tunegate can fine-tune'),
      new DatasetReadError("train.jsonl: is a directory, not a dataset file."),
    ]) {
      const r = await exitOf(err);
      expect(r.code, err.name).toBe(EXIT.usage);
      expect(r.stderr).toContain(`tunegate boom: ${err.message}`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).not.toContain("unexpected failure");
    }
  });

  it("adds the fix of a user mistake when its message does not say it already", async () => {
    const r = await exitOf(new UserError("The bucket is in eu-west-1.", { fix: "Set region: eu-west-1." }));
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr: "tunegate boom: The bucket is in eu-west-1.\nFix: Set region: eu-west-1.\n",
    });
    const said = await exitOf(new UserError("Denied: add s3:PutObject.", { fix: "add s3:PutObject." }));
    expect(said.stderr).toBe("tunegate boom: Denied: add s3:PutObject.\n");
  });

  it("exits 70 for a bug, with the stack trace", async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'records')");
    const r = await exitOf(bug);
    expect(r.code).toBe(70);
    expect(r.stderr).toContain("unexpected failure (a bug in tunegate): TypeError: Cannot read properties");
    expect(r.stderr).toMatch(/\n\s+at /);
    expect((await exitOf("a string")).code).toBe(EXIT.bug);
  });
});
