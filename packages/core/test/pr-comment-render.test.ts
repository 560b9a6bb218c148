import { markdownProblems } from "@tunegate/testkit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DatasetDiff,
  estimateTrainingCost,
  MAX_COMMENT_SIZE,
  type Problem,
  type ReviewedModel,
  type ReviewInput,
  renderPrComment,
  renderReviewSummary,
  reviewFails,
} from "../src/index";
import { diffDatasets } from "./engine";
import { HAIKU as CATALOG_HAIKU, claudeRecord, NOVA_MICRO, tempFile } from "./support";

// With a training price, so the cost rows show dollars (the catalog may not carry one).
const HAIKU = {
  ...CATALOG_HAIKU,
  prices: { ...CATALOG_HAIKU.prices, trainingPerMillionTokens: { usd: 8, source: "test price" } },
};

const lines = (...records: string[]) => `${records.join("\n")}\n`;
const HEAD = "0123456789abcdef0123456789abcdef01234567";
const BASE = "fedcba9876543210fedcba9876543210fedcba98";

async function reviewedModel(base: string, head: string, overrides: Partial<ReviewedModel> = {}) {
  const review = await diffDatasets(
    [{ name: "data/train.jsonl", role: "train", base: tempFile(base), head: tempFile(head), changed: true }],
    {
      validate: {
        model: HAIKU,
        labelPattern: "^ROUTE: (\\S+)",
        severities: { "dataset/too-few-records": "off" },
      },
    },
  );
  const file = review.head.files[0]!;
  const model: ReviewedModel = {
    name: "support-router",
    baseModel: HAIKU,
    region: "us-west-2",
    counts: review.head.summary,
    problems: file.problems,
    unlisted: file.omitted,
    datasets: review.diffs,
    cost: {
      base: estimateTrainingCost(HAIKU, review.base!.files[0]!.stats.tokens.total, 2),
      head: estimateTrainingCost(HAIKU, file.stats.tokens.total, 3),
    },
    settingChanges: ["hyperparameters.epochCount: 2 → 3"],
    onMerge: {
      kind: "train",
      hyperparameters: { epochCount: "3", batchSize: "8", learningRateMultiplier: "1" },
      changedHyperparameters: ["epochCount"],
      uploads: [{ role: "train", uri: "s3://acme-training/tunegate/support-router/abc/train.jsonl" }],
      jobName: "tunegate-support-router-<merge commit>-0123456789ab",
      cost: estimateTrainingCost(HAIKU, file.stats.tokens.total, 3),
    },
    ...overrides,
  };
  return model;
}

function input(models: ReviewedModel[], extra: Partial<ReviewInput> = {}): ReviewInput {
  return {
    marker: "<!-- tunegate:validate -->",
    repository: "acme/support-data",
    headSha: HEAD,
    baseSha: BASE,
    pullRequest: 7,
    failOn: "error",
    models,
    runUrl: "https://github.com/acme/support-data/actions/runs/42",
    ...extra,
  };
}

const a = claudeRecord("How do I reset my password?", "ROUTE: account");
const b = claudeRecord("My card was charged twice", "ROUTE: billing");
const c = claudeRecord("The app crashes on start", "ROUTE: tech");
const bChanged = claudeRecord("My card was charged twice", "ROUTE: refunds");
const d = claudeRecord("Where is my parcel?", "ROUTE: shipping");

