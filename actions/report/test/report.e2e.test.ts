// The committed bundle, run on Node 24 as the runner runs it, against s3rver, the Bedrock and Runtime
// stand-ins and the GitHub stand-in.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  parseEvalResults,
  parseMetricsCsv,
  resolveCatalog,
  servingCostLine,
  servingOfTrainingData,
  summarizeLosses,
} from "@tunegate/core";
import { nodeDatasetIo } from "@tunegate/files";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  commentWrites,
  configYaml,
  createJob,
  dataset,
  getText,
  HAIKU_ON_DEMAND,
  mergedPullRequest,
  OWNER,
  provision,
  REPO,
  runReport,
  sha,
  startWorld,
  type World,
  writeWorkspace,
} from "./support";

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
});

afterAll(() => world?.close());

const jobId = (arn: string) => arn.slice(arn.lastIndexOf("/") + 1);

describe("a completed job", () => {
  let arn: string;
  let commentId: number;

  beforeAll(async () => {
    commentId = mergedPullRequest(world, 7, "support-router", "tunegate-router-1");
    arn = await createJob(world, {
      name: "tunegate-router-1",
      model: "support-router",
      pr: 7,
      commit: sha(72),
    });
    await world.bedrock.advance(60 * 60_000);
    expect(world.bedrock.jobs().find((j) => j.jobArn === arn)?.status).toBe("Completed");
  });

  it("updates the train action's comment with the figures of the metrics files", async () => {
    const run = await runReport(world, { jobs: "tunegate-router-1" });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const comments = world.github.comments(OWNER, REPO, 7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.id).toBe(commentId);
    expect(comments[0]!.edits).toBe(1);
    const body = comments[0]!.body;

    // The figures the stand-in wrote to S3, read back independently of the action.
    const folder = `output/support-router/model-customization-job-${jobId(arn)}`;
    const training = summarizeLosses(
      parseMetricsCsv(
        await getText(world.s3client, `${folder}/training_artifacts/step_wise_training_metrics.csv`),
      ).points,
    )!;
    const validation = summarizeLosses(
      parseMetricsCsv(
        await getText(
          world.s3client,
          `${folder}/validation_artifacts/post_fine_tuning_validation/validation/validation_metrics.csv`,
        ),
      ).points,
    )!;
    expect(body).toContain("### ✅ Training completed: `support-router` (Claude 3 Haiku)");
    expect(body).toContain(
      `| Training loss | ${training.final.loss.toFixed(4)} | ${training.best.loss.toFixed(4)} (${training.best.step}) |`,
    );
    expect(body).toContain(`| Validation loss | ${validation.final.loss.toFixed(4)} |`);
    // 64 records, batch 8, 2 epochs: 16 steps, all charted.
    expect(body).toContain(`x-axis "step" [${Array.from({ length: 16 }, (_, i) => i).join(", ")}]`);
    expect(body).toContain("| Duration | 1 h 0 min");
    expect(body).toContain("about **$50.00 per hour** per model unit");
    // The serving line of the workspace's training data: the one the PR's "On merge" section quoted.
    const serving = await servingOfTrainingData(
      join(world.workspace, "data/train.jsonl"),
      resolveCatalog().get("anthropic.claude-3-haiku-20240307-v1:0:200k"),
      nodeDatasetIo,
    );
    expect(body).toContain(`#### Serving cost\n\n${servingCostLine(serving!)}`);

    const reported = JSON.parse(run.outputs.reported!);
    expect(reported).toEqual([
      {
        model: "support-router",
        jobArn: arn,
        status: "Completed",
        pr: 7,
        commentUrl: expect.stringContaining("#issuecomment-"),
      },
    ]);
    expect(run.outputs.failed).toBe("false");
    expect(run.summary).toContain("Training completed");
    expect(world.github.violations()).toEqual([]);
  });

  it("changes nothing on a second run", async () => {
    const before = commentWrites(world).length;
    const run = await runReport(world, { jobs: "tunegate-router-1" });
    expect(run.code).toBe(0);
    expect(commentWrites(world).length).toBe(before);
    expect(world.github.comments(OWNER, REPO, 7)[0]!.edits).toBe(1);
  });

  it("compares a later job of the same model with this one", async () => {
    mergedPullRequest(world, 8, "support-router", "tunegate-router-2");
    await createJob(world, {
      name: "tunegate-router-2",
      model: "support-router",
      pr: 8,
      commit: sha(82),
      hyperParameters: { epochCount: "3", batchSize: "8" },
    });
    await world.bedrock.advance(60 * 60_000);
    const run = await runReport(world, { jobs: "tunegate-router-2" });
    expect(run.code).toBe(0);
    const body = world.github.comments(OWNER, REPO, 8)[0]!.body;
    expect(body).toContain("| Final vs `tunegate-router-1` |");
    expect(body).toMatch(/\| Training loss \| [0-9.]+ \| [0-9.]+ \(\d+\) \| [+−±][0-9.]+ \([+−±][0-9.]+%\)/);
  });
});

