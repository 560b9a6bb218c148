// The pure parts of do-it-yourself distillation: reading prompts, the student's record, the cost cap.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  answerProblem,
  CostCap,
  type DistillPrompt,
  estimateDistillation,
  type OnDemandPrices,
  promptIdentity,
  readPrompt,
  resolveCatalog,
  resolveTarget,
  teacherPrices,
  trainingRecord,
} from "../src/index";

const RUNS = Number(process.env.TUNEGATE_FUZZ_RUNS ?? 200);
const catalog = resolveCatalog();
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe("readPrompt", () => {
  it("reads a one-prompt line, with or without a system prompt", () => {
    expect(readPrompt('{"prompt": "Why is the sky blue?"}', 4)).toEqual({
      prompt: { line: 4, system: "", messages: [{ role: "user", text: "Why is the sky blue?" }] },
    });
    expect(readPrompt('{"prompt": "Hi", "system": "Be brief."}', 1)).toMatchObject({
      prompt: { system: "Be brief." },
    });
  });

  it("reads any convert format, replacing a final assistant turn, and says which format it was", () => {
    const openai = JSON.stringify({
      messages: [
        { role: "system", content: "Route tickets." },
        { role: "user", content: "my invoice" },
        { role: "assistant", content: "ROUTE: billing" },
      ],
    });
    expect(readPrompt(openai, 2)).toEqual({
      prompt: { line: 2, system: "Route tickets.", messages: [{ role: "user", text: "my invoice" }] },
      from: "openai-chat",
    });
    const converse = JSON.stringify({
      schemaVersion: "bedrock-conversation-2024",
      system: [{ text: "S" }],
      messages: [
        { role: "user", content: [{ text: "a" }] },
        { role: "assistant", content: [{ text: "b" }] },
        { role: "user", content: [{ text: "c" }] },
      ],
    });
    expect(readPrompt(converse, 3)).toMatchObject({
      prompt: { messages: [{ text: "a" }, { text: "b" }, { text: "c" }] },
      from: "bedrock-conversation-2024",
    });
  });

  it("refuses, with a reason, what it cannot ask", () => {
    expect(readPrompt("{nope", 1)).toMatchObject({ line: 1, reason: expect.stringMatching(/^not JSON/) });
    expect(readPrompt("[1]", 1)).toEqual({ line: 1, reason: "not a JSON object" });
    expect(readPrompt('{"prompt": "  "}', 1)).toEqual({ line: 1, reason: "the prompt is empty" });
    expect(readPrompt('{"prompt": "x", "tone": 1}', 1)).toEqual({
      line: 1,
      reason: 'unknown field "tone" beside "prompt"',
    });
    const image = JSON.stringify({
      messages: [
        {
          role: "user",
          content: [{ type: "image_url", image_url: { url: "https://example.com/a.png" } }],
        },
      ],
    });
    expect(readPrompt(image, 5)).toEqual({
      line: 5,
      reason: "a image block: the teacher is asked text only",
      from: "openai-chat",
    });
  });
});

const prompt: DistillPrompt = {
  line: 1,
  system: "Be brief.",
  messages: [{ role: "user", text: "Hi there" }],
};

describe("trainingRecord", () => {
  it("writes the student's format: Converse for Nova, prompt/completion for Llama 3.1", () => {
    const nova = trainingRecord(
      prompt,
      "Hello!",
      resolveTarget("amazon.nova-lite-v1:0:300k", catalog),
      words,
    );
    expect(JSON.parse((nova as { json: string }).json)).toEqual({
      schemaVersion: "bedrock-conversation-2024",
      system: [{ text: "Be brief." }],
      messages: [
        { role: "user", content: [{ text: "Hi there" }] },
        { role: "assistant", content: [{ text: "Hello!" }] },
      ],
    });
    const llama = resolveTarget("meta.llama3-1-8b-instruct-v1:0:128k", catalog);
    const plain = { ...prompt, system: "" };
    expect(JSON.parse((trainingRecord(plain, "Hello!", llama, words) as { json: string }).json)).toEqual({
      prompt: "Hi there",
      completion: "Hello!",
    });
    // A system prompt has no place in prompt/completion: no record, and why.
    expect(trainingRecord(prompt, "Hello!", llama, words)).toEqual({
      reason: "not-in-student-format",
      detail: "the student's format cannot carry it: the system prompt (prompt/completion records have none)",
    });
  });

  it("refuses a record over the student's token limit, counted over all its texts", () => {
    const haiku = resolveTarget("anthropic.claude-3-haiku-20240307-v1:0:200k", catalog);
    const long = "w ".repeat(32_000).trim();
    expect(trainingRecord(prompt, long, haiku, words)).toMatchObject({
      reason: "over-token-limit",
      detail:
        "about 32,004 tokens with the answer (cl100k_base estimate); Claude 3 Haiku takes at most 32,000 per record",
    });
    expect(trainingRecord(prompt, "w ".repeat(31_996).trim(), haiku, words)).toHaveProperty("json");
  });
});

