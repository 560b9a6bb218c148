import type { Conversation, Part, Turn } from "../rules/conversation";

/**
 * How the dataset diff recognises "the same record" across two versions of a file. A record is keyed by
 * what the user says (every turn but the final assistant reply, system prompt excluded), and its
 * content is the system prompt and that reply: a record whose key stayed and whose content changed is
 * a modified record (the team rewrote an answer or the instructions), not one removal and one addition.
 */
export interface RecordIdentity {
  /** Digest of the user side of the conversation. */
  key: string;
  /** Digest of the system prompt. */
  system: string;
  /** Digest of the final assistant reply. */
  reply: string;
}

/** 96-bit digests: collisions are out of reach for any dataset Bedrock accepts, at half the memory. */
const DIGEST_CHARS = 16;

/** SHA-1 of a text's UTF-8 bytes, in base64 (DatasetIo.sha1). */
export type Sha1 = (text: string) => string;

export function recordIdentity(conversation: Conversation, sha1: Sha1): RecordIdentity {
  const turns = conversation.turns;
  const last = turns[turns.length - 1];
  const reply = last && last.role === "assistant" ? last : undefined;
  let user = "";
  for (const turn of turns) if (turn !== reply) user += `\u0002${turn.role}\u0003${partsText(turn)}`;
  let system = "";
  for (const s of conversation.system) system += `${s.text}\u0001`;
  const digest = (text: string) => sha1(text).slice(0, DIGEST_CHARS);
  // An RFT record's answer is its reference answer: rewriting it modifies the record.
  const reference = conversation.reference === undefined ? "" : `\u0008${conversation.reference}`;
  return {
    key: digest(user),
    system: digest(system),
    reply: digest(`${reply ? partsText(reply) : ""}${reference}`),
  };
}

function partsText(turn: Turn): string {
  let out = "";
  for (const p of turn.parts) out += partText(p);
  return out;
}

// Media is part of what the user says: the same words about another image are another prompt.
function partText(part: Part): string {
  if (part.kind === "text") return `\u0004${part.text}`;
  if (part.kind === "reasoning") return `\u0006${part.reasoning?.text ?? ""}`;
  if (part.kind === "tool") return `\u0007${part.block}`;
  return `\u0005${part.kind}:${JSON.stringify(part.uri) ?? ""}:${JSON.stringify(part.format) ?? ""}`;
}
