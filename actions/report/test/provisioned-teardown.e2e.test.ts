// The committed bundle evaluating through a Provisioned Throughput given as input, as the runner runs
// it, against s3rver, the Bedrock and Runtime stand-ins and the GitHub stand-in: with teardown the
// throughput is deleted after the evaluation (and after a failed one), a re-run bills nothing, and the
// comment names every throughput left running.
import { mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  configYaml,
  createJob,
  dataset,
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

const CASES: [string, string, string][] = [
  ["pt eval 1", "ROUTE: billing", "ROUTE: billing"],
  ["pt eval 2", "ROUTE: billing", "ROUTE: tech"],
  ["pt eval 3", "ROUTE: tech", "ROUTE: tech"],
  ["pt eval 4", "ROUTE: sales", "ROUTE: sales"],
];
const EVAL_SET = `${CASES.map(([p, r]) =>
  JSON.stringify({
    messages: [
      { role: "user", content: p },
      { role: "assistant", content: r },
    ],
  }),
).join("\n")}\n`;

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
  world.respond.current = (call) => {
    const known = CASES.find(([p]) => p === call.messages.at(-1)!.text);
    if (!known) throw new Error("unexpected prompt");
    return { text: known[2], inputTokens: 50, outputTokens: 2, latencyMs: 80 };
  };
});

afterAll(() => world?.close());

/** A merged PR, its completed job, and a throughput serving the job's model. */
async function jobWithThroughput(pr: number, name: string): Promise<{ modelArn: string; pt: string }> {
  mergedPullRequest(world, pr, "support-router", name);
  await createJob(world, { name, model: "support-router", pr, commit: sha(pr * 10 + 2) });
  await world.bedrock.advance(60 * 60_000);
  const modelArn = world.bedrock.jobs().find((j) => j.jobName === name)!.outputModelArn!;
  return { modelArn, pt: await provision(world, modelArn, `${name}-pt`) };
}

const body = (pr: number) => world.github.comments(OWNER, REPO, pr)[0]!.body;
const ptCalls = (operation: string) => world.bedrock.requests().filter((r) => r.operation === operation);

describe("an evaluation through a throughput with teardown", () => {
  let pt: string;

  beforeAll(async () => {
    ({ pt } = await jobWithThroughput(21, "tunegate-router-pt1"));
  });

  it("evaluates through it, then deletes it and says so", async () => {
    const conversesBefore = world.runtime.requests().length;
    const run = await runReport(world, {
      jobs: "tunegate-router-pt1",
      eval: "true",
      "provisioned-model": "tunegate-router-pt1-pt",
      teardown: "true",
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const calls = world.runtime.requests().slice(conversesBefore);
    expect(calls).toHaveLength(4);
    expect(calls.every((c) => c.input?.modelId === pt)).toBe(true);
    expect(body(21)).toContain("| Accuracy | 75.0% (3/4) |");
    expect(body(21)).toContain(
      `Provisioned Throughput \`tunegate-router-pt1-pt\` (\`${pt}\`) was deleted after the evaluation (teardown: true), about 0.0 h after it was created: nothing is left billing.`,
    );
    expect(world.bedrock.provisionedModel(pt)).toBeUndefined();
    expect(ptCalls("DeleteProvisionedModelThroughput").map((r) => r.input?.provisionedModelId)).toEqual([pt]);
    expect(world.github.violations()).toEqual([]);
  });

  it("a re-run finds it gone, bills nothing and fails nothing", async () => {
    const deletes = ptCalls("DeleteProvisionedModelThroughput").length;
    const run = await runReport(world, {
      jobs: "tunegate-router-pt1",
      eval: "true",
      "provisioned-model": "tunegate-router-pt1-pt",
      teardown: "true",
    });
    expect(run.code).toBe(0);
    expect(ptCalls("DeleteProvisionedModelThroughput")).toHaveLength(deletes);
    expect(ptCalls("CreateProvisionedModelThroughput")).toHaveLength(1);
    expect(body(21)).toContain(
      "Provisioned Throughput `tunegate-router-pt1-pt` does not exist: nothing bills for this evaluation.",
    );
  });
});

describe("an evaluation through a throughput that fails", () => {
  it("still deletes the throughput", async () => {
    const { pt } = await jobWithThroughput(22, "tunegate-router-pt2");
    const evalSet = join(world.workspace, "eval.jsonl");
    renameSync(evalSet, `${evalSet}.away`); // the evaluation cannot read its dataset
    try {
      const run = await runReport(world, {
        jobs: "tunegate-router-pt2",
        eval: "true",
        "provisioned-model": pt,
        teardown: "true",
        "min-accuracy": "0.5",
      });
      expect(run.code).toBe(1); // the gate could not be checked
      expect(body(22)).toContain("Not run: the evaluation failed");
      expect(body(22)).toContain("was deleted after the evaluation (teardown: true)");
      expect(world.bedrock.provisionedModel(pt)).toBeUndefined();
    } finally {
      renameSync(`${evalSet}.away`, evalSet);
    }
  });
});

describe("without teardown", () => {
  it("leaves the throughput running and names it in the comment", async () => {
    const { pt } = await jobWithThroughput(23, "tunegate-router-pt3");
    const run = await runReport(world, {
      jobs: "tunegate-router-pt3",
      eval: "true",
      "provisioned-model": pt,
    });
    expect(run.code).toBe(0);
    expect(body(23)).toContain("| Accuracy | 75.0% (3/4) |");
    expect(body(23)).toContain(
      `⚠️ Provisioned Throughput \`tunegate-router-pt3-pt\` (\`${pt}\`) is still running (teardown is off) and bills by the hour until it is deleted: \`tunegate provision delete support-router\``,
    );
    expect(world.bedrock.provisionedModel(pt)?.status).toBe("InService");
  });

  it("a throughput of another model is neither used nor deleted, even with teardown", async () => {
    mergedPullRequest(world, 24, "support-router", "tunegate-router-pt4");
    await createJob(world, {
      name: "tunegate-router-pt4",
      model: "support-router",
      pr: 24,
      commit: sha(242),
    });
    await world.bedrock.advance(60 * 60_000);
    const other = world.bedrock.provisionedModel("tunegate-router-pt3-pt")!.provisionedModelArn;
    const conversesBefore = world.runtime.requests().length;
    const run = await runReport(world, {
      jobs: "tunegate-router-pt4",
      eval: "true",
      "provisioned-model": other,
      teardown: "true",
    });
    expect(run.code).toBe(0);
    expect(world.runtime.requests().length).toBe(conversesBefore);
    expect(body(24)).toContain("Not run: the Provisioned Throughput tunegate\\-router\\-pt3\\-pt serves arn");
    expect(body(24)).toContain(
      "serves another model, so it was neither used nor deleted; it is still running",
    );
    expect(world.bedrock.provisionedModel(other)?.status).toBe("InService");
  });
});
