// The committed bundle, run on Node 24 as the runner runs it, against s3rver (behind a fault proxy), the
// Bedrock stand-in and the GitHub stand-in, on a real git repository whose main receives merge commits.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { passRoleDeniedMessage } from "@tunegate/bedrock-local";
import { trainCommentMarker } from "@tunegate/core";
import { s3 as match, SLOW_DOWN } from "@tunegate/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  BUCKET,
  config,
  lines,
  NOVA_2_LITE,
  NOVA_LITE,
  OWNER,
  REPO,
  ROLE_ARN,
  sha256,
  startWorld,
  type World,
} from "./support";

const TRAIN = "datasets/support-router/train.jsonl";
const VALIDATION = "datasets/support-router/validation.jsonl";
const SUPPORT = {
  training: TRAIN,
  validation: VALIDATION,
  extra: "    hyperparameters:\n      epochCount: 3\n",
};

interface JobOutput {
  model: string;
  jobArn: string;
  jobName: string;
  customModelName: string;
  trainingS3Uri: string;
  validationS3Uri: string | null;
  status: string;
  created: boolean;
}

let world: World;
let validationText: string;

beforeAll(async () => {
  validationText = lines(32, " (held out)");
  world = await startWorld({
    "tunegate.yml": config({ "support-router": SUPPORT }),
    [TRAIN]: lines(40),
    [VALIDATION]: validationText,
    "README.md": "Support datasets\n",
  });
});

afterAll(async () => {
  await world?.close();
});

beforeEach(() => {
  world.proxy.reset();
  world.bedrock.clearFaults();
  world.github.clearFaults();
});

const jobsOf = (outputs: Record<string, string>) => JSON.parse(outputs.jobs ?? "null") as JobOutput[];
const uri = (sha: string, role: string) => `s3://${BUCKET}/tunegate/support-router/${sha}/${role}.jsonl`;
const puts = () => world.proxy.requests.filter((r) => match.putObject()(r));
const comments = (pr: number) => world.github.comments(OWNER, REPO, pr);