describe("the PR comment", () => {
  it("says per model what changed, the figures base vs head, the problems and what merging starts", async () => {
    const model = await reviewedModel(lines(a, b, c), lines(a, bChanged, d, "{broken"));
    const body = renderPrComment(input([model]));
    expect(body.startsWith("<!-- tunegate:validate -->\n")).toBe(true);
    expect(body).toContain("## ❌ tunegate: 1 error, 0 warnings: not ready to merge");
    expect(body).toContain("### ❌ `support-router` · Claude 3 Haiku · us\\-west\\-2");
    // Figures: records 3 -> 4 (the broken line counts as a record), cost with the epoch change.
    expect(body).toMatch(/\| Training records \| 3 \| 4 \| \+1 \(\+33\.3%\) \|/);
    expect(body).toMatch(
      /\| Estimated training cost \(2 → 3 epochs\) \| under \$0\.01 \| under \$0\.01 \| \$0\.00 \|/,
    );
    expect(body).toContain("Setting changed\\: hyperparameters\\.epochCount\\: 2 → 3");
    // The diff row: 1 added, 1 removed, 1 modified, 1 unchanged; the broken record is not compared.
    expect(body).toContain(
      `| [data/train\\.jsonl](https://github.com/acme/support-data/blob/${HEAD}/data/train.jsonl) (1 unreadable, not compared) | train | changed | 3 → 4 | +1 | −1 | ~1 | 1 |`,
    );
    // Labels: billing left, refunds and shipping arrived.
    expect(body).toContain("#### Labels in `data/train.jsonl`");
    expect(body).toMatch(/\| `billing` \| 1 \| 0 \| −1 \| 33\.3% → 0\.0% \|/);
    // Problems with links to the PR head.
    expect(body).toContain("#### Problems in `support-router`");
    expect(body).toContain(
      `| ❌ error | \`json/invalid\` | [data/train\\.jsonl\\:4](https://github.com/acme/support-data/blob/${HEAD}/data/train.jsonl#L4) |`,
    );
    // Samples: the modified reply before and after, the added record, the removed record.
    expect(body).toContain("<summary>1 modified record in data/train.jsonl</summary>");
    expect(body).toMatch(/_Reply before \(base line 2\)_\n```text\nROUTE: billing\n```/);
    expect(body).toMatch(/_Reply after_\n```text\nROUTE: refunds\n```/);
    expect(body).toContain("<summary>1 added record in data/train.jsonl</summary>");
    expect(body).toMatch(/_user_\n```text\nWhere is my parcel\?\n```/);
    expect(body).toContain("<summary>1 removed record in data/train.jsonl</summary>");
    // On merge.
    expect(body).toContain("#### On merge");
    expect(body).toContain("| Region | us\\-west\\-2 |");
    expect(body).toContain("`epochCount=3` (changed)");
    expect(body).toContain("`s3://acme-training/tunegate/support-router/abc/train.jsonl`");
    expect(body).toContain("| Job name | `tunegate-support-router-<merge commit>-0123456789ab` |");
    expect(markdownProblems(body)).toEqual([]);
  });

  it("is deterministic, so an unchanged review does not edit the comment", async () => {
    const model = await reviewedModel(lines(a, b), lines(a, bChanged));
    expect(renderPrComment(input([model]))).toBe(renderPrComment(input([model])));
  });

  it("passes with warnings unless fail-on is warning, and never fails with fail-on never", async () => {
    const model = await reviewedModel(lines(a, b), lines(a, b, d), {
      counts: { errors: 0, warnings: 2, notices: 0 },
    });
    expect(renderPrComment(input([model]))).toContain(
      "## ⚠️ tunegate: 0 errors, 2 warnings, nothing that fails the check",
    );
    expect(renderPrComment(input([model], { failOn: "warning" }))).toContain(
      "## ❌ tunegate: 0 errors, 2 warnings: not ready",
    );
    expect(reviewFails({ errors: 3, warnings: 0, notices: 0 }, "never")).toBe(false);
    const clean = await reviewedModel(lines(a), lines(a, b));
    expect(renderPrComment(input([clean]))).toContain("## ✅ tunegate: the datasets are ready to merge");
  });

  it("says why merging starts no job", async () => {
    const blocked = await reviewedModel(lines(a), lines(a, "{"), {
      onMerge: {
        kind: "blocked",
        reasons: ["data/train.jsonl has 1 error: the train action does not upload data with errors."],
      },
    });
    const none = await reviewedModel(lines(a), lines(a), {
      onMerge: { kind: "none", reason: "none of its datasets or settings changed." },
    });
    const body = renderPrComment(input([blocked, none]));
    expect(body).toContain(
      "No training job would start for `support-router`:\n\n- data/train\\.jsonl has 1 error",
    );
    expect(body).toContain("No training job: none of its datasets or settings changed\\.");
  });

  it("trims the problems table to fit and points at the job summary", async () => {
    const many: Problem[] = Array.from({ length: 3000 }, (_, i) => ({
      rule: i % 2 ? "claude/roles-alternate" : "json/invalid",
      severity: "error",
      file: "data/train.jsonl",
      line: i + 1,
      column: 1,
      path: "messages[1].role",
      message: `Problem number ${i} with a message long enough to take room ${"x".repeat(200)}`,
      hint: "Fix it.",
    }));
    const model = await reviewedModel(lines(a), lines(a, b), {
      problems: many,
      unlisted: 500,
      counts: { errors: 3500, warnings: 0, notices: 0 },
    });
    const body = renderPrComment(input([model]), { problemRows: 3000 });
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_SIZE);
    expect(body).toMatch(
      /Showing the [\d,]+ most important of 3,500 problems\. [\d,]+ more are not listed here; the job summary of \[this run\]\(https:\/\/github\.com\/acme\/support-data\/actions\/runs\/42\) has the full report\./,
    );
    expect(body).toContain("_Some details were trimmed to fit; the job summary");
    expect(body).toContain("#### On merge");
    expect(markdownProblems(body)).toEqual([]);
    // The job summary has room for every listed problem, with hints.
    const short = { ...model, problems: many.map((p) => ({ ...p, message: "Short." })) };
    const summary = renderReviewSummary(input([short]));
    expect(summary).toContain("| How to fix |");
    expect(summary.match(/\| ❌ error \|/g)!.length).toBe(3000);
    expect(summary).toContain("500 more are not listed here.");
    // And stays under 1 MiB of UTF-8 when they do not fit.
    const long = renderReviewSummary(input([model]));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(1_048_576);
    expect(Buffer.byteLength(long)).toBeGreaterThan(900_000);
    expect(markdownProblems(long)).toEqual([]);
  });

  it("renders a review of no models", () => {
    const body = renderPrComment(input([], { untouchedModels: ["other-model"] }));
    expect(body).toContain("## ✅ tunegate: no dataset changes to review");
    expect(body).toContain("Not affected by this pull request: `other-model`");
  });
});

