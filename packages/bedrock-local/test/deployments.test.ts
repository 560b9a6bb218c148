// Custom model deployments: real @aws-sdk/client-bedrock and client-bedrock-runtime against the
// stand-ins; custom models come from real (stand-in) customization jobs on data in s3rver.
import {
  type BedrockClient,
  CreateCustomModelDeploymentCommand,
  CreateModelCustomizationJobCommand,
  DeleteCustomModelDeploymentCommand,
  GetCustomModelDeploymentCommand,
  ListCustomModelDeploymentsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UpdateCustomModelDeploymentCommand,
} from "@aws-sdk/client-bedrock";
import { type BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  type BedrockRuntimeStandIn,
  type BedrockStandIn,
  DEFAULT_BASE_MODELS,
  startBedrockRuntimeStandIn,
  startBedrockStandIn,
} from "../src/index.js";
import {
  bedrockClient,
  caught,
  jobInput,
  type LocalS3,
  runtimeClient,
  S3_CREDENTIALS,
  startLocalS3,
} from "./support.js";

const REGION = "us-east-1";
const DEPLOY_MS = 10 * 60_000; // virtual; tests advance the clock instead of waiting
const NOVA_LITE = "amazon.nova-lite-v1:0:300k";
const NOVA_MICRO = "amazon.nova-micro-v1:0:128k"; // made provisioned-only below, for the refusal

const novaRecord = (i: number) =>
  JSON.stringify({
    messages: [
      { role: "user", content: [{ text: `ticket ${i}` }] },
      { role: "assistant", content: [{ text: `ROUTE: q${i % 3}` }] },
    ],
  });

let s3: LocalS3;
let bedrock: BedrockStandIn;
let runtime: BedrockRuntimeStandIn;
let client: BedrockClient;
let converse: BedrockRuntimeClient;
let modelA: string;
let modelB: string;
let microModel: string;

async function train(name: string, base: string): Promise<string> {
  const { jobArn } = await client.send(
    new CreateModelCustomizationJobCommand(
      jobInput(name, { baseModelIdentifier: base, hyperParameters: { epochCount: "1" } }),
    ),
  );
  await bedrock.advance(60_000);
  const job = bedrock.jobs().find((j) => j.jobArn === jobArn);
  if (!job?.outputModelArn) throw new Error(`${name} did not complete: ${job?.failureDetail}`);
  return job.outputModelArn;
}

beforeAll(async () => {
  s3 = await startLocalS3(["data"]);
  await s3.put("data", "train.jsonl", `${Array.from({ length: 10 }, (_, i) => novaRecord(i)).join("\n")}\n`);
  bedrock = await startBedrockStandIn({
    region: REGION,
    s3: { endpoint: s3.endpoint, credentials: S3_CREDENTIALS },
    jobDurationMs: 60_000,
    deploymentDurationMs: DEPLOY_MS,
    baseModels: DEFAULT_BASE_MODELS.map((m) =>
      m.id === NOVA_MICRO ? { ...m, onDemandDeployment: false } : m,
    ),
  });
  runtime = await startBedrockRuntimeStandIn({
    region: REGION,
    deployments: bedrock,
    respond: (call) => ({ text: `served by ${call.servedModelArn ?? call.modelId}` }),
  });
  client = bedrockClient(bedrock.url, REGION);
  converse = runtimeClient(runtime.url, REGION);
  modelA = await train("router-a", NOVA_LITE);
  modelB = await train("router-b", NOVA_LITE);
  microModel = await train("router-micro", NOVA_MICRO);
});

afterAll(async () => {
  client?.destroy();
  converse?.destroy();
  await runtime?.close();
  await bedrock?.close();
  await s3?.close();
});

const ask = (modelId: string) =>
  converse.send(new ConverseCommand({ modelId, messages: [{ role: "user", content: [{ text: "hi" }] }] }));
const get = (id: string) =>
  client.send(new GetCustomModelDeploymentCommand({ customModelDeploymentIdentifier: id }));

