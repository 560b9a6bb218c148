import type { BaseModel, RecordFormat } from "../catalog/schema";
import { SMITHY } from "../jobs/constraints";
import type { Conversation, RecordFinding, TextPart } from "./conversation";
import { converseRules } from "./converse-format";
import { defineRule, formatPath, type RuleMeta } from "./define";
import { checkDistillationPrompt, isPromptDataset } from "./distillation-rules";
import { checkLlama, isLlamaConverse } from "./llama-rules";
import { checkNova2, isNova2 } from "./nova-2-rules";
import { checkNova, isNova } from "./nova-rules";
import { preview } from "./preview";
import { sampleRecord } from "./samples";

/**
 * Rules over the normalised conversation, written once and registered under each format's family so a
 * problem's id says which format it was read as (`claude/roles-alternate`, `converse/roles-alternate`).
 */
export const FAMILY: Record<RecordFormat, string> = {
  "claude-messages": "claude",
  "bedrock-conversation-2024": "converse",
  "prompt-completion": "prompt-completion",
  "rft-chat": "rft",
};

const TICKET = "My card was charged twice";
const ROUTE = "ROUTE: billing";

/** What every family's rule definitions start from: its id prefix, format, and example records. */
function familyOf(format: RecordFormat) {
  const sample = (turns: [string, string][]) => sampleRecord(format, turns);
  return {
    family: FAMILY[format],
    formats: [format] as const,
    sample,
    good: sample([
      ["user", TICKET],
      ["assistant", ROUTE],
    ]),
  };
}

/** Roles apply to the formats with a messages list; prompt/completion records have fixed roles. */
function roleRules(format: RecordFormat) {
  const { family, formats, sample, good } = familyOf(format);
  return {
    firstUser: defineRule({
      id: `${family}/first-user`,
      severity: "error",
      title: "The first message is from the user",
      hint: "Start the conversation with a user message; a system prompt goes in the top-level `system`.",
      formats,
      example: {
        bad: sample([
          ["assistant", "How can I help?"],
          ["user", TICKET],
          ["assistant", ROUTE],
        ]),
        good,
      },
    }),
    lastAssistant: defineRule({
      id: `${family}/last-assistant`,
      severity: "error",
      title: "The last message is from the assistant",
      hint: "End the conversation with the assistant's reply: that is what the model learns to write.",
      formats,
      example: {
        bad: sample([
          ["user", TICKET],
          ["assistant", ROUTE],
          ["user", "Thanks"],
        ]),
        good,
      },
    }),
    rolesAlternate: defineRule({
      id: `${family}/roles-alternate`,
      severity: "error",
      title: "Roles alternate: user, assistant, user, assistant, ...",
      hint: "Merge consecutive messages of the same role into one, or insert the missing turn.",
      formats,
      example: {
        bad: sample([
          ["user", "My card"],
          ["user", "was charged twice"],
          ["assistant", ROUTE],
        ]),
        good,
      },
    }),
  };
}

/**
 * Content rules apply to every format. `reservedSeverity`: the Converse format's reserved strings come
 * from AWS's Nova validator sample, not from a user-guide page, so finding one is a warning there.
 */
function contentRules(
  format: RecordFormat,
  reservedExample: string,
  reservedSeverity: "error" | "warning" = "error",
  reservedHint = "Remove or rephrase the reserved string; the catalog entry of the base model names its source.",
) {
  const { family, formats, sample, good } = familyOf(format);
  return {
    emptyContent: defineRule({
      id: `${family}/empty-content`,
      severity: "error",
      title: "No message is empty or only white space",
      hint: "Write the text, or drop the record.",
      formats,
      example: {
        bad: sample([
          ["user", TICKET],
          ["assistant", " "],
        ]),
        good,
      },
    }),
    reservedString: defineRule({
      id: `${family}/reserved-string`,
      severity: reservedSeverity,
      title: "No text contains a string the base model reserves",
      hint: reservedHint,
      formats,
      example: {
        bad: sample([
          ["user", `${reservedExample} ${TICKET}`],
          ["assistant", ROUTE],
        ]),
        good,
      },
    }),
  };
}

export const conversationRules = {
  claude: { ...roleRules("claude-messages"), ...contentRules("claude-messages", "Ticket:\nHuman:") },
  converse: {
    ...roleRules("bedrock-conversation-2024"),
    ...contentRules(
      "bedrock-conversation-2024",
      "User:",
      "warning",
      "Rephrase the text (e.g. write the speaker's name): the model may read it as a turn marker. AWS's Nova data validator (a sample, not a user-guide page) rejects these strings; no AWS page says the service does.",
    ),
  },
  // Built-in prompt/completion models reserve nothing; the example uses a string a catalog entry could add.
  promptCompletion: contentRules("prompt-completion", "[EOS]"),
  // RFT prompts end with the user's turn, so their role rules are the format's own (rft-format.ts).
  rft: contentRules("rft-chat", "User:"),
};

