// `tunegate distill` when the teacher pushes back: throttling, refusals, empty, cut-off and oversized
// answers, and a teacher that refuses every call.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ServiceError } from "@tunegate/bedrock-local";
import { describe, expect, it } from "vitest";
import {
  answeredSince,
  defaultAnswer,
  distillArgs,
  distillWorld,
  jsonl,
  project,
  runtimeEnv,
  STUDENT,
  USAGE,
} from "./distill-world";
import { tunegate } from "./run";

const w = distillWorld();
const env = () => runtimeEnv(w.runtime);
const args = distillArgs;
const answered = (from: number) => answeredSince(w.runtime, from);

describe("tunegate distill when the teacher pushes back", () => {
  it("sends fewer calls at once after a throttle, and climbs back after successes", async () => {
    const dir = project(40);
    // Every call is held until the test lets it go.
    const held: (() => void)[] = [];
    w.answer = async (prompt) => {
      await new Promise<void>((release) => held.push(release));
      return defaultAnswer(prompt);
    };
    w.runtime.resetPeak();
    const run = tunegate(args("--concurrency", "8"), { cwd: dir, env: env() });
    await w.runtime.until((load) => load.inFlight === 8);
    expect(w.runtime.load().peakInFlight).toBe(8);
    // One answer frees a slot; the call that takes it is throttled: the limit halves to 4.
    w.runtime.injectFault({ errorType: "ThrottlingException", times: 1 });
    held.shift()!();
    await w.runtime.until((_load, requests) => requests.some((r) => r.status === 429));
    // The seven calls still held come back: 4 successes at limit 4 raise it to 5, and 5 calls go out
    // (the throttled one's retry among them), all held again.
    w.runtime.resetPeak();
    for (const release of held.splice(0, 7)) release();
    await w.runtime.until((load) => load.inFlight === 5 && load.peakInFlight === 5);
    expect(w.runtime.load()).toMatchObject({ inFlight: 5, peakInFlight: 5 });
    // From here on every call is answered at once.
    w.answer = defaultAnswer;
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
    const before = w.runtime.requests().length;
    w.answer = (prompt) => {
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
    const throttled = w.runtime
      .requests()
      .slice(before)
      .filter((r) => r.status === 429);
    expect(throttled).toHaveLength(6);

    // Again: only the throttled prompt is asked; refusals were answers, paid for, and are not asked again.
    w.answer = defaultAnswer;
    const again = await tunegate(args("--concurrency", "1", "--max-tokens", "200"), { cwd: dir, env: env() });
    expect(again.code).toBe(1);
    expect(answered(before).slice(18)).toEqual(["question number 1"]);
    expect(jsonl(join(dir, "out.jsonl.failures.jsonl")).map((f) => f.line)).toEqual([2, 3, 5, 7, 9, 11, 13]);
    expect(jsonl(join(dir, "out.jsonl"))).toHaveLength(13);
  });

  it("stops after the first calls when the teacher refuses them all, instead of failing every prompt", async () => {
    const dir = project(50);
    const before = w.runtime.requests().length;
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
    const sent = w.runtime.requests().slice(before);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.length).toBeLessThanOrEqual(3 + 4);
    expect(sent.every((r) => r.status === 400)).toBe(true);
  });
});
