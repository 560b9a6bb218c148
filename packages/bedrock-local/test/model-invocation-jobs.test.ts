import {
  type BedrockClient,
  CreateModelInvocationJobCommand,
  type CreateModelInvocationJobCommandInput,
  GetModelInvocationJobCommand,
  ListModelInvocationJobsCommand,
  ListTagsForResourceCommand,
  StopModelInvocationJobCommand,
} from "@aws-sdk/client-bedrock";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type BedrockStandIn, type ConverseCall, startBedrockStandIn } from "../src/index.js";
import { bedrockClient, caught, type LocalS3, ROLE_ARN, S3_CREDENTIALS, startLocalS3 } from "./support.js";

const MODEL = "amazon.nova-lite-v1:0";

let s3: LocalS3;
let bedrock: BedrockStandIn;
let control: BedrockClient;
const calls: ConverseCall[] = [];

function record(index: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    recordId: `REC${String(index).padStart(8, "0")}`,
    modelInput: {
      system: [{ text: "Route the ticket." }],
      messages: [{ role: "user", content: [{ text: `ticket ${index}` }] }],
      inferenceConfig: { maxTokens: 16 },
    },
    ...extra,
  });
}

const records = (n: number) => `${Array.from({ length: n }, (_, i) => record(i)).join("\n")}\n`;

function jobInput(name: string, over: Partial<CreateModelInvocationJobCommandInput> = {}) {
  return {
    jobName: name,
    roleArn: ROLE_ARN,
    modelId: MODEL,
    modelInvocationType: "Converse",
    inputDataConfig: { s3InputDataConfig: { s3Uri: "s3://data/batch/in/records.jsonl" } },
    outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://data/batch/out/" } },
    ...over,
  } satisfies CreateModelInvocationJobCommandInput;
}

async function text(key: string): Promise<string> {
  const out = await s3.client.send(new GetObjectCommand({ Bucket: "data", Key: key }));
  return out.Body!.transformToString("utf8");
}

beforeAll(async () => {
  s3 = await startLocalS3(["data"]);
  await s3.put("data", "batch/in/records.jsonl", records(120));
  await s3.put("data", "batch/small/records.jsonl", records(5));
  bedrock = await startBedrockStandIn({
    s3: { endpoint: s3.endpoint, credentials: S3_CREDENTIALS },
    batchDurationMs: 60 * 60_000,
    respond(call) {
      calls.push(call);
      const ticket = call.messages[0]!.text;
      if (ticket === "ticket 7") throw new Error("the model refused");
      return { text: `ROUTE: ${ticket.endsWith("0") ? "billing" : "tech"}`, inputTokens: 9, outputTokens: 2 };
    },
  });
  control = bedrockClient(bedrock.url);
});

afterAll(async () => {
  control.destroy();
  await bedrock.close();
  await s3.close();
});

