import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type DiffFile,
  type ModelReviewInput,
  parseConfig,
  type ResolvedModel,
  renderPrComment,
  settingChanges,
} from "../src/index";
import { reviewModel as review } from "./engine";
import { claudeLines, claudeRecord } from "./support";

// The digest port, as the edge gives it (there, sha256File of @tunegate/files, streamed).
const sha256File = async (path: string) => {
  const bytes = readFileSync(path);
  return { sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length };
};
const reviewModel = (input: Omit<ModelReviewInput, "sha256File" | "io">) => review({ ...input, sha256File });

const root = mkdtempSync(join(tmpdir(), "tunegate-review-"));
const HEAD = "0123456789abcdef0123456789abcdef01234567";

function model(extra = "", hyper = "epochCount: 2"): ResolvedModel {
  const text = `version: 1
models:
  router:
    baseModel: anthropic.claude-3-haiku-20240307-v1:0:200k
    region: us-west-2
    training: data/train.jsonl
    labels: "^ROUTE: (\\\\S+)"
    s3: { bucket: acme-training, prefix: tunegate/ }
    roleArn: arn:aws:iam::123456789012:role/BedrockFineTuning
    hyperparameters:
      ${hyper}
${extra}`;
  return parseConfig(text, { path: "tunegate.yml", root }).config.models[0]!;
}

function file(name: string, content: string): string {
  const path = join(root, name);
  writeFileSync(path, content);
  return path;
}

const base = file("base.jsonl", claudeLines(40));
const head = file(
  "head.jsonl",
  `${claudeLines(40, (i) =>
    i === 3 ? claudeRecord("question 3", "ROUTE: r9") : claudeRecord(`question ${i}`, `ROUTE: r${i % 3}`),
  )}${claudeRecord("a new question", "ROUTE: r1")}\n`,
);
const files = (changed = true): DiffFile[] => [
  { name: "data/train.jsonl", role: "train", head, base, changed },
];

