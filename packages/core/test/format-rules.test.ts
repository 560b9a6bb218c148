import { describe, expect, it } from "vitest";
import type { BaseModel } from "../src/index";
import { check, claudeLines, claudeRecord, NOVA_LITE, NOVA_MICRO, TITAN, where } from "./support";

/** Checks one record among 31 valid ones (so count rules stay quiet); returns its problems. */
async function one(record: unknown, model?: BaseModel) {
  const line = typeof record === "string" ? record : JSON.stringify(record);
  const pad =
    model?.format === "bedrock-conversation-2024"
      ? Array.from({ length: 31 }, (_, i) => JSON.stringify(converse(`q${i}`, `a${i}`))).join("\n")
      : model?.format === "prompt-completion"
        ? Array.from({ length: 31 }, (_, i) => JSON.stringify({ prompt: `q${i}`, completion: `a${i}` })).join(
            "\n",
          )
        : claudeLines(31).trimEnd();
  const report = await check(`${line}\n${pad}\n`, model ? { model } : {});
  return report.problems.filter((p) => p.line === 1);
}

const rules = (problems: { rule: string }[]) => problems.map((p) => p.rule);
const msg = (role: string, content: unknown) => ({ role, content });

function converse(user: string, assistant: string, extra: Record<string, unknown> = {}) {
  return {
    schemaVersion: "bedrock-conversation-2024",
    system: [{ text: "You route tickets." }],
    messages: [
      { role: "user", content: [{ text: user }] },
      { role: "assistant", content: [{ text: assistant }] },
    ],
    ...extra,
  };
}

describe("Claude 3 Haiku format", () => {
  it("a valid record with and without a system prompt has no problem", async () => {
    expect(await one(claudeRecord("hi", "hello", "sys"))).toEqual([]);
    expect(await one(claudeRecord("hi", "hello"))).toEqual([]);
  });

  it("claude/unknown-key: at the top level and in a message, each pointed at", async () => {
    const record = { id: 3, messages: [{ ...msg("user", "hi"), name: "x" }, msg("assistant", "yo")] };
    const line = JSON.stringify(record);
    const problems = await one(record);
    // Columns point at the offending value.
    expect(where(problems, "claude/unknown-key")).toEqual([
      `1:${line.indexOf('"id":') + 6} id`,
      `1:${line.indexOf('"name":') + 8} messages[0].name`,
    ]);
  });

  it("claude/system-type: system must be a string", async () => {
    const problems = await one({
      system: [{ text: "s" }],
      messages: [msg("user", "hi"), msg("assistant", "yo")],
    });
    expect(rules(problems)).toEqual(["claude/system-type"]);
    expect(problems[0]!.path).toBe("system");
  });

  it("claude/messages-missing and claude/messages-type", async () => {
    expect(rules(await one({ system: "s" }))).toEqual(["claude/messages-missing"]);
    expect(rules(await one({ messages: "hi" }))).toEqual(["claude/messages-type"]);
    // One message is too few (and the conversation cannot end with the assistant); two is enough.
    expect(rules(await one({ messages: [msg("user", "hi")] }))).toEqual([
      "claude/messages-type",
      "claude/last-assistant",
    ]);
    expect(await one({ messages: [msg("user", "hi"), msg("assistant", "yo")] })).toEqual([]);
  });

  it("claude/message-shape: a message that is not an object, or lacks role or content", async () => {
    const record = { messages: ["hi", { role: "user" }, msg("assistant", "yo")] };
    const line = JSON.stringify(record);
    const problems = await one(record);
    expect(where(problems, "claude/message-shape")).toEqual([
      `1:${line.indexOf('"hi"') + 1} messages[0]`,
      `1:${line.indexOf('{"role":"user"}') + 1} messages[1]`,
    ]);
    expect(problems.find((p) => p.path === "messages[1]")!.message).toBe('messages[1] has no "content".');
  });

  it("claude/role-invalid: only user and assistant; a system role gets the precise fix", async () => {
    const problems = await one({ messages: [msg("system", "s"), msg("user", "hi"), msg("assistant", "yo")] });
    expect(rules(problems)).toEqual(["claude/role-invalid"]);
    expect(problems[0]!.path).toBe("messages[0].role");
    expect(problems[0]!.hint).toContain('top-level "system"');
  });

  it("claude/content-type: content blocks are refused for Haiku", async () => {
    const problems = await one({
      messages: [msg("user", [{ type: "text", text: "hi" }]), msg("assistant", "yo")],
    });
    expect(rules(problems)).toEqual(["claude/content-type"]);
  });

  it("claude/first-user and claude/last-assistant", async () => {
    expect(
      rules(await one({ messages: [msg("assistant", "a"), msg("user", "b"), msg("assistant", "c")] })),
    ).toEqual(["claude/first-user"]);
    expect(
      rules(await one({ messages: [msg("user", "a"), msg("assistant", "b"), msg("user", "c")] })),
    ).toEqual(["claude/last-assistant"]);
  });

  it("claude/roles-alternate: each repeat of a role is pointed at its role", async () => {
    const problems = await one({
      messages: [msg("user", "a"), msg("user", "b"), msg("assistant", "c"), msg("assistant", "d")],
    });
    expect(where(problems, "claude/roles-alternate").map((w) => w.split(" ")[1])).toEqual([
      "messages[1].role",
      "messages[3].role",
    ]);
  });

  it("claude/empty-content: empty and white-space content; one visible character is enough", async () => {
    const problems = await one({ messages: [msg("user", ""), msg("assistant", " \n\t")] });
    expect(where(problems, "claude/empty-content").map((w) => w.split(" ")[1])).toEqual([
      "messages[0].content",
      "messages[1].content",
    ]);
    expect(await one({ messages: [msg("user", "?"), msg("assistant", ".")] })).toEqual([]);
  });

  it("claude/reserved-string: the legacy markers with their newline; the bare words are fine", async () => {
    const problems = await one(claudeRecord("a\n\nHuman: hi", "b", "x\nAssistant: y"));
    expect(where(problems, "claude/reserved-string").map((w) => w.split(" ")[1])).toEqual([
      "system",
      "messages[0].content",
    ]);
    expect(await one(claudeRecord("Human: hi", "Assistant: ok"))).toEqual([]);
  });
});

