// `tunegate distill` as users run it (the bundle, a child process) against the Bedrock Runtime stand-in.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type BedrockRuntimeStandIn,
  type ConverseAnswer,
  type ConverseCall,
  startBedrockRuntimeStandIn,
} from "@tunegate/bedrock-local";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { tunegate } from "./run";

const TEACHER = "amazon.nova-pro-v1:0";
const STUDENT = "amazon.nova-lite-v1:0:300k";
// Teacher prices set in tunegate.yml's catalog: $2 per million input tokens, $8 per million output.
const PRICE_IN = 2;
const PRICE_OUT = 8;
// Every answer reports 100 input and 50 output tokens: $0.0006 a prompt.
const USAGE = { inputTokens: 100, outputTokens: 50 };

let runtime: BedrockRuntimeStandIn;
/** What the teacher says to a prompt; a test may change it. */
let answer: (prompt: string, call: ConverseCall) => ConverseAnswer | Promise<ConverseAnswer>;
const defaultAnswer = (prompt: string): ConverseAnswer => ({
  text: `Answer: ${prompt.toUpperCase()}`,
  ...USAGE,
});

beforeAll(async () => {
  runtime = await startBedrockRuntimeStandIn({
    respond: (call) => answer(call.messages.at(-1)!.text, call),
  });
});
afterAll(() => runtime?.close());
beforeEach(() => {
  answer = defaultAnswer;
  runtime.clearFaults();
});

/** A project folder with tunegate.yml (for the teacher's prices) and `count` prompts. */
function project(count: number, prompt = (i: number) => JSON.stringify({ prompt: `question number ${i}` })) {
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

const env = () => ({
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME: runtime.url,
  AWS_ACCESS_KEY_ID: "AKIDTEST",
  AWS_SECRET_ACCESS_KEY: "secret",
  AWS_REGION: "us-west-2",
});

const args = (...extra: string[]) => [
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

const jsonl = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** The prompt texts the stand-in answered (status 200) since `from`. */
const answered = (from: number) =>
  runtime
    .requests()
    .slice(from)
    .filter((r) => r.operation === "Converse" && r.status === 200)
    .map((r) => (r.input!.messages as { content: { text: string }[] }[]).at(-1)!.content[0]!.text);

describe("tunegate distill", () => {
  it("writes one record per prompt for 1,000 prompts, in order, clean under the student's rules", async () => {
    const dir = project(1000);
    const before = runtime.requests().length;
    const result = await tunegate(args("--concurrency", "8"), { cwd: dir, env: env() });
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    const records = jsonl(join(dir, "out.jsonl"));
    expect(records).toHaveLength(1000);
    expect(records[0]).toEqual({
      schemaVersion: "bedrock-conversation-2024",
      messages: [
        { role: "user", content: [{ text: "question number 1" }] },
        { role: "assistant", content: [{ text: "Answer: QUESTION NUMBER 1" }] },
      ],
    });
    expect((records[999]!.messages as { content: { text: string }[] }[])[0]!.content[0]!.text).toBe(
      "question number 1000",
    );
    expect(answered(before)).toHaveLength(1000);
    expect(new Set(answered(before)).size).toBe(1000);
    expect(readFileSync(join(dir, "out.jsonl.failures.jsonl"), "utf8")).toBe("");
    expect(result.stdout).toContain(
      "Wrote 1,000 of 1,000 records to out.jsonl (clean under Amazon Nova Lite's rules).",
    );
    // 1,000 answers at 100 input and 50 output tokens: $0.20 + $0.40.
    expect(result.stdout).toContain("Asked the teacher 1,000 prompts for $0.60; 0 answers reused");
    // Piped stderr: plain progress lines, no carriage returns.
    expect(result.stderr).toContain("distill: 1,000/1,000 prompts, 0 failed");
    expect(result.stderr).not.toContain("\r");
    // The output passes `tunegate validate` on its own too.
    const check = await tunegate(["validate", "--base-model", STUDENT, "out.jsonl"], {
      cwd: dir,
      env: env(),
    });
    expect(check.code).toBe(0);
    // Run again: everything comes from the journal, nothing is asked.
    const again = await tunegate(args(), { cwd: dir, env: env() });
    expect(again.code).toBe(0);
    expect(answered(before)).toHaveLength(1000);
    expect(again.stdout).toContain("Estimate: 0 prompts to ask (1,000 already answered in the journal)");
    expect(jsonl(join(dir, "out.jsonl"))).toEqual(records);
  });
});