describe("a job without a pull-request tag", () => {
  it("is reported on the pull request its commit merged", async () => {
    // sha(72) is the merge commit of PR 7.
    const arn = await createJob(world, {
      name: "tunegate-router-untagged",
      model: "support-router",
      pr: 0,
      commit: sha(72),
      noPullRequestTag: true,
    });
    await world.bedrock.advance(60 * 60_000);
    const run = await runReport(world, { jobs: arn });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.outputs.reported!)[0]).toMatchObject({ jobArn: arn, pr: 7 });
    const mine = world.github
      .comments(OWNER, REPO, 7)
      .filter((c) =>
        c.body.startsWith("<!-- tunegate:train model=support-router job=tunegate-router-untagged -->"),
      );
    expect(mine).toHaveLength(1);
  });
});

describe("a failed job", () => {
  it("shows Bedrock's message and the likely fix", async () => {
    mergedPullRequest(world, 9, "support-router", "tunegate-router-broken");
    await createJob(world, {
      name: "tunegate-router-broken",
      model: "support-router",
      pr: 9,
      commit: sha(92),
      training: "data/missing.jsonl",
    });
    await world.bedrock.advance(1000);
    const run = await runReport(world, { jobs: "tunegate-router-broken" });
    expect(run.code).toBe(0);
    const body = world.github.comments(OWNER, REPO, 9)[0]!.body;
    expect(body).toContain("### ❌ Training failed");
    expect(body).toContain("**Bedrock says:** Could not validate GetObject permissions");
    expect(body).toContain("**Likely cause: S3 read permission.**");
    expect(run.outputs.failed).toBe("true");
  });
});

describe("one job's trouble", () => {
  it("does not keep the other jobs from being reported, and fails the step", async () => {
    const fault = world.github.injectFault({
      method: "GET",
      path: `/repos/${OWNER}/${REPO}/issues/9/comments`,
      status: 500,
      times: Number.POSITIVE_INFINITY,
    });
    try {
      const run = await runReport(world, { jobs: "tunegate-router-broken, tunegate-router-1" });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("::error::1 job(s) could not be reported: tunegate-router-broken:");
      const reported = JSON.parse(run.outputs.reported!) as { jobArn: string; pr: number }[];
      expect(reported.map((r) => r.pr)).toEqual([7]);
    } finally {
      fault.cancel();
    }
  });
});

describe("a job name that does not exist", () => {
  it("fails the step and names it", async () => {
    const run = await runReport(world, { jobs: "tunegate-no-such-job" });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "::error::1 job(s) could not be reported: no customization job tunegate-no-such-job in us-west-2",
    );
  });

  it("refuses a job another repository started", async () => {
    await createJob(world, {
      name: "tunegate-foreign-1",
      model: "support-router",
      pr: 7,
      commit: sha(72),
      repository: "someone/else",
    });
    const before = commentWrites(world).length;
    const run = await runReport(world, { jobs: "tunegate-foreign-1" });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("tunegate-foreign-1 was started for someone/else, not acme/datasets");
    expect(commentWrites(world).length).toBe(before);
  });
});

