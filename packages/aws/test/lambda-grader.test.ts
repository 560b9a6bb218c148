import { type LambdaStandIn, startLambdaStandIn } from "@tunegate/lambda-local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lambdaArnRegion, lambdaGrader } from "../src/index";

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
let lambda: LambdaStandIn;
beforeAll(async () => {
  lambda = await startLambdaStandIn({
    functions: {
      scores: (event) => (event as { id: string }[]).map((s) => ({ id: s.id, aggregate_reward_score: 1 })),
      crash: () => {
        throw new Error("boom");
      },
      hangs: () => new Promise(() => {}),
    },
  });
});
afterAll(() => lambda.close());

describe("the Lambda grader adapter", () => {
  it("finds the stand-in through AWS_ENDPOINT_URL_LAMBDA, as the SDKs and the CLI do", async () => {
    const grader = lambdaGrader({
      env: { AWS_ENDPOINT_URL_LAMBDA: lambda.url },
      credentials,
      maxAttempts: 1,
    });
    try {
      const out = await grader.invoke(lambda.arn("scores"), '[{"id":"a"}]');
      expect(out).toEqual({ kind: "replied", payload: '[{"id":"a","aggregate_reward_score":1}]' });
      expect(await grader.invoke(lambda.arn("crash"), "[]")).toMatchObject({ kind: "crashed" });
    } finally {
      grader.destroy();
    }
  });

  it("reads a function that ran past Lambda's timeout as timed out, not crashed", async () => {
    const grader = lambdaGrader({ endpoint: lambda.url, env: {}, credentials, maxAttempts: 1 });
    try {
      const before = lambda.invocations().length;
      const pending = grader.invoke("hangs", "[]");
      await lambda.waitForInvocations(before + 1);
      lambda.expireRunning("hangs");
      expect(await pending).toEqual({
        kind: "timed-out",
        detail: expect.stringMatching(/Task timed out after 3\.00 seconds$/),
      });
    } finally {
      grader.destroy();
    }
  });

  it("gives up on a call that gets no answer within its own timeout", async () => {
    // The function never answers and the stand-in never expires it: only the client's timeout can end this.
    const grader = lambdaGrader({
      endpoint: lambda.url,
      env: {},
      credentials,
      maxAttempts: 1,
      requestTimeoutMs: 50,
    });
    try {
      const out = await grader.invoke("hangs", "[]");
      expect(out.kind).toBe("timed-out");
    } finally {
      grader.destroy();
    }
  });

  it("signs for the Region its ARN names", () => {
    expect(lambdaArnRegion("arn:aws:lambda:us-west-2:123456789012:function:grader:live")).toBe("us-west-2");
    expect(lambdaArnRegion("grader")).toBeUndefined();
  });
});
