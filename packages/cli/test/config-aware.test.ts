import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { claudeLines, claudeRecord, converseLines, tempDir, tunegate } from "./run";

const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0:200k";
const CUSTOM = "custom.haiku-small-v1:0";

// A repository whose tunegate.yml adds a catalog entry (Haiku with a smaller record quota), sets a
// severity and a label pattern: the CLI must check the datasets by these, as the pull-request check does.
const CONFIG = `version: 1
defaults:
  region: us-west-2
  s3: { bucket: tunegate-cli }
  roleArn: arn:aws:iam::123456789012:role/Tune
catalog:
  - id: ${CUSTOM}
    extends: ${HAIKU}
    name: Haiku (team quota)
    quotas: { minRecords: 50, source: the team's own limit }
models:
  router:
    baseModel: ${CUSTOM}
    training: data/train.jsonl
    validation: data/validation.jsonl
    labels: "^ROUTE: (\\\\S+)"
    hyperparameters: { epochCount: 4 }
    severities: { sensitive/personal-data: error }
`;

let repo: string;
beforeAll(() => {
  repo = tempDir();
  mkdirSync(join(repo, "data"));
  writeFileSync(join(repo, "tunegate.yml"), CONFIG);
  // 40 records: enough for Haiku (32), too few for the configured entry (50). One holds an e-mail address.
  writeFileSync(
    join(repo, "data/train.jsonl"),
    `${claudeLines(39)}${claudeRecord("mail jane.doe@example.com about it", "ROUTE: team1")}\n`,
  );
  writeFileSync(join(repo, "data/validation.jsonl"), claudeLines(32).replaceAll("ticket", "held-out ticket"));
  writeFileSync(join(repo, "loose.jsonl"), claudeLines(40));
  writeFileSync(join(repo, "loose-converse.jsonl"), converseLines(40));
});

const problemRules = (stdout: string) =>
  (
    JSON.parse(stdout) as { files: { path: string; problems: { rule: string; severity: string }[] }[] }
  ).files.flatMap((f) => f.problems.map((p) => `${f.path} ${p.severity} ${p.rule}`));

