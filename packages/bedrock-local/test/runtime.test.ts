// Converse through the real @aws-sdk/client-bedrock-runtime, and provisioned throughputs created on the
// control-plane stand-in and invoked through the runtime stand-in.
import {
  type BedrockClient,
  CreateModelCustomizationJobCommand,
  CreateProvisionedModelThroughputCommand,
  DeleteProvisionedModelThroughputCommand,
  GetModelCustomizationJobCommand,
  GetProvisionedModelThroughputCommand,
  ListProvisionedModelThroughputsCommand,
} from "@aws-sdk/client-bedrock";
import { type BedrockRuntimeClient, ConverseCommand, type Message } from "@aws-sdk/client-bedrock-runtime";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  type BedrockRuntimeStandIn,
  type BedrockStandIn,
  type ConverseCall,
  DEFAULT_BASE_MODELS,
  startBedrockRuntimeStandIn,
  startBedrockStandIn,
} from "../src/index.js";
import {
  bedrockClient,
  caught,
  HAIKU,
  haikuFile,
  jobInput,
  type LocalS3,
  runtimeClient,
  S3_CREDENTIALS,
  startLocalS3,
} from "./support.js";

const HAIKU_ON_DEMAND = "anthropic.claude-3-haiku-20240307-v1:0";

let s3: LocalS3;
let bedrock: BedrockStandIn;
let runtime: BedrockRuntimeStandIn;
let control: BedrockClient;
let client: BedrockRuntimeClient;
const calls: ConverseCall[] = [];

beforeAll(async () => {
  s3 = await startLocalS3(["data"]);
  await s3.put("data", "train.jsonl", haikuFile(40));
  bedrock = await startBedrockStandIn({
    s3: { endpoint: s3.endpoint, credentials: S3_CREDENTIALS },
    jobDurationMs: 60_000,
    provisionedDurationMs: 20 * 60_000,
  });
  runtime = await startBedrockRuntimeStandIn({
    provisionedModels: bedrock,
    respond(call) {
      calls.push(call);
      if (call.messages.at(-1)?.text.includes("invoice")) {
        return { text: "billing", inputTokens: 57, outputTokens: 1, latencyMs: 412 };
      }
      return { text: "one two three four five six" };
    },
  });
  control = bedrockClient(bedrock.url);
  client = runtimeClient(runtime.url);
});

afterAll(async () => {
  control.destroy();
  client.destroy();
  await runtime.close();
  await bedrock.close();
  await s3.close();
});

const userTurn = (text: string): Message => ({ role: "user", content: [{ text }] });

