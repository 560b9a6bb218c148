import { describe, expect, it } from "vitest";
import {
  compareLosses,
  downsample,
  failureHint,
  MetricsCsvError,
  parseMetricsCsv,
  summarizeLosses,
} from "../src/index";

const TRAINING = `step_number,epoch_number,training_loss,perplexity
0,1,2.5,12.182494
1,1,1.75,5.754603
2,2,1.2,3.320117
3,2,1.25,3.490343
`;

describe("parseMetricsCsv", () => {
  it("reads the training file by its header names", () => {
    const file = parseMetricsCsv(TRAINING);
    expect(file.kind).toBe("training");
    expect(file.points).toEqual([
      { step: 0, epoch: 1, loss: 2.5, perplexity: 12.182494 },
      { step: 1, epoch: 1, loss: 1.75, perplexity: 5.754603 },
      { step: 2, epoch: 2, loss: 1.2, perplexity: 3.320117 },
      { step: 3, epoch: 2, loss: 1.25, perplexity: 3.490343 },
    ]);
    expect(file.skipped).toEqual([]);
  });

  it("finds columns in any order, with CRLF, a BOM and quoted cells", () => {
    const file = parseMetricsCsv(
      '\uFEFFperplexity,validation_loss,epoch_number,step_number\r\n"2.0",0.69,1,9\r\n\r\n1.5,0.4,2,19\r\n',
    );
    expect(file.kind).toBe("validation");
    expect(file.points).toEqual([
      { step: 9, epoch: 1, loss: 0.69, perplexity: 2 },
      { step: 19, epoch: 2, loss: 0.4, perplexity: 1.5 },
    ]);
  });

  it("lists rows with unreadable numbers instead of failing the file", () => {
    const file = parseMetricsCsv("step_number,epoch_number,training_loss\n0,1,nan\n1,1,0.9\n2,,0.8\n");
    expect(file.points).toEqual([{ step: 1, epoch: 1, loss: 0.9 }]);
    expect(file.skipped).toEqual([
      { line: 2, reason: 'training_loss is "nan"' },
      { line: 4, reason: 'epoch_number is ""' },
    ]);
  });

  it("refuses a file without a loss or step column", () => {
    expect(() => parseMetricsCsv("a,b\n1,2\n")).toThrow(MetricsCsvError);
    expect(() => parseMetricsCsv("epoch_number,training_loss\n1,2\n")).toThrow(/no "step_number" column/);
  });
});

describe("summarizeLosses and compareLosses", () => {
  it("gives first, final, best and per-epoch figures", () => {
    const s = summarizeLosses(parseMetricsCsv(TRAINING).points)!;
    expect(s.first.loss).toBe(2.5);
    expect(s.final).toEqual({ step: 3, epoch: 2, loss: 1.25, perplexity: 3.490343 });
    expect(s.best.step).toBe(2);
    expect(s.epochs).toEqual([
      { epoch: 1, steps: 2, last: 1.75, lastStep: 1, mean: 2.125, min: 1.75 },
      { epoch: 2, steps: 2, last: 1.25, lastStep: 3, mean: 1.225, min: 1.2 },
    ]);
    expect(summarizeLosses([])).toBeUndefined();
  });

  it("compares final and best loss with a baseline job", () => {
    const current = summarizeLosses(parseMetricsCsv(TRAINING).points)!;
    const baseline = summarizeLosses([
      { step: 0, epoch: 1, loss: 2 },
      { step: 1, epoch: 1, loss: 1 },
      { step: 2, epoch: 1, loss: 1.5 },
    ])!;
    const c = compareLosses(current, baseline);
    expect(c.final.change).toBeCloseTo(-0.25, 12);
    expect(c.final.relative).toBeCloseTo(-0.25 / 1.5, 12);
    expect(c.best).toMatchObject({ current: 1.2, baseline: 1 });
    expect(c.best.change).toBeCloseTo(0.2, 12);
  });
});

describe("downsample", () => {
  const curve = Array.from({ length: 1000 }, (_, i) => ({
    step: i,
    epoch: 1 + Math.floor(i / 250),
    loss: i === 613 ? 0.01 : 3 - i / 1000,
  }));

  it("keeps at most the limit, with the first, last and best rows, in step order", () => {
    const out = downsample(curve, 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out.length).toBeGreaterThanOrEqual(98);
    expect(out[0]!.step).toBe(0);
    expect(out.at(-1)!.step).toBe(999);
    expect(out.some((p) => p.step === 613)).toBe(true);
    expect(out.map((p) => p.step)).toEqual([...out.map((p) => p.step)].sort((a, b) => a - b));
  });

  it("keeps short curves whole", () => {
    expect(downsample(curve.slice(0, 40), 100)).toHaveLength(40);
  });
});

describe("failureHint", () => {
  it.each([
    [
      "Could not validate GetObject permissions to access Amazon S3 bucket: data at key m/train.jsonl",
      "S3 read permission",
    ],
    [
      "Amazon S3 perms missing (PutObject): Could not validate PutObject permissions to access S3 bucket: out at key output/.write_access_check_file.tmp",
      "S3 write permission",
    ],
    ["Unable to parse Amazon S3 file: train.jsonl. Data files must conform to JSONL format.", "data format"],
    ["Max sum of input and output token length per record exceeds total limit of 32000", "token limit"],
    ["Input size exceeded for record 12", "token limit"],
    ["You must accept the licence terms of this model before customizing it", "licence terms"],
  ])("%s", (message, kind) => {
    expect(failureHint(message)?.kind).toBe(kind);
  });

  it("gives no hint for an unknown message", () => {
    expect(failureHint("Something unexpected happened")).toBeUndefined();
    expect(failureHint(undefined)).toBeUndefined();
  });
});
