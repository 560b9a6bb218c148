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

  it("resumes after the CLI is killed halfway, asking no prompt twice", async () => {
    const dir = project(1000);
    const before = runtime.requests().length;
    // The first 500 calls are answered; the rest are held unanswered until the process is gone.
    let calls = 0;
    const held: ((why: Error) => void)[] = [];
    answer = (prompt) =>
      ++calls <= 500
        ? defaultAnswer(prompt)
        : new Promise<ConverseAnswer>((_resolve, reject) => held.push(reject));
    const start = runtime.load().received;
    const child = spawn(process.execPath, [inject("cliPath"), ...args("--concurrency", "8")], {
      cwd: dir,
      env: { ...process.env, ...env() },
      stdio: "ignore",
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    // A call goes out only after an answer is journaled and its slot freed: once 500 + 8 calls have
    // arrived, the 500 answers are on disk and 8 calls are held.
    await runtime.until((load) => load.received - start >= 508);
    expect(runtime.load().inFlight).toBe(8);
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    for (const reject of held.splice(0)) reject(new Error("the client is gone"));
    expect(existsSync(join(dir, "out.jsonl"))).toBe(false);
    expect(readFileSync(join(dir, "out.jsonl.journal.jsonl"), "utf8").trim().split("\n")).toHaveLength(500);
    expect(answered(before)).toHaveLength(500);

    answer = defaultAnswer;
    const resumed = await tunegate(args("--concurrency", "8"), { cwd: dir, env: env() });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain("Estimate: 500 prompts to ask (500 already answered in the journal)");
    expect(resumed.stdout).toContain("Asked the teacher 500 prompts for $0.30; 500 answers reused");
    const texts = answered(before);
    expect(texts).toHaveLength(1000);
    expect(new Set(texts).size).toBe(1000);
    const records = jsonl(join(dir, "out.jsonl"));
    expect(records).toHaveLength(1000);
    expect(
      records.map((r) => (r.messages as { content: { text: string }[] }[])[0]!.content[0]!.text),
    ).toEqual(Array.from({ length: 1000 }, (_, i) => `question number ${i + 1}`));
  });

  it("stops at the record the cost cap reaches, and goes on from there with a higher cap", async () => {
    const dir = project(1000);
    const before = runtime.requests().length;
    // Each answer costs 100 x $2/M + 50 x $8/M = $0.0006; the most one can cost is its input (about 4
    // tokens, under $0.00001) plus 100 output tokens at $8/M: $0.0008 and a little. Line k goes out
    // only if 0.0006 x (k - 1) + 0.0008... <= 0.30: k - 1 <= 498.6, so lines 1 to 499 are asked and
    // the run stops at line 500, having spent 499 x $0.0006 = $0.2994.
    const capped = await tunegate(args("--max-cost", "0.30", "--max-tokens", "100", "--concurrency", "8"), {
      cwd: dir,
      env: env(),
    });
    expect(capped.code).toBe(1);
    expect(capped.stdout).toMatch(
      /Stopped at line 500 by --max-cost \$0\.30: \$0\.2994 spent, and that prompt could cost up to \$0\.00081 more\./,
    );
    const texts = answered(before);
    expect(texts).toHaveLength(499);
    expect(new Set(texts)).toEqual(
      new Set(Array.from({ length: 499 }, (_, i) => `question number ${i + 1}`)),
    );
    expect(jsonl(join(dir, "out.jsonl"))).toHaveLength(499);
    const failures = jsonl(join(dir, "out.jsonl.failures.jsonl"));
    expect(failures).toHaveLength(501);
    expect(failures[0]).toEqual({
      line: 500,
      reason: "cost-cap",
      detail: "not asked: the run stopped at line 500 within --max-cost",
    });
    expect(failures.at(-1)!.line).toBe(1000);

    const rest = await tunegate(args("--max-cost", "1", "--max-tokens", "100", "--concurrency", "8"), {
      cwd: dir,
      env: env(),
    });
    expect(rest.code).toBe(0);
    expect(answered(before)).toHaveLength(1000);
    expect(new Set(answered(before)).size).toBe(1000);
    expect(jsonl(join(dir, "out.jsonl"))).toHaveLength(1000);
  });

  it("prints the estimate only on a dry run, and refuses a cap it cannot price", async () => {
    const dir = project(10);
    const before = runtime.requests().length;
    const dry = await tunegate(args("--dry-run", "--max-tokens", "100"), { cwd: dir, env: env() });
    expect(dry.code).toBe(0);
    // 10 prompts of 100 output tokens at most: $0.008, plus their input.
    expect(dry.stdout).toMatch(
      /^Estimate: 10 prompts to ask; ~\d+ input tokens \(estimated with the cl100k_base tokenizer\), at most 1,000 output tokens; up to \$0\.0081 \(input \$0\.0000\d+, output at most \$0\.008\)\.\n$/,
    );
    expect(runtime.requests().length).toBe(before);
    expect(existsSync(join(dir, "out.jsonl"))).toBe(false);
    const unpriced = await tunegate(
      [
        "distill",
        "--teacher",
        "us.meta.llama3-2-1b-instruct-v1:0",
        "--student",
        STUDENT,
        "prompts.jsonl",
        "-o",
        "o.jsonl",
        "--max-cost",
        "1",
      ],
      { cwd: dir, env: env() },
    );
    expect(unpriced.code).toBe(2);
    expect(unpriced.stderr).toContain(
      '--max-cost needs the teacher\'s token prices, and the catalog has none for "us.meta.llama3-2-1b-instruct-v1:0"',
    );
  });
});
