import { SCHEMA_VERSION } from "../rules/converse-format";
import type { Block, Chat, ChatMessage, Loss } from "./model";
import { textOf } from "./model";

/** The formats `convert` writes: the source formats, as every format is read and written. */
export type TargetFormat =
  | "openai-chat"
  | "claude-messages"
  | "bedrock-conversation-2024"
  | "prompt-completion"
  | "rft-chat";

/** What the target model takes beyond text, from the catalog and the rules that check its format. */
export interface TargetSupport {
  tools: boolean;
  reasoning: boolean;
  images: boolean;
  videos: boolean;
}

/** Writes one record; whatever the target cannot carry is left out and pushed to `losses`. */
export type Writer = (chat: Chat, support: TargetSupport, losses: Loss[]) => unknown;

const at = (i: number, j?: number) => (j === undefined ? `messages[${i}]` : `messages[${i}].content[${j}]`);

function describe(block: Block): string {
  switch (block.type) {
    case "image":
    case "video": {
      const s = block.source;
      const where = "s3" in s ? "in S3" : "url" in s ? "by URL" : "inline (base64)";
      return `an ${block.type === "image" ? "image" : "video"} ${where}`;
    }
    case "toolUse":
      return `a tool call (${block.name})`;
    case "toolResult":
      return "a tool result";
    case "reasoning":
      return "reasoning content";
    default:
      return "text";
  }
}

/** Name, weight 0 and system messages inside the conversation: what only OpenAI's format carries. */
function openaiOnly(chat: Chat, losses: Loss[], target: string): void {
  chat.messages.forEach((m, i) => {
    if (m.name !== undefined)
      losses.push({
        path: `${m.at ?? at(i)}.name`,
        what: `the speaker name ${JSON.stringify(m.name)} (${target} has no names)`,
      });
    if (m.weight === 0)
      losses.push({
        path: `${m.at ?? at(i)}.weight`,
        what: `weight 0 on an ${m.role} turn (${target} trains on every assistant turn)`,
      });
  });
  for (const s of chat.lateSystem)
    losses.push({
      path: s.at ?? `before ${at(s.before)}`,
      what: `a system message inside the conversation (${target} has one system prompt, before the turns)`,
    });
  if (chat.tools !== undefined)
    losses.push({ path: "tools", what: `the tool definitions (${target} has none)` });
}

/** RFT's reference answer, id and grader metadata: only the RFT format carries them. */
function rftOnly(chat: Chat, losses: Loss[]): void {
  if (chat.id !== undefined) losses.push({ path: "id", what: "the record id" });
  for (const key of Object.keys(chat.metadata ?? {}))
    losses.push({ path: key, what: `the grader metadata field "${key}"` });
}

/** The reference answer, as the final assistant turn of a supervised record. */
function withReference(chat: Chat, losses: Loss[]): ChatMessage[] {
  if (!chat.reference) return chat.messages;
  const value = chat.reference.value;
  if (typeof value !== "string")
    losses.push({
      path: "reference_answer",
      what: "a reference answer that is not text (written as its JSON)",
    });
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return [...chat.messages, { role: "assistant", content: [{ type: "text", text }] }];
}

/** Text-only content as one string; anything else dropped and reported. */
function plainText(m: ChatMessage, i: number, losses: Loss[], target: string): string {
  m.content.forEach((b, j) => {
    if (b.type !== "text")
      losses.push({ path: b.at ?? at(i, j), what: `${describe(b)} (${target} takes text only)` });
  });
  const texts = textOf(m.content);
  if (texts.length > 1)
    losses.push({
      path: `${m.at ?? at(i)}.content`,
      what: `${texts.length} text blocks (joined into one string)`,
    });
  return texts.join("\n");
}

/**
 * Dropped blocks can leave a message empty or two turns of one role side by side: the empty message
 * goes, and neighbours of one role join, so a lossy record still alternates as the rules require.
 */
