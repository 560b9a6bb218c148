import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { VALIDATE_MARKER } from "@tunegate/core";
import { afterEach, describe, expect, it } from "vitest";
import { type Log, type ReviewGit, type ReviewRun, review } from "../src/index";

const CONFIG = `version: 1
defaults:
  region: us-west-2
  s3: { bucket: acme-training, prefix: tunegate/ }
  roleArn: arn:aws:iam::123456789012:role/BedrockFineTuning
models:
  support-router:
    baseModel: anthropic.claude-3-haiku-20240307-v1:0:200k
    training: data/router/train.jsonl
    validation: data/router/validation.jsonl
  summarizer:
    baseModel: anthropic.claude-3-haiku-20240307-v1:0:200k
    training: data/summarizer/train.jsonl
`;
const record = (user: string, assistant: string) =>
  JSON.stringify({
    messages: [
      { role: "user", content: user },
      { role: "assistant", content: assistant },
    ],
  });
const dataset = (n: number) =>
  `${Array.from({ length: n }, (_, i) => record(`ticket ${i}`, `reply ${i}`)).join("\n")}\n`;

/** A repository on disk: `head` is the checkout, `base` the files of the base commit. */
function repository(head: Record<string, string>, base: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), "tunegate-review-"));
  const write = (dir: string, files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, dir, path)), { recursive: true });
      writeFileSync(join(root, dir, path), text);
    }
  };
  write("head", head);
  write("base", base);
  // The base commit's files, served as git serves them: by path, absent when the commit has none.
  const git: ReviewGit = {
    readFileInCommit: async (_sha, path) => (path in base ? base[path] : undefined),
    extractFileFromCommit: async (_sha, path, target) => {
      if (!(path in base)) return false;
      copyFileSync(join(root, "base", path), target);
      return true;
    },
  };
  return { root, workspace: join(root, "head"), git };
}

const logged: string[] = [];
const log: Log = {
  info: (m) => logged.push(m),
  warning: (m) => logged.push(m),
  error: (m) => logged.push(m),
};
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function run(workspace: string, pr: ReviewRun["pr"]): ReviewRun {
  return {
    workspace,
    repository: "acme/data",
    serverUrl: "https://github.com",
    eventName: "pull_request",
    sha: "m".repeat(40),
    runUrl: undefined,
    pr,
  };
}
const PR = { number: 7, baseSha: "b".repeat(40), headSha: "h".repeat(40) };

describe("the review use case", () => {
  it("stops at a broken tunegate.yml, its problem annotated at its line", async () => {
    const repo = repository({ "tunegate.yml": "version: 1\nmodels: 3\n" }, {});
    roots.push(repo.root);
    const request = {
      run: run(repo.workspace, PR),
      config: "tunegate.yml",
      failOn: "error" as const,
      all: false,
      commenting: true,
      parallel: undefined,
      baseDir: join(repo.root, "b"),
    };
    const changedFiles = async () => ({
      files: [{ path: "tunegate.yml" }],
      source: "git",
      baseAvailable: true,
      notes: [],
    });
    const result = await review(request, { git: repo.git, changedFiles, log });
    expect(result.kind).toBe("config-error");
    expect(result.fails).toBe(true);
    expect(result.annotations[0]).toMatch(
      /^::error file=tunegate\.yml,line=2,col=\d+,title=tunegate config::/,
    );
    expect(result.markdown).toContain("tunegate.yml");
  });

  it("reviews only the model a pull request changes, against its base version", async () => {
    const bad = JSON.stringify({ messages: [{ role: "assistant", content: "no user turn" }] });
    const head = {
      "tunegate.yml": CONFIG,
      "data/router/train.jsonl": `${dataset(12)}${bad}\n`,
      "data/summarizer/train.jsonl": dataset(10),
    };
    const repo = repository(head, { ...head, "data/router/train.jsonl": dataset(12) });
    roots.push(repo.root);
    const request = {
      run: run(repo.workspace, PR),
      config: "tunegate.yml",
      failOn: "error" as const,
      all: false,
      commenting: true,
      parallel: undefined,
      baseDir: join(repo.root, "b"),
    };
    const changedFiles = async () => ({
      files: [{ path: "data/router/train.jsonl" }],
      source: "git",
      baseAvailable: true,
      notes: [],
    });
    const result = await review(request, { git: repo.git, changedFiles, log });
    if (result.kind !== "reviewed") throw new Error(`expected a review, got ${result.kind}`);
    expect(result.input.models.map((m) => m.name)).toEqual(["support-router"]);
    expect(result.input.untouchedModels).toEqual(["summarizer"]);
    expect(result.input.models[0]!.datasets[0]!.records?.added).toBe(1);
    expect(result.fails).toBe(true);
    expect(result.comment.startsWith(`${VALIDATE_MARKER}\n`)).toBe(true);
    expect(result.markdown).toBe(result.comment.slice(VALIDATE_MARKER.length + 1));
    // The validation file the config names is missing: said on tunegate.yml, beside its warnings.
    expect(result.annotations.find((a) => a.startsWith("::error file=tunegate.yml"))).toMatch(
      /^::error file=tunegate\.yml,title=tunegate config::data\/router\/validation\.jsonl is named/,
    );
    expect(
      result.annotations.some((a) => a.startsWith("::error file=data/router/train.jsonl,line=13,")),
    ).toBe(true);
    expect(result.sentence).toMatch(/^\d+ errors?, \d+ warnings? in 1 model reviewed$/);
  });
});
