// How the Bedrock Runtime stand-in answers the evaluation: each custom model (invoked through a
// deployment, which tells the responder the model it serves) and the base model answer each held-out
// ticket as EVAL_CASES says. The second merge's model makes one more mistake than the first.
import type { ConverseCall, Responder } from "@tunegate/bedrock-local";
import { EVAL_CASES, type EvalCase } from "./fixtures";

/** Which merge a custom model came from: 1 answers `custom`, 2 also sends the first ticket to sales. */
export type ModelVersion = 1 | 2;

export interface EvaluationAnswers {
  respond: Responder;
  /** Tells the responder which merge a custom model ARN came from (the job's output model). */
  register(modelArn: string, version: ModelVersion): void;
}

function answerOf(c: EvalCase, index: number, version: ModelVersion): string {
  if (version === 2 && index === 0) return c.custom.replace(/^ROUTE: \w+/, "ROUTE: sales");
  return c.custom;
}

export function evaluationAnswers(): EvaluationAnswers {
  const byPrompt = new Map(EVAL_CASES.map((c, index) => [c.prompt, { c, index }]));
  const versions = new Map<string, ModelVersion>();
  const respond = (call: ConverseCall) => {
    const prompt = call.messages.at(-1)?.text ?? "";
    const known = byPrompt.get(prompt);
    if (!known) return { text: "I can't help with that ticket.", latencyMs: 400 };
    const version = call.servedModelArn ? versions.get(call.servedModelArn) : undefined;
    // Plausible latencies: the custom model answers shorter, so faster, than the base model.
    const jitter = prompt.length % 40;
    return version
      ? { text: answerOf(known.c, known.index, version), latencyMs: 180 + jitter }
      : { text: known.c.base, latencyMs: 420 + 3 * jitter };
  };
  return { respond, register: (modelArn, version) => versions.set(modelArn, version) };
}
