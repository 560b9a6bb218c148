// The committed bundle evaluating a large held-out set through Bedrock batch inference, as the runner
// runs it, against s3rver, the Bedrock and Runtime stand-ins (one responder for both) and the GitHub
// stand-in. With batch-wait-minutes 0 the first run submits the batch job and says to re-run; once the
// stand-in's clock has run the job, the re-run scores its results without submitting a second one; and
// the figures in the comment are byte for byte those of one Converse call per case on the same answers.
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { GetModelInvocationJobCommand, ListModelInvocationJobsCommand } from "@aws-sdk/client-bedrock";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { ConverseCall } from "@tunegate/bedrock-local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BATCH_DURATION_MS,
  BUCKET,
  configYaml,
  createJob,
  dataset,
  getText,
  mergedPullRequest,
  OWNER,
  REPO,
  record,
  runReport,
  sha,
  startWorld,
  type World,
  writeWorkspace,
} from "./support";

const CASES = 300; // above AWS's minimum of 100 records per batch job
const TARGET = "amazon.nova-lite-v1:0"; // the catalog lists batch inference for Nova Lite on demand
const JOB = "tunegate-router-batch1";
const PR = 31;
const EVAL_SET = `${Array.from({ length: CASES }, (_, i) => record(`ticket ${i}`, `ROUTE: q${i % 3}`)).join("\n")}\n`;

/** One answer per ticket, whichever path asks: every 7th a wrong label, every 11th none at all. */
function respond(call: ConverseCall) {
  const n = Number(/^ticket (\d+)$/.exec(call.messages.at(-1)?.text ?? "")?.[1]);
  if (!Number.isInteger(n)) throw new Error("unexpected prompt");
  const text = n % 7 === 0 ? "ROUTE: q9" : n % 11 === 0 ? "no idea" : `ROUTE: q${n % 3}`;
  return { text, inputTokens: 10 + (n % 50), outputTokens: 2 + (n % 3), latencyMs: 20 + n };
}

let world: World;

beforeAll(async () => {
  world = await startWorld();
  mkdirSync(join(world.workspace, "data"), { recursive: true });
  writeWorkspace(world, {
    "tunegate.yml": configYaml(),
    "eval.jsonl": EVAL_SET,
    "data/train.jsonl": dataset(64),
    "data/validation.jsonl": dataset(32, 1000),
  });
  world.respond.current = respond;
  mergedPullRequest(world, PR, "support-router", JOB);
  await createJob(world, { name: JOB, model: "support-router", pr: PR, commit: sha(PR * 10 + 2) });
  await world.bedrock.advance(60 * 60_000); // the customization job completes
});

afterAll(() => world?.close());

const body = () => world.github.comments(OWNER, REPO, PR)[0]!.body;
const creates = () => world.bedrock.requests().filter((r) => r.operation === "CreateModelInvocationJob");
const report = (batchAbove: string) =>
  runReport(world, {
    jobs: JOB,
    eval: "true",
    "target-model": TARGET,
    "batch-above": batchAbove,
    "batch-wait-minutes": "0",
  });

/** The comment's text with its Markdown escapes removed (job names show as `tunegate\-eval\-...`). */
const plain = (markdown: string) => markdown.replace(/\\(.)/g, "$1");

/** The comment's evaluation sections: figures, per-label table, confusion matrix, to the next heading. */
function evaluationFigures(comment: string): string {
  const start = comment.indexOf("#### Evaluation\n\n|");
  expect(start).toBeGreaterThanOrEqual(0);
  const next = comment.indexOf("\n#### ", start + 1);
  const section = comment.slice(start, next === -1 ? undefined : next);
  expect(section).toContain("Per-label precision and recall");
  expect(section).toContain("Confusion matrix");
  return section;
}

