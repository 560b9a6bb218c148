import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { type LambdaStandIn, MAX_SYNC_PAYLOAD_BYTES, startLambdaStandIn } from "../src/index";

let standIn: LambdaStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

function client(url: string): LambdaClient {
  return new LambdaClient({
    endpoint: url,
    region: "us-east-1",
    maxAttempts: 1,
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  });
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe("the Lambda stand-in, called by the AWS SDK v3 Lambda client", () => {
  it("runs the function with the parsed payload and answers with its result", async () => {
    standIn = await startLambdaStandIn({
      functions: { echo: (event, context) => ({ got: event, name: context.functionName }) },
    });
    const out = await client(standIn.url).send(
      new InvokeCommand({ FunctionName: standIn.arn("echo"), Payload: JSON.stringify([{ id: "1" }]) }),
    );
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    expect(out.ExecutedVersion).toBe("$LATEST");
    expect(JSON.parse(text(out.Payload))).toEqual({ got: [{ id: "1" }], name: "echo" });
    const [call] = standIn.invocations();
    expect(call).toMatchObject({ target: standIn.arn("echo"), functionName: "echo", payload: [{ id: "1" }] });
    expect(call?.invocationType).toBe("RequestResponse");
  });

  it("takes a plain name, a partial ARN and $LATEST as the function", async () => {
    standIn = await startLambdaStandIn({ functions: { f: () => 1 } });
    const lambda = client(standIn.url);
    for (const name of ["f", `${standIn.accountId}:function:f`, `${standIn.arn("f")}:$LATEST`]) {
      const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: "{}" }));
      expect(text(out.Payload)).toBe("1");
    }
  });

  it("reports a function that throws as Lambda does: status 200, FunctionError Unhandled, the error", async () => {
    standIn = await startLambdaStandIn({
      functions: {
        crash: () => {
          throw new TypeError("Cannot read properties of undefined (reading 'final_answer')");
        },
      },
    });
    const out = await client(standIn.url).send(new InvokeCommand({ FunctionName: "crash", Payload: "[]" }));
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe("Unhandled");
    expect(JSON.parse(text(out.Payload))).toMatchObject({
      errorType: "TypeError",
      errorMessage: "Cannot read properties of undefined (reading 'final_answer')",
    });
  });

  it("answers an unknown function, another account's and an unknown version with ResourceNotFoundException (404)", async () => {
    standIn = await startLambdaStandIn({ functions: { known: () => null } });
    const lambda = client(standIn.url);
    const targets = [
      standIn.arn("missing"),
      "arn:aws:lambda:us-east-1:210987654321:function:known",
      `${standIn.arn("known")}:7`,
    ];
    for (const FunctionName of targets) {
      const err = await lambda
        .send(new InvokeCommand({ FunctionName, Payload: "{}" }))
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ name: "ResourceNotFoundException", $metadata: { httpStatusCode: 404 } });
      expect((err as Error).message).toMatch(/^Function not found: arn:aws:lambda:/);
    }
  });

  it("refuses a body that is not JSON, and one over the 6 MB synchronous limit", async () => {
    standIn = await startLambdaStandIn({ functions: { f: () => null } });
    const lambda = client(standIn.url);
    const notJson = await lambda
      .send(new InvokeCommand({ FunctionName: "f", Payload: "{not json" }))
      .catch((e: unknown) => e);
    expect(notJson).toMatchObject({
      name: "InvalidRequestContentException",
      $metadata: { httpStatusCode: 400 },
    });
    const big = JSON.stringify("x".repeat(MAX_SYNC_PAYLOAD_BYTES));
    const tooLarge = await lambda
      .send(new InvokeCommand({ FunctionName: "f", Payload: big }))
      .catch((e: unknown) => e);
    expect(tooLarge).toMatchObject({ name: "RequestTooLargeException", $metadata: { httpStatusCode: 413 } });
    expect(standIn.invocations().map((i) => i.functionError)).toEqual([undefined, undefined]);
  });

  it("ends a running invocation as Lambda's timeout does when the test says so, not on a clock", async () => {
    standIn = await startLambdaStandIn({
      functions: { slow: { handler: () => new Promise(() => {}), timeoutSeconds: 900 } },
    });
    const pending = client(standIn.url).send(new InvokeCommand({ FunctionName: "slow", Payload: "[]" }));
    await standIn.waitForInvocations(1);
    expect(standIn.expireRunning("other")).toBe(0);
    expect(standIn.expireRunning("slow")).toBe(1);
    const out = await pending;
    expect(out.FunctionError).toBe("Unhandled");
    const body = JSON.parse(text(out.Payload)) as { errorType: string; errorMessage: string };
    expect(body.errorType).toBe("Sandbox.Timedout");
    expect(body.errorMessage).toMatch(/Task timed out after 900\.00 seconds$/);
  });

  it("answers a DryRun with 204 without running the function", async () => {
    let ran = 0;
    standIn = await startLambdaStandIn({ functions: { f: () => ran++ } });
    const out = await client(standIn.url).send(
      new InvokeCommand({ FunctionName: "f", InvocationType: "DryRun", Payload: "{}" }),
    );
    expect(out.StatusCode).toBe(204);
    expect(ran).toBe(0);
  });
});