describe("reviewModel", () => {
  it("diffs, prices before and after, lists setting changes and plans the job merging would start", async () => {
    const { reviewed, report } = await reviewModel({
      head: model("", "epochCount: 3"),
      base: model(),
      files: files(),
      commit: HEAD,
      repository: "acme/support-data",
      pullRequest: 7,
    });
    expect(report.summary.errors).toBe(0);
    expect(reviewed.datasets[0]!.records).toMatchObject({ added: 1, modified: 1, removed: 0, unchanged: 39 });
    expect(reviewed.settingChanges).toEqual(["hyperparameters.epochCount: 2 → 3"]);
    expect(reviewed.cost.base!.epochs).toBe(2);
    expect(reviewed.cost.head!.epochs).toBe(3);
    expect(reviewed.cost.head!.trainingTokens.value).toBeGreaterThan(
      reviewed.cost.base!.trainingTokens.value,
    );
    expect(reviewed.onMerge).toMatchObject({
      kind: "train",
      changedHyperparameters: ["epochCount"],
      uploads: [
        {
          role: "train",
          uri: expect.stringMatching(/^s3:\/\/acme-training\/tunegate\/router\/[0-9a-f]{64}\/train\.jsonl$/),
        },
      ],
      jobName: expect.stringMatching(/^tunegate-router-<merge commit>-[0-9a-f]{12}$/),
    });
    expect((reviewed.onMerge as { hyperparameters: Record<string, string> }).hyperparameters.epochCount).toBe(
      "3",
    );
  });

  it("blocks the merge job on errors, and on a request Bedrock would refuse", async () => {
    const broken = file("broken.jsonl", `${claudeLines(40)}{oops\n`);
    const withErrors = await reviewModel({
      head: model(),
      base: model(),
      files: [{ name: "data/train.jsonl", role: "train", head: broken, base, changed: true }],
      commit: HEAD,
      repository: "acme/support-data",
    });
    expect(withErrors.reviewed.onMerge).toEqual({
      kind: "blocked",
      reasons: [expect.stringMatching(/^1 error in its datasets: the train action validates them again/)],
    });
    const badTag = await reviewModel({
      // The config refuses this tag; built by hand, the plan refuses it too.
      head: { ...model(), tags: { "tunegate:model": "x" } },
      base: model(),
      files: files(),
      commit: HEAD,
      repository: "acme/support-data",
    });
    expect(badTag.reviewed.onMerge.kind).toBe("blocked");
  });

  it("states each field a catalog entry in tunegate.yml changes in the model's base model", async () => {
    const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0:200k";
    const override = `catalog:
  - id: ${HAIKU}
    extends: ${HAIKU}
    quotas: { maxTokensPerRecord: 50, minRecords: 1 }
`;
    const withEntry = (text: string) =>
      parseConfig(
        `${text}version: 1
models:
  router:
    baseModel: ${HAIKU}
    region: us-west-2
    training: data/train.jsonl
    s3: { bucket: acme-training, prefix: tunegate/ }
    roleArn: arn:aws:iam::123456789012:role/BedrockFineTuning
`,
        { path: "tunegate.yml", root },
      ).config.models[0]!;
    const before = withEntry("");
    const after = withEntry(override);
    const changes = settingChanges(before, after);
    expect(changes).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^catalog ${HAIKU.replace(/[.:]/g, "\\$&")}\\.quotas\\.minRecords: \\d+ → 1 \\(tunegate\\.yml\\)$`,
        ),
      ),
    );
    expect(changes.filter((c) => c.startsWith("catalog ")).length).toBeGreaterThanOrEqual(2);
    const { reviewed } = await reviewModel({
      head: after,
      base: before,
      files: files(false),
      commit: HEAD,
      repository: "acme/support-data",
      pullRequest: 7,
    });
    expect(
      renderPrComment({
        marker: "<!-- m -->",
        repository: "acme/support-data",
        headSha: HEAD,
        failOn: "error",
        models: [reviewed],
      }),
    ).toContain("Setting changed\\: catalog");
    // The same entry on both branches is no change.
    expect(settingChanges(after, withEntry(override)).filter((c) => c.startsWith("catalog "))).toEqual([]);
  });

  it("starts no job when nothing the training depends on changed", async () => {
    const severitiesOnly = await reviewModel({
      head: model('    severities: { sensitive/personal-data: "off" }'),
      base: model(),
      files: files(false),
      commit: HEAD,
      repository: "acme/support-data",
    });
    expect(severitiesOnly.reviewed.settingChanges).toEqual([
      "severities.sensitive/personal-data: (none) → off",
    ]);
    expect(severitiesOnly.reviewed.onMerge).toMatchObject({
      kind: "none",
      reason: expect.stringMatching(/^only checks changed/),
    });
    const untouched = await reviewModel({
      head: model(),
      base: model(),
      files: files(false),
      commit: HEAD,
      repository: "a/b",
    });
    expect(untouched.reviewed.onMerge).toMatchObject({ kind: "none" });
    expect(untouched.reviewed.datasets[0]!.change).toBe("unchanged");
  });

  it("counts a dataset the config names but the PR lacks as an error", async () => {
    const { reviewed } = await reviewModel({
      head: model(),
      files: [{ name: "data/train.jsonl", role: "train", base, changed: true }],
      missing: ["data/train.jsonl"],
      commit: HEAD,
      repository: "a/b",
    });
    expect(reviewed.counts.errors).toBe(1);
    expect(reviewed.notes).toEqual([
      "data/train.jsonl is named in the configuration but does not exist in this pull request.",
    ]);
    expect(reviewed.settingChanges[0]).toMatch(/^new model router/);
    expect(reviewed.onMerge.kind).toBe("blocked");
    const never = await reviewModel({
      head: model(),
      files: [{ name: "data/train.jsonl", role: "train", changed: true }],
      missing: ["data/train.jsonl"],
      commit: HEAD,
      repository: "a/b",
    });
    expect(never.reviewed.datasets).toEqual([]);
    expect(never.reviewed.counts.errors).toBe(1);
  });

  it("outside a pull request, compares nothing and plans no merge", async () => {
    const { reviewed } = await reviewModel({
      head: model(),
      compare: false,
      files: [{ name: "data/train.jsonl", role: "train", head, changed: false }],
      commit: HEAD,
      repository: "a/b",
    });
    expect(reviewed.settingChanges).toEqual([]);
    expect(reviewed.cost.base).toBeUndefined();
    expect(reviewed.cost.head).toBeDefined();
    expect(reviewed.onMerge).toMatchObject({
      kind: "none",
      reason: expect.stringMatching(/not for a pull request/),
    });
    const body = renderPrComment({
      marker: "<!-- m -->",
      repository: "a/b",
      headSha: HEAD,
      failOn: "error",
      models: [reviewed],
    });
    expect(body).toMatch(/\| Billed tokens \(2 epochs; no price in the catalog\) \| — \| ~[\d,]+ \| — \|/);
  });

  it("names every kind of setting change", () => {
    const a = model();
    const b = { ...model("    tags: { team: support }"), region: "us-east-1" };
    expect(settingChanges(a, b)).toEqual(["region: us-west-2 → us-east-1", 'tags: {} → {"team":"support"}']);
  });
});

describe("base-model lifecycle before merge", () => {
  const review = (m: ResolvedModel, today?: Date) =>
    reviewModel({
      head: m,
      base: m,
      files: files(),
      commit: HEAD,
      repository: "acme/support-data",
      pullRequest: 7,
      ...(today ? { today } : {}),
    });

  it("an end-of-life base model: the comment says so once, with its source and what to do", async () => {
    const router = await review(model(), new Date("2026-12-04T00:00:00Z"));
    const second = await review({ ...model(), name: "triage" }, new Date("2026-12-04T00:00:00Z"));
    expect(router.reviewed.lifecycle!.warning).toMatch(
      /^Claude 3 Haiku \(anthropic\.claude-3-haiku-20240307-v1:0:200k\) reached its end-of-life in us-west-2 on 2026-09-10/,
    );
    const body = renderPrComment({
      marker: "<!-- tunegate -->",
      repository: "acme/support-data",
      headSha: HEAD,
      pullRequest: 7,
      failOn: "error",
      models: [router.reviewed, second.reviewed],
    });
    const callouts = body.split("> [!WARNING]").length - 1;
    expect(callouts).toBe(1);
    const at = body.indexOf("> [!WARNING]");
    expect(at).toBeLessThan(body.indexOf("### "));
    // As GitHub shows it: Markdown escapes and the link-breaking zero-width space removed.
    const callout = body
      .slice(at, body.indexOf("\n\n", body.indexOf("**Before merging:**")))
      .replace(/\\(.)/g, "$1")
      .replaceAll("\u200b", "");
    expect(callout).toContain("model-lifecycle-legacy.html");
    expect(callout).toContain("Used by `router`, `triage`.");
    expect(callout).toMatch(
      /\*\*Before merging:\*\* Move the model to an active base model, e\.g\. Amazon Nova .* the Converse format \(bedrock-conversation-2024\)/,
    );
  });

  it("the comment names the conversion of the model's own files to the first active model it advises", async () => {
    const today = new Date("2026-12-04T00:00:00Z");
    const router = await review(model(), today);
    const other = await review({ ...model(), name: "triage", training: "data/triage train.jsonl" }, today);
    const advice = router.reviewed.lifecycle!.advice;
    const target = /e\.g\. [^(]+\(([^)]+)\)/.exec(advice)![1]!;
    expect(target).toBe("amazon.nova-micro-v1:0:128k");
    const body = renderPrComment({
      marker: "<!-- tunegate -->",
      repository: "acme/support-data",
      headSha: HEAD,
      pullRequest: 7,
      failOn: "error",
      models: [router.reviewed, other.reviewed],
    });
    const shown = body.replace(/\\(.)/g, "$1").replaceAll("\u200b", "");
    expect(shown).toContain(
      `To convert the training file and check the result under Amazon Nova Micro's rules: tunegate convert data/train.jsonl --to ${target}.`,
    );
    // Another model's files get their own callout: a path with a space is quoted as one shell word.
    expect(shown).toContain(`tunegate convert 'data/triage train.jsonl' --to ${target}`);
    expect(body.split("> [!WARNING]").length - 1).toBe(2);
  });

  it("an active base model: no lifecycle in the review or the comment", async () => {
    const m = model();
    const active = {
      ...m,
      baseModel: {
        ...m.baseModel,
        lifecycle: { status: "active" as const, source: "our private arrangement" },
      },
    };
    const { reviewed } = await review(active);
    expect(reviewed.lifecycle).toBeUndefined();
    const body = renderPrComment({
      marker: "<!-- tunegate -->",
      repository: "acme/support-data",
      headSha: HEAD,
      failOn: "error",
      models: [reviewed],
    });
    expect(body).not.toContain("[!WARNING]");
  });
});

