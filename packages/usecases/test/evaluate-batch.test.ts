// The evaluation through Bedrock batch inference, against s3rver and the Bedrock and Runtime
// stand-ins answering with one responder: it must score exactly as one Converse call per case does,
// and a re-run must find the batch job it submitted instead of paying for a second one.
import { BedrockClient, ListModelInvocationJobsCommand } from "@aws-sdk/client-bedrock";
import { S3Client } from "@aws-sdk/client-s3";
import { createBedrockRuntimeClient } from "@tunegate/aws";
import {
  type BedrockRuntimeStandIn,
  type BedrockStandIn,
  type ConverseCall,
  startBedrockRuntimeStandIn,
  startBedrockStandIn,
} from "@tunegate/bedrock-local";
import { type EvalCase, type EvalResults, resolveCatalog } from "@tunegate/core";
import { type LocalS3, startS3 } from "@tunegate/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BatchEvaluationOptions, BatchPendingError, evaluateModel } from "../src/index";

const BUCKET = "tunegate-data";
const NOVA_LITE_ON_DEMAND = "amazon.nova-lite-v1:0";
const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
const catalog = resolveCatalog();
const novaLite = catalog.get("amazon.nova-lite-v1:0:300k");

let s3: LocalS3;
let bedrock: BedrockStandIn;
let runtime: BedrockRuntimeStandIn;
let control: BedrockClient;
let s3client: S3Client;

/** One answer per ticket number, whichever path asks: some right, some wrong, some without a label. */
function respond(call: ConverseCall) {
  const n = Number(/ticket (\d+)/.exec(call.messages.at(-1)?.text ?? "")?.[1]);
  const text = n % 7 === 0 ? "ROUTE: q9" : n % 11 === 0 ? "no idea" : `ROUTE: q${n % 3}`;
  return { text, inputTokens: 10 + (n % 50), outputTokens: 2 + (n % 3), latencyMs: 20 + (n % 300) };
}

const cases: EvalCase[] = Array.from({ length: 5000 }, (_, i) => ({
  id: String(i + 1),
  line: i + 1,
  system: "Route the support ticket.",
  messages: [{ role: "user", text: `ticket ${i}` }],
  reference: `ROUTE: q${i % 3}`,
}));