describe("an evaluation of 300 records through batch inference", () => {
  let batchFigures: string;
  let batchArn: string;

  it("submits one batch job, uploads the records content-addressed, and says to re-run", async () => {
    const conversesBefore = world.runtime.requests().length;
    const run = await report("200");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(world.runtime.requests().length).toBe(conversesBefore); // no Converse call at all

    expect(creates()).toHaveLength(1);
    const input = creates()[0]!.input as {
      jobName: string;
      modelId: string;
      modelInvocationType: string;
      inputDataConfig: { s3InputDataConfig: { s3Uri: string } };
    };
    expect(input.modelId).toBe(TARGET);
    expect(input.modelInvocationType).toBe("Converse");

    const listed = await world.s3client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "tunegate/support-router/evaluation/" }),
    );
    const keys = (listed.Contents ?? []).map((o) => o.Key!);
    expect(keys).toHaveLength(1);
    const key = /^tunegate\/support-router\/evaluation\/([0-9a-f]{64})\/records\.jsonl$/.exec(keys[0]!);
    expect(key).not.toBeNull();
    const records = await getText(world.s3client, keys[0]!);
    expect(createHash("sha256").update(records).digest("hex")).toBe(key![1]);
    expect(input.inputDataConfig.s3InputDataConfig.s3Uri).toBe(`s3://${BUCKET}/${keys[0]}`);
    const lines = records.trimEnd().split("\n");
    expect(lines).toHaveLength(CASES);
    const first = JSON.parse(lines[0]!) as { recordId: string; modelInput: { messages: unknown[] } };
    expect(first.modelInput.messages).toEqual([{ role: "user", content: [{ text: "ticket 0" }] }]);

    const jobs = await world.control.send(new ListModelInvocationJobsCommand({}));
    expect(jobs.invocationJobSummaries?.map((j) => j.jobName)).toEqual([input.jobName]);
    batchArn = jobs.invocationJobSummaries![0]!.jobArn!;
    const said = plain(body());
    expect(said).toContain(
      `#### Evaluation\n\nNot run: not scored yet: the batch inference job ${input.jobName} (${batchArn}) is `,
    );
    expect(said).toMatch(
      /\) is (Submitted|Validating|InProgress)( \(0 of 300 records\))?; run the report again once it has ended to score it \(the same job is found, nothing is paid twice\)/,
    );
    expect(run.stdout).toContain(`Batch inference job ${input.jobName} submitted for ${TARGET}.`);
  });

  it("a re-run after the job ended reads its results and scores them, submitting nothing", async () => {
    await world.bedrock.idle(); // the job has read its records and is running on the clock
    await world.bedrock.advance(BATCH_DURATION_MS); // resolves once the results are written
    const ended = await world.control.send(new GetModelInvocationJobCommand({ jobIdentifier: batchArn }));
    expect(ended.status).toBe("Completed");

    const conversesBefore = world.runtime.requests().length;
    const run = await report("200");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(creates()).toHaveLength(1);
    expect(world.runtime.requests().length).toBe(conversesBefore);
    expect(run.stdout).toContain(
      `${CASES} records already in s3://${BUCKET}/tunegate/support-router/evaluation/`,
    );
    expect(run.stdout).toContain(`(Completed): not submitted again.`);
    expect(run.stdout).toContain(`Completed: ${CASES} results read.`);

    // By hand: of tickets 0..299, 43 are multiples of 7 (q9), 28 of 11 (no label), 4 of both: 67 wrong.
    expect(body()).toContain("| Cases (answered) | 300 (300) |");
    expect(body()).toContain("| Accuracy | 77.7% (233/300) |");
    expect(body()).toContain("| Exact match | 77.7% (233/300) |");
    // Tokens: 6 × (50 × 10 + 0+…+49) in, 100 × (2+3+4) out.
    expect(body()).toContain("| Tokens in / out | 10,350 / 900 |");
    // Recall per reference label: q0 misses 23 of 100 (multiples of 21 or 33), q1 and q2 miss 22.
    expect(body()).toContain("| q0 | 100 | 100.0% | 77.0% |");
    expect(body()).toContain("| q1 | 100 | 100.0% | 78.0% |");
    expect(body()).toContain("| q2 | 100 | 100.0% | 78.0% |");
    // q0's 23 misses: 15 multiples of 21 answered q9, 8 more multiples of 33 answered without a label.
    expect(body()).toContain("| q0 | 77 | 0 | 0 | 8 | 15 |");
    expect(body()).toContain("| q1 | 0 | 78 | 0 | 8 | 14 |");
    expect(body()).toContain("| q2 | 0 | 0 | 78 | 8 | 14 |");
    // Latencies 20 to 319 ms, one per ticket, as Bedrock reported them in the results.
    expect(body()).toContain("| Latency p50 / p95 | 169 ms / 304 ms |");
    batchFigures = evaluationFigures(body());
  });

  it("scores exactly like one Converse call per case on the same answers", async () => {
    expect(batchFigures).toBeDefined();
    const conversesBefore = world.runtime.requests().length;
    const run = await report("never");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(creates()).toHaveLength(1);
    const calls = world.runtime.requests().slice(conversesBefore);
    expect(calls).toHaveLength(CASES);
    expect(calls.every((c) => c.input?.modelId === TARGET)).toBe(true);
    expect(evaluationFigures(body())).toBe(batchFigures);
    expect(world.github.violations()).toEqual([]);
  });
});
