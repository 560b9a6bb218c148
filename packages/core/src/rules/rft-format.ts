import type { BaseModel } from "../catalog/schema";
import {
  type Conversation,
  describeType,
  type FormatParser,
  isObject,
  type RecordFinding,
  type TextPart,
  type Turn,
} from "./conversation";
import { contentPath, defineRule, messagePath } from "./define";
import { preview } from "./preview";

/**
 * Reinforcement fine-tuning records: the OpenAI chat-completion format with the grader's
 * `reference_answer`, an optional `id`, and any other top-level field passed to the grader as metadata
 * (rft-prepare-data.html): `{"messages": [{"role": "user", "content": "..."}], "reference_answer": ...}`.
 * The record is a prompt: the model writes the reply during training and the grader scores it.
 */
const formats = ["rft-chat"] as const;
const good =
  '{"messages": [{"role": "user", "content": "What is 12 * 12?"}], "reference_answer": "144", "id": "q-1"}';
const RFT_DATA = "https://docs.aws.amazon.com/bedrock/latest/userguide/rft-prepare-data.html";

export const rftRules = {
  messagesMissing: defineRule({
    id: "rft/messages-missing",
    severity: "error",
    title: "Every record has a non-empty `messages` array",
    hint: 'Add "messages": [{"role": "user", "content": "..."}]: the prompt the model answers in training.',
    formats,
    example: { bad: '{"reference_answer": "144"}', good },
  }),
  messageShape: defineRule({
    id: "rft/message-shape",
    severity: "error",
    title: "Each message is an object with a `role` and a string `content`",
    hint: 'Write each message as {"role": "system" | "user" | "assistant", "content": "..."}: AWS takes string content only.',
    formats,
    example: {
      bad: good.replace(
        '"content": "What is 12 * 12?"',
        '"content": [{"type": "text", "text": "What is 12 * 12?"}]',
      ),
      good,
    },
  }),
  roleInvalid: defineRule({
    id: "rft/role-invalid",
    severity: "error",
    title: "A message role is `system`, `user` or `assistant`",
    hint: "Use system, user or assistant: AWS's RFT format has no tool or developer messages.",
    formats,
    example: { bad: good.replace('"role": "user"', '"role": "tool"'), good },
  }),
  noUserMessage: defineRule({
    id: "rft/no-user-message",
    severity: "error",
    title: "The prompt has at least one user message",
    hint: "Add the user's question: the model is trained to answer it.",
    formats,
    example: {
      bad: '{"messages": [{"role": "system", "content": "You solve maths problems."}], "reference_answer": "144"}',
      good,
    },
  }),
  systemPosition: defineRule({
    id: "rft/system-position",
    severity: "warning",
    title: "A system message comes first",
    hint: "Move the system message to the start; AWS does not say how it treats one later in the prompt.",
    formats,
    example: {
      bad: '{"messages": [{"role": "user", "content": "What is 12 * 12?"}, {"role": "system", "content": "Answer with a number."}], "reference_answer": "144"}',
      good: '{"messages": [{"role": "system", "content": "Answer with a number."}, {"role": "user", "content": "What is 12 * 12?"}], "reference_answer": "144"}',
    },
  }),
  endsWithAssistant: defineRule({
    id: "rft/ends-with-assistant",
    severity: "warning",
    title: "The prompt does not already end with an assistant reply",
    hint: "Move the final assistant reply into `reference_answer`: AWS does not say whether the model continues it or answers after it.",
    formats,
    example: {
      bad: '{"messages": [{"role": "user", "content": "What is 12 * 12?"}, {"role": "assistant", "content": "144"}], "reference_answer": "144"}',
      good,
    },
  }),
  referenceMissing: defineRule({
    id: "rft/reference-missing",
    severity: "error",
    title: "Every record has a `reference_answer`",
    hint: "Add the answer the grader compares the model's reply against.",
    formats,
    example: { bad: '{"messages": [{"role": "user", "content": "What is 12 * 12?"}]}', good },
  }),
  referenceEmpty: defineRule({
    id: "rft/reference-empty",
    severity: "error",
    title: "`reference_answer` is not empty",
    hint: "Write the reference answer: an empty one gives the grader nothing to compare against.",
    formats,
    example: { bad: good.replace('"reference_answer": "144"', '"reference_answer": ""'), good },
  }),
  idType: defineRule({
    id: "rft/id-type",
    severity: "error",
    title: "`id`, when present, is a non-empty string or a number",
    hint: "Give each record a short string id; the grader receives it with each reply.",
    formats,
    example: { bad: good.replace('"id": "q-1"', '"id": {"n": 1}'), good },
  }),
  duplicateId: defineRule({
    id: "rft/duplicate-id",
    severity: "error",
    title: "No two records share an `id`",
    hint: "Give each record its own id: the grader's scores are matched to replies by id.",
    formats,
    example: {
      bad: `${good}\n${good.replace("12 * 12", "13 * 13").replace('"144"', '"169"')}`,
      good: `${good}\n${good.replace("12 * 12", "13 * 13").replace('"144"', '"169"').replace("q-1", "q-2")}`,
    },
  }),
};

const ROLES = new Set(["system", "user", "assistant"]);