export const allConversationRules: RuleMeta[] = Object.values(conversationRules).flatMap((r) =>
  Object.values(r),
);

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Anything but space, tab, CR, LF, NBSP and BOM counts as content.
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xa0 && c !== 0xfeff) return false;
  }
  return true;
}

const show = (s: string) => JSON.stringify(s);

/**
 * Checks the conversation. `reservedMayOccur` false means a cheap test on the raw line ruled reserved
 * strings out (see `reservedStringMarkers`), so the per-text search is skipped.
 */
export function checkConversation(
  conv: Conversation,
  model: BaseModel,
  report: (f: RecordFinding) => void,
  reservedMayOccur = true,
): void {
  const turns = conv.turns;
  const rules =
    model.format === "claude-messages"
      ? conversationRules.claude
      : model.format === "bedrock-conversation-2024"
        ? conversationRules.converse
        : undefined;
  const content =
    rules ?? (model.format === "rft-chat" ? conversationRules.rft : conversationRules.promptCompletion);
  if (rules && turns.length > 0) {
    const first = turns[0]!;
    if (first.role === "assistant") {
      report({
        rule: rules.firstUser.id,
        path: [...first.path, "role"],
        message: `The first message is from "${first.role}", not "user".`,
      });
    }
    const last = turns[turns.length - 1]!;
    // A distillation prompt ends with the user: the teacher writes the reply.
    if (last.role === "user" && !isPromptDataset(model)) {
      report({
        rule: rules.lastAssistant.id,
        path: [...last.path, "role"],
        message: `The last message is from "user"; the record must end with the assistant's reply.`,
      });
    }
    for (let i = 1; i < turns.length; i++) {
      const prev = turns[i - 1]!;
      const cur = turns[i]!;
      if (cur.role !== "" && cur.role === prev.role && (cur.role === "user" || cur.role === "assistant")) {
        report({
          rule: rules.rolesAlternate.id,
          path: [...cur.path, "role"],
          message: `${formatTurn(cur.path)} is a second "${cur.role}" message in a row; roles must alternate.`,
        });
      }
    }
  }
  const reserved = reservedMayOccur ? model.reservedStrings.values : [];
  const checkText = (part: TextPart) => {
    for (const r of reserved) {
      if (part.text.includes(r)) {
        report({
          rule: content.reservedString.id,
          path: part.path,
          message: `The text contains the reserved string ${show(r)}.`,
          hint: `${content.reservedString.severity === "warning" ? "Rephrase" : "Remove or rephrase"} ${show(r)} (${model.reservedStrings.source}).${content.reservedString.severity === "warning" ? " A warning: no AWS user-guide page says the service refuses it." : ""}`,
        });
      }
    }
  };
  conv.system.forEach(checkText);
  for (const turn of turns) {
    if (!turn.readable) continue;
    const texts = turn.parts.filter((p): p is TextPart => p.kind === "text");
    if (texts.length === 0 || texts.every((t) => isBlank(t.text))) {
      const media = turn.parts.find((p) => p.kind === "image" || p.kind === "video");
      const at = texts[0]?.path ?? turn.path;
      if (media && turn.role === "user") {
        report({
          rule: converseRules.mediaOnlyTurn.id,
          path: at,
          message: `${formatTurn(turn.path)} (user) holds ${media.kind === "image" ? "an image" : "a video"} and no text.`,
        });
      } else {
        report({
          rule: content.emptyContent.id,
          path: at,
          message: `${formatTurn(turn.path)} (${turn.role || "no role"}) has no text${texts.length > 0 ? " but white space" : ""}.`,
        });
      }
    }
    texts.forEach(checkText);
  }
  if (model.format === "bedrock-conversation-2024") {
    // Distillation is text to text: its own rule reports media, in place of the model's media rules.
    if (isPromptDataset(model)) checkDistillationPrompt(conv, model, report);
    else checkMedia(conv, model, report);
    checkFamilyBlocks(conv, model, report);
    if (isNova(model)) checkNova(conv, report);
    if (isNova2(model)) checkNova2(conv, report);
    if (isLlamaConverse(model)) checkLlama(conv, report);
  }
}

/**
 * Reasoning and tool blocks are read for every Converse record so Nova 2 Lite's rules can judge them;
 * for other models they are not content blocks at all (Nova 2 Lite's rules report tool sections
 * themselves), and `toolConfig` is a key the format does not document.
 */
