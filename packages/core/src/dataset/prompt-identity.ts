import type { Conversation, RecordFinding, TextPart, Turn } from "../rules/conversation";

/**
 * What a record says, in the forms the engine compares: the prompt's identity (duplicates, conflicting
 * answers, leaks between files), the final reply, and every text (secrets, tokens).
 */

/**
 * Whether a structure finding means part of the record's content was not read (a content block of an
 * unknown kind, content that is not a string...). Such a record's conversation holds only what could be
 * read, so it cannot stand for the record when records are compared. An unknown top-level key or a
 * schema version only qualifies the record: its content was read whole.
 */
export function losesContent(finding: RecordFinding): boolean {
  const name = finding.rule.slice(finding.rule.indexOf("/") + 1);
  return name !== "unknown-key" && !name.startsWith("schema-version");
}

/**
 * What identifies a record's prompt, for duplicates, conflicting answers and leaks between files: the
 * prompt text, or for a record whose content could not all be read (`malformed`, the parsed record)
 * the whole record as written. Records whose unreadable parts differ are then never "the same prompt";
 * two identical broken records still are.
 */
export function recordIdentity(conv: Conversation, malformed: object | undefined): string {
  return malformed === undefined ? promptText(conv) : `\u0004${JSON.stringify(malformed)}`;
}

/** Everything but the final reply, in one string: what identifies a prompt. */
export function promptText(conv: Conversation): string {
  const answerTurn = finalReply(conv);
  let prompt = "";
  for (const t of conv.system) prompt += `${t.text}\u0001`;
  for (const turn of conv.turns)
    if (turn !== answerTurn) prompt += `\u0002${turn.role}\u0003${partsIdentity(turn.parts)}`;
  return prompt;
}

/**
 * Everything a turn says, not only its text: two prompts that differ in an image, a video or a tool
 * result are different prompts (text alone would make every image-only or tool-only turn "the same").
 */
function partsIdentity(parts: Turn["parts"]): string {
  let out = "";
  for (const p of parts) {
    if (p.kind === "text") out += out ? `\n${p.text}` : p.text;
    else if (p.kind === "tool") out += `\u0005${p.block}\u0005${p.json}`;
    else if (p.kind === "reasoning") out += `\u0005reasoning\u0005${p.reasoning?.text ?? ""}`;
    else out += `\u0005${p.kind}\u0005${JSON.stringify(p.uri) ?? ""}\u0005${JSON.stringify(p.format) ?? ""}`;
  }
  return out;
}

/** The first 53 bits of a base64 digest (DatasetIo.sha1): an exact JavaScript number. */
export function promptKey(digest: string): number {
  let bits = 0;
  for (let i = 0; i < 8; i++) bits = bits * 64 + base64Value(digest.charCodeAt(i));
  return bits * 32 + (base64Value(digest.charCodeAt(8)) >> 1); // 48 + 5 bits
}

/** The value of a base64 character: A-Z, a-z, 0-9, +, /. */
function base64Value(code: number): number {
  if (code >= 97) return code - 71; // a-z: 26..51
  if (code >= 65) return code - 65; // A-Z: 0..25
  if (code >= 48) return code + 4; // 0-9: 52..61
  return code === 43 ? 62 : 63;
}

/** The last turn when it is the assistant's: what the model learns to answer. */
export function finalReply(conv: Conversation): Turn | undefined {
  const last = conv.turns[conv.turns.length - 1];
  return last && last.role === "assistant" ? last : undefined;
}

export function joinText(parts: Turn["parts"]): string {
  let out = "";
  for (const p of parts) if (p.kind === "text") out += out ? `\n${p.text}` : p.text;
  return out;
}

/** Every text of the record, reasoning included: what secrets are searched in and tokens counted of. */
export function textsOf(conv: Conversation): TextPart[] {
  const texts: TextPart[] = [...conv.system];
  for (const turn of conv.turns) {
    for (const p of turn.parts) {
      if (p.kind === "text") texts.push(p);
      else if (p.kind === "reasoning" && p.reasoning) texts.push(p.reasoning);
    }
  }
  return texts;
}
