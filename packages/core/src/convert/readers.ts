import { isObject } from "../rules/conversation";
import { preview } from "../rules/preview";
import type { Block, Chat, ChatMessage, Loss, MediaSource } from "./model";
import { UnreadableRecord } from "./model";

/** The source formats `convert` reads. */
export const SOURCE_FORMATS = [
  "openai-chat",
  "claude-messages",
  "bedrock-conversation-2024",
  "prompt-completion",
  "rft-chat",
] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** Reads one record; what the conversation model cannot hold is pushed to `losses`. */
export type Reader = (record: Record<string, unknown>, losses: Loss[]) => Chat;

const str = (v: unknown, path: string): string => {
  if (typeof v !== "string") throw new UnreadableRecord(`${path} is ${preview(v)}, not a string.`, path);
  return v;
};

function messagesOf(record: Record<string, unknown>): unknown[] {
  const m = record.messages;
  if (!Array.isArray(m)) throw new UnreadableRecord('The record has no "messages" array.', "messages");
  return m;
}

function unknownKeys(obj: Record<string, unknown>, known: ReadonlySet<string>, at: string, losses: Loss[]) {
  for (const key of Object.keys(obj)) {
    if (!known.has(key)) losses.push({ path: at ? `${at}.${key}` : key, what: `the field "${key}"` });
  }
}

/** `data:image/png;base64,...` or a URL, as OpenAI writes an image. */
function imageFromUrl(url: string, detail: unknown): Block {
  const data = /^data:([\w/+.-]+);base64,(.*)$/s.exec(url);
  const source: MediaSource = data ? { base64: data[2]!, mediaType: data[1]! } : { url };
  const format = data ? data[1]!.split("/")[1] : /\.(\w+)(?:$|\?)/.exec(url)?.[1]?.toLowerCase();
  return {
    type: "image",
    ...(format === undefined ? {} : { format: format === "jpg" ? "jpeg" : format }),
    source,
    ...(typeof detail === "string" ? { detail } : {}),
  };
}

/** OpenAI message content: a string, or an array of text and image_url parts. */
function openaiContent(content: unknown, at: string): Block[] {
  if (content === undefined || content === null) return [];
  if (typeof content === "string") return [{ type: "text", text: content, at }];
  if (!Array.isArray(content)) throw new UnreadableRecord(`${at} is ${preview(content)}.`, at);
  return content.map((part: unknown, j) => {
    const p = `${at}[${j}]`;
    if (!isObject(part)) throw new UnreadableRecord(`${p} is not a content part.`, p);
    if (part.type === "text") return { type: "text", text: str(part.text, `${p}.text`), at: p };
    if (part.type === "image_url" && isObject(part.image_url))
      return { ...imageFromUrl(str(part.image_url.url, `${p}.image_url.url`), part.image_url.detail), at: p };
    throw new UnreadableRecord(`${p} is a ${preview(part.type)} part, which no supported format carries.`, p);
  });
}

const OPENAI_MESSAGE_KEYS = new Set(["role", "content", "name", "weight", "tool_calls", "tool_call_id"]);

/**
 * OpenAI chat messages (and Claude's, which are the same with a top-level `system` string): system
 * messages before the first turn become the system prompt, later ones stay where they were; tool
 * messages become tool results in a user turn, consecutive ones (parallel calls) in the same turn.
 */