describe("reviewModel of a reinforcement fine-tuning model", () => {
  const rft = (grader: string): ResolvedModel =>
    parseConfig(
      `version: 1
models:
  tutor:
    baseModel: amazon.nova-2-lite-v1:0:256k
    customization: reinforcement
    reinforcement: { grader: ${grader}, hyperparameters: { epochCount: 2 } }
    training: data/rft.jsonl
    s3: { bucket: acme-training }
    roleArn: arn:aws:iam::123456789012:role/BedrockFineTuning
`,
      { path: "tunegate.yml", root },
    ).config.models[0]!;
  const prompt = (i: number, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      messages: [{ role: "user", content: `What is ${i} + ${i}?` }],
      reference_answer: `${2 * i}`,
      ...extra,
    });
  const prompts = (make: (i: number) => string) =>
    `${Array.from({ length: 100 }, (_, i) => make(i)).join("\n")}\n`;
  const GRADER = "arn:aws:lambda:us-east-1:123456789012:function:grader";

  it("checks the data with the RFT rules, shows a new grader as a change and plans rftConfig", async () => {
    const before = file(
      "rft-base.jsonl",
      prompts((i) => prompt(i)),
    );
    const after = file(
      "rft-head.jsonl",
      prompts((i) => (i === 6 ? JSON.stringify({ messages: [{ role: "user", content: "Hi" }] }) : prompt(i))),
    );
    const { reviewed, report } = await reviewModel({
      head: rft(`${GRADER}-v2`),
      base: rft(GRADER),
      files: [{ name: "data/rft.jsonl", role: "train", head: after, base: before, changed: true }],
      commit: HEAD,
      repository: "acme/support-data",
    });
    expect(report.files[0]!.problems.map((p) => `${p.rule} ${p.line}`)).toEqual(["rft/reference-missing 7"]);
    expect(reviewed.settingChanges).toEqual([
      `customization: {"kind":"reinforcement","graderArn":"${GRADER}","hyperparameters":{"epochCount":2}} → {"kind":"reinforcement","graderArn":"${GRADER}-v2","hyperparameters":{"epochCount":2}}`,
    ]);
    expect(reviewed.onMerge).toMatchObject({ kind: "blocked" });
    const clean = await reviewModel({
      head: rft(`${GRADER}-v2`),
      base: rft(GRADER),
      files: [{ name: "data/rft.jsonl", role: "train", head: before, base: before, changed: false }],
      commit: HEAD,
      repository: "acme/support-data",
    });
    expect(clean.reviewed.onMerge).toMatchObject({ kind: "train", hyperparameters: { epochCount: "2" } });
  });
});
