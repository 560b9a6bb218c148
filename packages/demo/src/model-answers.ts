// How the Bedrock Runtime stand-in answers the evaluation: the fine-tuned model (invoked through its
// provisioned throughput) and the base model answer each held-out ticket as EVAL_CASES says.
import type { ConverseCall, Responder } from "@tunegate/bedrock-local";
import { EVAL_CASES } from "./fixtures";

export function evaluationResponder(): Responder {
  const byPrompt = new Map(EVAL_CASES.map((c) => [c.prompt, c]));
  return (call: ConverseCall) => {
    const prompt = call.messages.at(-1)?.text ?? "";
    const known = byPrompt.get(prompt);
    if (!known) return { text: "I can't help with that ticket.", latencyMs: 400 };
    const custom = call.modelId.includes(":provisioned-model/");
    // Plausible latencies: the provisioned model answers faster than on-demand.
    const jitter = prompt.length % 40;
    return custom
      ? { text: known.custom, latencyMs: 180 + jitter }
      : { text: known.base, latencyMs: 420 + 3 * jitter };
  };
}
