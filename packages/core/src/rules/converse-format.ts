import { formatCount } from "../format-count";
import {
  type Conversation,
  describeType,
  type FormatParser,
  isObject,
  type Part,
  type ReasoningPart,
  type RecordFinding,
  type TextPart,
} from "./conversation";
import { blockTextPath, defineRule, formatPath, type PathSegment, systemBlockPath } from "./define";
import { type ContentReader, readMessages } from "./messages";
import { reportUnknownKeys, UNKNOWN_KEYS_LISTED } from "./unknown-keys";

/**
 * `bedrock-conversation-2024` records (Amazon Nova, Meta Llama 3.2/3.3):
 * `{"schemaVersion": "bedrock-conversation-2024", "system": [{"text": ...}], "messages": [{"role": "user",
 * "content": [{"text": ...} | {"image": ...} | {"video": ...}]}, ...]}`.
 */
const formats = ["bedrock-conversation-2024"] as const;
export const SCHEMA_VERSION = "bedrock-conversation-2024";
const good =
  '{"schemaVersion": "bedrock-conversation-2024", "system": [{"text": "You route tickets."}], "messages": [{"role": "user", "content": [{"text": "My card was charged twice"}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}';

export const converseRules = {
  // AWS's Nova guide: the field "can be any string value", and AWS's own validators treat it as optional.
  schemaVersion: defineRule({
    id: "converse/schema-version",
    severity: "error",
    title: "`schemaVersion`, when present, is a string",
    hint: 'Write "schemaVersion": "bedrock-conversation-2024", or leave the field out.',
    formats,
    example: { bad: good.replace('"bedrock-conversation-2024"', "2024"), good },
  }),
  // AWS documents three top-level keys but no page says the service refuses another: a warning.
  unknownKey: defineRule({
    id: "converse/unknown-key",
    severity: "warning",
    title:
      "Only `schemaVersion`, `system` and `messages` appear in a record, `role` and `content` in a message",
    hint: "Remove the key (keep metadata in a separate file keyed by line): AWS documents only these keys; no AWS page says whether the service ignores others or refuses the record.",
    formats,
    example: { bad: good.replace("{", '{"id": 17, '), good },
  }),
  systemType: defineRule({
    id: "converse/system-type",
    severity: "error",
    title: '`system` is an array of `{"text": "..."}` blocks',
    hint: 'Write "system": [{"text": "You are ..."}].',
    formats,
    example: { bad: good.replace('[{"text": "You route tickets."}]', '"You route tickets."'), good },
  }),
  messagesMissing: defineRule({
    id: "converse/messages-missing",
    severity: "error",
    title: "Every record has a `messages` array",
    hint: 'Add "messages": [{"role": "user", "content": [{"text": ...}]}, {"role": "assistant", ...}].',
    formats,
    example: { bad: '{"schemaVersion": "bedrock-conversation-2024"}', good },
  }),
  messagesType: defineRule({
    id: "converse/messages-type",
    severity: "error",
    title: "`messages` is an array of at least two message objects",
    hint: "Give at least one user message followed by one assistant message.",
    formats,
    example: {
      bad: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Hi"}]}]}',
      good: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "My card was charged twice"}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}',
    },
  }),
  messageShape: defineRule({
    id: "converse/message-shape",
    severity: "error",
    title: "Each message is an object with a `role` and a `content` array",
    hint: 'Write each message as {"role": "user" | "assistant", "content": [{"text": "..."}]}.',
    formats,
    example: {
      bad: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"content": [{"text": "Hi"}]}, {"role": "assistant", "content": [{"text": "Hello"}]}]}',
      good: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "My card was charged twice"}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}',
    },
  }),
  roleInvalid: defineRule({
    id: "converse/role-invalid",
    severity: "error",
    title: "A message role is `user` or `assistant`",
    hint: 'Use "user" or "assistant"; put a system prompt in the top-level "system" array.',
    formats,
    example: {
      bad: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "customer", "content": [{"text": "My card was charged twice"}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}',
      good: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "My card was charged twice"}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}',
    },
  }),
  contentType: defineRule({
    id: "converse/content-type",
    severity: "error",
    title: "Message `content` is a non-empty array of content blocks",
    hint: 'Write "content": [{"text": "..."}].',
    formats,
    example: { bad: good.replace('[{"text": "ROUTE: billing"}]', '"ROUTE: billing"'), good },
  }),
  contentBlock: defineRule({
    id: "converse/content-block",
    severity: "error",
    title:
      "Each content block holds exactly one of `text`, `image` or `video` (or `reasoningContent` for a model that takes it)",
    hint: 'Write {"text": "..."}, {"image": {"format": "png", "source": {"s3Location": {"uri": "s3://..."}}}} or the same for "video".',
    formats,
    example: {
      bad: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "My card was charged twice", "type": "text"}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}',
      good: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "My card was charged twice"}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}',
    },
  }),
  mediaUnsupported: defineRule({
    id: "converse/media-unsupported",
    severity: "error",
    title: "Images and videos appear only for base models that take them",
    hint: "Remove the media block or pick a base model that accepts media (e.g. Nova Lite or Pro).",
    formats,
    example: {
      bad: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Is this a refund?"}, {"image": {"format": "png", "source": {"s3Location": {"uri": "s3://my-bucket/receipt.png"}}}}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]} (for Nova Micro)',
      good: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Is this a refund?"}, {"image": {"format": "png", "source": {"s3Location": {"uri": "s3://my-bucket/receipt.png"}}}}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]} (for Nova Lite or Pro)',
    },
  }),
  mediaRole: defineRule({
    id: "converse/media-in-assistant",
    severity: "error",
    title: "Images and videos appear in user turns only",
    hint: "Move the media block into the user message it belongs to.",
    formats,
    example: {
      bad: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Show the receipt"}]}, {"role": "assistant", "content": [{"text": "Here it is"}, {"image": {"format": "png", "source": {"s3Location": {"uri": "s3://my-bucket/receipt.png"}}}}]}]}',
      good: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Is this a refund?"}, {"image": {"format": "png", "source": {"s3Location": {"uri": "s3://my-bucket/receipt.png"}}}}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}',
    },
  }),
  mediaCount: defineRule({
    id: "converse/media-count",
    severity: "error",
    title: "At most the model's number of images per message and videos per record",
    hint: "Split the record, or drop media beyond the limit.",
    formats,
    example: {
      bad: "(a user message with 11 image blocks for Nova Lite, which takes 10)",
      good: "(at most 10 images in a message, and one video in a record)",
    },
  }),
  // AWS's examples pair media with a text prompt, but no page says a turn of media alone is refused.
  mediaOnlyTurn: defineRule({
    id: "converse/media-only-turn",
    severity: "warning",
    title: "A user turn with an image or a video also holds text",
    hint: "Add the instruction as a text block beside the media: AWS's examples always pair them, though no AWS page says a turn of media alone is refused.",
    formats,
    example: {
      bad: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"image": {"format": "png", "source": {"s3Location": {"uri": "s3://my-bucket/receipt.png"}}}}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}',
      good: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Is this a refund?"}, {"image": {"format": "png", "source": {"s3Location": {"uri": "s3://my-bucket/receipt.png"}}}}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}',
    },
  }),
  mediaSource: defineRule({
    id: "converse/media-source",
    severity: "error",
    title:
      "A media block names a supported format and an `s3Location.uri` that Bedrock's S3 URI pattern accepts",
    hint: 'Write {"format": "png", "source": {"s3Location": {"uri": "s3://bucket/key.png", "bucketOwner": "123456789012"}}}; keys may hold letters, digits and - ! _ * \' ( ) . only.',
    formats,
    example: {
      bad: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Is this a refund?"}, {"image": {"format": "bmp", "source": {"s3Location": {"uri": "https://example.com/r.bmp"}}}}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}',
      good: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Is this a refund?"}, {"image": {"format": "png", "source": {"s3Location": {"uri": "s3://my-bucket/receipt.png"}}}}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}',
    },
  }),
};

