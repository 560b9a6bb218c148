import { describe, expect, it } from "vitest";
import {
  type ReviewedModel,
  renderPrComment,
  renderReviewSummary,
  toDiffText,
  toJsonReport,
  toPretty,
  toSarif,
  toStatsJson,
  toStatsText,
  toWorkflowCommands,
} from "../src/index";
import { diffDatasets } from "./engine";
import { SECRET_SAMPLES, secretPart } from "./secret-samples";
import { claudeRecord, HAIKU, tempFile } from "./support";

// A pull request that adds records holding every credential format where the outputs show dataset text:
// the user turn and system prompt (record samples), the reply (the label and the modified-record diff),
// a value quoted in a message (an unknown key's value is not scanned as text, but is shown) and a key
// name (a problem's path).
const lines = (records: readonly string[]) => `${records.join("\n")}\n`;
const plain = Array.from({ length: 12 }, (_, i) => claudeRecord(`ticket ${i}`, `ROUTE: q${i % 3}`));
const baseRecords = [...plain, claudeRecord("my login fails", "ROUTE: account")];
const headRecords = [
  ...plain,
  ...SECRET_SAMPLES.flatMap(([, text], i) => [
    JSON.stringify({
      system: `Support bot. Internal: ${text}`,
      messages: [
        { role: "user", content: `case ${i}: please use ${text} to log in` },
        { role: "assistant", content: `ROUTE: ${text}` },
      ],
    }),
    JSON.stringify({
      messages: [
        { role: "user", content: `case ${i} again` },
        { role: "assistant", content: "ROUTE: q1" },
      ],
      [`k ${text}`]: text.slice(0, 200),
    }),
  ]),
  claudeRecord("my login fails", `ROUTE: ${SECRET_SAMPLES[0]![1]}`),
];

function expectNoSecret(output: string, where: string) {
  for (const [kind, text] of SECRET_SAMPLES) {
    expect(output.includes(secretPart(text)), `${kind} (${secretPart(text)}) in the ${where}`).toBe(false);
  }
}

describe("no output shows a secret from a dataset", async () => {
  const review = await diffDatasets(
    [
      {
        name: "data/train.jsonl",
        role: "train",
        base: tempFile(lines(baseRecords)),
        head: tempFile(lines(headRecords)),
        changed: true,
      },
    ],
    {
      samples: 100,
      validate: {
        model: HAIKU,
        labelPattern: "^ROUTE: (.+)",
        severities: { "dataset/too-few-records": "off" },
        maxProblemsPerFile: 10_000,
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
    cost: {},
    settingChanges: [],
    onMerge: { kind: "none", reason: "the configuration starts no training here" },
  };
  const input = {
    marker: "<!-- tunegate:validate -->",
    repository: "acme/support-data",
    headSha: "0123456789abcdef0123456789abcdef01234567",
    baseSha: "fedcba9876543210fedcba9876543210fedcba98",
    pullRequest: 7,
    failOn: "error" as const,
    models: [model],
    runUrl: "https://github.com/acme/support-data/actions/runs/42",
  };

  it("the review found every secret (so the outputs had something to leak)", () => {
    const lines = new Set(file.problems.filter((p) => p.rule === "sensitive/secret").map((p) => p.line));
    expect(lines.size).toBe(SECRET_SAMPLES.length + 1);
    // The samples are there, masked: the comment shows the added records and the modified reply.
    const samples = review.diffs[0]!.records!.samples;
    expect(samples.added.length).toBeGreaterThan(SECRET_SAMPLES.length);
    expect(samples.modified).toHaveLength(1);
    expect(JSON.stringify(samples)).toContain("AKIA****************");
  });

  it("the PR comment: record samples, the modified-record diff, labels and problems", () => {
    const body = renderPrComment(input, { maxSize: 1_000_000, problemRows: 1_000 });
    expect(body).toContain("AKIA\\*\\*\\*\\*");
    expectNoSecret(body, "PR comment");
  });

  it("the job summary", () => {
    expectNoSecret(renderReviewSummary(input, { maxSize: 1_000_000, problemRows: 1_000 }), "job summary");
  });

  it("annotations (the log's workflow commands)", () => {
    expectNoSecret(toWorkflowCommands(file.problems, { limitPerSeverity: 1000 }).join("\n"), "annotations");
  });

  it("the CLI's pretty, json and SARIF reports", () => {
    const report = review.head;
    expectNoSecret(toPretty(report, { color: false }), "pretty report");
    expectNoSecret(JSON.stringify(toJsonReport(report)), "JSON report");
    expectNoSecret(JSON.stringify(toSarif(report, { toolVersion: "0.0.0" })), "SARIF");
  });

  it("the CLI's diff and stats", () => {
    expectNoSecret(toDiffText(review.diffs[0]!, { sampleChars: 100_000 }), "diff");
    expectNoSecret(toStatsText(file.stats, { model: HAIKU, epochs: 2 }), "stats");
    expectNoSecret(JSON.stringify(toStatsJson(file.stats, { model: HAIKU, epochs: 2 })), "stats JSON");
  });
});
