import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  measureRequestSize,
  parseConfig,
  renderPrComment,
  renderTrainingComment,
  servingCostLine,
  servingOfTrainingData,
} from "../src/index";
import { io, reviewModel } from "./engine";
import { claudeLines, claudeRecord } from "./support";

const root = mkdtempSync(join(tmpdir(), "tunegate-serving-comments-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const HEAD = "0123456789abcdef0123456789abcdef01234567";
const SYSTEM = `You route support tickets. ${"Answer with ROUTE: and a queue name. ".repeat(20)}`;
const train = join(root, "train.jsonl");
writeFileSync(
  train,
  claudeLines(40, (i) => claudeRecord(`ticket ${i}: my card was charged twice`, "ROUTE: billing", SYSTEM)),
);

const config = (base: string) =>
  parseConfig(
    `version: 1
models:
  router:
    baseModel: ${base}
    region: ${base.startsWith("amazon") ? "us-east-1" : "us-west-2"}
    training: train.jsonl
    s3: { bucket: acme-training }
    roleArn: arn:aws:iam::123456789012:role/BedrockFineTuning
    allowLegacyBase: true
`,
    { path: "tunegate.yml", root },
  ).config.models[0]!;

const sha256File = async (path: string) => {
  const bytes = readFileSync(path);
  return { sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length };
};

async function prComment(model: ReturnType<typeof config>) {
  const { reviewed } = await reviewModel({
    head: model,
    files: [{ name: "train.jsonl", role: "train", head: train, changed: true }],
    commit: HEAD,
    repository: "acme/support-data",
    pullRequest: 7,
    sha256File,
  });
  return renderPrComment({
    marker: "<!-- m -->",
    repository: "acme/support-data",
    headSha: HEAD,
    failOn: "error",
    models: [reviewed],
  });
}

async function reportComment(model: ReturnType<typeof config>) {
  const serving = await servingOfTrainingData(train, model.baseModel, io);
  return renderTrainingComment({
    marker: "<!-- t -->",
    modelName: "router",
    baseModel: model.baseModel,
    job: {
      jobName: "job",
      jobArn: "arn:aws:bedrock:us-west-2:123456789012:model-customization-job/x",
      status: "Completed",
    },
    ...(serving ? { serving } : {}),
  });
}

describe("the serving figures of the model's own data", () => {
  it("are the same line in the On merge section and in the training report", async () => {
    const model = config("anthropic.claude-3-haiku-20240307-v1:0:200k");
    const [pr, report] = await Promise.all([prComment(model), reportComment(model)]);
    const row = pr.match(/^\| Serving \| (.+) \|$/m)?.[1];
    const section = report.match(/#### Serving cost\n\n(.+)/)?.[1];
    expect(row, pr).toBeDefined();
    expect(row).toBe(section);

    // The figures are Claude 3 Haiku's catalog prices over the data's measured request:
    // cached = ((input - system) x $0.25 + system x $0.025 + output x $1.25) / 1M.
    const r = await measureRequestSize(train, model.baseModel, io);
    expect(r.systemTokens).toBeGreaterThan(100);
    const cached =
      ((r.inputTokens - r.systemTokens) * 0.25 + r.systemTokens * 0.025 + r.outputTokens * 1.25) / 1e6;
    const onDemand = (r.inputTokens * 0.25 + r.outputTokens * 1.25) / 1e6;
    expect(row).toContain(`Prompt caching (Claude 3 Haiku) $${cached.toPrecision(3)} per request`);
    expect(row).toContain(`the base model on demand $${onDemand.toPrecision(3)} per request`);
    expect(row).toContain(
      `${r.inputTokens} input tokens, ${r.systemTokens} of them a cacheable system prompt, and ${r.outputTokens} output tokens`,
    );
    expect(row).toContain(
      "Not compared (no price, or not offered for this base model): the custom model on demand, Provisioned Throughput.",
    );
  });

  it("are left out of both when the catalog prices no way of serving the model", async () => {
    const model = config("amazon.nova-lite-v1:0:300k");
    expect(await servingOfTrainingData(train, model.baseModel, io)).toBeUndefined();
    const [pr, report] = await Promise.all([prComment(model), reportComment(model)]);
    expect(pr).toContain("#### On merge");
    expect(pr).not.toContain("| Serving |");
    expect(report).not.toContain("Serving cost");
  });

  it("says nothing for a comparison with no priced option", () => {
    expect(
      servingCostLine({
        workload: {
          requestsPerSecond: 1,
          hoursPerDay: 24,
          inputTokens: 1,
          outputTokens: 1,
          cachedTokens: 0,
          requestsPerMonth: 1,
        },
        unitRequestsPerSecond: { value: 80, source: "s" },
        options: [{ id: "base", label: "b", available: false, reason: "no price" }],
        breakEvens: [],
        cheapestByLoad: [],
      }),
    ).toBeUndefined();
  });
});
