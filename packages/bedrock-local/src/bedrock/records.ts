// The checks the service runs on a training or validation file before it trains: every line is a JSON
// object (no empty lines), the keys match the base model's record format, and the record count is
// within the model's bounds. Failures carry AWS's job failure wording; `detail` says which line and
// why, for test assertions and logs (AWS itself does not say).
import type { BaseModelSpec, RecordFormat } from "./catalog.js";

export type DataCheck =
  | { readonly ok: true; readonly records: number }
  | { readonly ok: false; readonly message: string; readonly detail: string };

type Problem = string | undefined;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function extraKeys(record: Record<string, unknown>, allowed: readonly string[]): Problem {
  const extra = Object.keys(record).filter((key) => !allowed.includes(key));
  return extra.length > 0 ? `unexpected key(s) ${extra.join(", ")}` : undefined;
}

/** `prompts`: a distillation prompt, which may end with the user (the teacher writes the reply). */
function turnOrder(roles: readonly unknown[], prompts = false): Problem {
  if (roles.length < (prompts ? 1 : 2))
    return `at least ${prompts ? "one message is" : "two messages are"} required`;
  for (const [position, role] of roles.entries()) {
    const expected = position % 2 === 0 ? "user" : "assistant";
    if (role !== expected) return `message ${position + 1} has role ${String(role)}, expected ${expected}`;
  }
  if (!prompts && roles.at(-1) !== "assistant") return "the last message must come from the assistant";
  return undefined;
}

function checkAnthropicMessages(record: Record<string, unknown>): Problem {
  const extra = extraKeys(record, ["system", "messages"]);
  if (extra) return extra;
  if (record.system !== undefined && typeof record.system !== "string") return "system must be a string";
  const messages = record.messages;
  if (!Array.isArray(messages)) return "messages must be a list";
  for (const [position, message] of messages.entries()) {
    if (!isObject(message)) return `message ${position + 1} is not an object`;
    const messageExtra = extraKeys(message, ["role", "content"]);
    if (messageExtra) return `message ${position + 1}: ${messageExtra}`;
    if (typeof message.content !== "string" || message.content === "") {
      return `message ${position + 1}: content must be a non-empty string`;
    }
  }
  return turnOrder(messages.map((message: Record<string, unknown>) => message.role));
}

function checkConversation(record: Record<string, unknown>, model: BaseModelSpec, prompts = false): Problem {
  const extra = extraKeys(record, ["schemaVersion", "system", "messages"]);
  if (extra) return extra;
  // AWS's Nova guide: the field is optional and "can be any string value".
  if (record.schemaVersion !== undefined && typeof record.schemaVersion !== "string") {
    return "schemaVersion must be a string";
  }
  if (record.system !== undefined) {
    if (
      !Array.isArray(record.system) ||
      !record.system.every((block) => isObject(block) && typeof block.text === "string")
    ) {
      return "system must be a list of {text} blocks";
    }
  }
  const messages = record.messages;
  if (!Array.isArray(messages)) return "messages must be a list";
  for (const [position, message] of messages.entries()) {
    if (!isObject(message)) return `message ${position + 1} is not an object`;
    const messageExtra = extraKeys(message, ["role", "content"]);
    if (messageExtra) return `message ${position + 1}: ${messageExtra}`;
    const content = message.content;
    if (!Array.isArray(content) || content.length === 0)
      return `message ${position + 1}: content must be a list`;
    const kinds =
      model.reasoningContent && message.role === "assistant"
        ? ["text", "image", "video", "reasoningContent"]
        : ["text", "image", "video"];
    const badBlock = content.findIndex(
      (block) =>
        !isObject(block) || Object.keys(block).length !== 1 || !kinds.includes(Object.keys(block)[0] ?? ""),
    );
    if (badBlock >= 0)
      return `message ${position + 1}: content block ${badBlock + 1} must hold one of ${kinds.join(", ")}`;
  }
  return turnOrder(
    messages.map((message: Record<string, unknown>) => message.role),
    prompts,
  );
}

