import { describe, expect, it } from "vitest";
import { checkTeacher, DISTILLATION_PAIRS, distillationModel, teacherRef } from "../src/index";
import { validateDatasets } from "./engine";
import { catalog, NOVA_LITE, tempFile } from "./support";

const LLAMA_1B = catalog.get("meta.llama3-2-1b-instruct-v1:0:128k");
const PREMIER_PROFILE =
  "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-premier-v1:0";

const turn = (role: string, text: string) => ({ role, content: [{ text }] });
const record = (...turns: { role: string; content: unknown[] }[]) =>
  JSON.stringify({ schemaVersion: "bedrock-conversation-2024", messages: turns });

async function problems(lines: string[], model = NOVA_LITE) {
  const report = await validateDatasets([{ path: tempFile(`${lines.join("\n")}\n`), role: "train" }], {
    model: distillationModel(model),
  });
  return report.files[0]!.problems.map((p) => `${p.severity} ${p.rule} ${p.line} ${p.path}`);
}

describe("distillation pairs in the catalog", () => {
  it("every student that lists DISTILLATION has its teachers and Regions, and only those", () => {
    const students = catalog.models
      .filter((m) => m.customizationTypes.includes("DISTILLATION"))
      .map((m) => m.id);
    expect(students.sort()).toEqual(Object.keys(DISTILLATION_PAIRS).sort());
    for (const id of students) {
      const entry = catalog.get(id);
      expect(entry.distillation!.regions.every((r) => entry.regions.includes(r))).toBe(true);
      expect(entry.distillation!.source).toContain("prequisites-model-distillation.html");
    }
    expect(catalog.get("amazon.nova-pro-v1:0:300k").distillation!.teachers.map((t) => t.id)).toEqual([
      "amazon.nova-premier-v1:0",
    ]);
  });

  it("accepts a documented pair by model id or inference profile, and says why another is refused", () => {
    expect(checkTeacher(NOVA_LITE, "amazon.nova-pro-v1:0", "us-east-1")).toMatchObject({ ok: true });
    expect(checkTeacher(NOVA_LITE, PREMIER_PROFILE, "us-east-1")).toMatchObject({ ok: true });
    expect(checkTeacher(NOVA_LITE, "amazon.nova-premier-v1:0", "us-east-1")).toMatchObject({
      ok: false,
      message: "Amazon Nova Premier can only be a teacher through an inference profile, not by its model id",
    });
    expect(checkTeacher(NOVA_LITE, "meta.llama3-1-405b-instruct-v1:0", "us-east-1")).toMatchObject({
      ok: false,
      message: expect.stringContaining("is not a teacher Amazon Nova Lite can be distilled from"),
    });
    expect(checkTeacher(NOVA_LITE, "amazon.nova-pro-v1:0", "us-west-2")).toMatchObject({
      ok: false,
      message: "Amazon Nova Lite is distilled in us-east-1, not in us-west-2",
    });
    expect(
      checkTeacher(NOVA_LITE, PREMIER_PROFILE.replace("us-east-1", "us-west-2"), "us-east-1"),
    ).toMatchObject({
      ok: false,
      message: "the inference profile is in us-west-2, but the job runs in us-east-1",
    });
    expect(
      checkTeacher(catalog.get("amazon.nova-2-lite-v1:0:256k"), "amazon.nova-pro-v1:0", "us-east-1"),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining("is not a distillation student"),
    });
    expect(teacherRef(`arn:aws:bedrock:us-west-2::foundation-model/meta.llama3-1-70b-instruct-v1:0`)).toEqual(
      {
        modelId: "meta.llama3-1-70b-instruct-v1:0",
      },
    );
  });
});

describe("distillation prompt datasets", () => {
  it("takes prompts without answers and labeled pairs alike, and multi-turn prompts for Nova", async () => {
    expect(
      await problems([
        record(turn("user", "Why is the sky blue?")),
        record(turn("user", "Why is grass green?"), turn("assistant", "Chlorophyll.")),
        record(turn("user", "Hi"), turn("assistant", "Hello"), turn("user", "What is 2 + 2?")),
      ]),
    ).toEqual([]);
  });

  it("holds a Llama student to one user message per prompt", async () => {
    expect(
      await problems(
        [
          record(turn("user", "Why is the sky blue?")),
          record(turn("user", "Hi"), turn("assistant", "Hello"), turn("user", "What is 2 + 2?")),
        ],
        LLAMA_1B,
      ),
    ).toEqual(["error distillation/single-turn 2 messages[2].role"]);
  });

  it("reports media (distillation is text to text) and the Converse rules that still apply", async () => {
    const image = { image: { format: "png", source: { s3Location: { uri: "s3://b/r.png" } } } };
    expect(
      await problems([
        JSON.stringify({ messages: [{ role: "user", content: [{ text: "What is this?" }, image] }] }),
        record(turn("assistant", "Hello"), turn("user", "Hi")),
        record(turn("user", "Hi"), turn("user", "again")),
        record(turn("user", " ")),
      ]),
    ).toEqual([
      "error distillation/text-only 1 messages[0].content[1].image",
      "error converse/first-user 2 messages[0].role",
      "error converse/roles-alternate 3 messages[1].role",
      "error converse/empty-content 4 messages[0].content[0].text",
    ]);
  });

  it("checks a supervised file's last-turn rule only when the data is not for distillation", async () => {
    const report = await validateDatasets(
      [{ path: tempFile(`${record(turn("user", "Why is the sky blue?"))}\n`), role: "train" }],
      { model: NOVA_LITE },
    );
    expect(report.files[0]!.problems.map((p) => p.rule)).toContain("converse/last-assistant");
  });
});