describe("a batch inference job", () => {
  let jobArn: string;

  test("is Submitted, InProgress for its duration, then writes one result line per record", async () => {
    jobArn = (
      await control.send(
        new CreateModelInvocationJobCommand(
          jobInput("eval-batch-1", {
            clientRequestToken: "tok-1",
            tags: [{ key: "tunegate:model", value: "r" }],
          }),
        ),
      )
    ).jobArn!;
    expect(jobArn).toMatch(/^arn:aws:bedrock:us-west-2:123456789012:model-invocation-job\/[a-z0-9]{12}$/);
    await bedrock.idle();
    const running = await control.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn }));
    expect(running).toMatchObject({
      status: "InProgress",
      totalRecordCount: 120,
      modelInvocationType: "Converse",
    });
    expect(calls).toHaveLength(0);

    await bedrock.advance(60 * 60_000);
    const jobId = jobArn.slice(jobArn.lastIndexOf("/") + 1);
    const done = await control.send(new GetModelInvocationJobCommand({ jobIdentifier: jobId }));
    expect(done).toMatchObject({
      status: "PartiallyCompleted",
      totalRecordCount: 120,
      processedRecordCount: 120,
      successRecordCount: 119,
      errorRecordCount: 1,
    });
    expect(done.endTime).toBeInstanceOf(Date);

    const lines = (await text(`batch/out/${jobId}/records.jsonl.out`))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(120);
    expect(lines[0]).toEqual({
      recordId: "REC00000000",
      modelInput: JSON.parse(record(0)).modelInput,
      modelOutput: {
        output: { message: { role: "assistant", content: [{ text: "ROUTE: billing" }] } },
        stopReason: "end_turn",
        usage: { inputTokens: 9, outputTokens: 2, totalTokens: 11 },
        metrics: { latencyMs: 0 },
      },
    });
    expect(lines[7]).toMatchObject({
      recordId: "REC00000007",
      error: { errorCode: 400, errorMessage: "the model refused" },
    });
    expect(JSON.parse(await text(`batch/out/${jobId}/manifest.json.out`))).toEqual({
      totalRecordCount: 120,
      processedRecordCount: 120,
      successRecordCount: 119,
      errorRecordCount: 1,
      inputTokenCount: 119 * 9,
      outputTokenCount: 119 * 2,
    });
    expect(calls[0]).toMatchObject({
      modelId: MODEL,
      system: "Route the ticket.",
      inferenceConfig: { maxTokens: 16 },
    });
    const tags = await control.send(new ListTagsForResourceCommand({ resourceARN: jobArn }));
    expect(tags.tags).toEqual([{ key: "tunegate:model", value: "r" }]);
  });

  test("a repeated request with its token is the same job; another request under that name conflicts", async () => {
    const again = await control.send(
      new CreateModelInvocationJobCommand(
        jobInput("eval-batch-1", {
          clientRequestToken: "tok-1",
          tags: [{ key: "tunegate:model", value: "r" }],
        }),
      ),
    );
    expect(again.jobArn).toBe(jobArn);
    const conflict = await caught(() =>
      control.send(
        new CreateModelInvocationJobCommand(jobInput("eval-batch-1", { clientRequestToken: "tok-2" })),
      ),
    );
    expect(conflict.name).toBe("ConflictException");
    const listed = await control.send(new ListModelInvocationJobsCommand({ nameContains: "EVAL-BATCH" }));
    expect(listed.invocationJobSummaries?.map((j) => j.jobArn)).toEqual([jobArn]);
  });

  test("enforces the model's shapes and the service's rules", async () => {
    const badTimeout = await caught(() =>
      control.send(
        new CreateModelInvocationJobCommand(jobInput("eval-timeout", { timeoutDurationInHours: 2 })),
      ),
    );
    expect(badTimeout.name).toBe("ValidationException");
    const badName = await caught(() =>
      control.send(new CreateModelInvocationJobCommand(jobInput("-bad name"))),
    );
    expect(badName.name).toBe("ValidationException");
    const unknown = await caught(() =>
      control.send(
        new CreateModelInvocationJobCommand(jobInput("eval-unknown", { modelId: "amazon.nope-v1:0" })),
      ),
    );
    expect(unknown.name).toBe("ResourceNotFoundException");
    const missing = await caught(() =>
      control.send(new GetModelInvocationJobCommand({ jobIdentifier: "abcdefabcdef" })),
    );
    expect(missing.name).toBe("ResourceNotFoundException");
    const done = await caught(() =>
      control.send(new StopModelInvocationJobCommand({ jobIdentifier: jobArn })),
    );
    expect(done.name).toBe("ValidationException");
  });

  test("fails with fewer records than the quota's minimum", async () => {
    const { jobArn: small } = await control.send(
      new CreateModelInvocationJobCommand(
        jobInput("eval-small", {
          inputDataConfig: { s3InputDataConfig: { s3Uri: "s3://data/batch/small/" } },
        }),
      ),
    );
    await bedrock.idle();
    const failed = await control.send(new GetModelInvocationJobCommand({ jobIdentifier: small }));
    expect(failed).toMatchObject({ status: "Failed", totalRecordCount: 5 });
    expect(failed.message).toContain("at least 100");
  });

  test("a running job stops", async () => {
    const { jobArn: running } = await control.send(
      new CreateModelInvocationJobCommand(jobInput("eval-stop")),
    );
    await bedrock.idle();
    await control.send(new StopModelInvocationJobCommand({ jobIdentifier: running }));
    expect((await control.send(new GetModelInvocationJobCommand({ jobIdentifier: running }))).status).toBe(
      "Stopping",
    );
    await bedrock.advance(60 * 60_000);
    expect((await control.send(new GetModelInvocationJobCommand({ jobIdentifier: running }))).status).toBe(
      "Stopped",
    );
  });
});