/**
 * rft-prepare-data.html: the OpenAI chat format, `messages` with string content, a `reference_answer`
 * for the grader; an optional `id` and any other key pass to the grader as metadata.
 */
function checkRft(record: Record<string, unknown>): Problem {
  const messages = record.messages;
  if (!Array.isArray(messages) || messages.length === 0) return "messages must be a non-empty list";
  for (const [position, message] of messages.entries()) {
    if (!isObject(message)) return `message ${position + 1} is not an object`;
    if (!["system", "user", "assistant"].includes(String(message.role))) {
      return `message ${position + 1} has role ${String(message.role)}`;
    }
    if (typeof message.content !== "string") return `message ${position + 1}: content must be a string`;
  }
  if (!("reference_answer" in record)) return "reference_answer is required";
  return undefined;
}

/** reinforcement-fine-tuning.html: 100 to 20,000 prompts. */
const RFT_BOUNDS = { min: 100, max: 20_000 };

function checkPromptCompletion(record: Record<string, unknown>): Problem {
  const extra = extraKeys(record, ["prompt", "completion"]);
  if (extra) return extra;
  if (typeof record.prompt !== "string") return "prompt must be a string";
  if (typeof record.completion !== "string") return "completion must be a string";
  return undefined;
}

type FormatCheck = (record: Record<string, unknown>, model: BaseModelSpec) => Problem;

const FORMAT_CHECKS: Readonly<Record<RecordFormat, FormatCheck>> = {
  "anthropic-messages": checkAnthropicMessages,
  "bedrock-conversation-2024": checkConversation,
  "prompt-completion": checkPromptCompletion,
};

/** AWS's failure message for a file that is not valid JSONL in the expected shape. */
export function unparsableFileMessage(fileName: string): string {
  return `Unable to parse Amazon S3 file: ${fileName}. Data files must conform to JSONL format.`;
}

export type DataRole = "training" | "validation";

export function checkDataFile(
  text: string,
  fileName: string,
  role: DataRole,
  model: BaseModelSpec,
  customizationType = "FINE_TUNING",
): DataCheck {
  const rft = customizationType === "REINFORCEMENT_FINE_TUNING";
  const prompts = customizationType === "DISTILLATION";
  const format = rft ? "rft-chat" : prompts ? "distillation prompts" : model.recordFormat;
  const check: (record: Record<string, unknown>) => Problem = rft
    ? checkRft
    : prompts
      ? (record) => checkConversation(record, model, true)
      : (record) => FORMAT_CHECKS[model.recordFormat](record, model);
  const lines = text.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
  // One final newline is normal for JSONL; it does not make an empty record.
  if (lines.at(-1) === "") lines.pop();
  const fail = (detail: string): DataCheck => ({
    ok: false,
    message: unparsableFileMessage(fileName),
    detail,
  });

  for (const [position, line] of lines.entries()) {
    const lineNumber = position + 1;
    if (line.trim() === "") return fail(`line ${lineNumber} is empty`);
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      return fail(`line ${lineNumber} is not valid JSON`);
    }
    if (!isObject(record)) return fail(`line ${lineNumber} is not a JSON object`);
    const problem = check(record);
    if (problem) return fail(`line ${lineNumber}: ${problem} (${format})`);
  }

  const records = lines.length;
  // Distillation states no record bounds; RFT has its own.
  if (prompts) return { ok: true, records };
  const min = rft ? (role === "training" ? RFT_BOUNDS.min : 1) : model.minRecords;
  const max = rft
    ? RFT_BOUNDS.max
    : role === "training"
      ? model.maxTrainingRecords
      : model.maxValidationRecords;
  // Unconfirmed wording: no AWS page quotes the record-count failures.
  if (records < min) {
    const message = `The ${role} data file ${fileName} has ${records} records; ${model.id} needs at least ${min}.`;
    return { ok: false, message, detail: `${records} < ${min}` };
  }
  if (records > max) {
    const message = `Input size exceeded: the ${role} data file ${fileName} has ${records} records; ${model.id} accepts at most ${max}.`;
    return { ok: false, message, detail: `${records} > ${max}` };
  }
  return { ok: true, records };
}
