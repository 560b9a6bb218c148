// `tunegate distill` as users run it (the bundle, a child process) against the Bedrock Runtime stand-in.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type BedrockRuntimeStandIn,
  type ConverseAnswer,
  type ConverseCall,
  ServiceError,
  startBedrockRuntimeStandIn,
} from "@tunegate/bedrock-local";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { tunegate, tunegateOnTty } from "./run";

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
    // Each answer reports 100 input and 50 output tokens: 100 x $2/M + 50 x $8/M = $0.0006. The cap
    // reserves a call's worst case: its input (estimated at about 4 tokens, scaled up by the 100-to-4
    // the answers so far reported: about 100 tokens, $0.0002) and 100 output tokens ($0.0008): $0.001.
    // Line k goes out only if 0.0006 x (k - 1) + 0.001 <= 0.30, that is k - 1 <= 498.3: lines 1 to 499
    // are asked, and the run stops at line 500, having spent 499 x $0.0006 = $0.2994.
    const capped = await tunegate(args("--max-cost", "0.30", "--max-tokens", "100", "--concurrency", "8"), {
      cwd: dir,
      env: env(),
    });
    expect(capped.code).toBe(1);
    expect(capped.stdout).toMatch(
      /Stopped at line 500 by --max-cost \$0\.30: \$0\.2994 spent, and that prompt could cost up to \$0\.00(1|099\d*) more\./,
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

  it("sends fewer calls at once after a throttle, and climbs back after successes", async () => {
    const dir = project(40);
    // Every call is held until the test lets it go.
    const held: (() => void)[] = [];
    answer = async (prompt) => {
      await new Promise<void>((release) => held.push(release));
      return defaultAnswer(prompt);
    };
    runtime.resetPeak();
    const run = tunegate(args("--concurrency", "8"), { cwd: dir, env: env() });
    await runtime.until((load) => load.inFlight === 8);
    expect(runtime.load().peakInFlight).toBe(8);
    // One answer frees a slot; the call that takes it is throttled: the limit halves to 4.
    runtime.injectFault({ errorType: "ThrottlingException", times: 1 });
    held.shift()!();
    await runtime.until((_load, requests) => requests.some((r) => r.status === 429));
    // The seven calls still held come back: 4 successes at limit 4 raise it to 5, and 5 calls go out
    // (the throttled one's retry among them), all held again.
    runtime.resetPeak();
    for (const release of held.splice(0, 7)) release();
    await runtime.until((load) => load.inFlight === 5 && load.peakInFlight === 5);
    expect(runtime.load()).toMatchObject({ inFlight: 5, peakInFlight: 5 });
    // From here on every call is answered at once.
    answer = defaultAnswer;
    for (const release of held.splice(0)) release();
    const result = await run;
    expect(result.code).toBe(0);
    expect(jsonl(join(dir, "out.jsonl"))).toHaveLength(40);
    expect(result.stdout).toContain("Throttled 1 time: concurrency went from 8 down to 4 and ended at 8.");
  });

  it("lists every prompt that left no record with its reason, and keeps the paid answers when resumed", async () => {
    const dir = project(20, (i) =>
      i === 2 ? "not json" : JSON.stringify({ prompt: `question number ${i}` }),
    );
    // The student takes at most 60 tokens a record, through tunegate.yml's catalog.
    writeFileSync(
      join(dir, "tunegate.yml"),
      readFileSync(join(dir, "tunegate.yml"), "utf8").replace(
        "models:",
        "  - id: amazon.nova-lite-v1:0:300k\n    quotas: { maxTokensPerRecord: 60, source: test limit }\nmodels:",
      ),
    );
    const before = runtime.requests().length;
    answer = (prompt) => {
      const n = Number(prompt.split(" ").at(-1));
      // Prompt 1 is throttled on every try.
      if (n === 1)
        throw new ServiceError("ThrottlingException", "Too many requests, please wait before trying again.");
      if (n === 3) return { text: "", stopReason: "content_filtered", ...USAGE };
      if (n === 5) return { text: "I cannot help with that.", stopReason: "guardrail_intervened", ...USAGE };
      if (n === 7) return { text: "   ", ...USAGE };
      if (n === 9) return { text: "word ".repeat(80).trim(), ...USAGE };
      if (n === 11) return { text: "long ".repeat(300).trim() };
      // A secret in an answer: the student's rules refuse the record.
      if (n === 13) return { text: "Use the key AKIA2E7Q4ZEXAMPLE5QR to sign in.", ...USAGE };
      return defaultAnswer(prompt);
    };
    const result = await tunegate(args("--concurrency", "1", "--max-tokens", "200"), {
      cwd: dir,
      env: env(),
    });
    expect(result.code).toBe(1);
    const failures = jsonl(join(dir, "out.jsonl.failures.jsonl"));
    expect(failures.map((f) => [f.line, f.reason])).toEqual([
      [1, "throttled"],
      [2, "unreadable-prompt"],
      [3, "refused"],
      [5, "refused"],
      [7, "empty-answer"],
      [9, "over-token-limit"],
      [11, "cut-off"],
      [13, "student-rules"],
    ]);
    expect(failures[0]!.detail).toBe(
      "ThrottlingException: Too many requests, please wait before trying again. (after 6 attempts)",
    );
    expect(failures[2]!.detail).toBe("the teacher refused (stopReason content_filtered)");
    expect(failures[5]!.detail).toMatch(
      /^about \d+ tokens with the answer \(cl100k_base estimate\); Amazon Nova Lite takes at most 60 per record$/,
    );
    expect(failures[6]!.detail).toBe("the answer was cut off at --max-tokens (stopReason max_tokens)");
    expect(failures[7]!.detail).toMatch(/^sensitive\/secret: /);
    expect(JSON.stringify(failures[7])).not.toContain("AKIA2E7Q4ZEXAMPLE5QR");
    expect(jsonl(join(dir, "out.jsonl"))).toHaveLength(12);
    expect(result.stdout).toContain(
      "Wrote 12 of 20 records to out.jsonl (clean under Amazon Nova Lite's rules).",
    );
    expect(result.stdout).toContain(
      "8 prompts left no record (throttled 1, unreadable-prompt 1, refused 2, empty-answer 1, over-token-limit 1, cut-off 1, student-rules 1), each listed with its reason in out.jsonl.failures.jsonl.",
    );
    expect(answered(before)).toHaveLength(18);
    const throttled = runtime
      .requests()
      .slice(before)
      .filter((r) => r.status === 429);
    expect(throttled).toHaveLength(6);

    // Again: only the throttled prompt is asked; refusals were answers, paid for, and are not asked again.
    answer = defaultAnswer;
    const again = await tunegate(args("--concurrency", "1", "--max-tokens", "200"), { cwd: dir, env: env() });
    expect(again.code).toBe(1);
    expect(answered(before).slice(18)).toEqual(["question number 1"]);
    expect(jsonl(join(dir, "out.jsonl.failures.jsonl")).map((f) => f.line)).toEqual([2, 3, 5, 7, 9, 11, 13]);
    expect(jsonl(join(dir, "out.jsonl"))).toHaveLength(13);
  });

  it("draws a progress bar on a terminal instead of plain lines", async () => {
    const dir = project(12);
    const result = await tunegateOnTty(args(), { cwd: dir, env: env() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /\r\u001b\[2K\[#{24}\] 12\/12 prompts, 0 failed, \$0\.0072, 4 in flight at most/,
    );
    expect(result.stdout).not.toContain("distill: ");
  });

  it("stops after the first calls when the teacher refuses them all, instead of failing every prompt", async () => {
    const dir = project(50);
    const before = runtime.requests().length;
    const result = await tunegate(
      [
        "distill",
        "--teacher",
        "amazon.nova-premier-v9:0",
        "--student",
        STUDENT,
        "prompts.jsonl",
        "-o",
        "out.jsonl",
      ],
      { cwd: dir, env: env() },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "The teacher refused the first calls: ValidationException: The provided model identifier is invalid. Check --teacher",
    );
    // At most the calls in flight when the third refusal came back (concurrency 4) went out.
    const sent = runtime.requests().slice(before);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.length).toBeLessThanOrEqual(3 + 4);
    expect(sent.every((r) => r.status === 400)).toBe(true);
  });
});