describe("answerProblem", () => {
  it("names refusals, empty and cut-off answers; a whole answer has none", () => {
    expect(answerProblem("", "content_filtered")?.reason).toBe("refused");
    expect(answerProblem("Sorry.", "guardrail_intervened")?.reason).toBe("refused");
    expect(answerProblem(" \n", "end_turn")?.reason).toBe("empty-answer");
    expect(answerProblem("Half an", "max_tokens")?.reason).toBe("cut-off");
    expect(answerProblem("{bad", "malformed_model_output")?.detail).toBe(
      "the answer is not complete (stopReason malformed_model_output)",
    );
    expect(answerProblem("Fine.", "end_turn")).toBeUndefined();
    expect(answerProblem("Fine.", "stop_sequence")).toBeUndefined();
  });
});

const prices: OnDemandPrices = {
  inputPerMillionTokens: { usd: 2, source: "test" },
  outputPerMillionTokens: { usd: 8, source: "test" },
};

describe("the cost estimate and cap", () => {
  it("estimates input as counted and output at maxTokens per prompt", () => {
    expect(estimateDistillation([10, 30], 100, prices)).toEqual({
      prompts: 2,
      inputTokens: 40,
      maxOutputTokens: 200,
      usd: { input: 0.00008, outputAtMost: 0.0016, atMost: 0.00168 },
    });
    expect(estimateDistillation([10], 100, undefined)).not.toHaveProperty("usd");
  });

  it("finds the teacher's prices under its customization id, its cross-Region id or an ARN", () => {
    const priced = resolveCatalog([
      {
        id: "amazon.nova-pro-v1:0:300k",
        prices: {
          inputPerMillionTokens: { usd: 0.8, source: "t" },
          outputPerMillionTokens: { usd: 3.2, source: "t" },
        },
      },
    ]);
    for (const id of [
      "amazon.nova-pro-v1:0",
      "us.amazon.nova-pro-v1:0",
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0",
    ])
      expect(teacherPrices(id, priced)?.inputPerMillionTokens.usd).toBe(0.8);
    expect(teacherPrices("amazon.nova-pro-v1:0", catalog)).toBeUndefined();
  });

  it("property: calls settled in any order never take the bill past the cap, and a stop is at the first call that cannot fit", () => {
    const call = fc.record({
      estimate: fc.nat(2000),
      // The real input: at most the estimate, or more (then later estimates are scaled up).
      actual: fc.nat(2000),
      output: fc.nat(100),
      settleLater: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(call, { maxLength: 80 }),
        fc.integer({ min: 1, max: 200 }),
        fc.boolean(),
        (calls, thousandths, under) => {
          const cap = new CostCap(thousandths / 1000, prices, 100);
          const open: { settle(i?: number, o?: number): number; input: number; output: number }[] = [];
          let stoppedAt: number | undefined;
          for (const [i, c] of calls.entries()) {
            const input = under ? Math.min(c.actual, c.estimate) : c.actual;
            let r = cap.tryReserve(c.estimate);
            while (!r && open.length > 0) {
              const o = open.shift()!;
              o.settle(o.input, o.output);
              r = cap.tryReserve(c.estimate);
            }
            if (!r) {
              stoppedAt = i;
              break;
            }
            if (c.settleLater) open.push({ settle: r.settle, input, output: c.output });
            else r.settle(input, c.output);
            if (under) expect(cap.spentUsd).toBeLessThanOrEqual(cap.capUsd + 1e-12);
          }
          for (const o of open) o.settle(o.input, o.output);
          // With real inputs within their estimates, the cap is never passed.
          if (under) expect(cap.spentUsd).toBeLessThanOrEqual(cap.capUsd + 1e-12);
          expect(cap.inputScale).toBeGreaterThanOrEqual(1);
          if (stoppedAt !== undefined) {
            // Nothing was in flight: the stop is because this call's worst case does not fit.
            expect(open.length === 0 || calls.slice(0, stoppedAt).some((c) => c.settleLater)).toBe(true);
            expect(cap.spentUsd + cap.worstCase(calls[stoppedAt]!.estimate)).toBeGreaterThan(cap.capUsd);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("scales later input estimates by what the answers reported", () => {
    const cap = new CostCap(1, prices, 0);
    cap.tryReserve(10)!.settle(25, 0);
    expect(cap.inputScale).toBe(2.5);
    expect(cap.worstCase(4)).toBeCloseTo((10 * 2) / 1e6, 15);
    cap.tryReserve(10)!.settle(5, 0);
    expect(cap.inputScale).toBe(1.5);
  });
});

describe("promptIdentity", () => {
  it("changes with the prompt, the teacher and its settings, not with the line", () => {
    const settings = { teacher: "t", maxTokens: 100, temperature: 0 };
    const id = promptIdentity(prompt, settings);
    expect(promptIdentity({ ...prompt, line: 99 }, settings)).toBe(id);
    expect(promptIdentity(prompt, { ...settings, teacher: "u" })).not.toBe(id);
    expect(promptIdentity(prompt, { ...settings, maxTokens: 101 })).not.toBe(id);
    expect(promptIdentity({ ...prompt, system: "" }, settings)).not.toBe(id);
  });
});
