import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ANSI, claudeLines, claudeRecord, HAIKU_ID, REAL, tempDir, tempFile, tunegate } from "./run";

const TOOLUSE_TRAIN = `${REAL}/bedrock-samples-tooluse-train.jsonl`;
const TOOLUSE_TEST = `${REAL}/bedrock-samples-tooluse-test.jsonl`;
const NOVA = `${REAL}/bedrock-samples-tooluse-test.nova.jsonl`;
const EXAMPLE = "examples/support-router-claude-3-haiku";

describe("tunegate validate: exit codes", () => {
  it("exits 0 on the example dataset, checked as training and validation data together", async () => {
    const r = await tunegate([
      "validate",
      `train:${EXAMPLE}/train.jsonl`,
      `validation:${EXAMPLE}/validation.jsonl`,
      "--label-pattern",
      "^ROUTE: (\\S+)",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        `${EXAMPLE}/train.jsonl (train, 48 records, ${/\(train, 48 records, ([^)]+)\)/.exec(r.stdout)![1]})  no problems`,
        "",
        `${EXAMPLE}/validation.jsonl (validation, 32 records, ${/\(validation, 32 records, ([^)]+)\)/.exec(r.stdout)![1]})  no problems`,
        "",
        "✔ No problems in 2 files, 80 records, checked for Claude 3 Haiku.",
        "",
      ].join("\n"),
    );
  });

  it("exits 0 with a warning on the real tool-use files, and finds the prompt leaked into validation", async () => {
    const r = await tunegate([
      "validate",
      TOOLUSE_TRAIN,
      `validation:${TOOLUSE_TEST}`,
      "--base-model",
      HAIKU_ID,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${TOOLUSE_TEST}:23:1`);
    expect(r.stdout).toContain("[dataset/validation-leak]");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe(
      "⚠ 0 errors, 1 warning, 0 notices in 2 files, 680 records, checked for Claude 3 Haiku: nothing blocks training.",
    );
  });

  it("--role validation applies to every file without a prefix", async () => {
    const r = await tunegate([
      "validate",
      "--role",
      "validation",
      TOOLUSE_TEST,
      `train:${TOOLUSE_TRAIN}`,
      "--base-model",
      HAIKU_ID,
      "--format",
      "json",
    ]);
    const json = JSON.parse(r.stdout);
    expect(json.files.map((f: { role: string }) => f.role)).toEqual(["validation", "train"]);
    expect(r.code).toBe(0);
  });

  it("exits 1 when a real file has errors: the Nova file is not Claude format", async () => {
    const r = await tunegate(["validate", NOVA, "--base-model", HAIKU_ID]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^✖ 480 errors, \d+ warnings?, \d+ notices? in 1 file, 120 records/m);
  });

  it("exits 0 on the same Nova file checked for Nova, and prints no lifecycle warning for an active model", async () => {
    const r = await tunegate(["validate", NOVA, "--base-model", "amazon.nova-lite-v1:0:300k"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("checks a file with no --base-model and no tunegate.yml entry for Amazon Nova Lite, the default", async () => {
    const r = await tunegate(["validate", NOVA]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe(
      "✔ No problems in 1 file, 120 records, checked for Amazon Nova Lite.",
    );
    expect(r.stderr).toBe("");
  });

  it("prints the lifecycle warning of Claude 3 Haiku on stderr, not stdout", async () => {
    const r = await tunegate(["validate", `${EXAMPLE}/train.jsonl`, "--format", "json"]);
    // The example is a dataset of tunegate.yml's model: the warning points at its baseModel line.
    expect(r.stderr).toMatch(
      /^warning: tunegate\.yml:\d+:\d+: models\.support-router-claude-3-haiku\.baseModel: Claude 3 Haiku \(anthropic\.claude-3-haiku-20240307-v1:0:200k\) .*end-of-life/,
    );
    expect(JSON.parse(r.stdout).summary).toEqual({ errors: 0, warnings: 0, notices: 0 });
  });

  it("says the end-of-life once per run, with its source and what to do, however many files", async () => {
    const r = await tunegate([
      "validate",
      `train:${EXAMPLE}/train.jsonl`,
      `validation:${EXAMPLE}/validation.jsonl`,
    ]);
    expect(r.stderr.match(/^warning: /gm)).toHaveLength(1);
    expect(r.stderr).toContain(
      "Source: https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle-legacy.html",
    );
    expect(r.stderr).toMatch(/\n {2,}(hint: )?Move the model to an active base model, e\.g\. Amazon Nova/);
  });

  it("--severity turns a rule off or changes its level", async () => {
    const path = tempFile(`${claudeLines(40)}\n${claudeLines(1)}`);
    const strict = await tunegate(["validate", path, "--base-model", HAIKU_ID]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("[file/empty-line]");
    const off = await tunegate([
      "validate",
      path,
      "--base-model",
      HAIKU_ID,
      "--severity",
      "file/empty-line=off",
      "--severity",
      "dataset/duplicate-record=off",
    ]);
    expect(off.code).toBe(0);
    expect(off.stdout).toContain("no problems");
    const notice = await tunegate([
      "validate",
      path,
      "--base-model",
      HAIKU_ID,
      "--severity=file/empty-line=notice",
      "--format",
      "json",
    ]);
    expect(notice.code).toBe(0);
    const problems = JSON.parse(notice.stdout).files[0].problems;
    expect(problems.find((p: { rule: string }) => p.rule === "file/empty-line").severity).toBe("notice");
  });

  it.each([
    [
      ["validate", "x.jsonl", "--bogus"],
      "Unknown option '--bogus'. Run `tunegate validate --help` for usage.",
    ],
    [["validate"], "No dataset file given."],
    [["validate", "x.jsonl", "--format", "xml"], '--format takes pretty, json, github, sarif; got "xml".'],
    [["validate", "x.jsonl", "--role", "test"], '--role takes train, validation; got "test".'],
    [
      ["validate", "x.jsonl", "--label-pattern", "^ROUTE: ("],
      "--label-pattern /^ROUTE: (/ is not a valid regular expression",
    ],
    [
      ["validate", "x.jsonl", "--severity", "no/such-rule=off"],
      '--severity names an unknown rule "no/such-rule"',
    ],
    [
      ["validate", "x.jsonl", "--severity", "file/crlf=fatal"],
      '--severity file/crlf= takes error, warning, notice, off; got "fatal".',
    ],
    [["validate", "no-such-file.jsonl"], "no-such-file.jsonl: no such file."],
    [["validate", "packages"], "packages: is a directory, not a dataset file."],
  ])("exits 2 on bad usage or unreadable input: %j", async (args, message) => {
    const r = await tunegate(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`tunegate validate: ${message}`);
  });

  it("exits 2 for Claude 3.5 Sonnet, saying Sonnet cannot be fine-tuned", async () => {
    const r = await tunegate([
      "validate",
      `${EXAMPLE}/train.jsonl`,
      "--base-model",
      "anthropic.claude-3-5-sonnet-20240620-v1:0",
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Claude Sonnet and Opus models cannot be fine-tuned on Amazon Bedrock");
  });

  it("exits 2 for the Haiku inference id, suggesting the customization id", async () => {
    const r = await tunegate([
      "validate",
      `${EXAMPLE}/train.jsonl`,
      "--base-model",
      "anthropic.claude-3-haiku-20240307-v1:0",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Did you mean "${HAIKU_ID}"?`);
  });
});

describe("tunegate validate: formats", () => {
  it("--format json has the documented shape", async () => {
    const r = await tunegate([
      "validate",
      `validation:${TOOLUSE_TEST}`,
      `train:${TOOLUSE_TRAIN}`,
      "--base-model",
      HAIKU_ID,
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json).slice(0, 2)).toEqual(["files", "summary"]);
    expect(json.summary).toEqual({ errors: 0, warnings: 1, notices: 0 });
    expect(
      json.files.map((f: { path: string; role: string; records: number }) => [f.path, f.role, f.records]),
    ).toEqual([
      [TOOLUSE_TEST, "validation", 120],
      [TOOLUSE_TRAIN, "train", 560],
    ]);
    expect(json.files[0].problems).toEqual([
      {
        rule: "dataset/validation-leak",
        severity: "warning",
        line: 23,
        column: 1,
        path: "",
        message: `The same prompt is in the training data at ${TOOLUSE_TRAIN}:125.`,
        hint: expect.any(String),
      },
    ]);
  });

  it("--format json of a file with hundreds of problems arrives whole through a pipe", async () => {
    const r = await tunegate(["validate", NOVA, "--base-model", HAIKU_ID, "--format", "json"]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.summary.errors).toBe(480);
    expect(json.files[0].problems.filter((p: { severity: string }) => p.severity === "error")).toHaveLength(
      480,
    );
  });

  it("--format github prints one annotation per systematic problem, with its count, and a summary", async () => {
    // A Nova file checked as Claude: the same three rules on every record, so three annotations, each
    // naming how many records have it, instead of ten per severity and a notice for hundreds more.
    const r = await tunegate(["validate", NOVA, "--base-model", HAIKU_ID, "--format", "github"]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    const errors = lines.filter((l) => l.startsWith("::error "));
    expect(errors.map((l) => /title=tunegate (claude\/[a-z-]+)::/.exec(l)?.[1])).toEqual([
      "claude/system-type",
      "claude/content-type",
      "claude/unknown-key",
    ]);
    for (const line of errors) {
      expect(line).toMatch(
        /^::error file=\.\.\/shared\/fixtures\/real\/bedrock-samples-tooluse-test\.nova\.jsonl,line=1,col=\d+,title=tunegate claude\/[a-z-]+::\S.* The same problem is on 120 of 120 records \(lines 1, 2, 3, 4, 5 and 115 more\)/,
      );
    }
    expect(lines.some((l) => l.startsWith("::notice title=tunegate%3A more problems::"))).toBe(false);
    expect(lines.at(-1)).toMatch(
      /^tunegate: 480 errors, \d+ warnings, 0 notices in 1 file checked for Claude 3 Haiku\.$/,
    );
    expect(lines.every((l) => !l.includes("\r"))).toBe(true);
  });

  it("--format github escapes newlines and commas from the dataset's file name and messages", async () => {
    const dir = tempDir();
    // A file name with characters that workflow-command properties must escape.
    const name = "a,b:c.jsonl";
    const path = join(dir, name);
    writeFileSync(path, `${claudeLines(40)}${claudeRecord("x", "ROUTE: a")}\n{"messages": 1,}\n`);
    const r = await tunegate(["validate", name, "--base-model", HAIKU_ID, "--format", "github"], {
      cwd: dir,
    });
    expect(r.code).toBe(1);
    const error = r.stdout.split("\n").find((l) => l.startsWith("::error "))!;
    expect(error).toMatch(
      /^::error file=a%2Cb%3Ac\.jsonl,line=42,col=\d+,title=tunegate json\/invalid::Invalid JSON/,
    );
    expect(error).toContain("%0A");
  });

  it("--format sarif --output writes a SARIF 2.1.0 file and reports on stderr", async () => {
    const out = join(tempDir(), "tunegate.sarif");
    const r = await tunegate([
      "validate",
      NOVA,
      `validation:${TOOLUSE_TEST}`,
      "--base-model",
      HAIKU_ID,
      "--format",
      "sarif",
      "--output",
      out,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /tunegate: 480 errors, \d+ warnings, 0 notices in 2 files checked for Claude 3 Haiku; sarif report written to /,
    );
    const sarif = JSON.parse(readFileSync(out, "utf8"));
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe("tunegate");
    expect(run.tool.driver.version).toBe(
      JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version,
    );
    expect(run.results.filter((x: { level: string }) => x.level === "error")).toHaveLength(480);
    const first = run.results[0];
    expect(first.locations[0].physicalLocation.artifactLocation.uri).toBe(
      "../shared/fixtures/real/bedrock-samples-tooluse-test.nova.jsonl",
    );
    expect(run.tool.driver.rules[first.ruleIndex].id).toBe(first.ruleId);
    expect(Object.keys(first.partialFingerprints)).toEqual(["tunegateProblem/v1"]);
  });

  it("--format sarif without --output writes SARIF to stdout", async () => {
    const r = await tunegate(["validate", `${EXAMPLE}/train.jsonl`, "--format", "sarif"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).runs[0].results).toEqual([]);
  });

  it("names an absolute path inside the working directory relatively, as GitHub needs it", async () => {
    const r = await tunegate([
      "validate",
      join(process.cwd(), "..", "..", "examples/support-router-claude-3-haiku/train.jsonl"),
      "--format",
      "json",
    ]);
    expect(JSON.parse(r.stdout).files[0].path).toBe("examples/support-router-claude-3-haiku/train.jsonl");
  });

  it("never colours piped output, and FORCE_COLOR forces colour", async () => {
    const path = tempFile(`${claudeLines(40)}\n`);
    const piped = await tunegate(["validate", path]);
    expect(piped.code).toBe(1);
    expect(piped.stdout).not.toMatch(ANSI);
    const forced = await tunegate(["validate", path], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
    expect(forced.stdout).toMatch(ANSI);
    expect(forced.stdout.replace(new RegExp(ANSI.source, "g"), "")).toBe(piped.stdout);
  });
});
