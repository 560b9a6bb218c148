import type { Chat, Loss } from "../convert/model";
import type { ConvertTarget } from "../convert/run";
import { WRITERS } from "../convert/writers";
import { type CountTokens, TOKENIZER_NAME } from "../tokens/count";
import type { DistillPrompt } from "./prompts";

/** A supervised record for the student, or why the prompt and its answer make none. */
export type TrainingRecord = { json: string } | { reason: DistillFailureReason; detail: string };

/** Why a prompt left no record: each is listed in the failures file with its detail. */
export type DistillFailureReason =
  | "unreadable-prompt"
  | "refused"
  | "empty-answer"
  | "cut-off"
  | "over-token-limit"
  | "not-in-student-format"
  | "student-rules"
  | "throttled"
  | "call-failed"
  | "cost-cap";

/**
 * The prompt with the teacher's answer as its final assistant turn, in the student's format (the same
 * writer `convert` uses), and within the student's token limit, counted as the validator counts it:
 * every text of the record joined by newlines, with the stand-in tokenizer.
 */
export function trainingRecord(
  prompt: DistillPrompt,
  answer: string,
  target: ConvertTarget,
  count: CountTokens,
): TrainingRecord {
  const chat: Chat = {
    system: prompt.system === "" ? [] : [prompt.system],
    messages: [
      ...prompt.messages.map((m) => ({ role: m.role, content: [{ type: "text" as const, text: m.text }] })),
      { role: "assistant", content: [{ type: "text", text: answer }] },
    ],
    lateSystem: [],
  };
  const losses: Loss[] = [];
  const value = WRITERS[target.format](chat, target.support, losses);
  if (value === undefined || losses.length > 0) {
    const what = losses.map((l) => l.what).join("; ") || "nothing could be written";
    return { reason: "not-in-student-format", detail: `the student's format cannot carry it: ${what}` };
  }
  const limit = target.model?.quotas.maxTokensPerRecord;
  if (limit !== undefined) {
    const texts = [prompt.system, ...prompt.messages.map((m) => m.text), answer].filter((t) => t !== "");
    const tokens = count(texts.join("\n"));
    if (tokens > limit) {
      return {
        reason: "over-token-limit",
        detail: `about ${tokens.toLocaleString("en-US")} tokens with the answer (${TOKENIZER_NAME} estimate); ${target.model!.name} takes at most ${limit.toLocaleString("en-US")} per record`,
      };
    }
  }
  return { json: JSON.stringify(value) };
}

/** Stop reasons that mean the model declined to answer. */
const REFUSALS = new Set(["content_filtered", "guardrail_intervened"]);
/** Stop reasons of a whole answer. */
const COMPLETE = new Set(["end_turn", "stop_sequence"]);

/** Whether an answer can be trained on: a refusal, an empty or a cut-off answer cannot. */
export function answerProblem(
  text: string,
  stopReason: string | undefined,
): { reason: DistillFailureReason; detail: string } | undefined {
  if (stopReason !== undefined && REFUSALS.has(stopReason))
    return { reason: "refused", detail: `the teacher refused (stopReason ${stopReason})` };
  if (text.trim() === "")
    return {
      reason: "empty-answer",
      detail: `the teacher's answer is empty (stopReason ${stopReason ?? "none"})`,
    };
  if (stopReason === "max_tokens")
    return { reason: "cut-off", detail: "the answer was cut off at --max-tokens (stopReason max_tokens)" };
  if (stopReason !== undefined && !COMPLETE.has(stopReason))
    return { reason: "cut-off", detail: `the answer is not complete (stopReason ${stopReason})` };
  return undefined;
}