function readChatMessages(record: Record<string, unknown>, chat: Chat, losses: Loss[]): void {
  messagesOf(record).forEach((m: unknown, i) => {
    const at = `messages[${i}]`;
    if (!isObject(m)) throw new UnreadableRecord(`${at} is not a message object.`, at);
    unknownKeys(m, OPENAI_MESSAGE_KEYS, at, losses);
    const role = m.role;
    if (role === "system" || role === "developer") {
      const text = openaiContent(m.content, `${at}.content`);
      const joined = text.map((b) => (b.type === "text" ? b.text : "")).join("");
      if (text.some((b) => b.type !== "text"))
        throw new UnreadableRecord(`${at} is a system message with non-text content.`, at);
      if (role === "developer")
        losses.push({ path: `${at}.role`, what: 'the role "developer" (read as system)' });
      if (chat.messages.length === 0) chat.system.push(joined);
      else chat.lateSystem.push({ before: chat.messages.length, text: joined, at });
      return;
    }
    if (role === "tool") {
      const result: Block = {
        type: "toolResult",
        at,
        toolUseId: str(m.tool_call_id, `${at}.tool_call_id`),
        text: openaiContent(m.content, `${at}.content`)
          .map((b) => (b.type === "text" ? b.text : ""))
          .join(""),
      };
      const prev = chat.messages[chat.messages.length - 1];
      if (prev?.role === "user" && prev.content.every((b) => b.type === "toolResult"))
        prev.content.push(result);
      else chat.messages.push({ role: "user", content: [result], at });
      return;
    }
    if (role !== "user" && role !== "assistant")
      throw new UnreadableRecord(`${at}.role is ${preview(role)}.`, `${at}.role`);
    const message: ChatMessage = { role, content: openaiContent(m.content, `${at}.content`), at };
    if (Array.isArray(m.tool_calls)) {
      m.tool_calls.forEach((call: unknown, k) => {
        const p = `${at}.tool_calls[${k}]`;
        if (!isObject(call) || !isObject(call.function))
          throw new UnreadableRecord(`${p} is not a function call.`, p);
        const args = str(call.function.arguments, `${p}.function.arguments`);
        let input: unknown;
        try {
          input = JSON.parse(args);
        } catch {
          throw new UnreadableRecord(`${p}.function.arguments is not JSON.`, `${p}.function.arguments`);
        }
        // Converse carries the input as a value: arguments survive a round trip only in JSON's own spelling.
        if (JSON.stringify(input) !== args)
          losses.push({
            path: `${p}.function.arguments`,
            what: "the arguments' spacing (rewritten as compact JSON)",
          });
        message.content.push({
          type: "toolUse",
          at: p,
          id: str(call.id, `${p}.id`),
          name: str(call.function.name, `${p}.function.name`),
          input,
        });
      });
    }
    if (m.name !== undefined) message.name = str(m.name, `${at}.name`);
    if (m.weight !== undefined) {
      if (m.weight !== 0 && m.weight !== 1)
        throw new UnreadableRecord(
          `${at}.weight is ${preview(m.weight)}; OpenAI takes 0 or 1.`,
          `${at}.weight`,
        );
      message.weight = m.weight;
    }
    chat.messages.push(message);
  });
}

const emptyChat = (): Chat => ({ system: [], messages: [], lateSystem: [] });

const OPENAI_KEYS = new Set(["messages", "tools", "parallel_tool_calls"]);
const readOpenai: Reader = (record, losses) => {
  unknownKeys(record, OPENAI_KEYS, "", losses);
  const chat = emptyChat();
  if (record.tools !== undefined) chat.tools = record.tools;
  readChatMessages(record, chat, losses);
  return chat;
};

const CLAUDE_KEYS = new Set(["system", "messages"]);
const readClaude: Reader = (record, losses) => {
  unknownKeys(record, CLAUDE_KEYS, "", losses);
  const chat = emptyChat();
  if (record.system !== undefined) chat.system.push(str(record.system, "system"));
  readChatMessages(record, chat, losses);
  return chat;
};

const RFT_KEYS = new Set(["messages", "reference_answer", "id"]);
const readRft: Reader = (record, losses) => {
  const chat = emptyChat();
  readChatMessages(record, chat, losses);
  if ("reference_answer" in record) chat.reference = { value: record.reference_answer };
  if (record.id !== undefined) chat.id = record.id;
  const metadata = Object.fromEntries(Object.entries(record).filter(([k]) => !RFT_KEYS.has(k)));
  if (Object.keys(metadata).length > 0) chat.metadata = metadata;
  return chat;
};

const CONVERSE_KEYS = new Set(["schemaVersion", "system", "messages"]);
const readConverse: Reader = (record, losses) => {
  unknownKeys(record, CONVERSE_KEYS, "", losses);
  const chat = emptyChat();
  if (typeof record.schemaVersion === "string") chat.schemaVersion = record.schemaVersion;
  if (record.system !== undefined) {
    if (!Array.isArray(record.system))
      throw new UnreadableRecord('"system" is not an array of blocks.', "system");
    record.system.forEach((b: unknown, i) => {
      if (!isObject(b)) throw new UnreadableRecord(`system[${i}] is not a block.`, `system[${i}]`);
      chat.system.push(str(b.text, `system[${i}].text`));
    });
  }
  messagesOf(record).forEach((m: unknown, i) => {
    const at = `messages[${i}]`;
    if (!isObject(m) || (m.role !== "user" && m.role !== "assistant"))
      throw new UnreadableRecord(`${at} is not a user or assistant message.`, at);
    if (!Array.isArray(m.content))
      throw new UnreadableRecord(`${at}.content is not an array of blocks.`, `${at}.content`);
    unknownKeys(m, new Set(["role", "content"]), at, losses);
    chat.messages.push({
      role: m.role,
      at,
      content: m.content.map((b: unknown, j) => ({
        ...converseBlock(b, `${at}.content[${j}]`),
        at: `${at}.content[${j}]`,
      })),
    });
  });
  return chat;
};

