import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REAL, REPO, tempDir, tempFile, tunegate } from "./run";

const COOKBOOK = `${REAL}/claude-cookbook-json-mode.jsonl`;
const read = (path: string) => readFileSync(path, "utf8");

describe("tunegate convert", () => {
  it("converts the cookbook to Nova and back, stating the detected format, the check and the line map", async () => {
    const dir = tempDir();
    const nova = join(dir, "nova.jsonl");
    const r = await tunegate(["convert", COOKBOOK, "--to", "amazon.nova-lite-v1:0:300k", "-o", nova]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `${COOKBOOK}: read as claude-messages (detected), written as bedrock-conversation-2024 for Amazon Nova Lite`,
    );
    expect(r.stdout).toContain("500 records: 500 written (500 exactly), 0 left out");
    expect(r.stdout).toMatch(/checked under Amazon Nova Lite: 0 errors/);
    expect(read(`${nova}.lines`).split("\n").slice(0, 3)).toEqual(["1", "2", "3"]);
    const back = join(dir, "back.jsonl");
    const b = await tunegate([
      "convert",
      nova,
      "--to",
      "claude",
      "-o",
      back,
      "--from",
      "bedrock-conversation-2024",
    ]);
    expect(b.code).toBe(0);
    expect(b.stdout).toContain("read as bedrock-conversation-2024 (--from)");
    const original = read(join(REPO, COOKBOOK))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(
      read(back)
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual(original);
  });

  it("lists each record that cannot be converted exactly and fails; --lossy writes it and says what was dropped", async () => {
    const plain = (i: number) =>
      JSON.stringify({
        messages: [
          { role: "user", content: `q${i}` },
          { role: "assistant", content: `a${i}` },
        ],
      });
    const lines = Array.from({ length: 10 }, (_, i) => plain(i));
    lines[4] = JSON.stringify({
      messages: [
        { role: "user", content: "Hi", name: "ana" },
        { role: "assistant", content: "Hello" },
      ],
    });
    const input = tempFile(`${lines.join("\n")}\n`, "openai.jsonl");
    const out = join(tempDir(), "out.jsonl");
    const strict = await tunegate(["convert", input, "--to", "nova", "-o", out]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain(
      `openai.jsonl:5: not converted:\n  - messages[0].name: the speaker name "ana" (Converse has no names)`,
    );
    expect(strict.stdout).toContain("Run with --lossy");
    expect(read(out).trim().split("\n")).toHaveLength(9);
    expect(read(`${out}.lines`)).toBe("1\n2\n3\n4\n6\n7\n8\n9\n10\n");
    const lossy = await tunegate(["convert", input, "--to", "nova", "-o", out, "--lossy"]);
    expect(lossy.stdout).toContain("openai.jsonl:5: written without\n  - messages[0].name");
    expect(lossy.stdout).toContain("10 written (9 exactly, 1 without what they could not carry), 0 left out");
    expect(lossy.code).toBe(0);
  });

  it("fails when the output breaks the target model's rules, naming output and input lines", async () => {
    const lines = Array.from({ length: 3 }, (_, i) =>
      JSON.stringify({
        messages: [
          { role: "user", content: `q${i}` },
          { role: "assistant", content: `a${i}` },
        ],
      }),
    );
    const out = join(tempDir(), "rft.jsonl");
    const r = await tunegate(["convert", tempFile(`${lines.join("\n")}\n`), "--to", "rft", "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/rft\.jsonl:1:1 \(input line 1\) error dataset\/too-few-records/);
  });

  it("rejects bad usage with exit 2", async () => {
    expect((await tunegate(["convert", COOKBOOK])).stderr).toContain("--to is required");
    const unknown = await tunegate(["convert", COOKBOOK, "--to", "gpt-5"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--to "gpt-5" is neither a format');
    expect((await tunegate(["convert", COOKBOOK, "--to", "nova", "--from", "csv"])).code).toBe(2);
    expect((await tunegate(["convert", "missing.jsonl", "--to", "nova"])).code).toBe(2);
  });
});