function tidy(messages: { role: string; content: unknown[] }[]): void {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.content.length === 0) messages.splice(i, 1);
  for (let i = messages.length - 1; i > 0; i--) {
    if (messages[i]!.role === messages[i - 1]!.role) {
      messages[i - 1]!.content.push(...messages[i]!.content);
      messages.splice(i, 1);
    }
  }
}

const writeConverse: Writer = (chat, support, losses) => {
  openaiOnly(chat, losses, "Converse");
  rftOnly(chat, losses);
  const messages = withReference(chat, losses).map((m, i) => {
    const content: unknown[] = [];
    m.content.forEach((b, j) => {
      const drop = (why: string) => losses.push({ path: b.at ?? at(i, j), what: `${describe(b)} (${why})` });
      switch (b.type) {
        case "text":
          content.push({ text: b.text });
          break;
        case "reasoning":
          if (support.reasoning) content.push({ reasoningContent: { reasoningText: { text: b.text } } });
          else drop("the target model takes no reasoning content");
          break;
        case "image":
        case "video":
          if (!(b.type === "image" ? support.images : support.videos))
            drop(`the target model takes no ${b.type}s`);
          else if (!("s3" in b.source))
            drop(
              "url" in b.source
                ? "Bedrock reads media from S3 only, and convert does not fetch the URLs a dataset names: upload it and reference its s3:// URI"
                : "Bedrock reads media from S3 only: --upload-media s3://bucket/prefix/ uploads inline images and references them",
            );
          else {
            if (b.detail !== undefined)
              losses.push({ path: b.at ?? at(i, j), what: `the image detail "${b.detail}"` });
            content.push({ [b.type]: { format: b.format, source: { s3Location: { uri: b.source.s3 } } } });
          }
          break;
        case "toolUse":
          if (support.tools) content.push({ toolUse: { toolUseId: b.id, name: b.name, input: b.input } });
          else drop("the target model's training format takes no tool use");
          break;
        case "toolResult":
          if (support.tools)
            content.push({
              toolResult: {
                toolUseId: b.toolUseId,
                content: [{ text: b.text }],
                ...(b.status ? { status: b.status } : {}),
              },
            });
          else drop("the target model's training format takes no tool use");
          break;
      }
    });
    return { role: m.role, content };
  });
  tidy(messages);
  return {
    schemaVersion: chat.schemaVersion ?? SCHEMA_VERSION,
    ...(chat.system.length > 0 ? { system: chat.system.map((text) => ({ text })) } : {}),
    messages,
  };
};

const writeClaude: Writer = (chat, _support, losses) => {
  openaiOnly(chat, losses, "Claude's format");
  rftOnly(chat, losses);
  if (chat.system.length > 1)
    losses.push({ path: "system", what: `${chat.system.length} system blocks (joined into one string)` });
  const messages = withReference(chat, losses).map((m, i) => {
    const text = plainText(m, i, losses, "Claude's format");
    return { role: m.role, content: textOf(m.content).length > 0 ? [text] : [] };
  });
  tidy(messages);
  return {
    ...(chat.system.length > 0 ? { system: chat.system.join("\n") } : {}),
    messages: messages.map((m) => ({ role: m.role, content: m.content.join("\n") })),
  };
};

const writePromptCompletion: Writer = (chat, _support, losses) => {
  openaiOnly(chat, losses, "prompt/completion");
  rftOnly(chat, losses);
  if (chat.system.length > 0)
    losses.push({ path: "system", what: "the system prompt (prompt/completion records have none)" });
  const messages = withReference(chat, losses);
  if (messages.length !== 2 || messages[0]!.role !== "user" || messages[1]!.role !== "assistant") {
    losses.push({
      path: "messages",
      what: `${messages.length} turns: a prompt/completion record is one user turn and one reply`,
      fatal: true,
    });
    return undefined;
  }
  return {
    prompt: plainText(messages[0]!, 0, losses, "prompt/completion"),
    completion: plainText(messages[1]!, 1, losses, "prompt/completion"),
  };
};