describe("tunegate train action", () => {
  let first: JobOutput;
  let firstSha: string;
  const trainText = lines(48);

  it("a merged pull request starts one job, with exactly the expected request", async () => {
    const { merge, before } = world.mergePullRequest(7, { [TRAIN]: trainText });
    firstSha = merge;
    const run = await world.run({ sha: merge, before });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);

    const creates = world.bedrockCalls("CreateModelCustomizationJob");
    expect(creates).toHaveLength(1);
    const sent = creates[0]!.input as Record<string, unknown>;
    const name = sent.jobName as string;
    expect(name).toMatch(new RegExp(`^tunegate-support-router-${merge.slice(0, 7)}-[0-9a-f]{12}$`));
    const tags = [
      { key: "team", value: "support" },
      { key: "tunegate:repository", value: "acme/data" },
      { key: "tunegate:commit", value: merge },
      { key: "tunegate:pull-request", value: "7" },
      { key: "tunegate:model", value: "support-router" },
      { key: "tunegate:dataset-sha256", value: sha256(trainText) },
      { key: "tunegate:validation-sha256", value: sha256(validationText) },
      { key: "tunegate:training-key", value: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ];
    expect(sent).toEqual({
      jobName: name,
      customModelName: name,
      roleArn: ROLE_ARN,
      clientRequestToken: expect.stringMatching(/^tunegate-[0-9a-f]{40}-[0-9a-f]{16}$/),
      baseModelIdentifier: NOVA_LITE,
      customizationType: "FINE_TUNING",
      jobTags: tags,
      customModelTags: tags,
      trainingDataConfig: { s3Uri: uri(sha256(trainText), "train") },
      validationDataConfig: { validators: [{ s3Uri: uri(sha256(validationText), "validation") }] },
      outputDataConfig: { s3Uri: `s3://${BUCKET}/tunegate/support-router/output/` },
      hyperParameters: { epochCount: "3" },
    });

    // Both files went up once, byte for byte, before the job was created.
    expect(puts().map((r) => [r.path, r.bodyBytes])).toEqual([
      [`/${BUCKET}/tunegate/support-router/${sha256(trainText)}/train.jsonl`, Buffer.byteLength(trainText)],
      [
        `/${BUCKET}/tunegate/support-router/${sha256(validationText)}/validation.jsonl`,
        Buffer.byteLength(validationText),
      ],
    ]);

    const jobs = jobsOf(run.outputs);
    expect(jobs).toEqual([
      {
        model: "support-router",
        jobArn: expect.stringMatching(/^arn:aws:bedrock:us-east-1:123456789012:model-customization-job\//),
        jobName: name,
        customModelName: name,
        trainingS3Uri: uri(sha256(trainText), "train"),
        validationS3Uri: uri(sha256(validationText), "validation"),
        status: "InProgress",
        created: true,
      },
    ]);
    expect(run.outputs["job-arns"]).toBe(jobs[0]!.jobArn);
    first = jobs[0]!;

    // One comment on the merged pull request, with the marker the report action finds.
    const posted = comments(7);
    expect(posted).toHaveLength(1);
    const body = posted[0]!.body;
    expect(body.startsWith(`<!-- tunegate:train model=support-router job=${name} -->\n`)).toBe(true);
    expect(body).toContain("Training started");
    expect(body).toContain(sha256(trainText));
    expect(body).toContain(uri(sha256(validationText), "validation"));
    expect(body).toMatch(/\| train \| `datasets\/support-router\/train\.jsonl` \| 48 \|/);
    expect(body).toContain("billed tokens");
    // The started job's estimate is calibrated with the tokenizer, though the run checked the data without.
    expect(body).toContain("calibrated with the cl100k\\_base tokenizer");
    // An active base model: no lifecycle warning anywhere.
    expect(body).not.toContain("end-of-life");
    expect(run.annotations.filter((a) => a.level === "warning")).toEqual([]);
    expect(run.summary).toContain(name);
    expect(world.github.violations()).toEqual([]);
  });

  it("a re-run reports the existing job: no request to S3, no second job, no second comment", async () => {
    const before = world.bedrockCalls("CreateModelCustomizationJob").length;
    const run = await world.run({ sha: firstSha, before: world.repo.git("rev-parse", `${firstSha}^1`) });
    expect(run.code).toBe(0);
    expect(world.bedrockCalls("CreateModelCustomizationJob")).toHaveLength(before);
    expect(world.proxy.requests).toEqual([]);
    const [again] = jobsOf(run.outputs);
    expect(again).toEqual({ ...first, created: false, status: "InProgress" });
    expect(comments(7)).toEqual([expect.objectContaining({ edits: 0 })]);
    expect(run.stdout).toContain("no second job started");
  });

  it("a changed dataset uploads only what changed, once", async () => {
    const validation = lines(33, " (held out, v2)");
    const { merge, before } = world.mergePullRequest(8, { [VALIDATION]: validation });
    const run = await world.run({ sha: merge, before });
    expect(run.code).toBe(0);
    // The training file is already there under its hash: checked with HEAD, not sent again.
    expect(puts().map((r) => [r.path, r.bodyBytes])).toEqual([
      [
        `/${BUCKET}/tunegate/support-router/${sha256(validation)}/validation.jsonl`,
        Buffer.byteLength(validation),
      ],
    ]);
    expect(world.proxy.bytesForwarded).toBe(Buffer.byteLength(validation));
    const [job] = jobsOf(run.outputs);
    expect(job).toMatchObject({ created: true, trainingS3Uri: first.trainingS3Uri });
    expect(job!.jobName).not.toBe(first.jobName);
    expect(comments(8)).toHaveLength(1);
  });

  it("retries S3's 503 SlowDown and Bedrock's 429 throttling to success", async () => {
    const train = lines(50);
    const { merge, before } = world.mergePullRequest(9, { [TRAIN]: train });
    world.proxy.inject({ match: match.putObject(), times: 2, ...SLOW_DOWN });
    world.bedrock.injectFault({
      operation: "CreateModelCustomizationJob",
      errorType: "ThrottlingException",
      times: 2,
    });
    const creates = world.bedrockCalls("CreateModelCustomizationJob").length;
    const run = await world.run({ sha: merge, before });
    expect(run.code).toBe(0);
    expect(puts().map((r) => r.status)).toEqual([503, 503, 200]);
    expect(
      world
        .bedrockCalls("CreateModelCustomizationJob")
        .slice(creates)
        .map((r) => r.status),
    ).toEqual([429, 429, 201]);
    expect(jobsOf(run.outputs)[0]).toMatchObject({ created: true, status: "InProgress" });
  });

  it("two runs of the same merge at once start one job, post one comment, and only the starter says created", async () => {
    const { merge, before } = world.mergePullRequest(21, { [TRAIN]: lines(61) });
    const jobsBefore = world.bedrock.jobs().length;
    const runs = await Promise.all([world.run({ sha: merge, before }), world.run({ sha: merge, before })]);
    for (const run of runs) expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(world.bedrock.jobs().length).toBe(jobsBefore + 1);
    const jobs = runs.map((run) => jobsOf(run.outputs)[0]!);
    expect(jobs.map((j) => j.created).sort()).toEqual([false, true]);
    expect(jobs[0]!.jobArn).toBe(jobs[1]!.jobArn);
    expect(comments(21)).toHaveLength(1);
    expect(comments(21)[0]!.body).toContain(jobs[0]!.jobArn);
  });

  it("a job whose read-back fails after the create keeps its ARN in the outputs and the comment", async () => {
    const { merge, before } = world.mergePullRequest(22, { [TRAIN]: lines(62) });
    world.bedrock.injectFault({
      operation: "GetModelCustomizationJob",
      errorType: "InternalServerException",
      times: 50,
    });
    const run = await world.run({ sha: merge, before });
    world.bedrock.clearFaults();
    const created = world.bedrockCalls("CreateModelCustomizationJob").filter((r) => r.status === 201);
    const arn = world.bedrock
      .jobs()
      .find((j) => j.jobName === (created.at(-1)!.input!.jobName as string))!.jobArn;
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(jobsOf(run.outputs)).toEqual([
      expect.objectContaining({ jobArn: arn, created: true, status: "Unknown" }),
    ]);
    expect(run.outputs["job-arns"]).toBe(arn);
    expect(comments(22)).toHaveLength(1);
    expect(comments(22)[0]!.body).toContain(arn);
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: "warning",
        message: expect.stringContaining(`job ${arn} was created, but reading it back failed`),
      }),
    );
  });

  it("AccessDenied on iam:PassRole fails the step and says which permission to add", async () => {
    const { merge, before } = world.mergePullRequest(10, { [TRAIN]: lines(51) });
    world.bedrock.injectFault({
      operation: "CreateModelCustomizationJob",
      errorType: "AccessDeniedException",
      message: passRoleDeniedMessage("arn:aws:sts::123456789012:assumed-role/TunegateGitHub/ci", ROLE_ARN),
    });
    const run = await world.run({ sha: merge, before });
    expect(run.code).toBe(1);
    const errors = run.annotations.filter((a) => a.level === "error").map((a) => a.message);
    expect(errors.join("\n")).toContain(`allow iam:PassRole on ${ROLE_ARN}`);
    expect(errors.join("\n")).toContain('"iam:PassedToService": "bedrock.amazonaws.com"');
    expect(jobsOf(run.outputs)).toEqual([]);
    expect(comments(10)).toEqual([]);
  });

  it("invalid data stops the step before any request to S3 or Bedrock", async () => {
    // 15 broken lines: more errors than GitHub shows per step.
    const broken = `${lines(40)}${'{"messages": [{"role": "user", "content": "unterminated"}\n'.repeat(15)}`;
    const { merge, before } = world.mergePullRequest(11, { [TRAIN]: broken });
    const bedrockBefore = world.bedrock.requests().length;
    const run = await world.run({ sha: merge, before });
    expect(run.code).toBe(1);
    expect(world.proxy.requests).toEqual([]);
    // Bedrock is only read (which commits the models were last trained on), never written to.
    const reads = new Set(["ListModelCustomizationJobs", "ListTagsForResource"]);
    expect(
      world.bedrock
        .requests()
        .slice(bedrockBefore)
        .filter((r) => !reads.has(r.operation)),
    ).toEqual([]);
    const errors = run.annotations.filter((a) => a.level === "error");
    expect(errors).toContainEqual(
      expect.objectContaining({ properties: expect.objectContaining({ file: TRAIN, line: "41" }) }),
    );
    expect(errors.at(-1)!.message).toContain("nothing was uploaded and no job was started");
    // GitHub keeps 10 error annotations per step: the step's own two lines fit with 8 data errors.
    expect(errors).toHaveLength(10);
    expect(run.annotations.filter((a) => a.level === "notice").at(-1)!.message).toMatch(/more|full list/);
    expect(comments(11)).toEqual([]);
  });

  it("dry-run prints the exact request and sends nothing to S3 or Bedrock", async () => {
    const train = lines(52);
    const { merge, before } = world.mergePullRequest(12, { [TRAIN]: train });
    const bedrockBefore = world.bedrock.requests().length;
    const run = await world.run({ sha: merge, before, inputs: { "dry-run": "true" } });
    expect(run.code).toBe(0);
    expect(world.proxy.requests).toEqual([]);
    expect(world.bedrock.requests()).toHaveLength(bedrockBefore);
    expect(run.stdout).toContain(`"s3Uri": "${uri(sha256(train), "train")}"`);
    expect(run.stdout).toContain('"tunegate:pull-request"');
    expect(jobsOf(run.outputs)).toEqual([
      expect.objectContaining({
        jobArn: "",
        status: "DryRun",
        created: false,
        trainingS3Uri: uri(sha256(train), "train"),
      }),
    ]);
    expect(comments(12)).toEqual([]);
  });

  it("a marker planted in someone else's comment is not taken for the training comment", async () => {
    const { merge, before } = world.mergePullRequest(30, { [TRAIN]: lines(41, " planted") });
    // The job name is computable from the merge: a dry run shows it, as it would show anyone.
    const dry = await world.run({ sha: merge, before, inputs: { "dry-run": "true" } });
    const [planned] = jobsOf(dry.outputs);
    const marker = trainCommentMarker("support-router", planned!.jobName);
    world.github.addComment({
      owner: OWNER,
      repo: REPO,
      issueNumber: 30,
      body: `${marker}\nTraining finished: deploy it.`,
      user: "mallory",
    });
    const run = await world.run({ sha: merge, before });
    expect(run.code, run.stdout).toBe(0);
    expect(comments(30).map((c) => [c.user, c.body.split("\n")[0]])).toEqual([
      ["mallory", marker],
      ["github-actions[bot]", marker],
    ]);
  });

  it("two changed models: one job and one comment each", async () => {
    const billing = "datasets/billing/train.jsonl";
    const { merge, before } = world.mergePullRequest(13, {
      "tunegate.yml": config({ "support-router": SUPPORT, billing: { training: billing } }),
      [billing]: lines(36, " billing"),
      [TRAIN]: lines(53),
    });
    const run = await world.run({ sha: merge, before });
    expect(run.code).toBe(0);
    const jobs = jobsOf(run.outputs);
    expect(jobs.map((j) => [j.model, j.created])).toEqual([
      ["support-router", true],
      ["billing", true],
    ]);
    expect(jobs[1]!.validationS3Uri).toBeNull();
    expect(run.outputs["job-arns"]).toBe(jobs.map((j) => j.jobArn).join(","));
    const markers = comments(13).map((c) => c.body.split("\n")[0]);
    expect(markers).toEqual([
      `<!-- tunegate:train model=support-router job=${jobs[0]!.jobName} -->`,
      `<!-- tunegate:train model=billing job=${jobs[1]!.jobName} -->`,
    ]);
  });

  it("a push that changes no dataset trains nothing; naming the model finds its existing job", async () => {
    const { merge, before } = world.push({ "README.md": "Support datasets, v2\n" });
    const creates = world.bedrockCalls("CreateModelCustomizationJob").length;
    const idle = await world.run({ sha: merge, before });
    expect(idle.code).toBe(0);
    expect(jobsOf(idle.outputs)).toEqual([]);
    expect(idle.stdout).toContain("nothing to train");

    // The same data at another commit is the same training: reported, not started again.
    const named = await world.run({ sha: merge, before, inputs: { models: "support-router" } });
    expect(named.code).toBe(0);
    expect(jobsOf(named.outputs)).toEqual([
      expect.objectContaining({ model: "support-router", created: false }),
    ]);
    expect(world.bedrockCalls("CreateModelCustomizationJob")).toHaveLength(creates);
  });

  it("with a depth-1 checkout, finds the changed files through the compare API", async () => {
    const { merge, before } = world.mergePullRequest(14, { [TRAIN]: lines(54) });
    const shallow = mkdtempSync(join(tmpdir(), "tunegate-shallow-"));
    try {
      execFileSync("git", ["clone", "-q", "--depth", "1", `file://${world.repo.dir}`, shallow]);
      const run = await world.run({ sha: merge, before, workspace: shallow });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`GitHub compare ${before.slice(0, 7)}...${merge.slice(0, 7)}`);
      expect(jobsOf(run.outputs)).toEqual([
        expect.objectContaining({ model: "support-router", created: true }),
      ]);
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }
  });

  it("wait: polls until the job ends and reports its final status", async () => {
    const { merge, before } = world.mergePullRequest(15, { [TRAIN]: lines(55) });
    const jobs = world.bedrock.jobs().length;
    const running = world.run({ sha: merge, before, inputs: { wait: "0.5" } });
    let ended = false;
    void running.finally(() => {
      ended = true;
    });
    // The job ends when the stand-in's clock passes its duration, not after some wall time.
    while (!ended && world.bedrock.jobs().length === jobs) await new Promise((r) => setTimeout(r, 50));
    await world.bedrock.advance(60 * 60_000);
    const run = await running;
    expect(run.code).toBe(0);
    expect(jobsOf(run.outputs)).toEqual([expect.objectContaining({ status: "Completed", created: true })]);
  });

  it("wait: a job that fails fails the step, with the service's failure message", async () => {
    const { merge, before } = world.mergePullRequest(16, { [TRAIN]: lines(56) });
    const jobs = world.bedrock.jobs().length;
    const running = world.run({ sha: merge, before, inputs: { wait: "0.5" } });
    let ended = false;
    void running.finally(() => {
      ended = true;
    });
    while (!ended && world.bedrock.jobs().length === jobs) await new Promise((r) => setTimeout(r, 50));
    const job = world.bedrock.jobs().at(-1)!;
    world.bedrock.failJob(job.jobArn, "Data processing failed: unexpected record.");
    const run = await running;
    expect(run.code).toBe(1);
    expect(jobsOf(run.outputs)).toEqual([
      expect.objectContaining({ status: "Failed", jobName: job.jobName }),
    ]);
    expect(run.annotations.filter((a) => a.level === "error").map((a) => a.message)).toContainEqual(
      expect.stringContaining("Failed: Data processing failed: unexpected record."),
    );
  });

  it("a Nova 2 Lite model starts its job", async () => {
    const nova2 = "datasets/nova2-router/train.jsonl";
    const records = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({
        schemaVersion: "bedrock-conversation-2024",
        system: [{ text: "You route support tickets." }],
        messages: [
          { role: "user", content: [{ text: `Ticket ${i}: I was charged twice this month` }] },
          { role: "assistant", content: [{ text: "ROUTE: billing" }] },
        ],
      }),
    ).join("\n");
    const { merge, before } = world.mergePullRequest(17, {
      "tunegate.yml": config({
        "support-router": SUPPORT,
        "nova2-router": { training: nova2, extra: `    baseModel: ${NOVA_2_LITE}\n` },
      }),
      [nova2]: `${records}\n`,
    });
    const creates = world.bedrockCalls("CreateModelCustomizationJob").length;
    const run = await world.run({ sha: merge, before });
    expect(run.annotations.filter((a) => a.level === "error")).toEqual([]);
    expect(run.code).toBe(0);
    const sent = world.bedrockCalls("CreateModelCustomizationJob").slice(creates);
    expect(sent.map((r) => (r.input as { baseModelIdentifier: string }).baseModelIdentifier)).toEqual([
      NOVA_2_LITE,
    ]);
    expect(jobsOf(run.outputs)).toEqual([
      expect.objectContaining({ model: "nova2-router", created: true, status: "InProgress" }),
    ]);
    // Bedrock was asked for its lifecycle first, and reported it active.
    expect(world.bedrockCalls("GetFoundationModel").at(-1)?.input).toEqual({ modelIdentifier: NOVA_2_LITE });
  });

  it("every GitHub request of the suite followed GitHub's published contract", () => {
    expect(world.github.violations()).toEqual([]);
    expect(world.github.invalidResponses()).toEqual([]);
  });
});

