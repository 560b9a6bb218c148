// Reinforcement fine-tuning and distillation jobs: the Smithy model's checks of customizationConfig
// (typed RFT hyperparameters, ranges, the Lambda ARN pattern), the service's rules on top, the data
// checks, and what a finished RFT job leaves in its output folder.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type BedrockClient,
  CreateModelCustomizationJobCommand,
  type CreateModelCustomizationJobCommandInput,
  GetModelCustomizationJobCommand,
} from "@aws-sdk/client-bedrock";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type BedrockStandIn, startBedrockStandIn } from "../src/index.js";
import { bedrockClient, caught, type LocalS3, ROLE_ARN, S3_CREDENTIALS, startLocalS3 } from "./support.js";

const REAL = join(import.meta.dirname, "../../../../shared/fixtures/real");
const NOVA_2_LITE = "amazon.nova-2-lite-v1:0:256k";
const NOVA_LITE = "amazon.nova-lite-v1:0:300k";
const GRADER = "arn:aws:lambda:us-east-1:123456789012:function:gsm8k-grader";
const HOUR = 60 * 60 * 1000;

let s3: LocalS3;
let bedrock: BedrockStandIn;
let client: BedrockClient;

const prompt = (i: number) => JSON.stringify({ messages: [{ role: "user", content: `Why is ${i} even?` }] });

beforeAll(async () => {
  s3 = await startLocalS3(["data"]);
  await s3.put(
    "data",
    "rft/train.jsonl",
    readFileSync(join(REAL, "bedrock-samples-rft-train.jsonl"), "utf8"),
  );
  await s3.put(
    "data",
    "rft/validation.jsonl",
    readFileSync(join(REAL, "bedrock-samples-rft-validation.jsonl"), "utf8"),
  );
  await s3.put(
    "data",
    "distill/prompts.jsonl",
    `${Array.from({ length: 20 }, (_, i) => JSON.stringify({ schemaVersion: "bedrock-conversation-2024", messages: [{ role: "user", content: [{ text: `Why is ${i} even?` }] }] })).join("\n")}\n`,
  );
  await s3.put("data", "distill/openai.jsonl", `${prompt(1)}\n`);
  bedrock = await startBedrockStandIn({
    region: "us-east-1",
    s3: { endpoint: s3.endpoint, credentials: S3_CREDENTIALS },
    jobDurationMs: HOUR,
  });
  client = bedrockClient(bedrock.url, "us-east-1");
});

afterAll(async () => {
  client.destroy();
  await bedrock.close();
  await s3.close();
});

function rftInput(name: string, overrides: Partial<CreateModelCustomizationJobCommandInput> = {}) {
  return {
    jobName: name,
    customModelName: `${name}-model`,
    roleArn: ROLE_ARN,
    baseModelIdentifier: NOVA_2_LITE,
    customizationType: "REINFORCEMENT_FINE_TUNING",
    trainingDataConfig: { s3Uri: "s3://data/rft/train.jsonl" },
    outputDataConfig: { s3Uri: "s3://data/output/" },
    customizationConfig: {
      rftConfig: {
        graderConfig: { lambdaGrader: { lambdaArn: GRADER } },
        hyperParameters: { epochCount: 2, batchSize: 64, learningRate: 1e-5, evalInterval: 2 },
      },
    },
    ...overrides,
  } satisfies CreateModelCustomizationJobCommandInput;
}

