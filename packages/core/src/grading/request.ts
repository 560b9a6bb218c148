/**
 * What a reinforcement fine-tuning grader receives, built from the dataset's own records: AWS's
 * documented Lambda request (reward-functions.html), a JSON array of
 * `{"id", "messages": [...the prompt, {"role": "assistant", "content": <the model's reply>}],
 *   "metadata": {"reference_answer": ..., ...every other top-level field of the record}}`.
 * The check puts each record's reference answer where the model's reply goes: a grader that is right
 * gives it the top score.
 */

export interface GraderMessage {
  readonly role: string;
  readonly content: string;
}

/** One item of the request array. */
export interface GraderRequestItem {
  readonly id: string | number;
  readonly messages: readonly GraderMessage[];
  readonly metadata: { readonly reference_answer: unknown } & Readonly<Record<string, unknown>>;
}

/** A record of the dataset, ready to be sent to the grader. */
export interface GradeSample {
  /** 1-based line of the record in its file. */
  readonly line: number;
  /** False when the record has no `id` and the check made one up from its line, as AWS adds one. */
  readonly ownId: boolean;
  readonly item: GraderRequestItem;
}

export interface SampleOptions {
  /**
   * For an object `reference_answer`: the field whose text is the ideal reply (e.g. `explanation`).
   * Without it, a string reference is the reply as it is, any other value its JSON text.
   */
  readonly replyField?: string;
}

/** The top-level fields AWS does not pass in `metadata`: the prompt and the id go beside it. */
const NOT_METADATA = new Set(["messages", "id"]);

/**
 * The request item for one parsed record, or why the record cannot be graded (the dataset rules
 * report what is wrong with it; the grader check only skips it).
 */
export function gradeSampleOf(
  record: unknown,
  line: number,
  options: SampleOptions = {},
): GradeSample | { readonly skipped: string } {
  if (typeof record !== "object" || record === null || Array.isArray(record)) {
    return { skipped: "the line is not a JSON object" };
  }
  const fields = record as Record<string, unknown>;
  const messages = fields.messages;
  if (!Array.isArray(messages) || messages.length === 0) return { skipped: 'it has no "messages"' };
  if (!messages.every(isMessage)) return { skipped: "a message is not {role, content} with string content" };
  if (!("reference_answer" in fields)) return { skipped: 'it has no "reference_answer"' };
  const reply = referenceReply(fields.reference_answer, options.replyField);
  if (reply === undefined) {
    return { skipped: `its reference_answer has no string field "${options.replyField}"` };
  }
  const id = fields.id;
  const ownId =
    (typeof id === "string" && id.trim() !== "") || (typeof id === "number" && Number.isFinite(id));
  const metadata: Record<string, unknown> = { reference_answer: fields.reference_answer };
  for (const [key, value] of Object.entries(fields)) {
    if (!NOT_METADATA.has(key) && key !== "reference_answer") metadata[key] = value;
  }
  return {
    line,
    ownId,
    item: {
      id: ownId ? (id as string | number) : `line-${line}`,
      messages: [...messages, { role: "assistant", content: reply }],
      metadata: metadata as GraderRequestItem["metadata"],
    },
  };
}

/** The text the model would ideally reply: the reference answer as a reply. */
export function referenceReply(reference: unknown, field?: string): string | undefined {
  if (field !== undefined) {
    if (typeof reference === "object" && reference !== null && !Array.isArray(reference)) {
      const value = (reference as Record<string, unknown>)[field];
      if (typeof value === "string") return value;
    }
    return undefined;
  }
  return typeof reference === "string" ? reference : JSON.stringify(reference);
}

function isMessage(m: unknown): m is GraderMessage {
  return (
    typeof m === "object" &&
    m !== null &&
    typeof (m as Record<string, unknown>).role === "string" &&
    typeof (m as Record<string, unknown>).content === "string"
  );
}

/**
 * The samples in invocations that each fit Lambda's synchronous payload limit (6 MB), in order. A sample
 * too large alone goes alone (Lambda refuses it, and the check says so).
 */
export function invocationBatches(samples: readonly GradeSample[], maxBytes: number): GradeSample[][] {
  const encoder = new TextEncoder();
  const batches: GradeSample[][] = [];
  let current: GradeSample[] = [];
  let size = 2; // "[" and "]"
  for (const s of samples) {
    const bytes = encoder.encode(JSON.stringify(s.item)).length + 1; // and its comma
    if (current.length > 0 && size + bytes > maxBytes) {
      batches.push(current);
      current = [];
      size = 2;
    }
    current.push(s);
    size += bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Lambda's limit on a synchronous invocation's request (and response) payload. */
export const LAMBDA_SYNC_PAYLOAD_BYTES = 6_291_456;
