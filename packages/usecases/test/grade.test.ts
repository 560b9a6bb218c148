import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LambdaGrader, lambdaGrader } from "@tunegate/aws";
import { type LambdaHandler, type LambdaStandIn, startLambdaStandIn } from "@tunegate/lambda-local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeDataset } from "../src/index";

// AWS's own RFT sample data (GSM8K prompts): a string reference_answer ending in "#### <answer>", and a
// ground_truth field that reaches the grader in metadata.
const FIXTURE = join(import.meta.dirname, "../../../../shared/fixtures/real/bedrock-samples-rft-train.jsonl");
const NAME = "data/rft/train.jsonl";

interface Item {
  id: string;
  messages: { role: string; content: string }[];
  metadata: Record<string, unknown>;
}
const items = (event: unknown) => event as Item[];
const reply = (item: Item) => item.messages[item.messages.length - 1]!.content;
const finalAnswer = (text: string) => /####\s*(\S+)\s*$/.exec(text)?.[1];

/** A correct grader for this data: the reply's final answer against metadata.ground_truth. */
const gsm8k: LambdaHandler = (event) =>
  items(event).map((item) => {
    const score = finalAnswer(reply(item)) === item.metadata.ground_truth ? 1 : 0;
    return {
      id: item.id,
      aggregate_reward_score: score,
      metrics_list: [{ name: "correctness", value: score, type: "Reward" }],
    };
  });

let lambda: LambdaStandIn;
let grader: LambdaGrader;
beforeAll(async () => {
  lambda = await startLambdaStandIn({ functions: { gsm8k } });
  grader = lambdaGrader({
    endpoint: lambda.url,
    env: {},
    maxAttempts: 1,
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  });
});
afterAll(async () => {
  grader.destroy();
  await lambda.close();
});

async function grade(fn: LambdaHandler | undefined, extra: Partial<Parameters<typeof gradeDataset>[0]> = {}) {
  const name = `f${lambda.invocations().length}-${Math.random().toString(36).slice(2, 8)}`;
  if (fn) lambda.setFunction(name, fn);
  const before = lambda.invocations().length;
  const result = await gradeDataset(
    { path: FIXTURE, name: NAME, grader: lambda.arn(name), ...extra },
    grader.invoke,
  );
  return { result, calls: lambda.invocations().slice(before) };
}

const fixtureLines = readFileSync(FIXTURE, "utf8").split("\n");

