// What a cloned pull request holds reaches the terminal and the config loader: escape codes in file
// names and messages are shown as visible characters, and links out of the checkout are never read.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { claudeLines, claudeRecord, tunegate } from "./run";

const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0:200k";
const root = mkdtempSync(join(tmpdir(), "tunegate-cli-hostile-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const CONFIG = `version: 1
models:
  router:
    baseModel: ${HAIKU}
    region: us-west-2
    training: data/train.jsonl
    s3: { bucket: my-bucket }
    roleArn: arn:aws:iam::123456789012:role/TunegateBedrock
`;

describe("escape codes in the pretty output", () => {
  it("shows control characters of file names and record text as U+FFFD", async () => {
    const dir = mkdtempSync(join(root, "esc-"));
    const name = "data\u001b[2J\u001b]0;pwned\u0007\u202e.jsonl";
    const bad = JSON.stringify({
      messages: [
        { role: "user", content: "hello" },
        { role: "\u001b[31massistant", content: "ROUTE: x" },
      ],
    });
    writeFileSync(join(dir, name), `${claudeLines(40)}${bad}\n`);
    const r = await tunegate(["validate", name, "--base-model", HAIKU], { cwd: dir, env: { NO_COLOR: "1" } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("data\ufffd[2J\ufffd]0;pwned\ufffd\ufffd.jsonl");
    // With colours off, the report writes no control character but line breaks.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is checked.
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });
});

describe("links out of the checkout", () => {
  const secret = join(root, "secret.jsonl");
  writeFileSync(
    secret,
    `${Array.from({ length: 40 }, (_, i) => claudeRecord(`AKIASECRET ${i}`, "ROUTE: a")).join("\n")}\n`,
  );

  it.each([
    [
      "a dataset that is an absolute link",
      (dir: string) => symlinkSync(secret, join(dir, "data/train.jsonl")),
    ],
    [
      "a dataset that is a relative link",
      (dir: string) => symlinkSync(`${"../".repeat(40)}${secret.slice(1)}`, join(dir, "data/train.jsonl")),
    ],
  ])("refuses %s, naming its tunegate.yml line", async (_, link) => {
    const dir = mkdtempSync(join(root, "link-"));
    mkdirSync(join(dir, "data"));
    writeFileSync(join(dir, "tunegate.yml"), CONFIG);
    link(dir);
    const r = await tunegate(["cost"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("tunegate.yml:6:");
    expect(r.stderr).toContain("data/train.jsonl is a symlink out of the repository");
    expect(r.stdout + r.stderr).not.toContain("AKIASECRET");
  });

  it("refuses a tunegate.yml that is a link out of its directory", async () => {
    const dir = mkdtempSync(join(root, "config-"));
    const elsewhere = mkdtempSync(join(root, "elsewhere-"));
    writeFileSync(join(elsewhere, "tunegate.yml"), CONFIG);
    symlinkSync(join(elsewhere, "tunegate.yml"), join(dir, "tunegate.yml"));
    const r = await tunegate(["cost"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("tunegate.yml is a symlink out of the repository");
  });
});