/** OpenAI's chat format: the widest; only reasoning, S3 media and RFT fields fall outside it. */
function openaiMessages(chat: Chat, messages: readonly ChatMessage[], losses: Loss[]): unknown[] {
  const out: unknown[] = chat.system.map((content) => ({ role: "system", content }));
  const late = [...chat.lateSystem];
  messages.forEach((m, i) => {
    while (late[0] && late[0].before === i) out.push({ role: "system", content: late.shift()!.text });
    const parts: unknown[] = [];
    const calls: unknown[] = [];
    m.content.forEach((b, j) => {
      if (b.type === "text") parts.push({ type: "text", text: b.text });
      else if (b.type === "toolResult")
        out.push({ role: "tool", tool_call_id: b.toolUseId, content: b.text });
      else if (b.type === "toolUse")
        calls.push({
          id: b.id,
          type: "function",
          function: { name: b.name, arguments: JSON.stringify(b.input) },
        });
      else if (b.type === "image" && !("s3" in b.source)) {
        const url =
          "url" in b.source
            ? b.source.url
            : `data:${b.source.mediaType ?? `image/${b.format}`};base64,${b.source.base64}`;
        parts.push({ type: "image_url", image_url: { url, ...(b.detail ? { detail: b.detail } : {}) } });
      } else
        losses.push({ path: b.at ?? at(i, j), what: `${describe(b)} (OpenAI's format has no place for it)` });
    });
    if (parts.length === 0 && calls.length === 0) return;
    const onlyText = parts.length === 1 && (parts[0] as { type: string }).type === "text";
    out.push({
      role: m.role,
      ...(parts.length > 0 ? { content: onlyText ? (parts[0] as { text: string }).text : parts } : {}),
      ...(calls.length > 0 ? { tool_calls: calls } : {}),
      ...(m.name !== undefined ? { name: m.name } : {}),
      ...(m.weight !== undefined ? { weight: m.weight } : {}),
    });
  });
  for (const s of late) out.push({ role: "system", content: s.text });
  return out;
}

const writeOpenai: Writer = (chat, _support, losses) => {
  rftOnly(chat, losses);
  const messages = openaiMessages(chat, withReference(chat, losses), losses);
  return { messages, ...(chat.tools !== undefined ? { tools: chat.tools } : {}) };
};

/** RFT: the conversation up to the last assistant turn is the prompt, that turn the reference answer. */
const writeRft: Writer = (chat, _support, losses) => {
  const messages = [...chat.messages];
  let reference = chat.reference;
  if (!reference) {
    const last = messages[messages.length - 1];
    if (last?.role !== "assistant") {
      losses.push({
        path: "messages",
        what: "no final assistant turn to take as the reference answer",
        fatal: true,
      });
      return undefined;
    }
    messages.pop();
    reference = { value: plainText(last, messages.length, losses, "a reference answer") };
  }
  chat.messages.forEach((m, i) => {
    if (m.name !== undefined)
      losses.push({ path: `${m.at ?? at(i)}.name`, what: "the speaker name (AWS's RFT format has none)" });
    if (m.weight !== undefined)
      losses.push({ path: `${m.at ?? at(i)}.weight`, what: "the turn weight (AWS's RFT format has none)" });
  });
  if (chat.tools !== undefined)
    losses.push({ path: "tools", what: "the tool definitions (AWS's RFT format has none)" });
  const prompt = openaiMessages(
    { ...chat, tools: undefined },
    messages.map((m, i) => ({
      role: m.role,
      content: [{ type: "text", text: plainText(m, i, losses, "AWS's RFT format") }],
    })),
    losses,
  );
  return {
    messages: prompt,
    reference_answer: reference.value,
    ...(chat.id !== undefined ? { id: chat.id } : {}),
    ...chat.metadata,
  };
};

export const WRITERS: Record<TargetFormat, Writer> = {
  "openai-chat": writeOpenai,
  "claude-messages": writeClaude,
  "bedrock-conversation-2024": writeConverse,
  "prompt-completion": writePromptCompletion,
  "rft-chat": writeRft,
};