describe("a scheduled run with no job named", () => {
  it("reports this repository's jobs not yet reported, then none", async () => {
    // No train comment on this PR: the report creates it.
    world.github.addPullRequest({
      owner: OWNER,
      repo: REPO,
      number: 10,
      title: "More data",
      user: "alice",
      head: { sha: sha(101), ref: "more" },
      base: { sha: sha(100), ref: "main" },
      merged: true,
      mergeCommitSha: sha(102),
    });
    const arn = await createJob(world, {
      name: "tunegate-router-3",
      model: "support-router",
      pr: 10,
      commit: sha(102),
    });
    await createJob(world, {
      name: "tunegate-router-elsewhere",
      model: "support-router",
      pr: 10,
      commit: sha(102),
      repository: "someone/else",
    });
    await world.bedrock.advance(60 * 60_000);
    const first = await runReport(world, {}, { eventName: "schedule" });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.outputs.reported!).map((r: { jobArn: string }) => r.jobArn)).toEqual([arn]);
    const created = world.github.comments(OWNER, REPO, 10);
    expect(created).toHaveLength(1);
    expect(
      created[0]!.body.startsWith("<!-- tunegate:train model=support-router job=tunegate-router-3 -->"),
    ).toBe(true);
    const second = await runReport(world, {}, { eventName: "schedule" });
    expect(JSON.parse(second.outputs.reported!)).toEqual([]);
  });
});

// Ten cases with known answers: billing x4, tech x3, sales x3.
const EVAL_CASES: [string, string, string][] = [
  // prompt, reference, what the custom model answers
  ["eval 1", "ROUTE: billing", "ROUTE: billing"],
  ["eval 2", "ROUTE: billing", "ROUTE: billing"],
  ["eval 3", "ROUTE: billing", "ROUTE: billing"],
  ["eval 4", "ROUTE: billing", "ROUTE: tech"],
  ["eval 5", "ROUTE: tech", "ROUTE: tech"],
  ["eval 6", "ROUTE: tech", "ROUTE: tech"],
  ["eval 7", "ROUTE: tech", "I am not sure."],
  ["eval 8", "ROUTE: sales", "ROUTE: sales"],
  ["eval 9", "ROUTE: sales", "ROUTE: sales"],
  ["eval 10", "ROUTE: sales", "ROUTE: billing"],
];
const EVAL_SET = `${EVAL_CASES.map(([p, r]) =>
  JSON.stringify({
    messages: [
      { role: "user", content: p },
      { role: "assistant", content: r },
    ],
  }),
).join("\n")}\n`;