describe("merges whose runs were cancelled", () => {
  const data = (model: string) => `datasets/${model}/train.jsonl`;
  const MODELS = ["billing", "routing", "summaries"];
  let merges: World;

  beforeAll(async () => {
    merges = await startWorld({
      "tunegate.yml": config(Object.fromEntries(MODELS.map((m) => [m, { training: data(m) }]))),
      ...Object.fromEntries(MODELS.map((m, i) => [data(m), lines(40 + i, ` ${m}`)])),
    });
    // Every model trained once at the start, as a repository using tunegate has them.
    const run = await merges.run({
      sha: merges.repo.head(),
      before: "0".repeat(40),
      inputs: { models: MODELS.join(",") },
    });
    expect(run.code, run.stderr + run.stdout).toBe(0);
  });
  afterAll(async () => {
    await merges?.close();
  });

  const trainedModels = () =>
    merges
      .bedrockCalls("CreateModelCustomizationJob")
      .filter((r) => r.status === 201)
      .map(
        (r) =>
          (r.input!.jobTags as { key: string; value: string }[]).find((t) => t.key === "tunegate:model")!
            .value,
      );

  it("three merges, the middle run cancelled: the next run trains the middle merge's model too, every model once", async () => {
    const before = trainedModels().length;
    const first = merges.mergePullRequest(31, { [data("billing")]: lines(50, " billing v2") });
    const one = await merges.run({ sha: first.merge, before: first.before });
    expect(one.code, one.stderr + one.stdout).toBe(0);
    // The second merge's run is cancelled by the concurrency group before it starts.
    merges.mergePullRequest(32, { [data("routing")]: lines(51, " routing v2") });
    const third = merges.mergePullRequest(33, { [data("summaries")]: lines(52, " summaries v2") });
    const three = await merges.run({ sha: third.merge, before: third.before });
    expect(three.code, three.stderr + three.stdout).toBe(0);

    expect(trainedModels().slice(before).sort()).toEqual(MODELS);
    expect(jobsOf(three.outputs).map((j) => [j.model, j.created])).toEqual([
      ["routing", true],
      ["summaries", true],
    ]);
    expect(three.stdout).toMatch(/routing: changed since [0-9a-f]{7}, the commit it was last trained on/);
    // A later run with nothing new trains nothing again.
    const quiet = merges.push({ "README.md": "Datasets\n" });
    const after = trainedModels().length;
    expect((await merges.run({ sha: quiet.merge, before: quiet.before })).code).toBe(0);
    expect(trainedModels().length).toBe(after);
  });

  it("a rebase-merged push of several commits finds the dataset changes of every commit", async () => {
    const before = merges.repo.head();
    const start = trainedModels().length;
    merges.repo.write({ [data("billing")]: lines(53, " billing v3") }).commit("Billing data");
    const sha = merges.repo.write({ [data("routing")]: lines(54, " routing v3") }).commit("Routing data");
    const run = await merges.run({ sha, before, inputs: { models: "" } });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(trainedModels().slice(start).sort()).toEqual(["billing", "routing"]);
    expect(run.stdout).toContain(`git diff ${before.slice(0, 7)}..${sha.slice(0, 7)} (the whole push)`);
  });
});