describe("tunegate validate reads tunegate.yml", () => {
  it("checks a configured dataset by its model: custom catalog entry, severities, role", async () => {
    const r = await tunegate(["validate", "data/train.jsonl", "data/validation.jsonl", "--format", "json"], {
      cwd: repo,
    });
    expect(r.stderr).not.toContain("unexpected");
    const rules = problemRules(r.stdout);
    expect(rules).toContain("data/train.jsonl error dataset/too-few-records");
    expect(rules).toContain("data/train.jsonl error sensitive/personal-data");
    // data/validation.jsonl is the validation set in tunegate.yml: no training-file minimum for it.
    expect(rules.filter((p) => p.startsWith("data/validation.jsonl") && p.includes("too-few"))).toEqual([]);
    expect(JSON.parse(r.stdout).model.name).toBe("Haiku (team quota)");
    expect(r.code).toBe(1);
  });

  it("flags win over tunegate.yml, and --base-model finds the file's catalog entries", async () => {
    const r = await tunegate(
      [
        "validate",
        "data/train.jsonl",
        "--severity",
        "sensitive/personal-data=off",
        "--base-model",
        HAIKU,
        "--format",
        "json",
      ],
      { cwd: repo },
    );
    expect(problemRules(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
    const custom = await tunegate(["validate", "loose.jsonl", "--base-model", CUSTOM, "--format", "json"], {
      cwd: repo,
    });
    expect(problemRules(custom.stdout)).toEqual(["loose.jsonl error dataset/too-few-records"]);
  });

  it("a file tunegate.yml does not list takes the built-in defaults; --model gives it a model's settings", async () => {
    // The built-in default base model is Amazon Nova Lite: a Converse file passes, a Claude one does not.
    const loose = await tunegate(["validate", "loose-converse.jsonl", "--format", "json"], { cwd: repo });
    expect(loose.code).toBe(0);
    expect(JSON.parse(loose.stdout).model.name).toBe("Amazon Nova Lite");
    const looseClaude = await tunegate(["validate", "loose.jsonl", "--format", "json"], { cwd: repo });
    expect(looseClaude.code).toBe(1);
    expect(JSON.parse(looseClaude.stdout).model.name).toBe("Amazon Nova Lite");
    const asRouter = await tunegate(["validate", "loose.jsonl", "--model", "router", "--format", "json"], {
      cwd: repo,
    });
    expect(problemRules(asRouter.stdout)).toEqual(["loose.jsonl error dataset/too-few-records"]);
  });

  it("--config points at it from elsewhere; a broken one is bad usage at its line", async () => {
    const r = await tunegate(
      [
        "validate",
        join(repo, "data/train.jsonl"),
        "--config",
        join(repo, "tunegate.yml"),
        "--format",
        "json",
      ],
      { cwd: tempDir() },
    );
    expect(problemRules(r.stdout).map((p) => p.split(" ").slice(1).join(" "))).toContain(
      "error dataset/too-few-records",
    );
    const broken = tempDir();
    writeFileSync(join(broken, "tunegate.yml"), "version: 1\nmodels:\n  router:\n    baseModel: 7\n");
    writeFileSync(join(broken, "train.jsonl"), claudeLines(40));
    const bad = await tunegate(["validate", "train.jsonl"], { cwd: broken });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/tunegate\.yml:4:16: models\.router\.baseModel/);
  });
});

describe("tunegate stats reads tunegate.yml", () => {
  it("uses the model's labels, base model and epochs for a configured dataset", async () => {
    const r = await tunegate(["stats", "data/train.jsonl", "--format", "json"], { cwd: repo });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      labels: { pattern: string };
      cost: { model: { id: string }; epochs: number };
    };
    expect(json.labels.pattern).toBe("^ROUTE: (\\S+)");
    expect(json.cost.model.id).toBe(CUSTOM);
    expect(json.cost.epochs).toBe(4);
    const text = await tunegate(["stats", "data/train.jsonl"], { cwd: repo });
    expect(text.stdout).toContain('epochCount of model "router" in tunegate.yml');
  });
});

describe("tunegate.yml problems come in one pass", () => {
  it("every problem at its line, a missing dataset relative to tunegate.yml's folder", async () => {
    const dir = tempDir();
    execFileSync("git", ["init", "-q", dir]);
    writeFileSync(
      join(dir, "tunegate.yml"),
      `version: 1
defaults:
  region: us-west-2
  s3: { bucket: tunegate-cli }
  roleArn: arn:aws:iam::123456789012:role/Tune
models:
  a:
    baseModel: ${HAIKU}
    training: data/missing.jsonl
    hyperparameters: { epochCount: 99 }
  b:
    baseModel: ${HAIKU}
    training: data/folder.jsonl
    validation: data/also-missing.jsonl
`,
    );
    mkdirSync(join(dir, "data/folder.jsonl"), { recursive: true });
    const r = await tunegate(["train", "--dry-run"], { cwd: dir, env: { GITHUB_REPOSITORY: "acme/data" } });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain("unexpected failure");
    expect(r.stderr).toContain("tunegate.yml has 4 problems:");
    const lines = r.stderr.split("\n").filter((l) => /^ {2}\S*tunegate\.yml:\d+:\d+: /.test(l));
    expect(lines.map((l) => /tunegate\.yml:(\d+):\d+: (\S+)/.exec(l)!.slice(1).join(" "))).toEqual([
      "9 models.a.training:",
      "10 models.a.hyperparameters.epochCount:",
      "13 models.b.training:",
      "14 models.b.validation:",
    ]);
    expect(lines[0]).toContain(
      `data/missing.jsonl: no such file; dataset paths are relative to the folder of tunegate.yml (${dir})`,
    );
    expect(lines[2]).toContain("data/folder.jsonl: is a directory, not a dataset file");
  });
});