describe("an evaluation with known answers", () => {
  let provisioned: string;

  beforeAll(async () => {
    mergedPullRequest(world, 11, "support-router", "tunegate-router-eval");
    await createJob(world, {
      name: "tunegate-router-eval",
      model: "support-router",
      pr: 11,
      commit: sha(112),
    });
    await world.bedrock.advance(60 * 60_000);
    const job = world.bedrock.jobs().find((j) => j.jobName === "tunegate-router-eval")!;
    provisioned = await provision(world, job.outputModelArn!, "router-eval-pt");
    world.respond.current = (call) => {
      const prompt = call.messages.at(-1)!.text;
      const known = EVAL_CASES.find(([p]) => p === prompt);
      if (!known) throw new Error(`unexpected prompt ${prompt}`);
      // The custom model answers per the table; the base model always says billing.
      const text = call.modelId === provisioned ? known[2] : "ROUTE: billing";
      return { text, inputTokens: 100, outputTokens: 3, latencyMs: call.modelId === provisioned ? 120 : 300 };
    };
  });

  it("yields the exact accuracy and confusion matrix, and writes the results file", async () => {
    const run = await runReport(world, {
      jobs: "tunegate-router-eval",
      eval: "true",
      "target-model": provisioned,
      "baseline-model": HAIKU_ON_DEMAND,
      "max-regression": "0.05",
    });
    expect(run.code).toBe(0);
    const body = world.github.comments(OWNER, REPO, 11)[0]!.body;
    expect(body).toContain("| Accuracy | 70.0% (7/10) | 40.0% (4/10) |");
    expect(body).toContain("| Exact match | 70.0% (7/10) | 40.0% (4/10) |");
    expect(body).toContain("| Latency p50 / p95 | 120 ms / 120 ms | 300 ms / 300 ms |");
    expect(body).toContain("| Tokens in / out | 1,000 / 30 | 1,000 / 30 |");
    // Claude 3 Haiku on demand: 1,000 x $0.25 + 30 x $1.25 per million tokens.
    expect(body).toContain("| Cost of these tokens | no price in the catalog | $0.0003 |");
    expect(body).toContain("| Reference \\ answer | billing | sales | tech | \\(no label\\) |");
    expect(body).toContain("| billing | 3 | 0 | 1 | 0 |");
    expect(body).toContain("| sales | 1 | 2 | 0 | 0 |");
    expect(body).toContain("| tech | 0 | 0 | 2 | 1 |");
    expect(body).toContain("✅ **max-regression**");

    const files = JSON.parse(run.outputs["eval-results"]!) as string[];
    expect(files).toHaveLength(1);
    const { readFileSync } = await import("node:fs");
    const results = parseEvalResults(readFileSync(files[0]!, "utf8"));
    expect(results.target.summary.classification!.accuracy).toBe(0.7);
    expect(results.target.summary.classification!.confusion.matrix).toEqual([
      [3, 0, 1, 0],
      [1, 2, 0, 0],
      [0, 0, 2, 1],
    ]);
    expect(results.baseline!.summary.classification!.accuracy).toBe(0.4);
    expect(world.runtime.requests().filter((r) => r.operation === "Converse")).toHaveLength(20);
  });

  it("retries throttled calls, so throttling changes no figure", async () => {
    const before = world.runtime.requests().length;
    world.runtime.injectFault({ errorType: "ThrottlingException", times: 3 });
    const run = await runReport(world, {
      jobs: "tunegate-router-eval",
      eval: "true",
      "target-model": provisioned,
      "baseline-model": HAIKU_ON_DEMAND,
    });
    expect(run.code).toBe(0);
    const calls = world.runtime.requests().slice(before);
    expect(calls.filter((r) => r.status === 429)).toHaveLength(3);
    expect(calls.filter((r) => r.status === 200)).toHaveLength(20);
    const body = world.github.comments(OWNER, REPO, 11)[0]!.body;
    expect(body).toContain("| Accuracy | 70.0% (7/10) | 40.0% (4/10) |");
  });

  it("fails the step when a gate is crossed, after posting the comment", async () => {
    const run = await runReport(world, {
      jobs: "tunegate-router-eval",
      eval: "true",
      "target-model": provisioned,
      "min-accuracy": "90%",
    });
    expect(run.code).toBe(1);
    expect(run.outputs.failed).toBe("true");
    expect(run.stdout).toContain("::error::An evaluation gate was crossed");
    const body = world.github.comments(OWNER, REPO, 11)[0]!.body;
    expect(body).toContain("❌ **min-accuracy**: accuracy of");
    expect(body).toContain("is 70\\.0%; the gate asks for at least 90\\.0%\\.");
  });
});

