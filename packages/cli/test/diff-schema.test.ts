import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { claudeRecord, HAIKU_ID, tempDir, tempFile, tunegate } from "./run";

const records = (n: number, offset = 0) =>
  Array.from({ length: n }, (_, i) => claudeRecord(`ticket ${i + offset}`, `ROUTE: q${(i + offset) % 3}`));
const lines = (rs: string[]) => `${rs.join("\n")}\n`;

// Base: 40 tickets. Head: ticket 5 answered differently, ticket 7 gone, two new ones.
const base = records(40);
const head = [...base];
head[5] = claudeRecord("ticket 5", "ROUTE: q0");
head.splice(7, 1);
head.push(...records(2, 50));

describe("tunegate diff", () => {
  it("prints the record-level diff of two files, with label shifts and samples", async () => {
    const r = await tunegate([
      "diff",
      tempFile(lines(base), "base.jsonl"),
      tempFile(lines(head), "head.jsonl"),
      "--base-model",
      HAIKU_ID,
      "--label-pattern",
      "^ROUTE: (\\S+)",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Records +40 → 41 \(\+1\)/);
    expect(r.stdout).toMatch(/Record changes +\+2 added, -1 removed, ~1 modified, 38 unchanged/);
    expect(r.stdout).toMatch(/Labels\n +q0 +14 → +16 +\+2 +35\.0% → 39\.0%\n +q1 +13 → +12 +-1/);
    expect(r.stdout).toContain(
      "Modified records (1)\n    line 6 (base line 6): reply changed\n      user: ticket 5\n      - assistant: ROUTE: q2\n      + assistant: ROUTE: q0",
    );
    expect(r.stdout).toContain("Added records (2)\n    line 40\n      user: ticket 50");
    expect(r.stdout).toContain("Removed records (1)\n    base line 8\n      user: ticket 7");
  });

  it("reads git-ref:path versions from the repository, and prints JSON", async () => {
    const repo = tempDir();
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
    git("init", "-q", "-b", "main");
    git("config", "user.email", "a@example.invalid");
    git("config", "user.name", "A");
    writeFileSync(join(repo, "train.jsonl"), lines(base));
    git("add", "train.jsonl");
    git("commit", "-q", "-m", "base");
    writeFileSync(join(repo, "train.jsonl"), lines(head));
    const r = await tunegate(
      [
        "diff",
        "main:train.jsonl",
        "train.jsonl",
        "--base-model",
        HAIKU_ID,
        "--format",
        "json",
        "--samples",
        "1",
      ],
      {
        cwd: repo,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({
      versions: { base: "main:train.jsonl", head: "train.jsonl" },
      change: "modified",
      records: { added: 2, removed: 1, modified: 1, unchanged: 38, compared: { base: 40, head: 41 } },
    });
    expect(json.records.samples.added).toHaveLength(1);
    const missing = await tunegate(["diff", "main:nope.jsonl", "train.jsonl"], { cwd: repo });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/main:nope\.jsonl: neither a file nor a version git can read/);
  });

  it("shows record text without the terminal escapes it carries", async () => {
    const evil = claudeRecord("\u001b]0;pwned\u0007\u001b[2J hello", "ROUTE: \u001b[31mred");
    const r = await tunegate([
      "diff",
      tempFile(lines(base)),
      tempFile(lines([...base, evil])),
      "--base-model",
      HAIKU_ID,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("\u001b");
    expect(r.stdout).not.toContain("\u0007");
    expect(r.stdout).toContain("user: \ufffd]0;pwned\ufffd\ufffd[2J hello");
  });

  it("exits 2 on bad usage", async () => {
    expect((await tunegate(["diff", "only-one.jsonl"])).code).toBe(2);
    const r = await tunegate(["diff", "a.jsonl", "b.jsonl"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("a.jsonl: no such file");
    expect((await tunegate(["diff", "x", "y", "--samples", "many"])).stderr).toContain(
      "--samples takes a whole number",
    );
  });
});

describe("tunegate schema", () => {
  it("prints the JSON Schema of tunegate.yml, or writes it to a file", async () => {
    const r = await tunegate(["schema"]);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["version", "models", "defaults"]));
    const out = join(tempDir(), "tunegate.schema.json");
    const written = await tunegate(["schema", "--output", out]);
    expect(written.code).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(schema);
    expect((await tunegate(["schema", "extra"])).code).toBe(2);
  });
});

describe("help of diff and schema", () => {
  it.each([
    ["diff", "Usage: tunegate diff <base> <head> [options]", "git-ref:path"],
    ["schema", "Usage: tunegate schema [options]", "yaml-language-server"],
  ])("%s --help prints usage and examples", async (command, usage, mention) => {
    const r = await tunegate([command, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(usage)).toBe(true);
    expect(r.stdout).toContain(mention);
    expect(r.stdout).toMatch(/Examples:\n {2}tunegate /);
    expect((await tunegate(["--help"])).stdout).toMatch(new RegExp(`^ {2}${command} +\\S`, "m"));
  });
});
