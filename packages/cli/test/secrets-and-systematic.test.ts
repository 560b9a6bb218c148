import { describe, expect, it } from "vitest";
import { SECRET_SAMPLES, secretPart } from "../../core/test/secret-samples";
import { claudeRecord, HAIKU_ID, tempFile, tunegate } from "./run";

const lines = (records: readonly string[]) => `${records.join("\n")}\n`;
const plain = Array.from({ length: 12 }, (_, i) => claudeRecord(`ticket ${i}`, `ROUTE: q${i % 3}`));
// Every credential format in the text, the system prompt, the label, an unknown key and its value.
const withSecrets = [
  ...plain,
  ...SECRET_SAMPLES.map(([, text], i) =>
    JSON.stringify({
      system: `Internal: ${text}`,
      messages: [
        { role: "user", content: `case ${i}: use ${text}` },
        { role: "assistant", content: `ROUTE: ${text}` },
      ],
      [`k ${text}`]: text,
    }),
  ),
];

function expectNoSecret(output: string, where: string) {
  for (const [kind, text] of SECRET_SAMPLES) {
    expect(output.includes(secretPart(text)), `${kind} in ${where}`).toBe(false);
  }
}

describe("tunegate shows no secret from a dataset, in any format", () => {
  const file = tempFile(lines(withSecrets), "secrets.jsonl");
  it.each(["pretty", "json", "github", "sarif"])("validate --format %s", async (format) => {
    const r = await tunegate([
      "validate",
      file,
      "--base-model",
      HAIKU_ID,
      "--format",
      format,
      "--label-pattern",
      "^ROUTE: (.+)",
    ]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain("AKIA");
    expectNoSecret(r.stdout + r.stderr, `validate --format ${format}`);
  });

  it("diff and stats, as text and JSON", async () => {
    const base = tempFile(lines(plain), "base.jsonl");
    for (const args of [
      ["diff", base, file, "--label-pattern", "^ROUTE: (.+)"],
      ["diff", base, file, "--format", "json"],
      ["stats", file, "--label-pattern", "^ROUTE: (.+)"],
      ["stats", file, "--format", "json", "--label-pattern", "^ROUTE: (.+)"],
    ]) {
      const r = await tunegate([...args, "--base-model", HAIKU_ID]);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
      expectNoSecret(r.stdout + r.stderr, args.join(" "));
    }
  });
});

describe("tunegate validate: a systematic problem is one entry", () => {
  const bot = (i: number) =>
    JSON.stringify({
      messages: [
        { role: "user", content: `ticket ${i}` },
        { role: "bot", content: "ROUTE: q1" },
      ],
    });
  const file = tempFile(
    lines(Array.from({ length: 40 }, (_, i) => (i < 30 ? bot(i) : claudeRecord(`q ${i}`, "ok")))),
  );

  it("pretty and github: once with its count; json keeps every problem", async () => {
    const pretty = await tunegate(["validate", file, "--base-model", HAIKU_ID]);
    const entries = pretty.stdout.split("\n").filter((l) => /\d+:\d+ +error/.test(l));
    expect(entries, pretty.stdout).toHaveLength(1);
    expect(entries[0]).toContain("The same problem is on 30 of 40 records (lines 1, 2, 3, 4, 5 and 25 more)");
    const github = await tunegate(["validate", file, "--base-model", HAIKU_ID, "--format", "github"]);
    expect(github.stdout.split("\n").filter((l) => l.startsWith("::error file="))).toHaveLength(1);
    const json = JSON.parse(
      (await tunegate(["validate", file, "--base-model", HAIKU_ID, "--format", "json"])).stdout,
    );
    expect(json.files[0].problems).toHaveLength(30);
  });
});