const TOP_KEYS = new Set(["schemaVersion", "system", "messages"]);
/** Top-level tool sections of the Converse API: the model's rules decide whether they are allowed. */
const TOOL_SECTIONS = new Set(["toolConfig"]);
const KNOWN_TOP_KEYS = new Set([...TOP_KEYS, ...TOOL_SECTIONS]);
const BLOCK_KINDS = ["text", "image", "video", "reasoningContent", "toolUse", "toolResult"] as const;

/** `{"reasoningText": {"text": "..."}}` and nothing else, or what is wrong with it. */
function readReasoning(value: unknown, path: PathSegment[]): ReasoningPart {
  const where = formatPath(path);
  if (!isObject(value)) {
    return {
      kind: "reasoning",
      reasoning: undefined,
      problem: `${where} is ${describeType(value)}; it must be {"reasoningText": {"text": "..."}}.`,
      path,
    };
  }
  const other = Object.keys(value).filter((k) => k !== "reasoningText");
  if (other.length > 0) {
    return {
      kind: "reasoning",
      reasoning: undefined,
      problem: `${where} holds ${other.map((k) => `"${k}"`).join(", ")}; only "reasoningText" is supported.`,
      path,
    };
  }
  const rt = value.reasoningText;
  const textPath = [...path, "reasoningText", "text"];
  if (!isObject(rt) || typeof rt.text !== "string" || Object.keys(rt).length !== 1) {
    return {
      kind: "reasoning",
      reasoning: undefined,
      problem: `${where}.reasoningText must be {"text": "..."} with a string text.`,
      path: rt === undefined ? path : [...path, "reasoningText"],
    };
  }
  return { kind: "reasoning", reasoning: { kind: "text", text: rt.text, path: textPath }, path };
}