// ---------------------------------------------------------------------------------------------------

const HOSTILE = [
  "<script>alert(1)</script>",
  "</details>",
  "</summary>",
  "<img src=x onerror=alert(1)>",
  "@org/team",
  "#1",
  "acme/other#42",
  "GH-123",
  "| a | b |",
  "\\|",
  "```",
  "~~~",
  "`",
  "[x](javascript:alert(1))",
  "https://evil.example",
  "www.evil.example",
  "\n",
  "\r\n",
  "\u202e",
  "😀",
  "\ud83d",
  "---",
  "<!-- tunegate:validate -->",
  "&amp;",
  "x",
];
const hostile = (max: number) =>
  fc.array(fc.constantFrom(...HOSTILE), { maxLength: max }).map((parts) => parts.join(""));

function hostileDiff(path: string, texts: string[], long: string): DatasetDiff {
  const sample = (line: number) => ({
    line,
    system: texts[0] ?? "",
    systemTruncated: false,
    turns: [
      { role: texts[1] ?? "user", text: `${texts[2] ?? ""}${long}`, media: 0, truncated: false },
      { role: "assistant", text: texts[3] ?? "", media: 1, truncated: false },
    ],
    omittedTurns: 3,
  });
  const side = {
    records: 10,
    bytes: 1000,
    tokens: { value: 500, exact: false, method: "m" },
    counts: { errors: 1, warnings: 0, notices: 0 },
  };
  return {
    path,
    role: "train",
    change: "modified",
    base: side,
    head: side,
    records: {
      added: 5,
      removed: 4,
      modified: 3,
      unchanged: 2,
      compared: { base: 9, head: 10 },
      samples: {
        added: [sample(1), sample(2), sample(3)],
        modified: [{ head: sample(4), base: sample(5), changed: ["system", "reply"] }],
        removed: [sample(6)],
      },
    },
    labels: {
      rows: texts.map((t, i) => ({
        label: t,
        base: i,
        head: i + 1,
        delta: 1,
        baseShare: 0.1,
        headShare: 0.2,
      })),
      unlabeled: { base: 1, head: 2 },
    },
  };
}

describe("the PR comment on hostile input", () => {
  it("stays under 65,536 characters with every block intact and nothing live", () => {
    fc.assert(
      fc.property(
        fc.array(hostile(8), { minLength: 4, maxLength: 8 }),
        hostile(4),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom(0, 5_000, 1_000_000),
        (texts, name, models, problemCount, longChars) => {
          const long = "L".repeat(longChars);
          const reviewed: ReviewedModel[] = Array.from({ length: models }, (_, m) => ({
            name: `${name}${m}`,
            baseModel: m % 2 ? HAIKU : NOVA_MICRO,
            region: texts[0]!,
            counts: { errors: problemCount, warnings: 1, notices: 0 },
            problems: Array.from({ length: problemCount }, (_, i) => ({
              rule: `json/${texts[i % texts.length]}`,
              severity: "error" as const,
              file: `${texts[1]}/${i}.jsonl`,
              line: i + 1,
              column: 1,
              path: texts[2]!,
              message: `${texts[3]}${long.slice(0, 2000)}`,
              hint: texts[0]!,
            })),
            unlisted: 3,
            datasets: [
              hostileDiff(`${texts[0]}.jsonl`, texts, long),
              hostileDiff("plain.jsonl", texts, long),
            ],
            cost: {
              base: estimateTrainingCost(HAIKU, { value: 10, exact: true, method: "" }, 1),
              head: estimateTrainingCost(HAIKU, { value: 20, exact: true, method: "" }, 2),
            },
            settingChanges: texts,
            notes: [texts[1]!],
            onMerge:
              m % 2
                ? { kind: "blocked", reasons: texts }
                : {
                    kind: "train",
                    hyperparameters: { [texts[2]!]: texts[3]! },
                    uploads: [{ role: "train", uri: texts[1]! }],
                    jobName: texts[0]!,
                  },
          }));
          const body = renderPrComment(
            input(reviewed, {
              untouchedModels: texts,
              notes: texts,
              runUrl: `https://github.com/${texts[0]}`,
            }),
          );
          expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_SIZE);
          expect(body.startsWith("<!-- tunegate:validate -->\n")).toBe(true);
          expect(body.split("<!-- tunegate:validate -->").length).toBe(2);
          expect(markdownProblems(body)).toEqual([]);
          expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(body)).toBe(
            false,
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
