// Requests the real service would reject at the door: the stand-in checks them against the Smithy
// model and answers with AWS's ValidationException / SerializationException wording.
import {
  type BedrockClient,
  CreateModelCustomizationJobCommand,
  type CreateModelCustomizationJobCommandInput,
  ListModelCustomizationJobsCommand,
} from "@aws-sdk/client-bedrock";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type BedrockStandIn, startBedrockStandIn } from "../src/index.js";
import { bedrockClient, caught, jobInput, type LocalS3, S3_CREDENTIALS, startLocalS3 } from "./support.js";

let s3: LocalS3;
let bedrock: BedrockStandIn;
let client: BedrockClient;

beforeAll(async () => {
  s3 = await startLocalS3(["data"]);
  bedrock = await startBedrockStandIn({ s3: { endpoint: s3.endpoint, credentials: S3_CREDENTIALS } });
  client = bedrockClient(bedrock.url);
});

afterAll(async () => {
  client.destroy();
  await bedrock.close();
  await s3.close();
});

async function rejection(input: CreateModelCustomizationJobCommandInput) {
  const before = bedrock.jobs().length;
  const error = await caught(() => client.send(new CreateModelCustomizationJobCommand(input)));
  expect(bedrock.jobs().length).toBe(before); // nothing was created
  return error;
}

const JOB_NAME_PATTERN = "^[a-zA-Z0-9](-*[a-zA-Z0-9\\+\\-\\.])*$";
const S3_URI_PATTERN =
  "^s3://[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](?:/[-!_*'().a-z0-9A-Z]+(?:/[-!_*'().a-z0-9A-Z]+)*)?/?$";

describe("CreateModelCustomizationJob constraints", () => {
  test("job name with an underscore: pattern", async () => {
    const error = await rejection(jobInput("support_router"));
    expect(error.name).toBe("ValidationException");
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toBe(
      `1 validation error detected: Value 'support_router' at 'jobName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${JOB_NAME_PATTERN}`,
    );
  });

  test("job name of 64 characters: length", async () => {
    const name = "a".repeat(64);
    const error = await rejection(jobInput(name, { customModelName: "m" }));
    expect(error.message).toBe(
      `1 validation error detected: Value '${name}' at 'jobName' failed to satisfy constraint: Member must have length less than or equal to 63`,
    );
  });

  test("role ARN without a 12-digit account", async () => {
    const error = await rejection(jobInput("bad-role", { roleArn: "arn:aws:iam::1234:role/bedrock" }));
    expect(error.message).toBe(
      "1 validation error detected: Value 'arn:aws:iam::1234:role/bedrock' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+$",
    );
  });

  test("S3 URIs: upper-case bucket, and a space inside a nested list member", async () => {
    const error = await rejection(
      jobInput("bad-uris", {
        trainingDataConfig: { s3Uri: "s3://Data/train.jsonl" },
        validationDataConfig: { validators: [{ s3Uri: "s3://data/my file.jsonl" }] },
      }),
    );
    expect(error.message).toBe(
      "2 validation errors detected: " +
        `Value 's3://Data/train.jsonl' at 'trainingDataConfig.s3Uri' failed to satisfy constraint: Member must satisfy regular expression pattern: ${S3_URI_PATTERN}; ` +
        `Value 's3://data/my file.jsonl' at 'validationDataConfig.validators.1.member.s3Uri' failed to satisfy constraint: Member must satisfy regular expression pattern: ${S3_URI_PATTERN}`,
    );
  });

  test("2026-04 patterns: a bucket ending in a hyphen, a token with an underscore or a trailing hyphen", async () => {
    const error = await rejection(
      jobInput("strict-patterns", {
        trainingDataConfig: { s3Uri: "s3://data-/train.jsonl" },
        clientRequestToken: "run_42",
      }),
    );
    expect(error.message).toBe(
      "2 validation errors detected: " +
        "Value 'run_42' at 'clientRequestToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9]([-a-zA-Z0-9]{0,254}[a-zA-Z0-9])?$; " +
        `Value 's3://data-/train.jsonl' at 'trainingDataConfig.s3Uri' failed to satisfy constraint: Member must satisfy regular expression pattern: ${S3_URI_PATTERN}`,
    );
    const trailing = await rejection(jobInput("strict-token", { clientRequestToken: "token-" }));
    expect(trailing.message).toContain("Value 'token-' at 'clientRequestToken' failed to satisfy constraint");
  });

  test("a missing required member", async () => {
    const { customModelName: _omitted, ...input } = jobInput("no-model-name");
    const error = await rejection(input as CreateModelCustomizationJobCommandInput);
    expect(error.message).toBe(
      "1 validation error detected: Value null at 'customModelName' failed to satisfy constraint: Member must not be null",
    );
  });

  test("an enum value the model does not list, and a tag value with a forbidden character", async () => {
    const error = await rejection(
      jobInput("bad-enum", {
        customizationType: "SUPERVISED" as CreateModelCustomizationJobCommandInput["customizationType"],
        jobTags: [{ key: "owner", value: "ops#1" }],
      }),
    );
    expect(error.message).toBe(
      "2 validation errors detected: " +
        "Value 'SUPERVISED' at 'customizationType' failed to satisfy constraint: Member must satisfy enum value set: [FINE_TUNING, CONTINUED_PRE_TRAINING, DISTILLATION, REINFORCEMENT_FINE_TUNING, IMPORTED]; " +
        "Value 'ops#1' at 'jobTags.1.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9\\s._:/=+@-]*$",
    );
  });

  test("hyperparameter values that are numbers, not strings: SerializationException", async () => {
    const error = await rejection(
      jobInput("numeric-hp", { hyperParameters: { epochCount: 2 } as unknown as Record<string, string> }),
    );
    expect(error.name).toBe("SerializationException");
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toContain("NUMBER_VALUE can not be converted to a String");
    expect(error.message).toContain("hyperParameters.epochCount");
  });
});

