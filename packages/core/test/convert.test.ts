import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type ConvertOptions, type ConvertReport, resolveTarget } from "../src/index";
import { convertDataset } from "./engine";
import { catalog, REAL, tempFile } from "./support";

const records = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as unknown);

async function convert(input: string, to: string, options: Partial<ConvertOptions> = {}) {
  const output = tempFile("", "out.jsonl");
  const mapPath = `${output}.lines`;
  const report = await convertDataset(input, output, {
    target: resolveTarget(to, catalog),
    mapPath,
    ...options,
  });
  return {
    report,
    output,
    out: records(output),
    map: readFileSync(mapPath, "utf8").split("\n").filter(Boolean).map(Number),
  };
}
const errors = (r: ConvertReport) =>
  r.validation?.files.flatMap((f) => f.problems.filter((p) => p.severity === "error")) ?? [];
/** Each note as `line path: what`, for compact assertions. */
const notes = (r: ConvertReport) =>
  r.notes.flatMap((n) => n.losses.map((l) => `${n.line} ${l.path}: ${l.what}`));

const COOKBOOK = join(REAL, "claude-cookbook-json-mode.jsonl");
const TOOLUSE = ["bedrock-samples-tooluse-train.jsonl", "bedrock-samples-tooluse-test.jsonl"].map((f) =>
  join(REAL, f),
);

