// The data checks and metrics of the control-plane stand-in, without servers.
import { describe, expect, test } from "vitest";
import { lossCurves, metricsCsv } from "../src/bedrock/metrics.js";
import { checkDataFile } from "../src/bedrock/records.js";
import { DEFAULT_BASE_MODELS } from "../src/index.js";
import { haikuFile } from "./support.js";

const model = (id: string) => {
  const found = DEFAULT_BASE_MODELS.find((entry) => entry.id === id);
  if (!found) throw new Error(id);
  return found;
};
const haiku = model("anthropic.claude-3-haiku-20240307-v1:0:200k");
const nova = model("amazon.nova-micro-v1:0:128k");
const titan = model("amazon.titan-text-express-v1:0:8k");

describe("checkDataFile", () => {
  test("accepts CRLF line ends and one final newline", () => {
    expect(checkDataFile(haikuFile(32).replaceAll("\n", "\r\n"), "t.jsonl", "training", haiku)).toEqual({
      ok: true,
      records: 32,
    });
  });

  test("Claude: roles must alternate from user to assistant, content is a string", () => {
    const bad = JSON.stringify({
      messages: [
        { role: "user", content: "a" },
        { role: "user", content: "b" },
      ],
    });
    const result = checkDataFile(`${haikuFile(40)}${bad}\n`, "t.jsonl", "training", haiku);
    expect(result).toMatchObject({
      ok: false,
      detail: expect.stringContaining("line 41: message 2 has role user"),
    });
    const blocks = JSON.stringify({
      messages: [
        { role: "user", content: [{ text: "a" }] },
        { role: "assistant", content: "b" },
      ],
    });
    expect(checkDataFile(`${blocks}\n`, "t.jsonl", "training", haiku)).toMatchObject({
      ok: false,
      detail: expect.stringContaining("content must be a non-empty string"),
    });
  });

  test("Nova: bedrock-conversation-2024 records, 8 at least", () => {
    const record = JSON.stringify({
      schemaVersion: "bedrock-conversation-2024",
      system: [{ text: "Route tickets." }],
      messages: [
        { role: "user", content: [{ text: "refund?" }] },
        { role: "assistant", content: [{ text: "billing" }] },
      ],
    });
    expect(checkDataFile(`${`${record}\n`.repeat(8)}`, "n.jsonl", "training", nova)).toEqual({
      ok: true,
      records: 8,
    });
    const few = checkDataFile(`${record}\n`.repeat(7), "n.jsonl", "training", nova);
    expect(few).toMatchObject({ ok: false, message: expect.stringContaining("needs at least 8") });
  });

  test("Titan: prompt/completion, and the validation maximum", () => {
    const record = JSON.stringify({ prompt: "refund?", completion: "billing" });
    expect(checkDataFile(`${record}\n`, "p.jsonl", "training", titan)).toEqual({ ok: true, records: 1 });
    const tooMany = checkDataFile(`${record}\n`.repeat(1001), "v.jsonl", "validation", titan);
    expect(tooMany).toMatchObject({ ok: false, message: expect.stringMatching(/^Input size exceeded/) });
    const extra = JSON.stringify({ prompt: "a", completion: "b", label: "c" });
    expect(checkDataFile(`${extra}\n`, "p.jsonl", "training", titan)).toMatchObject({
      ok: false,
      message: "Unable to parse Amazon S3 file: p.jsonl. Data files must conform to JSONL format.",
      detail: expect.stringContaining("unexpected key(s) label"),
    });
  });
});

describe("loss curves", () => {
  const input = { seed: "job-a|epochCount=2", trainingRecords: 100, batchSize: 10, epochCount: 3, speed: 1 };

  test("are deterministic for a job name and hyperparameters, and differ for others", () => {
    expect(lossCurves(input)).toEqual(lossCurves({ ...input }));
    expect(lossCurves({ ...input, seed: "job-b|epochCount=2" }).training).not.toEqual(
      lossCurves(input).training,
    );
  });

  test("fall from start to end, one row per step and one validation row per epoch", () => {
    const { training, validation } = lossCurves(input);
    expect(training).toHaveLength(30);
    expect(validation.map((row) => [row.step, row.epoch])).toEqual([
      [9, 1],
      [19, 2],
      [29, 3],
    ]);
    const first = training.slice(0, 5).reduce((sum, row) => sum + row.loss, 0);
    const last = training.slice(-5).reduce((sum, row) => sum + row.loss, 0);
    expect(first).toBeGreaterThan(last * 1.5);
    expect(metricsCsv(training, "training_loss").split("\n")[0]).toBe(
      "step_number,epoch_number,training_loss,perplexity",
    );
  });
});