describe("query-string members", () => {
  test("maxResults out of range", async () => {
    const error = await caught(() => client.send(new ListModelCustomizationJobsCommand({ maxResults: 0 })));
    expect(error.message).toBe(
      "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  test("a status outside the enum", async () => {
    const error = await caught(() =>
      client.send(new ListModelCustomizationJobsCommand({ statusEquals: "Running" as "InProgress" })),
    );
    expect(error.message).toContain(
      "at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set:",
    );
  });
});

describe("raw HTTP", () => {
  async function post(path: string, body: string) {
    const response = await fetch(`${bedrock.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    return {
      status: response.status,
      type: response.headers.get("x-amzn-errortype"),
      body: (await response.json()) as { message: string },
    };
  }

  test("an unknown member is refused (stricter than AWS, which ignores it)", async () => {
    const answer = await post(
      "/model-customization-jobs",
      JSON.stringify({ ...jobInput("raw-1"), jobname: "x" }),
    );
    expect(answer).toMatchObject({ status: 400, type: "SerializationException" });
    expect(answer.body.message).toContain('Unrecognized field "jobname"');
  });

  test("a body that is not JSON", async () => {
    const answer = await post("/model-customization-jobs", "{not json");
    expect(answer).toMatchObject({ status: 400, type: "SerializationException" });
  });

  test("a union with two members set", async () => {
    const answer = await post(
      "/model-customization-jobs",
      JSON.stringify({
        ...jobInput("raw-2"),
        customizationConfig: {
          distillationConfig: { teacherModelConfig: { teacherModelIdentifier: "a.b" } },
          other: {},
        },
      }),
    );
    expect(answer).toMatchObject({ status: 400, type: "SerializationException" });
  });

  test("a query integer that is not a number", async () => {
    const response = await fetch(`${bedrock.url}/model-customization-jobs?maxResults=ten`);
    expect(response.status).toBe(400);
    expect(response.headers.get("x-amzn-errortype")).toBe("SerializationException");
  });

  test("responses carry timestamps in the model's format (date-time for Bedrock)", async () => {
    await s3.put("data", "train.jsonl", "{}\n");
    const created = await post("/model-customization-jobs", JSON.stringify(jobInput("raw-3")));
    expect(created.status).toBe(201);
    const response = await fetch(`${bedrock.url}/model-customization-jobs/raw-3`);
    const job = (await response.json()) as { creationTime: unknown; status: string };
    expect(job.creationTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(job.status).toBe("InProgress");
  });

  test("a path no operation serves", async () => {
    const response = await fetch(`${bedrock.url}/no-such-thing`);
    expect(response.status).toBe(404);
    expect(response.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
    expect(bedrock.requests().at(-1)?.operation).toBe("Unknown");
  });
});
