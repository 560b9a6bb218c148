// Injected faults reach the SDK as the real service's errors: throttling is retried by the SDK's
// standard retry strategy, access errors are not.
import { CreateModelCustomizationJobCommand, GetModelCustomizationJobCommand } from "@aws-sdk/client-bedrock";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type BedrockStandIn, passRoleDeniedMessage, startBedrockStandIn } from "../src/index.js";
import {
  bedrockClient,
  caught,
  haikuFile,
  jobInput,
  type LocalS3,
  ROLE_ARN,
  S3_CREDENTIALS,
  startLocalS3,
} from "./support.js";

let s3: LocalS3;
let bedrock: BedrockStandIn;

beforeAll(async () => {
  s3 = await startLocalS3(["data"]);
  await s3.put("data", "train.jsonl", haikuFile(40));
  bedrock = await startBedrockStandIn({ s3: { endpoint: s3.endpoint, credentials: S3_CREDENTIALS } });
});

afterAll(async () => {
  await bedrock.close();
  await s3.close();
});

test("two 429 ThrottlingException answers are retried by the SDK until the job is created", async () => {
  const client = bedrockClient(bedrock.url);
  bedrock.injectFault({
    operation: "CreateModelCustomizationJob",
    errorType: "ThrottlingException",
    times: 2,
  });
  const created = await client.send(new CreateModelCustomizationJobCommand(jobInput("throttled-1")));
  expect(created.$metadata.attempts).toBe(3);
  const attempts = bedrock
    .requests()
    .filter((request) => request.operation === "CreateModelCustomizationJob");
  expect(attempts.map((request) => [request.status, request.errorType])).toEqual([
    [429, "ThrottlingException"],
    [429, "ThrottlingException"],
    [201, undefined],
  ]);
  // The SDK's idempotency token is the same on every attempt, and only one job exists.
  const tokens = new Set(attempts.map((request) => request.input?.clientRequestToken));
  expect(tokens.size).toBe(1);
  expect(bedrock.jobs().filter((job) => job.jobName === "throttled-1")).toHaveLength(1);
  client.destroy();
});

test("throttling beyond the SDK's attempts surfaces as ThrottlingException", async () => {
  const client = bedrockClient(bedrock.url);
  bedrock.injectFault({ operation: "GetModelCustomizationJob", errorType: "ThrottlingException", times: 3 });
  const error = await caught(() =>
    client.send(new GetModelCustomizationJobCommand({ jobIdentifier: "throttled-1" })),
  );
  expect(error.name).toBe("ThrottlingException");
  expect(error.$metadata?.httpStatusCode).toBe(429);
  expect(error.message).toBe("Too many requests, please wait before trying again.");
  // The fault is used up: the next call succeeds.
  const job = await client.send(new GetModelCustomizationJobCommand({ jobIdentifier: "throttled-1" }));
  expect(job.jobName).toBe("throttled-1");
  client.destroy();
});

test("a 403 AccessDeniedException for iam:PassRole is not retried", async () => {
  const client = bedrockClient(bedrock.url);
  const principal = "arn:aws:sts::123456789012:assumed-role/tunegate-ci/github-actions";
  bedrock.injectFault({
    operation: "CreateModelCustomizationJob",
    errorType: "AccessDeniedException",
    message: passRoleDeniedMessage(principal, ROLE_ARN),
  });
  const error = await caught(() => client.send(new CreateModelCustomizationJobCommand(jobInput("denied-1"))));
  expect(error.name).toBe("AccessDeniedException");
  expect(error.$metadata?.httpStatusCode).toBe(403);
  expect(error.message).toBe(
    `User: ${principal} is not authorized to perform: iam:PassRole on resource: ${ROLE_ARN} because no identity-based policy allows the iam:PassRole action`,
  );
  expect(bedrock.requests().filter((request) => request.input?.jobName === "denied-1")).toHaveLength(1);
  expect(bedrock.jobs().some((job) => job.jobName === "denied-1")).toBe(false);
  client.destroy();
});