export const rftParser: FormatParser = {
  parse(record, report: (f: RecordFinding) => void): Conversation | undefined {
    if (!isObject(record)) return undefined;
    const conv = readPrompt(record.messages, report);
    checkReference(record, report);
    const id = record.id;
    let recordId: string | undefined;
    if (id !== undefined) {
      if ((typeof id === "string" && id.trim() !== "") || (typeof id === "number" && Number.isFinite(id)))
        recordId = JSON.stringify(id);
      else {
        report({
          rule: rftRules.idType.id,
          path: ["id"],
          message: `"id" is ${typeof id === "string" ? "an empty string" : describeType(id)}; use a non-empty string or a number.`,
        });
      }
    }
    if (conv && recordId !== undefined) conv.recordId = recordId;
    if (conv && record.reference_answer !== undefined)
      conv.reference = JSON.stringify(record.reference_answer);
    return conv;
  },
};

function readPrompt(messages: unknown, report: (f: RecordFinding) => void): Conversation | undefined {
  if (!Array.isArray(messages) || messages.length === 0) {
    report({
      rule: rftRules.messagesMissing.id,
      path: messages === undefined ? [] : ["messages"],
      message:
        messages === undefined
          ? 'The record has no "messages".'
          : `"messages" is ${Array.isArray(messages) ? "an empty array" : describeType(messages)}; it must be a non-empty array of messages.`,
    });
    return undefined;
  }
  const system: TextPart[] = [];
  const turns: Turn[] = [];
  let users = 0;
  messages.forEach((m: unknown, i) => {
    if (!isObject(m)) {
      report({
        rule: rftRules.messageShape.id,
        path: ["messages", i],
        message: `messages[${i}] is ${describeType(m)}; it must be an object with "role" and "content".`,
      });
      return;
    }
    const role = m.role;
    if (typeof role !== "string" || !ROLES.has(role)) {
      report({
        rule: role === undefined ? rftRules.messageShape.id : rftRules.roleInvalid.id,
        path: role === undefined ? ["messages", i] : ["messages", i, "role"],
        message:
          role === undefined
            ? `messages[${i}] has no "role".`
            : `messages[${i}].role is ${preview(role)}; it must be "system", "user" or "assistant".`,
      });
    }
    const readable = typeof m.content === "string";
    if (!readable) {
      report({
        rule: rftRules.messageShape.id,
        path: m.content === undefined ? ["messages", i] : ["messages", i, "content"],
        message:
          m.content === undefined
            ? `messages[${i}] has no "content".`
            : `messages[${i}].content is ${describeType(m.content)}; AWS's RFT format takes a string.`,
      });
    }
    const part: TextPart = {
      kind: "text",
      text: readable ? (m.content as string) : "",
      path: contentPath(i),
    };
    if (role === "system") {
      if (turns.length > 0) {
        report({
          rule: rftRules.systemPosition.id,
          path: ["messages", i, "role"],
          message: `messages[${i}] is a system message after the conversation started.`,
        });
      }
      if (readable) system.push(part);
      return;
    }
    if (role === "user") users++;
    turns.push({
      role: typeof role === "string" ? role : "",
      parts: readable ? [part] : [],
      path: messagePath(i),
      readable,
    });
  });
  if (users === 0) {
    report({
      rule: rftRules.noUserMessage.id,
      path: ["messages"],
      message: "The prompt has no user message.",
    });
  }
  const last = turns[turns.length - 1];
  if (last?.role === "assistant") {
    report({
      rule: rftRules.endsWithAssistant.id,
      path: [...last.path, "role"],
      message:
        "The prompt ends with an assistant message; AWS does not document whether RFT trains the reply after it or treats it as a prefix to continue.",
    });
  }
  return { system, turns };
}

function checkReference(record: Record<string, unknown>, report: (f: RecordFinding) => void): void {
  if (!("reference_answer" in record)) {
    report({
      rule: rftRules.referenceMissing.id,
      path: [],
      message: 'The record has no "reference_answer".',
    });
    return;
  }
  if (isEmptyValue(record.reference_answer)) {
    report({
      rule: rftRules.referenceEmpty.id,
      path: ["reference_answer"],
      message: `"reference_answer" is ${preview(record.reference_answer)}: empty.`,
    });
  }
}

/** null, a blank string, an empty array or object: nothing for a grader to compare against. */
function isEmptyValue(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).length === 0;
  return false;
}

/** AWS's prompt bounds for an RFT dataset (rft-prepare-data.html, rft-nova-models.html). */
export const RFT_QUOTAS = {
  minRecords: 100,
  maxTrainingRecords: 20_000,
  source: `${RFT_DATA}: at least 100 and at most 20,000 prompts`,
} as const;

/**
 * The base model as its reinforcement fine-tuning data is checked: the RFT record format and prompt
 * bounds, with the model's own token limit, reserved strings and tokenization.
 */
export function reinforcementModel(base: BaseModel): BaseModel {
  // AWS's RFT format takes string content only; the "no validation set" of Nova 2 Lite is for its
  // supervised jobs (AWS's RFT sample data comes with a validation file).
  const { media: _media, validationData: _validation, ...text } = base;
  return {
    ...text,
    format: "rft-chat",
    quotas: {
      ...RFT_QUOTAS,
      ...(base.quotas.maxTokensPerRecord === undefined
        ? {}
        : { maxTokensPerRecord: base.quotas.maxTokensPerRecord }),
      source: `${RFT_QUOTAS.source}; token limit: ${base.quotas.source}`,
    },
  };
}
