import { describe, expect, it } from "vitest";
import { validateDatasets } from "./engine";
import { catalog, tempFile, where } from "./support";

const NOVA_2 = catalog.get("amazon.nova-2-lite-v1:0:256k");
const NOVA_LITE = catalog.get("amazon.nova-lite-v1:0:300k");
const LLAMA_32 = catalog.get("meta.llama3-2-1b-instruct-v1:0:128k");
const LLAMA_31 = catalog.get("meta.llama3-1-8b-instruct-v1:0:128k");

type Block = Record<string, unknown>;
const text = (t: string): Block => ({ text: t });
const reasoning = (t: string): Block => ({ reasoningContent: { reasoningText: { text: t } } });
const media = (
  kind: "image" | "video",
  uri = `s3://my-bucket/media/${kind}.${kind === "image" ? "png" : "mp4"}`,
) => ({
  [kind]: {
    format: kind === "image" ? "png" : "mp4",
    source: { s3Location: { uri, bucketOwner: "123456789012" } },
  },
});
const record = (user: Block[], assistant: Block[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    schemaVersion: "bedrock-conversation-2024",
    system: [{ text: "You route support tickets." }],
    messages: [
      { role: "user", content: user },
      { role: "assistant", content: assistant },
    ],
    ...extra,
  });
/** Valid Nova 2 Lite records with reasoning, one per line. */
const reasoned = (i: number) =>
  record(
    [text(`Ticket ${i}: my card was charged twice`)],
    [reasoning(`Ticket ${i} is a double charge.`), text("ROUTE: billing")],
  );

/** Checks `lines`, padded with valid text records up to the model's minimum so count rules stay quiet. */
async function checkLines(lines: string[], model = NOVA_2, role: "train" | "validation" = "train") {
  const min = (role === "train" ? model.quotas.minRecords : model.quotas.minValidationRecords) ?? 0;
  const padding = Array.from({ length: Math.max(0, min - lines.length) }, (_, i) =>
    record([text(`padding ${i}`)], [text("ROUTE: none")]),
  );
  const content = `${[...lines, ...padding].join("\n")}\n`;
  const report = await validateDatasets([{ path: tempFile(content), role, name: "data.jsonl" }], { model });
  return report.files[0]!;
}
/** Every problem as `line rule`, for exact assertions. */
const all = (f: { problems: readonly { line: number; rule: string }[] }) =>
  f.problems.map((p) => `${p.line} ${p.rule}`);

