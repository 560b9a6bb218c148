import {
  type Conversation,
  describeType,
  type FormatParser,
  isObject,
  type RecordFinding,
  type TextPart,
} from "./conversation";
import { contentPath, defineRule, keyPath } from "./define";
import { type ContentReader, readMessages } from "./messages";
import { reportUnknownKeys } from "./unknown-keys";

/**
 * Claude 3 Haiku records: `{"system": "...", "messages": [{"role": "user", "content": "..."}, ...]}`.
 * Anthropic: "No extraneous keys are allowed"; content is a plain string in every official example.
 */
const formats = ["claude-messages"] as const;
const good =
  '{"system": "You route tickets.", "messages": [{"role": "user", "content": "My card was charged twice"}, {"role": "assistant", "content": "ROUTE: billing"}]}';

export const claudeRules = {
  unknownKey: defineRule({
    id: "claude/unknown-key",
    severity: "error",
    title: "Only `system` and `messages` may appear in a record, and only `role` and `content` in a message",
    hint: "Remove the key: Claude fine-tuning rejects extraneous keys. Keep metadata in a separate file keyed by line.",
    formats,
    example: { bad: good.replace('{"system"', '{"id": 17, "system"'), good },
  }),
  systemType: defineRule({
    id: "claude/system-type",
    severity: "error",
    title: "`system` is a string",
    hint: 'Write the system prompt as one string: "system": "You are ...".',
    formats,
    example: { bad: good.replace('"You route tickets."', '[{"text": "You route tickets."}]'), good },
  }),
  messagesMissing: defineRule({
    id: "claude/messages-missing",
    severity: "error",
    title: "Every record has a `messages` array",
    hint: 'Add "messages": [{"role": "user", ...}, {"role": "assistant", ...}].',
    formats,
    example: { bad: '{"system": "You route tickets."}', good },
  }),
  messagesType: defineRule({
    id: "claude/messages-type",
    severity: "error",
    title: "`messages` is an array of at least two message objects",
    hint: "Give at least one user message followed by one assistant message.",
    formats,
    example: { bad: '{"messages": [{"role": "user", "content": "Hi"}]}', good },
  }),
  messageShape: defineRule({
    id: "claude/message-shape",
    severity: "error",
    title: "Each message is an object with a `role` and a `content`",
    hint: 'Write each message as {"role": "user" | "assistant", "content": "..."}.',
    formats,
    example: { bad: '{"messages": ["Hi", {"role": "assistant", "content": "Hello"}]}', good },
  }),
  roleInvalid: defineRule({
    id: "claude/role-invalid",
    severity: "error",
    title: "A message role is `user` or `assistant`",
    hint: 'Use "user" or "assistant"; put a system prompt in the top-level "system" string.',
    formats,
    example: { bad: good.replace('"role": "user"', '"role": "human"'), good },
  }),
  contentType: defineRule({
    id: "claude/content-type",
    severity: "error",
    title: "Message `content` is a plain string",
    hint: 'Write "content": "text". Content blocks are not documented for Claude 3 Haiku fine-tuning, and it takes no images.',
    formats,
    example: {
      bad: good.replace(
        '"content": "ROUTE: billing"',
        '"content": [{"type": "text", "text": "ROUTE: billing"}]',
      ),
      good,
    },
  }),
};

const TOP_KEYS = new Set(["system", "messages"]);

const readClaudeContent: ContentReader = (content, i, report) => {
  if (typeof content === "string") {
    return {
      parts: [{ kind: "text", text: content, path: contentPath(i) }],
      readable: true,
    };
  }
  report(
    content === undefined
      ? {
          rule: claudeRules.messageShape.id,
          path: ["messages", i],
          message: `messages[${i}] has no "content".`,
        }
      : {
          rule: claudeRules.contentType.id,
          path: ["messages", i, "content"],
          message: `messages[${i}].content is ${describeType(content)}; Claude 3 Haiku fine-tuning takes a string.`,
        },
  );
  return { parts: [], readable: false };
};

const claudeIds = {
  messagesMissing: claudeRules.messagesMissing.id,
  messagesType: claudeRules.messagesType.id,
  messageShape: claudeRules.messageShape.id,
  roleInvalid: claudeRules.roleInvalid.id,
  unknownKey: claudeRules.unknownKey.id,
};

export const claudeParser: FormatParser = {
  parse(record, report: (f: RecordFinding) => void): Conversation | undefined {
    if (!isObject(record)) return undefined;
    reportUnknownKeys(record, TOP_KEYS, [], "the record", claudeRules.unknownKey.id, report);
    const system: TextPart[] = [];
    if (record.system !== undefined) {
      if (typeof record.system === "string")
        system.push({ kind: "text", text: record.system, path: keyPath("system") });
      else {
        report({
          rule: claudeRules.systemType.id,
          path: ["system"],
          message: `"system" is ${describeType(record.system)}; Claude records take a string.`,
        });
      }
    }
    const turns = readMessages(record.messages, claudeIds, readClaudeContent, report);
    if (!turns) return undefined;
    return { system, turns };
  },
};