beforeAll(async () => {
  s3 = await startS3({ buckets: [BUCKET] });
  bedrock = await startBedrockStandIn({
    s3: { endpoint: s3.endpoint, credentials: CREDENTIALS },
    respond,
    batchDurationMs: 2 * 60 * 60_000,
  });
  runtime = await startBedrockRuntimeStandIn({ respond });
  control = new BedrockClient({ endpoint: bedrock.url, region: "us-west-2", credentials: CREDENTIALS });
  s3client = new S3Client({
    endpoint: s3.endpoint,
    region: "us-west-2",
    forcePathStyle: true,
    credentials: CREDENTIALS,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
});

afterAll(async () => {
  control?.destroy();
  s3client?.destroy();
  await runtime?.close();
  await bedrock?.close();
  await s3?.close();
});

/** The wait runs on the stand-in's virtual clock: each pause moves it forward. */
function batchOptions(timeoutMs: number): BatchEvaluationOptions {
  let now = 0;
  return {
    batchAbove: 1000,
    bucket: BUCKET,
    prefix: "tunegate/",
    roleArn: "arn:aws:iam::123456789012:role/tunegate-bedrock",
    tags: [{ key: "tunegate:model", value: "support-router" }],
    bedrock: control,
    s3: s3client,
    wait: {
      timeoutMs,
      intervalMs: 60_000,
      now: () => now,
      sleep: async (ms) => {
        now += ms;
        await bedrock.advance(ms);
      },
    },
  };
}

function evaluate(batch?: BatchEvaluationOptions): Promise<EvalResults> {
  return evaluateModel({
    cases,
    skipped: 0,
    datasetPath: "eval.jsonl",
    name: "support-router",
    target: NOVA_LITE_ON_DEMAND,
    baseModel: novaLite,
    catalog,
    labelPattern: "^ROUTE: (\\S+)",
    // Many calls in flight: the point is the figures, and the stand-in answers at once.
    concurrency: 64,
    runtime: () =>
      createBedrockRuntimeClient({ endpoint: runtime.url, region: "us-west-2", credentials: CREDENTIALS }),
    ...(batch ? { batch } : {}),
  });
}

const creates = () => bedrock.requests().filter((r) => r.operation === "CreateModelInvocationJob");

describe("an evaluation of 5,000 records", () => {
  let converse: EvalResults;

  beforeAll(async () => {
    converse = await evaluate();
  });

  it("goes through one batch job and scores exactly like one Converse call per case", async () => {
    const conversesBefore = runtime.requests().length;
    const batch = await evaluate(batchOptions(6 * 60 * 60_000));
    expect(runtime.requests().length).toBe(conversesBefore); // no Converse call at all
    expect(creates()).toHaveLength(1);
    expect(batch.target.summary).toEqual(converse.target.summary);
    expect(batch.target.cases).toEqual(converse.target.cases);
    // Figures computed by hand from the responder: 5000 cases, every 7th wrong (q9), every 11th unlabeled.
    const wrong = cases.filter((_, i) => i % 7 === 0 || i % 11 === 0).length;
    expect(batch.target.summary.exactMatch.matched).toBe(5000 - wrong);
    expect(batch.target.summary.classification?.accuracy).toBe((5000 - wrong) / 5000);
    expect(batch.target.summary.tokens).toEqual({
      input: cases.reduce((n, _, i) => n + 10 + (i % 50), 0),
      output: cases.reduce((n, _, i) => n + 2 + (i % 3), 0),
    });
  });

  it("a re-run finds the same batch job and submits nothing", async () => {
    const before = creates().length;
    const again = await evaluate(batchOptions(6 * 60 * 60_000));
    expect(creates().length).toBe(before);
    expect(again.target.summary).toEqual(converse.target.summary);
  });

  it("a job still running at the end of the wait is left running, and the next run scores it", async () => {
    const others = cases.map((c) => ({ ...c, reference: `${c.reference} ` })); // other records, other job
    const pending = evaluateModel({
      cases: others,
      skipped: 0,
      datasetPath: "eval.jsonl",
      name: "support-router",
      target: NOVA_LITE_ON_DEMAND,
      baseModel: novaLite,
      catalog,
      concurrency: 4,
      maxTokens: 64,
      runtime: () =>
        createBedrockRuntimeClient({ endpoint: runtime.url, region: "us-west-2", credentials: CREDENTIALS }),
      batch: batchOptions(30 * 60_000),
    });
    await expect(pending).rejects.toBeInstanceOf(BatchPendingError);
    const submitted = creates().length;
    const later = await evaluateModel({
      cases: others,
      skipped: 0,
      datasetPath: "eval.jsonl",
      name: "support-router",
      target: NOVA_LITE_ON_DEMAND,
      baseModel: novaLite,
      catalog,
      concurrency: 4,
      maxTokens: 64,
      runtime: () =>
        createBedrockRuntimeClient({ endpoint: runtime.url, region: "us-west-2", credentials: CREDENTIALS }),
      batch: batchOptions(6 * 60 * 60_000),
    });
    expect(creates().length).toBe(submitted);
    expect(later.target.summary.answered).toBe(5000);
  });

  it("a batch job that failed is submitted again as the next attempt, once", async () => {
    const others = cases.map((c) => ({ ...c, system: "Route the ticket, again." }));
    const run = (timeoutMs: number) =>
      evaluateModel({
        cases: others,
        skipped: 0,
        datasetPath: "eval.jsonl",
        name: "support-router",
        target: NOVA_LITE_ON_DEMAND,
        baseModel: novaLite,
        catalog,
        concurrency: 4,
        runtime: () =>
          createBedrockRuntimeClient({
            endpoint: runtime.url,
            region: "us-west-2",
            credentials: CREDENTIALS,
          }),
        batch: batchOptions(timeoutMs),
      });
    await expect(run(10 * 60_000)).rejects.toBeInstanceOf(BatchPendingError);
    const first = creates().at(-1)!.input!.jobName as string;
    const job = (await control.send(new ListModelInvocationJobsCommand({ nameContains: first })))
      .invocationJobSummaries![0]!;
    bedrock.failInvocationJob(job.jobArn!, "Service quota exceeded for batch inference jobs.");
    const before = creates().length;
    const scored = await run(6 * 60 * 60_000);
    expect(creates().length).toBe(before + 1);
    expect(creates().at(-1)!.input!.jobName).toBe(`${first}-a2`);
    expect(scored.target.summary.answered).toBe(5000);
  });

  it("a small set keeps the Converse path", async () => {
    const before = creates().length;
    const small = await evaluateModel({
      cases: cases.slice(0, 50),
      skipped: 0,
      datasetPath: "eval.jsonl",
      name: "support-router",
      target: NOVA_LITE_ON_DEMAND,
      baseModel: novaLite,
      catalog,
      concurrency: 4,
      runtime: () =>
        createBedrockRuntimeClient({ endpoint: runtime.url, region: "us-west-2", credentials: CREDENTIALS }),
      batch: batchOptions(60_000),
    });
    expect(creates().length).toBe(before);
    expect(small.target.summary.cases).toBe(50);
  });
});