describe("Nova 2 Lite", () => {
  it("a dataset with reasoning blocks before the text passes with no problem at all", async () => {
    const f = await checkLines(Array.from({ length: 20 }, (_, i) => reasoned(i)));
    expect(all(f)).toEqual([]);
    expect(f.records).toBe(20);
  });

  it("text + image and text + video datasets pass; reasoning without media is fine beside media records", async () => {
    const images = [
      reasoned(0),
      record([text("Is this a refund?"), media("image")], [text("ROUTE: billing")]),
    ];
    expect(all(await checkLines(images))).toEqual([]);
    const videos = [
      reasoned(0),
      record([text("What happens here?"), media("video")], [text("ROUTE: fraud")]),
    ];
    expect(all(await checkLines(videos))).toEqual([]);
  });

  it("nova-2/reasoning-shape: only reasoningText, with a string text", async () => {
    const f = await checkLines([
      reasoned(0),
      record([text("q")], [{ reasoningContent: { redactedContent: "abc" } }, text("a")]),
      record([text("q2")], [{ reasoningContent: { reasoningText: { text: 7 } } }, text("a")]),
    ]);
    expect(all(f)).toEqual(["2 nova-2/reasoning-shape", "3 nova-2/reasoning-shape"]);
    expect(f.problems[0]!.message).toBe(
      'messages[1].content[0].reasoningContent holds "redactedContent"; only "reasoningText" is supported.',
    );
    expect(f.problems[0]!.path).toBe("messages[1].content[0].reasoningContent");
  });

  it("nova-2/reasoning-placement: before the text, in the assistant turn, once", async () => {
    const f = await checkLines([
      reasoned(0),
      record([text("q1")], [text("a"), reasoning("late")]),
      record([reasoning("user thinks"), text("q2")], [text("a")]),
      record([text("q3")], [reasoning("one"), reasoning("two"), text("a")]),
    ]);
    expect(all(f)).toEqual([
      "2 nova-2/reasoning-placement",
      "3 nova-2/reasoning-placement",
      "4 nova-2/reasoning-placement",
    ]);
    expect(f.problems.map((p) => p.path)).toEqual([
      "messages[1].content[1].reasoningContent",
      "messages[0].content[0].reasoningContent",
      "messages[1].content[1].reasoningContent",
    ]);
    expect(f.problems[0]!.message).toMatch(/comes after the turn's text block/);
    expect(f.problems[1]!.message).toMatch(/is in a "user" turn; reasoning goes in assistant turns only/);
  });

  it("nova-2/reasoning-with-media: no reasoning in a record with media", async () => {
    const f = await checkLines([
      reasoned(0),
      record([text("Is this a refund?"), media("image")], [reasoning("a receipt"), text("ROUTE: billing")]),
    ]);
    expect(all(f)).toEqual(["2 nova-2/reasoning-with-media"]);
  });

  it("nova-2/tool-use: toolConfig and toolUse/toolResult blocks", async () => {
    const f = await checkLines([
      reasoned(0),
      record([text("q")], [text("a")], { toolConfig: { tools: [] } }),
      record([text("q2")], [{ toolUse: { toolUseId: "t1", name: "route", input: {} } }]),
    ]);
    expect(all(f)).toEqual(["2 nova-2/tool-use", "3 converse/empty-content", "3 nova-2/tool-use"]);
    expect(f.problems[0]!.path).toBe("toolConfig");
    expect(f.problems[0]!.hint).toContain("Adding tool sections might cause your job to fail");
  });

  it("media stays in user turns (converse/media-in-assistant)", async () => {
    const f = await checkLines([reasoned(0), record([text("q")], [text("a"), media("image")])]);
    expect(all(f)).toEqual(["2 converse/media-in-assistant"]);
  });

  it("nova-2/mixed-media: images and videos in one dataset fail at the first record of the other kind", async () => {
    const f = await checkLines([
      reasoned(0),
      record([text("Is this a refund?"), media("image")], [text("ROUTE: billing")]),
      record([text("Two?"), media("image")], [text("ROUTE: billing")]),
      record([text("What happens here?"), media("video")], [text("ROUTE: fraud")]),
      record([text("And here?"), media("video")], [text("ROUTE: fraud")]),
    ]);
    expect(all(f)).toEqual(["4 nova-2/mixed-media"]);
    expect(f.problems[0]!.message).toBe(
      "Line 4 has a video, but line 2, the file's first record with media, has an image: Amazon Nova 2 Lite takes images or videos in one dataset, never both (2 records of the other kind).",
    );
  });

  it("a validation file is refused with the reason, as a file-level error", async () => {
    const f = await checkLines([reasoned(0)], NOVA_2, "validation");
    expect(all(f)).toEqual(["1 dataset/validation-unsupported"]);
    expect(f.problems[0]!.message).toBe(
      'Amazon Nova 2 Lite takes no validation file in a fine-tuning job (https://docs.aws.amazon.com/bedrock/latest/userguide/nova-2-sft-data-prep.html: validation sets "will not be supported during SFT training").',
    );
    expect(f.problems[0]!.severity).toBe("error");
  });

  it("reasoning blocks are Nova 2 Lite's: Nova Lite reports them as content blocks it does not take", async () => {
    const f = await checkLines([reasoned(0)], NOVA_LITE);
    expect(where(f.problems, "converse/content-block")).toEqual(["1:213 messages[1].content[0]"]);
  });
});

describe("Nova: the record level", () => {
  it("nova/image-and-video: an image and a video in one record, at the second one", async () => {
    const ok = record([text("a")], [text("b")]);
    const both = record([text("Is this the same?"), media("image"), media("video")], [text("yes")]);
    for (const model of [NOVA_LITE, NOVA_2]) {
      const f = await checkLines([ok, both], model);
      expect(all(f), model.id).toContain("2 nova/image-and-video");
      expect(f.problems.find((p) => p.rule === "nova/image-and-video")!.path).toBe(
        "messages[0].content[2].video",
      );
    }
  });

  it("converse/media-source: an S3 URI with characters Bedrock's pattern refuses, at the uri", async () => {
    const f = await checkLines(
      [
        record([text("a"), media("image", "s3://my-bucket/receipts/my receipt.png")], [text("b")]),
        record([text("c"), media("image", "s3://my-bucket/a=b+c@d.png")], [text("d")]),
        record([text("e"), media("image", "s3://my-bucket-/x.png")], [text("f")]),
        // Parentheses, ! * ' are in the pattern's key characters: accepted.
        record([text("g"), media("image", "s3://my-bucket/receipts/scan(1)!*'.png")], [text("h")]),
      ],
      NOVA_LITE,
    );
    expect(where(f.problems, "converse/media-source")).toEqual([
      "1:201 messages[0].content[1].image.source.s3Location.uri",
      "2:201 messages[0].content[1].image.source.s3Location.uri",
      "3:201 messages[0].content[1].image.source.s3Location.uri",
    ]);
    expect(f.problems[0]!.message).toBe(
      'The image URI "s3://my-bucket/receipts/my receipt.png" has a space in its key, which Bedrock\'s S3 URI pattern refuses.',
    );
    expect(f.problems[1]!.message).toContain('has "=", "+", "@" in its key');
    expect(f.problems[2]!.message).toMatch(/ending in a letter or digit/);
  });
});

describe("fidelity: stricter than AWS, so a warning that says why", () => {
  it("an extra key in a Nova record, a user turn of an image alone, Bot: in assistant text", async () => {
    const f = await checkLines(
      [
        record([text("q")], [text("a")], { id: 17 }),
        record([media("image")], [text("ROUTE: billing")]),
        record([text("q3")], [text("Bot: ROUTE: billing")]),
      ],
      NOVA_LITE,
    );
    expect(f.problems.map((p) => `${p.line} ${p.rule} ${p.severity}`)).toEqual([
      "1 converse/unknown-key warning",
      "2 converse/media-only-turn warning",
      "3 converse/reserved-string warning",
    ]);
    expect(f.problems[1]!.hint).toMatch(/no AWS page says a turn of media alone is refused/);
    expect(f.problems[2]!.hint).toMatch(/no AWS user-guide page says the service refuses it/);
    expect(f.counts.errors).toBe(0);
  });
});

describe("Llama", () => {
  it("llama/system-blocks: Llama 3.2 takes one system block; Nova takes two", async () => {
    const two = JSON.stringify({
      system: [{ text: "You route tickets." }, { text: "Answer with ROUTE." }],
      messages: [
        { role: "user", content: [{ text: "q" }] },
        { role: "assistant", content: [{ text: "a" }] },
      ],
    });
    const one = record([text("q1")], [text("a1")]);
    const f = await checkLines([one, two], LLAMA_32);
    expect(all(f)).toEqual(["2 llama/system-blocks"]);
    expect(f.problems[0]!.path).toBe("system[1]");
    expect(all(await checkLines([one, two], NOVA_LITE))).toEqual([]);
  });

  it("record caps per file role: 10,000 training and 1,000 validation records, at the first one over", async () => {
    const line = (i: number) => JSON.stringify({ prompt: `q${i}`, completion: `a${i}` });
    const lines = (n: number) => Array.from({ length: n }, (_, i) => line(i));
    expect(all(await checkLines(lines(10_000), LLAMA_31))).toEqual([]);
    expect(all(await checkLines(lines(10_001), LLAMA_31))).toEqual(["10001 dataset/too-many-records"]);
    expect(all(await checkLines(lines(1_000), LLAMA_31, "validation"))).toEqual([]);
    const over = await checkLines(lines(1_001), LLAMA_31, "validation");
    expect(all(over)).toEqual(["1001 dataset/too-many-records"]);
    expect(over.problems[0]!.message).toBe(
      "The validation file has 1,001 records; Meta Llama 3.1 8B Instruct takes at most 1,000. This line holds record 1,001.",
    );
  });
});