function checkFamilyBlocks(conv: Conversation, model: BaseModel, report: (f: RecordFinding) => void): void {
  if (isNova2(model)) return;
  for (const path of conv.toolSections ?? []) {
    report({
      rule: converseRules.unknownKey.id,
      path,
      message: `Unknown key "${String(path[0])}" in the record; ${model.name} fine-tuning documents no tool sections.`,
    });
  }
  for (const turn of conv.turns) {
    for (const part of turn.parts) {
      if (part.kind !== "reasoning" && part.kind !== "tool") continue;
      const block = part.kind === "reasoning" ? "reasoningContent" : part.block;
      const at = part.path.slice(0, -1);
      report({
        rule: converseRules.contentBlock.id,
        path: at,
        message: `${formatPath(at)} is a "${block}" block; ${model.name} takes "text", "image" or "video" blocks${part.kind === "reasoning" ? " (reasoning blocks are Nova 2 Lite's)" : ""}.`,
      });
    }
  }
}

/** Characters Bedrock's S3 URI pattern refuses in a key: everything but letters, digits, / and -!_*'(). */
function refusedKeyCharacters(uri: string): string[] {
  const key = uri.replace(/^s3:\/\/[^/]*/, "");
  return [...new Set(key.replace(/[-!_*'().a-zA-Z0-9/]/g, ""))];
}

/**
 * Regex sources that a raw JSON line must contain if any of its texts holds one of the model's reserved
 * strings, or undefined when no such marker exists (a reserved string JSON would escape or that is not
 * ASCII), in which case every text is searched.
 */
export function reservedStringMarkers(model: BaseModel): string[] | undefined {
  const markers: string[] = [];
  for (const value of model.reservedStrings.values) {
    const core = value.trim();
    const raw = JSON.stringify(core).slice(1, -1);
    if (core === "" || raw !== core || !/^[\x20-\x7e]+$/.test(core)) return undefined;
    markers.push(core.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  }
  return markers;
}

function formatTurn(path: readonly (string | number)[]): string {
  return path.length === 2 ? `${path[0]}[${path[1]}]` : String(path.join("."));
}

function checkMedia(conv: Conversation, model: BaseModel, report: (f: RecordFinding) => void): void {
  const media = model.media;
  let videos = 0;
  for (const turn of conv.turns) {
    let images = 0;
    for (const part of turn.parts) {
      if (part.kind !== "image" && part.kind !== "video") continue;
      const allowed = part.kind === "image" ? media?.images : media?.videos;
      if (!allowed) {
        report({
          rule: converseRules.mediaUnsupported.id,
          path: part.path,
          message: `${model.name} takes no ${part.kind}s in training data.`,
        });
        continue;
      }
      if (turn.role !== "user") {
        report({
          rule: converseRules.mediaRole.id,
          path: part.path,
          message: `A ${part.kind} appears in a "${turn.role || "no role"}" message; media go in user messages only.`,
        });
      }
      if (part.kind === "image") images++;
      else videos++;
      const formatsOk = part.kind === "image" ? media!.imageFormats : media!.videoFormats;
      if (typeof part.format !== "string" || !formatsOk.includes(part.format)) {
        report({
          rule: converseRules.mediaSource.id,
          path: [...part.path, "format"],
          message: `The ${part.kind} format is ${part.format === undefined ? "missing" : preview(part.format)}; use one of ${formatsOk.join(", ")}.`,
        });
      }
      const uri = part.uri;
      if (typeof uri !== "string" || !/^s3:\/\/[^/]+\/./.test(uri)) {
        report({
          rule: converseRules.mediaSource.id,
          path: [...part.path, "source", "s3Location", "uri"],
          message: `The ${part.kind} has no valid source.s3Location.uri (got ${uri === undefined ? "nothing" : preview(uri)}).`,
        });
      } else if (uri.length > SMITHY.S3Uri.max || !SMITHY.S3Uri.pattern.test(uri)) {
        const refused = refusedKeyCharacters(uri);
        report({
          rule: converseRules.mediaSource.id,
          path: [...part.path, "source", "s3Location", "uri"],
          message:
            refused.length > 0
              ? `The ${part.kind} URI ${preview(uri)} has ${refused.map((c) => (c === " " ? "a space" : JSON.stringify(c))).join(", ")} in its key, which Bedrock's S3 URI pattern refuses.`
              : `The ${part.kind} URI ${preview(uri)} does not match Bedrock's S3 URI pattern (lowercase bucket of 3 to 63 characters ending in a letter or digit, no empty key segments, at most ${SMITHY.S3Uri.max} characters).`,
          hint: "Rename the object so its key holds only letters, digits, / and - ! _ * ' ( ) . and point the URI at it.",
        });
      }
    }
    if (media && images > media.maxImagesPerMessage) {
      report({
        rule: converseRules.mediaCount.id,
        path: [...turn.path, "content"],
        message: `${formatTurn(turn.path)} has ${images} images; ${model.name} takes at most ${media.maxImagesPerMessage} per message.`,
      });
    }
  }
  if (media && videos > media.maxVideosPerRecord) {
    report({
      rule: converseRules.mediaCount.id,
      path: ["messages"],
      message: `The record has ${videos} videos; ${model.name} takes at most ${media.maxVideosPerRecord} per record.`,
    });
  }
}
