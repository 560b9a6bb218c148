// The world of the `tunegate distill` tests: a Runtime stand-in whose teacher the test controls, and a
// project folder with the teacher's prices in tunegate.yml.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type BedrockRuntimeStandIn,
  type ConverseAnswer,
  type ConverseCall,
  startBedrockRuntimeStandIn,
} from "@tunegate/bedrock-local";
import { afterAll, beforeAll, beforeEach } from "vitest";

export const TEACHER = "amazon.nova-pro-v1:0";
export const STUDENT = "amazon.nova-lite-v1:0:300k";
// Teacher prices set in tunegate.yml's catalog: $2 per million input tokens, $8 per million output.
const PRICE_IN = 2;
const PRICE_OUT = 8;
/** Every answer reports 100 input and 50 output tokens: $0.0006 a prompt. */
export const USAGE = { inputTokens: 100, outputTokens: 50 };

export const defaultAnswer = (prompt: string): ConverseAnswer => ({
  text: `Answer: ${prompt.toUpperCase()}`,
  ...USAGE,
});

export interface DistillWorld {
  runtime: BedrockRuntimeStandIn;
  /** What the teacher says to a prompt (the last user turn); reset to `defaultAnswer` before each test. */
  answer: (prompt: string, call: ConverseCall) => ConverseAnswer | Promise<ConverseAnswer>;
}

/** Starts the stand-in for the test file and resets the teacher and the faults before each test. */
export function distillWorld(): DistillWorld {
  // The stand-in is set in beforeAll, before any test reads it.
  const world = { answer: defaultAnswer } as Partial<DistillWorld> as DistillWorld;
  beforeAll(async () => {
    world.runtime = await startBedrockRuntimeStandIn({
      respond: (call) => world.answer(call.messages.at(-1)!.text, call),
    });
  });
  afterAll(() => world.runtime?.close());
  beforeEach(() => {
    world.answer = defaultAnswer;
    world.runtime.clearFaults();
  });
  return world;
}

/** A project folder with tunegate.yml (for the teacher's prices) and `count` prompts. */
export function project(
  count: number,
  prompt = (i: number) => JSON.stringify({ prompt: `question number ${i}` }),
): string {
  const dir = mkdtempSync(join(tmpdir(), "tunegate-distill-"));
  writeFileSync(
    join(dir, "tunegate.yml"),
    [
      "version: 1",
      "catalog:",
      "  - id: amazon.nova-pro-v1:0:300k",
      "    prices:",
      `      inputPerMillionTokens: { usd: ${PRICE_IN}, source: test price }`,
      `      outputPerMillionTokens: { usd: ${PRICE_OUT}, source: test price }`,
      "models:",
      "  student:",
      `    baseModel: ${STUDENT}`,
      "    region: us-east-1",
      "    training: train.jsonl",
      "    s3: { bucket: my-data }",
      "    roleArn: arn:aws:iam::123456789012:role/bedrock",
      "",
    ].join("\n"),
  );
  writeFileSync(join(dir, "train.jsonl"), "");
  writeFileSync(
    join(dir, "prompts.jsonl"),
    Array.from({ length: count }, (_, i) => `${prompt(i + 1)}\n`).join(""),
  );
  return dir;
}

export const runtimeEnv = (runtime: BedrockRuntimeStandIn) => ({
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME: runtime.url,
  AWS_ACCESS_KEY_ID: "AKIDTEST",
  AWS_SECRET_ACCESS_KEY: "secret",
  AWS_REGION: "us-west-2",
});

export const distillArgs = (...extra: string[]) => [
  "distill",
  "--teacher",
  TEACHER,
  "--student",
  STUDENT,
  "prompts.jsonl",
  "-o",
  "out.jsonl",
  ...extra,
];

export const jsonl = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** The prompt texts the stand-in answered (status 200) since request number `from`. */
export const answeredSince = (runtime: BedrockRuntimeStandIn, from: number) =>
  runtime
    .requests()
    .slice(from)
    .filter((r) => r.operation === "Converse" && r.status === 200)
    .map((r) => (r.input!.messages as { content: { text: string }[] }[]).at(-1)!.content[0]!.text);