async function post(body: unknown) {
  const response = await fetch(`${bedrock.url}/model-customization-jobs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    type: response.headers.get("x-amzn-errortype"),
    message: ((await response.json()) as { message: string }).message,
  };
}

describe("reinforcement fine-tuning", () => {
  test("runs AWS's sample data and writes reward series under the job's output folder", async () => {
    const { jobArn } = await client.send(
      new CreateModelCustomizationJobCommand(
        rftInput("rft-1", {
          validationDataConfig: { validators: [{ s3Uri: "s3://data/rft/validation.jsonl" }] },
        }),
      ),
    );
    await bedrock.advance(HOUR);
    const job = await client.send(new GetModelCustomizationJobCommand({ jobIdentifier: jobArn }));
    expect(job.status).toBe("Completed");
    expect(job.customizationType).toBe("REINFORCEMENT_FINE_TUNING");
    expect(job.customizationConfig).toEqual(rftInput("x").customizationConfig);
    const jobId = jobArn!.slice(jobArn!.lastIndexOf("/") + 1);
    const listed = await s3.client.send(
      new ListObjectsV2Command({ Bucket: "data", Prefix: `output/model-customization-job-${jobId}/` }),
    );
    const keys = (listed.Contents ?? []).map((o) =>
      o.Key!.replace(/^.*model-customization-job-[a-z0-9]+\//, ""),
    );
    expect(keys.sort()).toEqual([
      "training_artifacts/step_wise_reward_metrics.csv",
      "validation_artifacts/reward_metrics.csv",
    ]);
    const body = await s3.client.send(
      new GetObjectCommand({
        Bucket: "data",
        Key: `output/model-customization-job-${jobId}/training_artifacts/step_wise_reward_metrics.csv`,
      }),
    );
    const rows = (await body.Body!.transformToString()).trim().split("\n");
    expect(rows[0]).toBe("step_number,epoch_number,aggregate_reward_score,accuracy");
    // 300 prompts in batches of 64: 5 steps per epoch, 2 epochs.
    expect(rows).toHaveLength(1 + 10);
    expect(job.trainingMetrics).toBeUndefined();
  });

  test("a string epochCount is refused by the model's types, before any rule of the service", async () => {
    const input = rftInput("rft-string") as Record<string, unknown>;
    const answer = await post({
      ...input,
      customizationConfig: {
        rftConfig: {
          graderConfig: { lambdaGrader: { lambdaArn: GRADER } },
          hyperParameters: { epochCount: "2" },
        },
      },
    });
    expect(answer).toMatchObject({ status: 400, type: "SerializationException" });
    expect(bedrock.jobs().some((j) => j.jobName === "rft-string")).toBe(false);
  });

  test("ranges and the Lambda ARN pattern come from the Smithy model", async () => {
    const error = await caught(() =>
      client.send(
        new CreateModelCustomizationJobCommand(
          rftInput("rft-range", {
            customizationConfig: {
              rftConfig: {
                graderConfig: { lambdaGrader: { lambdaArn: "arn:aws:lambda:us-east-1:1:grader" } },
                hyperParameters: {
                  epochCount: 51,
                  batchSize: 8,
                  trainingSamplePerPrompt: 1,
                  reasoningEffort: "max" as "low",
                },
              },
            },
          }),
        ),
      ),
    );
    expect(error.name).toBe("ValidationException");
    expect(error.message).toContain("5 validation errors detected");
    expect(error.message).toContain(
      "at 'customizationConfig.rftConfig.hyperParameters.epochCount' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
    expect(error.message).toContain(
      "at 'customizationConfig.rftConfig.hyperParameters.batchSize' failed to satisfy constraint: Member must have value greater than or equal to 16",
    );
    expect(error.message).toContain("'customizationConfig.rftConfig.graderConfig.lambdaGrader.lambdaArn'");
  });

  test("the service's rules: the type's config member, no string hyperParameters, a model that takes RFT", async () => {
    const noConfig = await caught(() =>
      client.send(
        new CreateModelCustomizationJobCommand(rftInput("rft-none", { customizationConfig: undefined })),
      ),
    );
    expect(noConfig.message).toBe("customizationConfig.rftConfig is required for REINFORCEMENT_FINE_TUNING.");
    const strings = await caught(() =>
      client.send(
        new CreateModelCustomizationJobCommand(rftInput("rft-map", { hyperParameters: { epochCount: "2" } })),
      ),
    );
    expect(strings.message).toBe(
      "hyperParameters is not supported for REINFORCEMENT_FINE_TUNING; set customizationConfig.rftConfig.hyperParameters.",
    );
    const lite = await caught(() =>
      client.send(
        new CreateModelCustomizationJobCommand(rftInput("rft-lite", { baseModelIdentifier: NOVA_LITE })),
      ),
    );
    expect(lite.message).toBe(
      `Customization type REINFORCEMENT_FINE_TUNING is not supported for ${NOVA_LITE}.`,
    );
  });

  test("fails a job with too few prompts, or data that is not RFT data", async () => {
    const sample = readFileSync(join(REAL, "bedrock-samples-rft-validation.jsonl"), "utf8").split("\n");
    await s3.put("data", "rft/few.jsonl", `${sample.slice(0, 99).join("\n")}\n`);
    await s3.put(
      "data",
      "rft/converse.jsonl",
      '{"messages": [{"role": "user", "content": [{"text": "Hi"}]}], "reference_answer": "1"}\n',
    );
    const few = await client.send(
      new CreateModelCustomizationJobCommand(
        rftInput("rft-few", { trainingDataConfig: { s3Uri: "s3://data/rft/few.jsonl" } }),
      ),
    );
    const converse = await client.send(
      new CreateModelCustomizationJobCommand(
        rftInput("rft-converse", { trainingDataConfig: { s3Uri: "s3://data/rft/converse.jsonl" } }),
      ),
    );
    await bedrock.idle();
    const job = (arn: string | undefined) => bedrock.jobs().find((j) => j.jobArn === arn)!;
    expect(job(few.jobArn)).toMatchObject({ status: "Failed", failureDetail: "99 < 100" });
    expect(job(converse.jobArn)).toMatchObject({
      status: "Failed",
      failureDetail: "line 1: message 1: content must be a string (rft-chat)",
    });
  });
});

describe("distillation", () => {
  const distill = (name: string, teacher: string, s3Uri = "s3://data/distill/prompts.jsonl") =>
    new CreateModelCustomizationJobCommand({
      jobName: name,
      customModelName: `${name}-model`,
      roleArn: ROLE_ARN,
      baseModelIdentifier: NOVA_LITE,
      customizationType: "DISTILLATION",
      trainingDataConfig: { s3Uri },
      outputDataConfig: { s3Uri: "s3://data/output/" },
      customizationConfig: {
        distillationConfig: {
          teacherModelConfig: { teacherModelIdentifier: teacher, maxResponseLengthForInference: 1000 },
        },
      },
    });

  test("distils prompts without answers from a catalog teacher, named by id or inference profile", async () => {
    await client.send(distill("distill-1", "amazon.nova-pro-v1:0"));
    await client.send(
      distill(
        "distill-2",
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-premier-v1:0",
      ),
    );
    await bedrock.advance(HOUR);
    const states = bedrock
      .jobs()
      .filter((j) => j.jobName.startsWith("distill-"))
      .map((j) => j.status);
    expect(states).toEqual(["Completed", "Completed"]);
  });

  test("refuses a teacher the student does not take", async () => {
    const error = await caught(() => client.send(distill("distill-3", "meta.llama3-1-405b-instruct-v1:0")));
    expect(error.message).toBe(
      `Teacher model meta.llama3-1-405b-instruct-v1:0 is not supported for the student model ${NOVA_LITE}.`,
    );
  });

  test("fails a job whose prompts are not in the Converse format", async () => {
    const { jobArn } = await client.send(
      distill("distill-4", "amazon.nova-pro-v1:0", "s3://data/distill/openai.jsonl"),
    );
    await bedrock.idle();
    const job = bedrock.jobs().find((j) => j.jobArn === jobArn)!;
    expect(job.status).toBe("Failed");
    expect(job.failureDetail).toBe("line 1: message 1: content must be a list (distillation prompts)");
  });
});