describe("converse format (Nova, Llama 3.2/3.3)", () => {
  it("a valid record has no problem", async () => {
    expect(await one(converse("hi", "yo"), NOVA_LITE)).toEqual([]);
  });

  it("converse/schema-version: optional and any string (AWS's Nova guide); only a non-string fails", async () => {
    const { schemaVersion: _, ...noVersion } = converse("hi", "yo");
    expect(await one(noVersion, NOVA_LITE)).toEqual([]);
    expect(await one({ ...converse("hi", "yo"), schemaVersion: "tooluse-dataset-2024" }, NOVA_LITE)).toEqual(
      [],
    );
    expect(rules(await one({ ...converse("hi", "yo"), schemaVersion: 2024 }, NOVA_LITE))).toEqual([
      "converse/schema-version",
    ]);
  });

  it("converse/system-type and converse/unknown-key", async () => {
    expect(rules(await one({ ...converse("hi", "yo"), system: "s" }, NOVA_LITE))).toEqual([
      "converse/system-type",
    ]);
    expect(rules(await one({ ...converse("hi", "yo"), system: [{ text: "s", x: 1 }] }, NOVA_LITE))).toEqual([
      "converse/system-type",
    ]);
    const extra = await one({ ...converse("hi", "yo"), id: 1 }, NOVA_LITE);
    expect(extra.map((p) => [p.rule, p.severity])).toEqual([["converse/unknown-key", "warning"]]);
    expect(extra[0]!.hint).toMatch(
      /no AWS page says whether the service ignores others or refuses the record/,
    );
  });

  it("converse/content-type: content must be a non-empty array of blocks", async () => {
    const r = converse("hi", "yo");
    r.messages[0]!.content = "hi" as never;
    expect(rules(await one(r, NOVA_LITE))).toEqual(["converse/content-type"]);
    r.messages[0]!.content = [];
    expect(rules(await one(r, NOVA_LITE))).toEqual(["converse/content-type"]);
  });

  it("converse/content-block: exactly one of text, image or video, and text is a string", async () => {
    const r = converse("hi", "yo");
    r.messages[0]!.content = [{ text: "a", image: {} }, { toolUse: {} }, { text: 3 }, "x"] as never;
    const problems = await one(r, NOVA_LITE);
    // A tool block is judged by the model's rules, after the format's own checks: compare as a set.
    expect(
      where(problems, "converse/content-block")
        .map((w) => w.split(" ")[1])
        .sort(),
    ).toEqual([
      "messages[0].content[0]",
      "messages[0].content[1]",
      "messages[0].content[2].text",
      "messages[0].content[3]",
    ]);
  });

  const image = (format = "png", uri = "s3://my-bucket/img/1.png") => ({
    image: { format, source: { s3Location: { uri, bucketOwner: "123456789012" } } },
  });

  it("converse/media-unsupported: Nova Micro takes no images; Nova Lite does", async () => {
    const r = converse("hi", "yo");
    r.messages[0]!.content.push(image() as never);
    expect(rules(await one(r, NOVA_MICRO))).toEqual(["converse/media-unsupported"]);
    expect(await one(r, NOVA_LITE)).toEqual([]);
  });

  it("converse/media-in-assistant: media in user turns only", async () => {
    const r = converse("hi", "yo");
    r.messages[1]!.content.push(image() as never);
    expect(rules(await one(r, NOVA_LITE))).toEqual(["converse/media-in-assistant"]);
  });

  it("converse/media-count: 10 images per message pass, 11 fail; one video per record", async () => {
    const r = converse("hi", "yo");
    for (let i = 0; i < 10; i++) r.messages[0]!.content.push(image() as never);
    expect(await one(r, NOVA_LITE)).toEqual([]);
    r.messages[0]!.content.push(image() as never);
    expect(rules(await one(r, NOVA_LITE))).toEqual(["converse/media-count"]);
    const v = converse("hi", "yo");
    const video = { video: { format: "mp4", source: { s3Location: { uri: "s3://my-bucket/v.mp4" } } } };
    v.messages[0]!.content.push(video as never);
    expect(await one(v, NOVA_LITE)).toEqual([]);
    v.messages[0]!.content.push(video as never);
    expect(rules(await one(v, NOVA_LITE))).toEqual(["converse/media-count"]);
  });

  it("converse/media-source: a supported format and an S3 URI", async () => {
    const r = converse("hi", "yo");
    r.messages[0]!.content.push(image("bmp", "https://example.com/x.png") as never);
    const problems = await one(r, NOVA_LITE);
    expect(where(problems, "converse/media-source").map((w) => w.split(" ")[1])).toEqual([
      "messages[0].content[1].image.format",
      "messages[0].content[1].image.source.s3Location.uri",
    ]);
  });

  it("converse/reserved-string: Nova's reserved keywords", async () => {
    const problems = await one(converse("User: hi", "ok [EOS]"), NOVA_LITE);
    expect(where(problems, "converse/reserved-string").map((w) => w.split(" ")[1])).toEqual([
      "messages[0].content[0].text",
      "messages[1].content[0].text",
    ]);
  });

  it("converse roles share the conversation rules under the converse family", async () => {
    const r = converse("hi", "yo");
    r.messages.reverse();
    expect(rules(await one(r, NOVA_LITE))).toEqual(["converse/first-user", "converse/last-assistant"]);
  });
});

describe("prompt/completion format (Titan, Llama 3.1)", () => {
  it("a valid record has no problem", async () => {
    expect(await one({ prompt: "p", completion: "c" }, TITAN)).toEqual([]);
  });

  it("prompt-completion/missing-field, field-type, unknown-key and empty-content", async () => {
    expect(rules(await one({ prompt: "p" }, TITAN))).toEqual(["prompt-completion/missing-field"]);
    expect(rules(await one({ prompt: "p", completion: ["c"] }, TITAN))).toEqual([
      "prompt-completion/field-type",
    ]);
    const extra = await one({ prompt: "p", completion: "c", id: 1 }, TITAN);
    expect(extra.map((p) => [p.rule, p.severity])).toEqual([["prompt-completion/unknown-key", "warning"]]);
    expect(rules(await one({ prompt: "p", completion: " " }, TITAN))).toEqual([
      "prompt-completion/empty-content",
    ]);
  });
});
