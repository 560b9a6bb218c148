// Reinforcement fine-tuning from merge to report, with the repository's RFT example (AWS's own RFT
// sample data, as published): the train action's committed bundle sends REINFORCEMENT_FINE_TUNING with
// rftConfig to the Bedrock stand-in, and once the job ends this action's bundle finds its reward series
// by listing the job's output folder and charts them in the same comment.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runAction } from "@tunegate/testkit";
import { afterAll, beforeAll, expect, it } from "vitest";
import { BUCKET, OWNER, REPO, startWorld, TOKEN, type World } from "../../train/test/support";
import { ACTION } from "./support";

const EXAMPLE = fileURLToPath(new URL("../../../examples/math-rft/", import.meta.url));
const CONFIG = "examples/math-rft/tunegate.yml";
const TRAIN = "examples/math-rft/train.jsonl";
const VALIDATION = "examples/math-rft/validation.jsonl";
const example = (name: string) => readFileSync(`${EXAMPLE}${name}`, "utf8");
let world: World;

beforeAll(async () => {
  const train = example("train.jsonl");
  world = await startWorld({
    // The example as it is, pointed at the test's bucket.
    [CONFIG]: example("tunegate.yml").replace("bucket: tunegate-example-data", `bucket: ${BUCKET}`),
    // Before the pull request, the training file lacks its last prompt.
    [TRAIN]: train.slice(0, train.lastIndexOf("\n") + 1),
    [VALIDATION]: example("validation.jsonl"),
  });
});

afterAll(() => world?.close());

it("trains the RFT example with rftConfig and reports its rewards on the pull request", async () => {
  const { merge, before } = world.mergePullRequest(9, { [TRAIN]: example("train.jsonl") });
  const train = await world.run({ sha: merge, before, inputs: { config: CONFIG } });
  expect(train.code, train.stderr).toBe(0);
  const [create] = world.bedrockCalls("CreateModelCustomizationJob");
  expect(create!.status).toBe(201);
  expect(create!.input).toMatchObject({
    baseModelIdentifier: "amazon.nova-2-lite-v1:0:256k",
    customizationType: "REINFORCEMENT_FINE_TUNING",
    customizationConfig: {
      rftConfig: {
        graderConfig: {
          lambdaGrader: { lambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:gsm8k-grader" },
        },
        hyperParameters: {
          epochCount: 2,
          batchSize: 64,
          learningRate: 0.00001,
          trainingSamplePerPrompt: 4,
          reasoningEffort: "medium",
          evalInterval: 10,
        },
      },
    },
  });
  expect(create!.input).not.toHaveProperty("hyperParameters");
  const [started] = world.github.comments(OWNER, REPO, 9);
  expect(started!.body).toContain("Reinforcement fine-tuning **Amazon Nova 2 Lite**");
  expect(started!.body).toContain(
    "| Grader | `arn:aws:lambda:us-east-1:123456789012:function:gsm8k-grader` |",
  );
  expect(started!.body).toContain("`epochCount=2`, `batchSize=64`");
  expect(started!.body).not.toContain("(default)");

  await world.bedrock.advance(60 * 60_000);
  const report = await runAction({
    script: ACTION,
    workspace: world.repo.dir,
    repository: `${OWNER}/${REPO}`,
    apiUrl: world.github.url,
    eventName: "schedule",
    inputs: { "github-token": TOKEN, config: CONFIG, eval: "false" },
    env: {
      AWS_REGION: "us-east-1",
      AWS_ENDPOINT_URL_S3: world.s3.endpoint,
      AWS_ENDPOINT_URL_BEDROCK: world.bedrock.url,
      AWS_ACCESS_KEY_ID: world.s3.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: world.s3.credentials.secretAccessKey,
    },
  });
  expect(report.code, report.stderr).toBe(0);
  expect(JSON.parse(report.outputs.reported!)).toMatchObject([
    { model: "math-tutor", status: "Completed", pr: 9 },
  ]);
  const comments = world.github.comments(OWNER, REPO, 9);
  expect(comments).toHaveLength(1);
  expect(comments[0]!.id).toBe(started!.id);
  const body = comments[0]!.body;
  expect(body).toContain("### ✅ Training completed: `math-tutor` (Amazon Nova 2 Lite)");
  expect(body).toContain("| Grader | `arn:aws:lambda:us-east-1:123456789012:function:gsm8k-grader` |");
  expect(body).toContain("#### Rewards and metrics");
  // 300 prompts in batches of 64: 5 steps an epoch, 2 epochs; validation every 10 steps.
  expect(body).toMatch(
    /\| 1 \| `aggregate_reward_score` \| `training_artifacts\/step_wise_reward_metrics\.csv` \| 10 \|/,
  );
  expect(body).toMatch(
    /\| 3 \| `aggregate_reward_score` \| `validation_artifacts\/reward_metrics\.csv` \| 1 \|/,
  );
  expect(body).toContain('  title "Reward by step"');
  expect(body).not.toContain("No metrics files were found");
});