function converseBlock(block: unknown, at: string): Block {
  if (!isObject(block)) throw new UnreadableRecord(`${at} is not a content block.`, at);
  if ("text" in block) return { type: "text", text: str(block.text, `${at}.text`) };
  const media = (block.image ?? block.video) as unknown;
  if (isObject(media)) {
    const s3 =
      isObject(media.source) && isObject(media.source.s3Location) ? media.source.s3Location.uri : undefined;
    return {
      type: "image" in block ? "image" : "video",
      ...(typeof media.format === "string" ? { format: media.format } : {}),
      source: { s3: str(s3, `${at}.source.s3Location.uri`) },
    };
  }
  if (isObject(block.reasoningContent) && isObject(block.reasoningContent.reasoningText))
    return {
      type: "reasoning",
      text: str(block.reasoningContent.reasoningText.text, `${at}.reasoningContent.reasoningText.text`),
    };
  if (isObject(block.toolUse)) {
    const u = block.toolUse;
    return {
      type: "toolUse",
      id: str(u.toolUseId, `${at}.toolUse.toolUseId`),
      name: str(u.name, `${at}.toolUse.name`),
      input: u.input,
    };
  }
  if (isObject(block.toolResult)) {
    const r = block.toolResult;
    const parts = Array.isArray(r.content) ? r.content : [];
    const text = parts
      .map((p: unknown, k) =>
        isObject(p) && "json" in p
          ? JSON.stringify(p.json)
          : str(isObject(p) ? p.text : p, `${at}.toolResult.content[${k}].text`),
      )
      .join("");
    return {
      type: "toolResult",
      toolUseId: str(r.toolUseId, `${at}.toolResult.toolUseId`),
      text,
      ...(typeof r.status === "string" ? { status: r.status } : {}),
    };
  }
  throw new UnreadableRecord(`${at} is a block of a kind no supported format carries.`, at);
}

const PC_KEYS = new Set(["prompt", "completion"]);
const readPromptCompletion: Reader = (record, losses) => {
  unknownKeys(record, PC_KEYS, "", losses);
  return {
    ...emptyChat(),
    messages: [
      {
        role: "user",
        at: "prompt",
        content: [{ type: "text", text: str(record.prompt, "prompt"), at: "prompt" }],
      },
      {
        role: "assistant",
        at: "completion",
        content: [{ type: "text", text: str(record.completion, "completion"), at: "completion" }],
      },
    ],
  };
};

export const READERS: Record<SourceFormat, Reader> = {
  "openai-chat": readOpenai,
  "claude-messages": readClaude,
  "bedrock-conversation-2024": readConverse,
  "prompt-completion": readPromptCompletion,
  "rft-chat": readRft,
};

/**
 * The format a record is written in, from the keys only that format uses; undefined when the record
 * fits both Claude's and OpenAI's chat format (plain user/assistant messages with string content).
 */
export function detectFormat(record: Record<string, unknown>): SourceFormat | undefined {
  if ("prompt" in record && "completion" in record) return "prompt-completion";
  if ("reference_answer" in record) return "rft-chat";
  const messages = Array.isArray(record.messages) ? record.messages : [];
  const first = messages.find(isObject);
  if ("schemaVersion" in record || Array.isArray(record.system)) return "bedrock-conversation-2024";
  if (first && Array.isArray(first.content) && first.content.some((b) => isObject(b) && !("type" in b)))
    return "bedrock-conversation-2024";
  if (typeof record.system === "string") return "claude-messages";
  if ("tools" in record) return "openai-chat";
  for (const m of messages) {
    if (!isObject(m)) continue;
    if (m.role === "system" || m.role === "tool" || m.role === "developer") return "openai-chat";
    if ("weight" in m || "name" in m || "tool_calls" in m || Array.isArray(m.content)) return "openai-chat";
  }
  return undefined;
}