describe("round trips on the real datasets", () => {
  it.each([COOKBOOK, ...TOOLUSE])("Claude -> Nova -> Claude gives back every record of %s", async (path) => {
    const nova = await convert(path, "amazon.nova-lite-v1:0:300k");
    expect(nova.report.from).toBe("claude-messages");
    expect(nova.report.detected).toBe(true);
    expect(nova.report.exact).toBe(nova.report.records);
    expect(errors(nova.report)).toEqual([]);
    const back = await convert(nova.output, "claude");
    expect(back.report.from).toBe("bedrock-conversation-2024");
    expect(errors(back.report)).toEqual([]);
    expect(back.out).toEqual(records(path));
  });

  it.each([COOKBOOK, ...TOOLUSE])("OpenAI -> Nova -> OpenAI gives back every record of %s", async (path) => {
    const openai = await convert(path, "openai");
    expect(openai.report.validation).toBeUndefined(); // no Bedrock model trains on OpenAI's format
    const nova = await convert(openai.output, "nova");
    expect(nova.report.from).toBe("openai-chat");
    expect(errors(nova.report)).toEqual([]);
    const back = await convert(nova.output, "openai");
    expect(back.out).toEqual(openai.out);
    expect(back.report.notes).toEqual([]);
  });

  it("OpenAI with tool calls, parallel calls, names, weights and images survives Converse where tools are taken", async () => {
    const record = {
      messages: [
        { role: "system", content: "You book rooms." },
        { role: "user", content: "Weather in Paris and Rome?", name: "ana" },
        {
          role: "assistant",
          tool_calls: [
            { id: "c1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } },
            { id: "c2", type: "function", function: { name: "weather", arguments: '{"city":"Rome"}' } },
          ],
        },
        { role: "tool", tool_call_id: "c1", content: "sunny" },
        { role: "tool", tool_call_id: "c2", content: "rain" },
        { role: "assistant", content: "Paris is sunny; Rome has rain.", weight: 1 },
      ],
      tools: [{ type: "function", function: { name: "weather", parameters: { type: "object" } } }],
    };
    const input = tempFile(`${JSON.stringify(record)}\n`);
    const target = {
      ...resolveTarget("nova", catalog),
      support: { tools: true, reasoning: true, images: true, videos: false },
    };
    const nova = await convert(input, "nova", { target, lossy: true });
    const converse = nova.out[0] as { messages: { content: object[] }[] };
    expect(converse.messages[1]!.content).toEqual([
      { toolUse: { toolUseId: "c1", name: "weather", input: { city: "Paris" } } },
      { toolUse: { toolUseId: "c2", name: "weather", input: { city: "Rome" } } },
    ]);
    expect(converse.messages[2]!.content).toHaveLength(2); // both results in one user turn
    expect(notes(nova.report)).toEqual([
      '1 messages[1].name: the speaker name "ana" (Converse has no names)',
      "1 tools: the tool definitions (Converse has none)",
    ]);
  });
});

describe("what cannot be carried is named at its line", () => {
  const openai = (messages: object[], extra: object = {}) => JSON.stringify({ messages, ...extra });
  const plain = openai([
    { role: "user", content: "Hi" },
    { role: "assistant", content: "Hello" },
  ]);
  const file = (lines: string[]) => tempFile(`${lines.join("\n")}\n`);
  const LOSSY = [
    [
      "weight 0",
      openai([
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Wrong", weight: 0 },
        { role: "user", content: "Again" },
        { role: "assistant", content: "Right" },
      ]),
      "messages[1].weight: weight 0 on an assistant turn (Converse trains on every assistant turn)",
    ],
    [
      "a name",
      openai([
        { role: "user", content: "Hi", name: "ana" },
        { role: "assistant", content: "Hello" },
      ]),
      'messages[0].name: the speaker name "ana" (Converse has no names)',
    ],
    [
      "a tool call and its result",
      openai([
        { role: "user", content: "Weather?" },
        {
          role: "assistant",
          content: "Checking.",
          tool_calls: [{ id: "c1", type: "function", function: { name: "weather", arguments: "{}" } }],
        },
        { role: "tool", tool_call_id: "c1", content: "sunny" },
        { role: "assistant", content: "Sunny." },
      ]),
      "messages[1].tool_calls[0]: a tool call (weather) (the target model's training format takes no tool use)",
    ],
    [
      "an image by URL",
      openai([
        {
          role: "user",
          content: [
            { type: "text", text: "What is this?" },
            { type: "image_url", image_url: { url: "https://example.com/cat.png" } },
          ],
        },
        { role: "assistant", content: "A cat." },
      ]),
      "messages[0].content[1]: an image by URL (Bedrock reads media from S3 only, and convert does not fetch the URLs a dataset names: upload it and reference its s3:// URI)",
    ],
    [
      "an image in base64",
      openai([
        {
          role: "user",
          content: [
            { type: "text", text: "What is this?" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
          ],
        },
        { role: "assistant", content: "A cat." },
      ]),
      "messages[0].content[1]: an image inline (base64) (Bedrock reads media from S3 only: --upload-media s3://bucket/prefix/ uploads inline images and references them)",
    ],
    [
      "a system message inside the conversation",
      openai([
        { role: "user", content: "Hi" },
        { role: "system", content: "Be brief." },
        { role: "assistant", content: "Hello" },
      ]),
      "messages[1]: a system message inside the conversation (Converse has one system prompt, before the turns)",
    ],
  ] as const;

  it.each(LOSSY)(
    "%s: refused without --lossy, dropped and said with it, and the output validates",
    async (_name, record, what) => {
      const input = file([plain, plain.replace("Hi", "Hey"), record, plain.replace("Hi", "Yo")]);
      const strict = await convert(input, "nova");
      expect(notes(strict.report)).toContain(`3 ${what}`);
      expect(strict.report.notes.every((n) => !n.written)).toBe(true);
      expect(strict.map).toEqual([1, 2, 4]);
      const lossy = await convert(input, "nova", { lossy: true });
      expect(notes(lossy.report)).toContain(`3 ${what}`);
      expect(lossy.report.notes.map((n) => [n.line, n.written])).toEqual([[3, true]]);
      expect(lossy.map).toEqual([1, 2, 3, 4]);
      expect(
        lossy.report.validation!.files[0]!.problems.filter(
          (p) => p.rule !== "dataset/too-few-records" && p.severity === "error",
        ),
      ).toEqual([]);
    },
  );

  it("parallel tool calls dropped for Nova leave an alternating conversation", async () => {
    const input = file([
      openai([
        { role: "user", content: "Weather in Paris and Rome?" },
        {
          role: "assistant",
          tool_calls: [
            { id: "c1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } },
            { id: "c2", type: "function", function: { name: "weather", arguments: '{"city":"Rome"}' } },
          ],
        },
        { role: "tool", tool_call_id: "c1", content: "sunny" },
        { role: "tool", tool_call_id: "c2", content: "rain" },
        { role: "assistant", content: "Sunny and rain." },
      ]),
    ]);
    const lossy = await convert(input, "nova", { lossy: true });
    expect(notes(lossy.report).filter((n) => n.includes("tool"))).toHaveLength(4);
    expect(lossy.out[0]).toEqual({
      schemaVersion: "bedrock-conversation-2024",
      messages: [
        { role: "user", content: [{ text: "Weather in Paris and Rome?" }] },
        { role: "assistant", content: [{ text: "Sunny and rain." }] },
      ],
    });
  });

  it("a multi-turn record cannot become prompt/completion, even with --lossy", async () => {
    const input = file([
      plain,
      openai([
        { role: "user", content: "a" },
        { role: "assistant", content: "b" },
        { role: "user", content: "c" },
        { role: "assistant", content: "d" },
      ]),
    ]);
    const r = await convert(input, "prompt-completion", { lossy: true });
    expect(notes(r.report)).toEqual([
      "2 messages: 4 turns: a prompt/completion record is one user turn and one reply",
    ]);
    expect(r.out).toEqual([{ prompt: "Hi", completion: "Hello" }]);
  });

  it("prompt/completion <-> Converse, and an unreadable line named with its reason", async () => {
    const uber = join(REAL, "bedrock-samples-distillation-uber10k.jsonl");
    const nova = await convert(uber, "nova");
    expect(nova.report.from).toBe("prompt-completion");
    expect(errors(nova.report)).toEqual([]);
    const back = await convert(nova.output, "meta.llama3-1-8b-instruct-v1:0:128k");
    expect(back.out).toEqual(records(uber));
    const broken = await convert(
      file([plain, "{not json", JSON.stringify({ messages: [{ role: "robot", content: "x" }] })]),
      "nova",
    );
    expect(notes(broken.report)).toEqual([
      expect.stringMatching(/^2 : invalid JSON/),
      '3 messages[0].role: messages[0].role is "robot".',
    ]);
  });
});

describe("reasoning blocks", () => {
  const reasoned = JSON.stringify({
    schemaVersion: "bedrock-conversation-2024",
    system: [{ text: "Route tickets." }],
    messages: [
      { role: "user", content: [{ text: "My card was charged twice." }] },
      {
        role: "assistant",
        content: [
          { reasoningContent: { reasoningText: { text: "A double charge is a billing matter." } } },
          { text: "ROUTE: billing" },
        ],
      },
    ],
  });

  it("are carried to Nova 2 Lite, whose rules take them, and the output validates", async () => {
    const { report, out } = await convert(tempFile(`${reasoned}\n`), "amazon.nova-2-lite-v1:0:256k");
    expect(notes(report)).toEqual([]);
    expect(errors(report)).toEqual([]);
    expect(out).toEqual([JSON.parse(reasoned)]);
  });

  it("are named at their line for Nova Lite, which takes none", async () => {
    const { report } = await convert(tempFile(`${reasoned}\n`), "amazon.nova-lite-v1:0:300k");
    expect(notes(report)).toEqual([expect.stringMatching(/^1 messages\[1\]\.content\[0\]/)]);
  });
});

describe("reinforcement fine-tuning", () => {
  it("takes the last assistant turn as the reference answer, and the output validates as RFT data", async () => {
    const r = await convert(COOKBOOK, "rft");
    expect(errors(r.report)).toEqual([]);
    expect(r.report.target.format).toBe("rft-chat");
    const first = records(COOKBOOK)[0] as { system: string; messages: { content: string }[] };
    expect(r.out[0]).toEqual({
      messages: [
        { role: "system", content: first.system },
        { role: "user", content: first.messages[0]!.content },
      ],
      reference_answer: first.messages[1]!.content,
    });
  });

  it("AWS's RFT samples convert to supervised data, with the dropped grader metadata named per record", async () => {
    const path = join(REAL, "bedrock-samples-rft-train.jsonl");
    const strict = await convert(path, "nova");
    expect(strict.report.written).toBe(0);
    expect(notes(strict.report)[0]).toBe('1 ground_truth: the grader metadata field "ground_truth"');
    const lossy = await convert(path, "nova", { lossy: true });
    expect(lossy.report.written).toBe(300);
    expect(errors(lossy.report)).toEqual([]);
    const rft = await convert(path, "rft");
    expect(rft.out).toEqual(records(path));
  });

  it("a record with no final assistant turn has no reference answer to give", async () => {
    const input = tempFile(`${JSON.stringify({ messages: [{ role: "user", content: "Hi" }] })}\n`);
    const r = await convert(input, "rft", { lossy: true });
    expect(notes(r.report)).toEqual(["1 messages: no final assistant turn to take as the reference answer"]);
  });
});
