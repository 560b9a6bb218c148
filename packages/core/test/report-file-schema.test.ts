import { describe, expect, it } from "vitest";
import { type ReportFile, reportFileSchema } from "../src/index";

const head = "a".repeat(40);

describe("reportFileSchema", () => {
  it("reads back what the validate action writes", () => {
    const written: ReportFile = {
      version: 1,
      tool: "tunegate validate",
      toolVersion: "0.1.0",
      repository: "o/r",
      headSha: head,
      baseSha: "b".repeat(40),
      pullRequest: 4,
      markdownFile: "tunegate-report.md",
      valid: false,
      failOn: "error",
      counts: { errors: 1, warnings: 0, notices: 0 },
      comment: { action: "updated", url: "https://github.example/o/r/pull/4#c1" },
      models: [
        {
          name: "router",
          baseModel: "amazon.nova-lite-v1:0:300k",
          region: "us-east-1",
          counts: { errors: 1, warnings: 0, notices: 0 },
          datasets: [
            {
              path: "data/train.jsonl",
              role: "train",
              change: "modified",
              base: null,
              head: { records: 3, tokens: 120, bytes: 900 },
              records: { added: 1, removed: 0, modified: 0, unchanged: 2 },
              labels: null,
            },
          ],
          cost: {
            base: null,
            head: { epochs: 2, trainingTokens: 120, billedTokens: 240, estimated: true, usd: null },
          },
          settingChanges: [],
          onMerge: { kind: "blocked", reasons: ["errors in the data"] },
        },
      ],
      untouchedModels: [],
      problems: [],
    };
    const parsed = reportFileSchema.parse(JSON.parse(JSON.stringify(written)));
    expect(parsed.headSha).toBe(head);
    expect(parsed.models?.[0]?.datasets[0]?.head?.records).toBe(3);
  });

  it("names every field a hostile file gets wrong", () => {
    const parsed = reportFileSchema.safeParse({
      headSha: "HEAD; rm -rf /",
      markdownFile: "../x",
      valid: "yes",
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["headSha", "markdownFile", "valid"]));
  });
});