describe("Converse", () => {
  test("round-trips a controlled answer with usage and latency", async () => {
    const answer = await client.send(
      new ConverseCommand({
        modelId: HAIKU_ON_DEMAND,
        system: [{ text: "Route the ticket." }],
        messages: [userTurn("My invoice is wrong")],
        inferenceConfig: { maxTokens: 10, temperature: 0 },
      }),
    );
    expect(answer.output?.message).toEqual({ role: "assistant", content: [{ text: "billing" }] });
    expect(answer.stopReason).toBe("end_turn");
    expect(answer.usage).toEqual({ inputTokens: 57, outputTokens: 1, totalTokens: 58 });
    expect(answer.metrics?.latencyMs).toBe(412);
    const call = calls.at(-1);
    expect(call?.system).toBe("Route the ticket.");
    expect(call?.messages).toEqual([{ role: "user", text: "My invoice is wrong" }]);
    expect(call?.inferenceConfig).toEqual({ maxTokens: 10, temperature: 0 });
  });

  test("counts words as tokens by default and stops at maxTokens", async () => {
    const answer = await client.send(
      new ConverseCommand({
        modelId: HAIKU_ON_DEMAND,
        messages: [userTurn("say six words please")],
        inferenceConfig: { maxTokens: 4 },
      }),
    );
    expect(answer.output?.message?.content?.[0]?.text).toBe("one two three four");
    expect(answer.stopReason).toBe("max_tokens");
    expect(answer.usage).toEqual({ inputTokens: 4, outputTokens: 4, totalTokens: 8 });
  });

  test("rejects what the model forbids, with AWS's messages", async () => {
    const temperature = await caught(() =>
      client.send(
        new ConverseCommand({
          modelId: HAIKU_ON_DEMAND,
          messages: [userTurn("hi")],
          inferenceConfig: { temperature: 1.5 },
        }),
      ),
    );
    expect(temperature.name).toBe("ValidationException");
    expect(temperature.message).toBe(
      "1 validation error detected: Value '1.5' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1",
    );

    const emptySystem = await caught(() =>
      client.send(
        new ConverseCommand({ modelId: HAIKU_ON_DEMAND, system: [{ text: "" }], messages: [userTurn("hi")] }),
      ),
    );
    expect(emptySystem.message).toBe(
      "1 validation error detected: Value '' at 'system.1.member.text' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );

    const assistantFirst = await caught(() =>
      client.send(
        new ConverseCommand({
          modelId: HAIKU_ON_DEMAND,
          messages: [{ role: "assistant", content: [{ text: "hi" }] }],
        }),
      ),
    );
    expect(assistantFirst.name).toBe("ValidationException");
    expect(assistantFirst.message).toContain("A conversation must start with a user message.");

    const unknownModel = await caught(() =>
      client.send(new ConverseCommand({ modelId: "anthropic.claude-9-v1:0", messages: [userTurn("hi")] })),
    );
    expect(unknownModel.name).toBe("ValidationException");
    expect(unknownModel.message).toBe("The provided model identifier is invalid.");
  });

  test("retries an injected 429 and then answers", async () => {
    runtime.injectFault({ errorType: "ThrottlingException", times: 1 });
    const answer = await client.send(
      new ConverseCommand({ modelId: HAIKU_ON_DEMAND, messages: [userTurn("invoice")] }),
    );
    expect(answer.$metadata.attempts).toBe(2);
    expect(
      runtime
        .requests()
        .slice(-2)
        .map((request) => request.status),
    ).toEqual([429, 200]);
  });
});

describe("provisioned throughput for a custom model", () => {
  test("Creating -> InService, invocable by ARN, then deleted", async () => {
    const { jobArn } = await control.send(new CreateModelCustomizationJobCommand(jobInput("pt-job")));
    await bedrock.advance(60_000);
    const job = await control.send(new GetModelCustomizationJobCommand({ jobIdentifier: jobArn }));
    expect(job.status).toBe("Completed");

    // A throughput bought while Claude 3 Haiku was still active: AWS lets those run on after Legacy.
    const legacy = DEFAULT_BASE_MODELS.find((model) => model.id === HAIKU)!.lifecycle!["us-west-2"]!;
    bedrock.setLifecycle(HAIKU, { status: "ACTIVE" });
    const { provisionedModelArn } = await control.send(
      new CreateProvisionedModelThroughputCommand({
        provisionedModelName: "pt-router",
        modelId: "pt-job-model",
        modelUnits: 1,
      }),
    );
    bedrock.setLifecycle(HAIKU, legacy);
    expect(provisionedModelArn).toMatch(
      /^arn:aws:bedrock:us-west-2:123456789012:provisioned-model\/[a-z0-9]{12}$/,
    );
    const creating = await control.send(
      new GetProvisionedModelThroughputCommand({ provisionedModelId: provisionedModelArn }),
    );
    expect(creating).toMatchObject({ status: "Creating", modelArn: job.outputModelArn, modelUnits: 1 });

    const notReady = await caught(() =>
      client.send(new ConverseCommand({ modelId: provisionedModelArn, messages: [userTurn("invoice")] })),
    );
    expect(notReady.name).toBe("ValidationException");

    await bedrock.advance(20 * 60_000);
    const listed = await control.send(
      new ListProvisionedModelThroughputsCommand({ statusEquals: "InService" }),
    );
    expect(listed.provisionedModelSummaries?.map((summary) => summary.provisionedModelName)).toEqual([
      "pt-router",
    ]);
    const answer = await client.send(
      new ConverseCommand({ modelId: provisionedModelArn, messages: [userTurn("invoice")] }),
    );
    expect(answer.output?.message?.content?.[0]?.text).toBe("billing");
    expect(calls.at(-1)?.modelId).toBe(provisionedModelArn);

    await control.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: "pt-router" }));
    const gone = await caught(() =>
      client.send(new ConverseCommand({ modelId: provisionedModelArn, messages: [userTurn("invoice")] })),
    );
    expect(gone.name).toBe("ResourceNotFoundException");
  });

  test("an unknown model cannot be provisioned", async () => {
    const error = await caught(() =>
      control.send(
        new CreateProvisionedModelThroughputCommand({
          provisionedModelName: "pt-x",
          modelId: "no-such-model",
          modelUnits: 1,
        }),
      ),
    );
    expect(error.name).toBe("ResourceNotFoundException");
  });
});
