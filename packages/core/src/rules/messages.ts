import { describeType, isObject, type Part, type RecordFinding, type Turn } from "./conversation";
import { messagePath } from "./define";
import { preview } from "./preview";
import { reportUnknownKeys } from "./unknown-keys";

/** The rule ids a format reports message-list problems under (each format has its own family). */
export interface MessageRuleIds {
  messagesMissing: string;
  messagesType: string;
  messageShape: string;
  roleInvalid: string;
  unknownKey: string;
}

/** Reads one message's `content` (the part that differs between formats); `content` may be undefined. */
export type ContentReader = (
  content: unknown,
  index: number,
  report: (f: RecordFinding) => void,
) => { parts: Part[]; readable: boolean };

const MESSAGE_KEYS = new Set(["role", "content"]);

/**
 * The `messages` array of a record, as the Claude and converse formats share it: an array of at least
 * two `{role, content}` objects with roles user or assistant. Returns the turns, or undefined when there
 * is no array to read.
 */
export function readMessages(
  messages: unknown,
  rules: MessageRuleIds,
  readContent: ContentReader,
  report: (f: RecordFinding) => void,
  /** 1 for prompts a model answers (distillation): the record need not hold the reply. */
  minMessages: 1 | 2 = 2,
): Turn[] | undefined {
  if (messages === undefined) {
    report({ rule: rules.messagesMissing, path: [], message: 'The record has no "messages".' });
    return undefined;
  }
  if (!Array.isArray(messages)) {
    report({
      rule: rules.messagesType,
      path: ["messages"],
      message: `"messages" is ${describeType(messages)}; it must be an array of messages.`,
    });
    return undefined;
  }
  if (messages.length < minMessages) {
    report({
      rule: rules.messagesType,
      path: ["messages"],
      message: `"messages" has ${messages.length} message${messages.length === 1 ? "" : "s"}; ${minMessages === 2 ? "at least 2 are needed (a user message and the assistant's reply)" : "at least the user's prompt is needed"}.`,
    });
  }
  const turns: Turn[] = [];
  for (let i = 0; i < messages.length; i++) {
    const m: unknown = messages[i];
    if (!isObject(m)) {
      report({
        rule: rules.messageShape,
        path: ["messages", i],
        message: `messages[${i}] is ${describeType(m)}; it must be an object with "role" and "content".`,
      });
      continue;
    }
    reportUnknownKeys(m, MESSAGE_KEYS, ["messages", i], `messages[${i}]`, rules.unknownKey, report);
    const role = m.role;
    if (role === undefined) {
      report({ rule: rules.messageShape, path: ["messages", i], message: `messages[${i}] has no "role".` });
    } else if (role !== "user" && role !== "assistant") {
      report({
        rule: rules.roleInvalid,
        path: ["messages", i, "role"],
        message: `messages[${i}].role is ${preview(role)}; it must be "user" or "assistant".`,
        ...(role === "system"
          ? { hint: 'Move the system prompt out of "messages" into the top-level "system".' }
          : {}),
      });
    }
    const { parts, readable } = readContent(m.content, i, report);
    turns.push({
      role: typeof role === "string" ? role : "",
      parts,
      path: messagePath(i),
      readable,
    });
  }
  return turns;
}