describe("gradeDataset against a Lambda grader on the stand-in", () => {
  it("passes a grader that gives every reference answer the top score, and sends AWS's request shape exactly", async () => {
    const { result, calls } = await grade(gsm8k);
    expect(result.problems).toEqual([]);
    expect(result.records).toBe(300);
    expect(result.gradable).toBe(300);
    expect(result.graded).toHaveLength(10);
    expect(result.graded.every((g) => g.score === 1)).toBe(true);
    expect(calls).toHaveLength(1);
    // The payload, rebuilt here from the raw lines the check says it graded.
    const expected = result.graded.map(({ line }) => {
      const record = JSON.parse(fixtureLines[line - 1]!) as Record<string, unknown> & {
        messages: unknown[];
        reference_answer: string;
      };
      return {
        id: `line-${line}`,
        messages: [...record.messages, { role: "assistant", content: record.reference_answer }],
        metadata: { reference_answer: record.reference_answer, ground_truth: record.ground_truth },
      };
    });
    expect(calls[0]!.payload).toEqual(expected);
    expect(calls[0]!.invocationType).toBe("RequestResponse");
  });

  it("picks the same records on every run, spread over the file, and as many as asked", async () => {
    const a = await grade(gsm8k, { sample: 25 });
    const b = await grade(gsm8k, { sample: 25 });
    const lines = a.result.graded.map((g) => g.line);
    expect(lines).toHaveLength(25);
    expect(b.result.graded.map((g) => g.line)).toEqual(lines);
    expect(Math.min(...lines)).toBeLessThan(100);
    expect(Math.max(...lines)).toBeGreaterThan(200);
  });

  it("names every record a grader crashes on, as AWS's sample grader does on this data", async () => {
    // Reads reference_answer as an object, as the GSM8K sample grader does; here it is a string.
    const crashing: LambdaHandler = (event) =>
      items(event).map((item) => ({
        id: item.id,
        aggregate_reward_score: Number(
          (item.metadata.reference_answer as { final_answer?: string }).final_answer!.trim() ===
            finalAnswer(reply(item)),
        ),
      }));
    const { result, calls } = await grade(crashing);
    expect(calls).toHaveLength(11); // the batch, then each record alone
    expect(result.problems).toHaveLength(10);
    for (const [i, p] of result.problems.entries()) {
      const line = result.graded[i]!.line;
      expect(p).toMatchObject({ rule: "grade/crashed", file: NAME, line, severity: "error" });
      expect(p.message).toContain(`(sent as "line-${line}")`);
      expect(p.message).toContain("TypeError: Cannot read properties of undefined (reading 'trim')");
    }
  });

  it("points a crash on one record at that record only", async () => {
    const first = await grade(gsm8k);
    const culprit = first.result.graded[3]!;
    const { result } = await grade((event) => {
      if (items(event).some((item) => item.id === culprit.id)) throw new RangeError("no grade for this one");
      return gsm8k(event, undefined as never);
    });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ rule: "grade/crashed", line: culprit.line });
    expect(result.problems[0]!.message).toContain("RangeError: no grade for this one");
    expect(result.graded.filter((g) => g.score === 1)).toHaveLength(9);
  });

  it("fails a grader that scores the reference answer 0, naming each record and what came back", async () => {
    // Compares the final answer with the whole reference text instead of ground_truth.
    const zero: LambdaHandler = (event) =>
      items(event).map((item) => ({
        id: item.id,
        aggregate_reward_score: finalAnswer(reply(item)) === item.metadata.reference_answer ? 1 : 0,
      }));
    const { result } = await grade(zero);
    expect(result.problems).toHaveLength(10);
    const [p] = result.problems;
    expect(p).toMatchObject({
      rule: "grade/not-top-score",
      path: "reference_answer",
      line: result.graded[0]!.line,
    });
    expect(p!.message).toMatch(
      /scored the reference answer of the record without an id \(sent as "line-\d+"\) 0, below the top score 1/,
    );
    expect(p!.message).toContain(`{"id":"line-${result.graded[0]!.line}","aggregate_reward_score":0}`);
  });

  it("takes another top score when the grader's scale tops out elsewhere", async () => {
    const outOfTen: LambdaHandler = (event) =>
      items(event).map((item) => ({ id: item.id, aggregate_reward_score: 10 }));
    expect((await grade(outOfTen, { topScore: 10 })).result.problems).toEqual([]);
    expect((await grade(outOfTen, { topScore: 10.5 })).result.problems).toHaveLength(10);
  });

  it("fails a reply of the wrong shape and names the field that is wrong", async () => {
    const strings: LambdaHandler = (event) =>
      items(event).map((item) => ({ id: item.id, aggregate_reward_score: "1.0" }));
    const { result } = await grade(strings);
    expect(result.problems).toHaveLength(3);
    expect(result.problems[0]).toMatchObject({ rule: "grade/wrong-shape", line: result.graded[0]!.line });
    expect(result.problems[0]!.message).toContain(
      '[0].aggregate_reward_score is a string "1.0"; AWS expects a number',
    );
    expect(result.problems[2]!.message).toContain("(7 more shape problems in the same reply.)");

    const metricType: LambdaHandler = (event) =>
      items(event).map((item) => ({
        id: item.id,
        aggregate_reward_score: 1,
        metrics_list: [{ name: "acc", value: 1, type: "reward" }],
      }));
    const typed = (await grade(metricType)).result.problems[0]!;
    expect(typed.message).toContain(
      '[0].metrics_list[0].type is a string "reward"; AWS expects "Reward" or "Metric"',
    );
  });

  it("tells a grader that wraps its scores in an API Gateway response to return the array", async () => {
    const wrapped: LambdaHandler = (event, context) => ({
      statusCode: 200,
      body: JSON.stringify(gsm8k(event, context)),
    });
    const { result } = await grade(wrapped);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.message).toMatch(/is an object, not an array/);
    expect(result.problems[0]!.hint).toContain("not an API Gateway response");
  });

  it("fails a reply that leaves a record out", async () => {
    const dropsLast: LambdaHandler = (event, context) => (gsm8k(event, context) as unknown[]).slice(0, -1);
    const { result } = await grade(dropsLast);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ rule: "grade/missing-id", line: result.graded[9]!.line });
    expect(result.problems[0]!.message).toContain("it returned 9 of 10");
  });

  it("fails a grader that times out, when Lambda ends it at its timeout", async () => {
    const name = "hangs";
    lambda.setFunction(name, { handler: () => new Promise(() => {}), timeoutSeconds: 60 });
    const started = lambda.invocations().length;
    const running = gradeDataset({ path: FIXTURE, name: NAME, grader: lambda.arn(name) }, grader.invoke);
    await lambda.waitForInvocations(started + 1);
    expect(lambda.expireRunning(name)).toBe(1);
    const result = await running;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ rule: "grade/timed-out", line: result.graded[0]!.line });
    expect(result.problems[0]!.message).toMatch(
      /timed out on 10 records \(lines \d+, .* and 5 more\).*Task timed out after 60\.00 seconds/,
    );
  });

  it("fails a grader that does not exist, with what to check", async () => {
    const { result } = await grade(undefined);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.rule).toBe("grade/unreachable");
    expect(result.problems[0]!.message).toContain(
      "ResourceNotFoundException: Function not found: arn:aws:lambda:us-east-1:123456789012:function:",
    );
    expect(result.problems[0]!.hint).toContain("reinforcement.grader");
  });

  it("sends the record's own id and other fields, and a field of an object reference as the reply", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tunegate-grade-"));
    try {
      const path = join(dir, "train.jsonl");
      const record = {
        id: "chem-001",
        messages: [
          { role: "system", content: "You are a helpful chemistry assistant" },
          { role: "user", content: "Predict hydrogen bond donors for CCN(CC)CCC(=O)c1sc(N)nc1C" },
        ],
        reference_answer: { explanation: "2 donors, 4 acceptors", donor_bond_counts: 2 },
        difficulty_level: "easy",
      };
      writeFileSync(path, `${JSON.stringify(record)}\n\n{broken\n`);
      const name = "explains";
      lambda.setFunction(name, (event) =>
        items(event).map((item) => ({
          id: item.id,
          aggregate_reward_score:
            reply(item) === (item.metadata.reference_answer as { explanation: string }).explanation ? 1 : 0,
        })),
      );
      const before = lambda.invocations().length;
      const result = await gradeDataset(
        { path, name: "train.jsonl", grader: lambda.arn(name), replyField: "explanation" },
        grader.invoke,
      );
      expect(result.problems).toEqual([]);
      expect(result).toMatchObject({
        records: 2,
        gradable: 1,
        skippedCount: 1,
        skipped: [{ line: 3, reason: "the line is not JSON" }],
      });
      expect(lambda.invocations()[before]!.payload).toEqual([
        {
          id: "chem-001",
          messages: [...record.messages, { role: "assistant", content: "2 donors, 4 acceptors" }],
          metadata: { reference_answer: record.reference_answer, difficulty_level: "easy" },
        },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
