// `tunegate distill` as users run it (the bundle, a child process) against the Bedrock Runtime stand-in:
// the whole run, a kill halfway and its resumption, the cost cap, the dry run, the progress display.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ConverseAnswer } from "@tunegate/bedrock-local";
import { describe, expect, inject, it } from "vitest";
import {
  answeredSince,
  defaultAnswer,
  distillArgs,
  distillWorld,
  jsonl,
  project,
  runtimeEnv,
  STUDENT,
} from "./distill-world";
import { tunegate, tunegateOnTty } from "./run";

const w = distillWorld();
const env = () => runtimeEnv(w.runtime);
const args = distillArgs;
const answered = (from: number) => answeredSince(w.runtime, from);

describe("tunegate distill", () => {
  it("writes one record per prompt for 1,000 prompts, in order, clean under the student's rules", async () => {
    const dir = project(1000);
    const before = w.runtime.requests().length;
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
    const before = w.runtime.requests().length;
    // The first 500 calls are answered; the rest are held unanswered until the process is gone.
    let calls = 0;
    const held: ((why: Error) => void)[] = [];
    w.answer = (prompt) =>
      ++calls <= 500
        ? defaultAnswer(prompt)
        : new Promise<ConverseAnswer>((_resolve, reject) => held.push(reject));
    const start = w.runtime.load().received;
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
    await w.runtime.until((load) => load.received - start >= 508);
    expect(w.runtime.load().inFlight).toBe(8);
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    for (const reject of held.splice(0)) reject(new Error("the client is gone"));
    expect(existsSync(join(dir, "out.jsonl"))).toBe(false);
    expect(readFileSync(join(dir, "out.jsonl.journal.jsonl"), "utf8").trim().split("\n")).toHaveLength(500);
    expect(answered(before)).toHaveLength(500);

    w.answer = defaultAnswer;
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
    const before = w.runtime.requests().length;
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

  it("prints the estimate only on a dry run, and refuses a cap it cannot price, a missing folder, an unknown student", async () => {
    const dir = project(10);
    const before = w.runtime.requests().length;
    const dry = await tunegate(args("--dry-run", "--max-tokens", "100"), { cwd: dir, env: env() });
    expect(dry.code).toBe(0);
    // 10 prompts of 100 output tokens at most: $0.008, plus their input.
    expect(dry.stdout).toMatch(
      /^Estimate: 10 prompts to ask; ~\d+ input tokens \(estimated with the cl100k_base tokenizer\), at most 1,000 output tokens; up to \$0\.0081 \(input \$0\.0000\d+, output at most \$0\.008\)\.\n$/,
    );
    expect(w.runtime.requests().length).toBe(before);
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
    const nowhere = await tunegate(
      [
        "distill",
        "--teacher",
        "amazon.nova-pro-v1:0",
        "--student",
        STUDENT,
        "prompts.jsonl",
        "-o",
        "no/such/out.jsonl",
      ],
      { cwd: dir, env: env() },
    );
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain("Cannot write no/such/out.jsonl: its folder does not exist.");
    const unknownStudent = await tunegate(
      ["distill", "--teacher", "amazon.nova-pro-v1:0", "--student", "nova", "prompts.jsonl", "-o", "o.jsonl"],
      { cwd: dir, env: env() },
    );
    expect(unknownStudent.code).toBe(2);
    expect(unknownStudent.stderr).toContain('"nova" is not in the base-model catalog.');
    expect(w.runtime.requests().length).toBe(before);
    expect(unpriced.stderr).toContain(
      '--max-cost needs the teacher\'s token prices, and the catalog has none for "us.meta.llama3-2-1b-instruct-v1:0"',
    );
  });

  it("draws a progress bar on a terminal instead of plain lines", async () => {
    const dir = project(12);
    const result = await tunegateOnTty(args(), { cwd: dir, env: env() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the bar's escape sequence is what is looked for.
      /\r\u001b\[2K\[#{24}\] 12\/12 prompts, 0 failed, \$0\.0072, 4 in flight at most/,
    );
    expect(result.stdout).not.toContain("distill: ");
  });
});