/** A message's content: a non-empty array of blocks, each exactly one of text, image or video. */
const readConverseContent: ContentReader = (content, i, report) => {
  const parts: Part[] = [];
  if (!Array.isArray(content) || content.length === 0) {
    report({
      rule: converseRules.contentType.id,
      path: content === undefined ? ["messages", i] : ["messages", i, "content"],
      message:
        content === undefined
          ? `messages[${i}] has no "content".`
          : `messages[${i}].content is ${Array.isArray(content) ? "an empty array" : describeType(content)}; it must be a non-empty array of content blocks.`,
    });
    return { parts, readable: false };
  }
  content.forEach((block: unknown, j) => {
    const path = ["messages", i, "content", j];
    const kinds = isObject(block) ? BLOCK_KINDS.filter((k) => k in block) : [];
    const extra = isObject(block)
      ? Object.keys(block).filter((k) => !(BLOCK_KINDS as readonly string[]).includes(k))
      : [];
    if (!isObject(block) || kinds.length !== 1 || extra.length > 0) {
      report({
        rule: converseRules.contentBlock.id,
        path,
        message: !isObject(block)
          ? `messages[${i}].content[${j}] is ${describeType(block)}; it must be an object.`
          : extra.length > 0
            ? `messages[${i}].content[${j}] has unknown key${extra.length > 1 ? "s" : ""} ${extra
                .slice(0, UNKNOWN_KEYS_LISTED)
                .map((k) => `"${k}"`)
                .join(
                  ", ",
                )}${extra.length > UNKNOWN_KEYS_LISTED ? ` and ${formatCount(extra.length - UNKNOWN_KEYS_LISTED)} more` : ""}.`
            : `messages[${i}].content[${j}] must hold exactly one of "text", "image" or "video" (it has ${kinds.length}: ${kinds
                .slice(0, UNKNOWN_KEYS_LISTED)
                .map((k) => `"${k}"`)
                .join(", ")}).`,
      });
      return;
    }
    const kind = kinds[0]!;
    const value = block[kind];
    if (kind === "text") {
      if (typeof value === "string") parts.push({ kind: "text", text: value, path: blockTextPath(i, j) });
      else {
        report({
          rule: converseRules.contentBlock.id,
          path: [...path, "text"],
          message: `messages[${i}].content[${j}].text is ${describeType(value)}; it must be a string.`,
        });
      }
    } else if (kind === "reasoningContent") {
      parts.push(readReasoning(value, [...path, kind]));
    } else if (kind === "toolUse" || kind === "toolResult") {
      parts.push({ kind: "tool", block: kind, json: JSON.stringify(value) ?? "", path: [...path, kind] });
    } else {
      const media = isObject(value) ? value : {};
      const source = isObject(media.source) ? media.source : {};
      const s3 = isObject(source.s3Location) ? source.s3Location : {};
      parts.push({ kind, format: media.format, uri: s3.uri, path: [...path, kind] });
    }
  });
  return { parts, readable: true };
};

const converseIds = {
  messagesMissing: converseRules.messagesMissing.id,
  messagesType: converseRules.messagesType.id,
  messageShape: converseRules.messageShape.id,
  roleInvalid: converseRules.roleInvalid.id,
  unknownKey: converseRules.unknownKey.id,
};

export const converseParser: FormatParser = {
  parse: (record, report) => parseConverse(record, report, 2),
};

/** Distillation prompts: the same records, where the teacher writes the reply (one message is enough). */
export const conversePromptParser: FormatParser = {
  parse: (record, report) => parseConverse(record, report, 1),
};

function parseConverse(
  record: unknown,
  report: (f: RecordFinding) => void,
  minMessages: 1 | 2,
): Conversation | undefined {
  {
    if (!isObject(record)) return undefined;
    const toolSections: PathSegment[][] = [];
    for (const key of TOOL_SECTIONS) if (key in record) toolSections.push([key]);
    reportUnknownKeys(record, KNOWN_TOP_KEYS, [], "the record", converseRules.unknownKey.id, report);
    const version = record.schemaVersion;
    if (version !== undefined && typeof version !== "string") {
      report({
        rule: converseRules.schemaVersion.id,
        path: ["schemaVersion"],
        message: `"schemaVersion" is ${describeType(version)}; when present it must be a string such as "${SCHEMA_VERSION}".`,
      });
    }
    const system: TextPart[] = [];
    if (record.system !== undefined) {
      if (!Array.isArray(record.system)) {
        report({
          rule: converseRules.systemType.id,
          path: ["system"],
          message: `"system" is ${describeType(record.system)}; it must be an array of {"text": ...} blocks.`,
        });
      } else {
        record.system.forEach((block: unknown, i) => {
          if (isObject(block) && typeof block.text === "string" && Object.keys(block).length === 1) {
            system.push({ kind: "text", text: block.text, path: systemBlockPath(i) });
          } else {
            report({
              rule: converseRules.systemType.id,
              path: ["system", i],
              message: `system[${i}] is not a {"text": "..."} block.`,
            });
          }
        });
      }
    }
    const turns = readMessages(record.messages, converseIds, readConverseContent, report, minMessages);
    if (!turns) return undefined;
    return toolSections.length > 0 ? { system, turns, toolSections } : { system, turns };
  }
}
