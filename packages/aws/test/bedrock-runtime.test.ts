// Converse through the real SDK against the Bedrock Runtime stand-in, whose answers the test controls.
import {
  type BedrockRuntimeStandIn,
  type ConverseCall,
  startBedrockRuntimeStandIn,
} from "@tunegate/bedrock-local";
import { type EvalCase, ModelCallError } from "@tunegate/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { converseAsker, converseInput, createBedrockRuntimeClient } from "../src/bedrock-runtime";

const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
const CREDENTIALS = { accessKeyId: "AKIDTEST", secretAccessKey: "secret" };
let runtime: BedrockRuntimeStandIn;
const calls: ConverseCall[] = [];

const evalCase: EvalCase = {
  id: "3",
  line: 3,
  system: "Route the ticket.",
  messages: [
    { role: "user", text: "hi" },
    { role: "assistant", text: "hello" },
    { role: "user", text: "my invoice is wrong" },
  ],
  reference: "ROUTE: billing",
};

beforeAll(async () => {
  runtime = await startBedrockRuntimeStandIn({
    respond(call) {
      calls.push(call);
      return { text: "ROUTE: billing", inputTokens: 42, outputTokens: 3, latencyMs: 250 };
    },
  });
});
afterAll(() => runtime.close());
beforeEach(() => {
  calls.length = 0;
  runtime.clearFaults();
});

describe("createBedrockRuntimeClient", () => {
  it("takes AWS_ENDPOINT_URL_BEDROCK_RUNTIME and AWS_REGION from the environment", async () => {
    const client = createBedrockRuntimeClient({
      env: { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: runtime.url, AWS_REGION: "us-west-2" },
      credentials: CREDENTIALS,
    });
    const answer = await converseAsker(client)(HAIKU, evalCase);
    expect(answer).toEqual({
      text: "ROUTE: billing",
      latencyMs: 250,
      inputTokens: 42,
      outputTokens: 3,
      stopReason: "end_turn",
    });
    expect(await client.config.region()).toBe("us-west-2");
    client.destroy();
  });

  it("ignores configured endpoints when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true", async () => {
    const client = createBedrockRuntimeClient({
      env: { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: runtime.url, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" },
      region: "us-west-2",
      credentials: CREDENTIALS,
    });
    const endpoint = await client.config.endpoint?.();
    expect(endpoint?.hostname ?? "").not.toBe("127.0.0.1");
    client.destroy();
  });
});

describe("converseAsker", () => {
  it("sends the system prompt and the turns before the reference, at temperature 0", async () => {
    const client = createBedrockRuntimeClient({
      endpoint: runtime.url,
      region: "us-west-2",
      credentials: CREDENTIALS,
      env: {},
    });
    await converseAsker(client, { maxTokens: 20 })(HAIKU, evalCase);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.system).toBe("Route the ticket.");
    expect(calls[0]!.messages).toEqual([
      { role: "user", text: "hi" },
      { role: "assistant", text: "hello" },
      { role: "user", text: "my invoice is wrong" },
    ]);
    expect(calls[0]!.inferenceConfig).toEqual({ maxTokens: 20, temperature: 0 });
    expect(converseInput(HAIKU, { ...evalCase, system: "" })).not.toHaveProperty("system");
    client.destroy();
  });

  it("retries throttling and returns the answer", async () => {
    const client = createBedrockRuntimeClient({
      endpoint: runtime.url,
      region: "us-west-2",
      credentials: CREDENTIALS,
      env: {},
    });
    runtime.injectFault({ errorType: "ThrottlingException", times: 2 });
    const answer = await converseAsker(client)(HAIKU, evalCase);
    expect(answer.text).toBe("ROUTE: billing");
    const statuses = runtime
      .requests()
      .slice(-3)
      .map((r) => r.status);
    expect(statuses).toEqual([429, 429, 200]);
    client.destroy();
  });

  it("gives up after its attempts with the service's error and the attempt count", async () => {
    const client = createBedrockRuntimeClient({
      endpoint: runtime.url,
      region: "us-west-2",
      credentials: CREDENTIALS,
      env: {},
      maxAttempts: 2,
    });
    runtime.injectFault({ errorType: "ThrottlingException", times: 2 });
    await expect(converseAsker(client)(HAIKU, evalCase)).rejects.toThrow(
      /ThrottlingException: Too many requests.*\(after 2 attempts\)/,
    );
    expect(calls).toHaveLength(0);
    await expect(converseAsker(client)("no.such-model-v1:0", evalCase)).rejects.toThrow(
      /ValidationException/,
    );
    client.destroy();
  });
});

describe("converseAsker's errors", () => {
  it("with one attempt, a throttle is a ModelCallError of kind throttled, for the caller's limit", async () => {
    const client = createBedrockRuntimeClient({
      endpoint: runtime.url,
      region: "us-west-2",
      credentials: CREDENTIALS,
      env: {},
      maxAttempts: 1,
    });
    runtime.injectFault({ errorType: "ThrottlingException", times: 1 });
    const throttled = await converseAsker(client)(HAIKU, evalCase).catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(ModelCallError);
    expect(throttled).toMatchObject({
      kind: "throttled",
      message: expect.stringMatching(/^ThrottlingException: /),
    });
    runtime.injectFault({ errorType: "ServiceUnavailableException", times: 1 });
    expect(await converseAsker(client)(HAIKU, evalCase).catch((e: unknown) => e)).toMatchObject({
      kind: "transient",
    });
    expect(
      await converseAsker(client)("no.such-model-v1:0", evalCase).catch((e: unknown) => e),
    ).toMatchObject({
      kind: "fatal",
      message: expect.stringMatching(/^ValidationException: /),
    });
    expect(calls).toHaveLength(0);
    client.destroy();
  });
});