describe("a deployment", () => {
  let arn: string;

  test("is Creating, answers nothing, then Active on the virtual clock and answers for its model", async () => {
    const created = await client.send(
      new CreateCustomModelDeploymentCommand({
        modelDeploymentName: "router-prod",
        modelArn: modelA,
        description: "production",
        tags: [{ key: "tunegate:model", value: "router" }],
        clientRequestToken: "tok-prod-1",
      }),
    );
    arn = created.customModelDeploymentArn!;
    expect(arn).toMatch(/^arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment\/[a-z0-9]{12}$/);
    const creating = await get(arn);
    expect(creating).toMatchObject({
      status: "Creating",
      modelArn: modelA,
      modelDeploymentName: "router-prod",
    });
    expect((await caught(() => ask(arn))).name).toBe("ValidationException");

    await bedrock.advance(DEPLOY_MS);
    expect((await get("router-prod")).status).toBe("Active");
    const answer = await ask(arn);
    expect(answer.output?.message?.content?.[0]?.text).toBe(`served by ${modelA}`);
  });

  test("is idempotent on its client request token, and refuses the token for another request", async () => {
    const again = await client.send(
      new CreateCustomModelDeploymentCommand({
        modelDeploymentName: "router-prod",
        modelArn: modelA,
        description: "production",
        tags: [{ key: "tunegate:model", value: "router" }],
        clientRequestToken: "tok-prod-1",
      }),
    );
    expect(again.customModelDeploymentArn).toBe(arn);
    const reused = await caught(() =>
      client.send(
        new CreateCustomModelDeploymentCommand({
          modelDeploymentName: "router-other",
          modelArn: modelA,
          clientRequestToken: "tok-prod-1",
        }),
      ),
    );
    expect(reused.name).toBe("ValidationException");
    const taken = await caught(() =>
      client.send(
        new CreateCustomModelDeploymentCommand({ modelDeploymentName: "router-prod", modelArn: modelB }),
      ),
    );
    expect(taken.message).toContain("already exists");
    expect(bedrock.deployments()).toHaveLength(1);
  });

  test("swaps the model behind the same ARN when an update completes", async () => {
    const updated = await client.send(
      new UpdateCustomModelDeploymentCommand({ customModelDeploymentIdentifier: arn, modelArn: modelB }),
    );
    expect(updated.customModelDeploymentArn).toBe(arn);
    const updating = await get(arn);
    expect(updating).toMatchObject({
      status: "Active",
      modelArn: modelA,
      updateDetails: { modelArn: modelB, updateStatus: "Updating" },
    });
    // Still serving the old model until the swap.
    expect((await ask(arn)).output?.message?.content?.[0]?.text).toBe(`served by ${modelA}`);
    const busy = await caught(() =>
      client.send(
        new UpdateCustomModelDeploymentCommand({ customModelDeploymentIdentifier: arn, modelArn: modelA }),
      ),
    );
    expect(busy.message).toContain("already being updated");

    await bedrock.advance(DEPLOY_MS);
    expect(await get(arn)).toMatchObject({
      modelArn: modelB,
      updateDetails: { modelArn: modelB, updateStatus: "UpdateCompleted" },
    });
    expect((await ask(arn)).output?.message?.content?.[0]?.text).toBe(`served by ${modelB}`);
  });

  test("is listed with filters, and tagged like other resources", async () => {
    const listed = await client.send(new ListCustomModelDeploymentsCommand({ nameContains: "PROD" }));
    expect(listed.modelDeploymentSummaries?.map((d) => [d.customModelDeploymentName, d.modelArn])).toEqual([
      ["router-prod", modelB],
    ]);
    const none = await client.send(new ListCustomModelDeploymentsCommand({ modelArnEquals: modelA }));
    expect(none.modelDeploymentSummaries).toEqual([]);
    await client.send(
      new TagResourceCommand({ resourceARN: arn, tags: [{ key: "tunegate:job", value: "j1" }] }),
    );
    const { tags } = await client.send(new ListTagsForResourceCommand({ resourceARN: arn }));
    expect(tags).toEqual([
      { key: "tunegate:model", value: "router" },
      { key: "tunegate:job", value: "j1" },
    ]);
  });

  test("is gone once deleted", async () => {
    await client.send(new DeleteCustomModelDeploymentCommand({ customModelDeploymentIdentifier: arn }));
    expect((await caught(() => get(arn))).name).toBe("ResourceNotFoundException");
    expect((await caught(() => ask(arn))).name).toBe("ResourceNotFoundException");
    expect(bedrock.deployments()).toEqual([]);
  });
});

describe("refusals", () => {
  test("a model of a base without on-demand deployment, an unknown model, a bad name", async () => {
    const micro = await caught(() =>
      client.send(
        new CreateCustomModelDeploymentCommand({ modelDeploymentName: "micro", modelArn: microModel }),
      ),
    );
    expect(micro.name).toBe("ValidationException");
    expect(micro.message).toContain("does not support on-demand custom model deployment");
    const missing = await caught(() =>
      client.send(
        new CreateCustomModelDeploymentCommand({
          modelDeploymentName: "ghost",
          modelArn: `${modelA.slice(0, -12)}zzzzzzzzzzzz`,
        }),
      ),
    );
    expect(missing.name).toBe("ResourceNotFoundException");
    // The model's shape: names are letters and digits with single - or _ between them.
    const badName = await caught(() =>
      client.send(new CreateCustomModelDeploymentCommand({ modelDeploymentName: "a--b", modelArn: modelA })),
    );
    expect(badName.name).toBe("ValidationException");
    expect(bedrock.deployments()).toEqual([]);
  });

  test("an update while the deployment is still Creating", async () => {
    const { customModelDeploymentArn } = await client.send(
      new CreateCustomModelDeploymentCommand({ modelDeploymentName: "router-new", modelArn: modelA }),
    );
    const early = await caught(() =>
      client.send(
        new UpdateCustomModelDeploymentCommand({
          customModelDeploymentIdentifier: customModelDeploymentArn!,
          modelArn: modelB,
        }),
      ),
    );
    expect(early.message).toContain("is Creating, not Active");
  });
});
