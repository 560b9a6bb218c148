// Shapes a test-controlled answer into what Converse returns: token counts (whitespace-split words
// unless the test says otherwise), stop sequences and maxTokens honoured with the matching stopReason.

export interface ConverseText {
  readonly role: "user" | "assistant";
  readonly text: string;
}

/** What a `respond` callback sees of a Converse request. */
export interface ConverseCall {
  readonly modelId: string;
  /** For a custom model deployment's ARN: the custom model it serves at the time of the call. */
  readonly servedModelArn?: string;
  /** The system prompt's text blocks, joined with newlines ("" when absent). */
  readonly system: string;
  /** Each message with its text blocks joined (non-text blocks are left out). */
  readonly messages: readonly ConverseText[];
  readonly inferenceConfig: {
    readonly maxTokens?: number;
    readonly temperature?: number;
    readonly topP?: number;
    readonly stopSequences?: readonly string[];
  };
  /** The request exactly as decoded from the wire. */
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface ConverseAnswer {
  readonly text: string;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  /** Reported as metrics.latencyMs; the stand-in answers at once either way. */
  readonly latencyMs?: number;
  /**
   * Why the model stopped, when the test decides it: a refusal is `content_filtered` or
   * `guardrail_intervened` (the text is then whatever the model said instead). Default: as shaped.
   */
  readonly stopReason?: StopReason;
}

/** Answers a call; throwing a ServiceError answers it with that modelled error instead. */
export type Responder = (call: ConverseCall) => ConverseAnswer | Promise<ConverseAnswer>;

/** Converse's StopReason enum in the runtime Smithy model. */
export type StopReason =
  | "end_turn"
  | "tool_use"
  | "max_tokens"
  | "stop_sequence"
  | "guardrail_intervened"
  | "content_filtered"
  | "malformed_model_output"
  | "malformed_tool_use";

export interface ShapedAnswer {
  readonly text: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly stopReason: StopReason;
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word !== "").length;
}

export function defaultResponder(call: ConverseCall): ConverseAnswer {
  const lastUser = [...call.messages].reverse().find((message) => message.role === "user");
  return { text: `Stand-in answer from ${call.modelId} to: ${lastUser?.text ?? ""}` };
}

export function shapeAnswer(call: ConverseCall, answer: ConverseAnswer): ShapedAnswer {
  const inputText = [call.system, ...call.messages.map((message) => message.text)].join("\n");
  const inputTokens = answer.inputTokens ?? countWords(inputText);
  let text = answer.text;
  let stopReason: StopReason = "end_turn";

  const stops = call.inferenceConfig.stopSequences ?? [];
  const cut = stops.map((stop) => text.indexOf(stop)).filter((position) => position >= 0);
  if (cut.length > 0) {
    text = text.slice(0, Math.min(...cut));
    stopReason = "stop_sequence";
  }
  let outputTokens = answer.outputTokens ?? countWords(text);
  const maxTokens = call.inferenceConfig.maxTokens;
  if (maxTokens !== undefined && outputTokens > maxTokens) {
    // Keep the first maxTokens words, as a model cut off by its token budget would.
    const words = text.split(/(\s+)/);
    let kept = 0;
    let end = 0;
    for (const [position, part] of words.entries()) {
      if (part.trim() !== "") kept += 1;
      if (kept > maxTokens) break;
      end = position + 1;
    }
    text = words.slice(0, end).join("").trimEnd();
    outputTokens = maxTokens;
    stopReason = "max_tokens";
  }
  return { text, inputTokens, outputTokens, stopReason: answer.stopReason ?? stopReason };
}
