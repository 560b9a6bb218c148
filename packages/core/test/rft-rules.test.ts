import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reinforcementModel } from "../src/index";
import { validateDatasets } from "./engine";
import { NOVA_LITE, REAL, tempFile } from "./support";

const RFT = reinforcementModel(NOVA_LITE);

const prompt = (i: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    messages: [{ role: "user", content: `What is ${i} + ${i}?` }],
    reference_answer: String(2 * i),
    ...extra,
  });
const lines = (records: string[]) => `${records.join("\n")}\n`;
const hundred = (make = (i: number) => prompt(i)) => Array.from({ length: 100 }, (_, i) => make(i));

async function check(content: string) {
  const report = await validateDatasets([{ path: tempFile(content), role: "train", name: "rft.jsonl" }], {
    model: RFT,
  });
  return report.files[0]!;
}
const at = (file: Awaited<ReturnType<typeof check>>, rule: string) =>
  file.problems.filter((p) => p.rule === rule).map((p) => `${p.severity} ${p.line} ${p.path}`);

describe("reinforcement fine-tuning data", () => {
  it.each(["bedrock-samples-rft-train.jsonl", "bedrock-samples-rft-validation.jsonl"])(
    "AWS's sample %s validates clean",
    async (name) => {
      const report = await validateDatasets([{ path: join(REAL, name), role: "train" }], { model: RFT });
      expect(report.files[0]!.problems).toEqual([]);
      expect(report.files[0]!.records).toBeGreaterThanOrEqual(100);
    },
  );

  it("reports a missing, an empty and a null reference answer at their lines", async () => {
    const records = hundred();
    records[3] = JSON.stringify({ messages: [{ role: "user", content: "Hi" }] });
    records[5] = prompt(5, { reference_answer: "  " });
    records[7] = prompt(7, { reference_answer: null });
    const file = await check(lines(records));
    expect(at(file, "rft/reference-missing")).toEqual(["error 4 "]);
    expect(at(file, "rft/reference-empty")).toEqual(["error 6 reference_answer", "error 8 reference_answer"]);
  });

  it("takes any JSON value as the reference answer and extra fields as grader metadata", async () => {
    const file = await check(lines(hundred((i) => prompt(i, { reference_answer: { n: i }, topic: "sums" }))));
    expect(file.problems).toEqual([]);
  });

  it("reports duplicate and malformed ids, and bad roles and content", async () => {
    const records = hundred((i) => prompt(i, { id: `q-${i}` }));
    records[10] = prompt(10, { id: "q-2" });
    records[11] = prompt(11, { id: { n: 1 } });
    records[12] = JSON.stringify({
      messages: [
        { role: "tool", content: "x" },
        { role: "user", content: "Hi" },
      ],
      reference_answer: "a",
    });
    records[13] = JSON.stringify({
      messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
      reference_answer: "a",
    });
    records[14] = JSON.stringify({
      messages: [{ role: "system", content: "Be brief." }],
      reference_answer: "a",
    });
    records[15] = JSON.stringify({ messages: [], reference_answer: "a" });
    const file = await check(lines(records));
    expect(at(file, "rft/duplicate-id")).toEqual(["error 11 id"]);
    expect(file.problems.find((p) => p.rule === "rft/duplicate-id")!.message).toContain("line 3");
    expect(at(file, "rft/id-type")).toEqual(["error 12 id"]);
    expect(at(file, "rft/role-invalid")).toEqual(["error 13 messages[0].role"]);
    expect(at(file, "rft/message-shape")).toEqual(["error 14 messages[0].content"]);
    expect(at(file, "rft/no-user-message")).toEqual(["error 15 messages"]);
    expect(at(file, "rft/messages-missing")).toEqual(["error 16 messages"]);
  });

  it("warns, with the reason, where AWS leaves the meaning open", async () => {
    const records = hundred();
    records[0] = JSON.stringify({
      messages: [
        { role: "user", content: "What is 2 + 2?" },
        { role: "assistant", content: "4" },
      ],
      reference_answer: "4",
    });
    records[1] = JSON.stringify({
      messages: [
        { role: "user", content: "What is 2 + 3?" },
        { role: "system", content: "Answer with a number." },
      ],
      reference_answer: "5",
    });
    const file = await check(lines(records));
    expect(at(file, "rft/ends-with-assistant")).toEqual(["warning 1 messages[1].role"]);
    expect(file.problems.find((p) => p.rule === "rft/ends-with-assistant")!.message).toContain(
      "AWS does not document",
    );
    expect(at(file, "rft/system-position")).toEqual(["warning 2 messages[1].role"]);
    expect(file.counts.errors).toBe(0);
  });

  it("holds a dataset to 100 to 20,000 prompts, and the text to the model's rules", async () => {
    const few = await check(lines(hundred().slice(0, 99)));
    expect(at(few, "dataset/too-few-records")).toEqual(["error 1 "]);
    const records = hundred();
    records[20] = JSON.stringify({ messages: [{ role: "user", content: " " }], reference_answer: "a" });
    records[21] = JSON.stringify({
      messages: [{ role: "user", content: "User: hi" }],
      reference_answer: "a",
    });
    const file = await check(lines(records));
    expect(at(file, "rft/empty-content")).toEqual(["error 21 messages[0].content"]);
    expect(at(file, "rft/reserved-string")).toEqual(["error 22 messages[0].content"]);
    expect(RFT.quotas.maxTrainingRecords).toBe(20_000);
  });

  it("tells a repeated prompt with another reference answer from an exact repeat", async () => {
    const records = hundred();
    records[40] = prompt(1);
    records[41] = prompt(2, { reference_answer: "five" });
    const file = await check(lines(records));
    expect(at(file, "dataset/duplicate-record")).toEqual(["warning 41 "]);
    expect(at(file, "dataset/conflicting-answers").map((s) => s.split(" ")[1])).toEqual(["42"]);
  });

  it("checks the token bound of the base model", async () => {
    const small = reinforcementModel({
      ...NOVA_LITE,
      quotas: { ...NOVA_LITE.quotas, maxTokensPerRecord: 50 },
    });
    const records = hundred();
    records[30] = JSON.stringify({
      messages: [{ role: "user", content: "word ".repeat(400) }],
      reference_answer: "a",
    });
    const report = await validateDatasets([{ path: tempFile(lines(records)), role: "train" }], {
      model: small,
    });
    expect(
      report.files[0]!.problems.filter((p) => p.rule === "tokens/record-limit").map((p) => p.line),
    ).toEqual([31]);
  });
});