describe("a results file from the team's own harness", () => {
  it("is shown and gated instead of running an evaluation", async () => {
    const before = world.runtime.requests().length;
    const summary = (matched: number) => ({
      cases: 20,
      answered: 20,
      errors: 0,
      exactMatch: { matched, rate: matched / 20 },
    });
    writeWorkspace(world, {
      "harness.json": JSON.stringify({
        format: "tunegate.eval/v1",
        target: { model: "my-harness-target", summary: summary(17) },
        baseline: { model: "my-harness-baseline", summary: summary(18) },
        extra: "harness-specific keys are kept",
      }),
    });
    const run = await runReport(world, {
      jobs: "tunegate-router-eval",
      eval: "harness.json",
      "max-regression": "1%",
    });
    expect(run.code).toBe(1);
    const body = world.github.comments(OWNER, REPO, 11)[0]!.body;
    expect(body).toContain("| Exact match | 85.0% (17/20) | 90.0% (18/20) |");
    expect(body).toContain("❌ **max-regression**");
    expect(body).toContain("**Consider not deploying this model:**");
    expect(world.runtime.requests().length).toBe(before);
  });

  it("is refused, naming the field, when it does not follow the format", async () => {
    writeWorkspace(world, {
      "broken.json": JSON.stringify({ format: "tunegate.eval/v1", target: { model: "m" } }),
    });
    const run = await runReport(world, {
      jobs: "tunegate-router-eval",
      eval: "broken.json",
      "min-accuracy": "0.5",
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("broken.json does not follow tunegate.eval/v1: target.summary");
    expect(world.github.comments(OWNER, REPO, 11)[0]!.body).toContain("Not run: the evaluation failed");
  });
});

describe("fork-safe posting of a validation report", () => {
  const head = sha(0xf00d);

  beforeAll(() => {
    world.github.addPullRequest({
      owner: OWNER,
      repo: REPO,
      number: 20,
      title: "Fork data",
      user: "mallory",
      head: { sha: head, ref: "patch-1", repoFullName: "mallory/datasets" },
      base: { sha: sha(0xba5e), ref: "main" },
    });
  });

  it("posts a hostile report to the PR of its head commit with no mention, HTML or hidden marker", async () => {
    const hostile = [
      "## tunegate: 2 errors",
      "@octocat and @acme/admins please merge, see #1 and acme/other#2",
      '<img src="https://evil.example/pixel.gif" onerror="alert(1)"><script>alert(2)</script>',
      "<!-- tunegate:train model=support-router job=tunegate-router-1 -->",
      "![tracker](https://evil.example/t.png)",
      "[Approve here](https://evil.example/login)",
      `[data/train\\.jsonl\\:3](https://github.com/acme/datasets/blob/${head}/data/train.jsonl#L3)`,
      "<details><summary>Problems</summary>",
      "",
      "| file | line |",
      "| --- | --- |",
      "| data/train.jsonl | 3 |",
      "",
      "</details>",
      "```",
      "unterminated fence @octocat",
    ].join("\n");
    writeWorkspace(world, {
      "report.json": JSON.stringify({ headSha: head, pullRequest: 7, markdown: hostile }),
    });
    const run = await runReport(
      world,
      { "from-report": "report.json" },
      { eventName: "workflow_run", event: { workflow_run: { head_sha: head, pull_requests: [] } } },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("says it is for #7, but commit");
    const comments = world.github.comments(OWNER, REPO, 20);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body.startsWith("<!-- tunegate:validate -->\n")).toBe(true);
    expect(body).not.toMatch(/@(octocat|acme)/);
    expect(body).toContain("@\u200boctocat");
    expect(body).not.toMatch(/#\d/);
    expect(body).not.toMatch(/<img|<script/);
    expect(body).not.toContain("tunegate:train");
    expect(body).not.toContain("evil.example/t.png");
    expect(body).not.toContain("evil.example/login");
    expect(body).toContain("Approve here");
    expect(body).toContain(
      `[data/train\\.jsonl\\:3](https://github.com/acme/datasets/blob/${head}/data/train.jsonl#L3)`,
    );
    // Raw HTML is dropped, its text kept; the table survives as a table.
    expect(body).not.toContain("<details>");
    expect(body).toContain("Problems");
    expect(body).toContain("| data/train\\.jsonl | 3 |");
    // After `</details>` the fence is part of that HTML block, as GitHub reads it: shown as text.
    expect(body).toContain("unterminated fence @\u200boctocat");
    // Nothing went to the PR the file named.
    expect(world.github.comments(OWNER, REPO, 7).every((c) => !c.body.includes("tunegate:validate"))).toBe(
      true,
    );
  });

  it("reads the Markdown file the validate action writes beside its JSON", async () => {
    mkdirSync(join(world.workspace, "artifact"), { recursive: true });
    writeWorkspace(world, {
      // The shape actions/validate writes (tunegate-report.json naming tunegate-report.md).
      "artifact/tunegate-report.json": JSON.stringify({
        version: 1,
        tool: "tunegate validate",
        repository: `${OWNER}/${REPO}`,
        headSha: head,
        baseSha: sha(0xba5e),
        pullRequest: 20,
        markdownFile: "tunegate-report.md",
        valid: true,
        counts: { errors: 0, warnings: 1, notices: 0 },
        models: [],
        problems: [],
      }),
      "artifact/tunegate-report.md": "### tunegate: 1 warning\n\nThe second push changed one record.\n",
    });
    const run = await runReport(
      world,
      { "from-report": "artifact/tunegate-report.json" },
      { eventName: "workflow_run", event: { workflow_run: { head_sha: head } } },
    );
    expect(run.code).toBe(0);
    const comments = world.github.comments(OWNER, REPO, 20);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.edits).toBe(1);
    expect(comments[0]!.body).toBe(
      "<!-- tunegate:validate -->\n### tunegate\\: 1 warning\n\nThe second push changed one record\\.\n",
    );
  });

  it("refuses a report whose commit is not the workflow run's", async () => {
    writeWorkspace(world, { "other.json": JSON.stringify({ headSha: head, markdown: "ok" }) });
    const run = await runReport(
      world,
      { "from-report": "other.json" },
      { eventName: "workflow_run", event: { workflow_run: { head_sha: sha(0xdead) } } },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("refusing to post it");
  });

  it("refuses to post outside a workflow_run event, whatever commit the file names", async () => {
    writeWorkspace(world, { "report.json": JSON.stringify({ headSha: head, markdown: "ready to merge" }) });
    const before = world.github.comments(OWNER, REPO, 20);
    for (const eventName of ["workflow_dispatch", "push"]) {
      const run = await runReport(world, { "from-report": "report.json" }, { eventName, event: {} });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`only from a workflow_run event`);
      expect(run.stdout).toContain(`this run is a ${eventName} event`);
    }
    expect(world.github.comments(OWNER, REPO, 20)).toEqual(before);
  }, 200_000);

  it("posts to the pull request the workflow run lists, checked against its head", async () => {
    writeWorkspace(world, { "report.json": JSON.stringify({ headSha: head, markdown: "listed" }) });
    const run = await runReport(
      world,
      { "from-report": "report.json" },
      {
        eventName: "workflow_run",
        event: { workflow_run: { head_sha: head, pull_requests: [{ number: 20, head: { sha: head } }] } },
      },
    );
    expect(run.code).toBe(0);
    expect(world.github.comments(OWNER, REPO, 20).map((c) => c.body)).toEqual([
      "<!-- tunegate:validate -->\nlisted\n",
    ]);
  }, 200_000);

  it("refuses a file of the wrong shape", async () => {
    writeWorkspace(world, { "bad.json": JSON.stringify({ headSha: "HEAD; rm -rf /", markdown: 5 }) });
    const run = await runReport(world, { "from-report": "bad.json" });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/headSha: a 40-character lowercase hex commit SHA.*markdown/);
  });
});
