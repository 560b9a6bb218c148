// Marking a reported job on the Bedrock stand-in, and the warning when tagging is denied.
import {
  BedrockClient,
  CreateModelCustomizationJobCommand,
  ListTagsForResourceCommand,
} from "@aws-sdk/client-bedrock";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { type BedrockStandIn, startBedrockStandIn } from "@tunegate/bedrock-local";
import { type LocalS3, startS3 } from "@tunegate/testkit";
import { afterAll, beforeAll, expect, it } from "vitest";
import { markJobReported, REPORTED_TAG, reportedStatus } from "../src/job-report-tag";
import { createS3Client } from "../src/s3-client";

const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
let s3server: LocalS3;
let bedrock: BedrockStandIn;
let control: BedrockClient;
let jobArn: string;

beforeAll(async () => {
  s3server = await startS3({ buckets: ["data"] });
  const s3 = createS3Client({
    endpoint: s3server.endpoint,
    region: "us-west-2",
    credentials: CREDENTIALS,
    env: {},
  });
  const line = JSON.stringify({
    messages: [
      { role: "user", content: "q" },
      { role: "assistant", content: "a" },
    ],
  });
  await s3.send(
    new PutObjectCommand({
      Bucket: "data",
      Key: "train.jsonl",
      Body: `${Array(40).fill(line).join("\n")}\n`,
    }),
  );
  s3.destroy();
  bedrock = await startBedrockStandIn({ s3: { endpoint: s3server.endpoint, credentials: CREDENTIALS } });
  control = new BedrockClient({
    endpoint: bedrock.url,
    region: "us-west-2",
    credentials: { accessKeyId: "AKID", secretAccessKey: "s" },
  });
  const out = await control.send(
    new CreateModelCustomizationJobCommand({
      jobName: "tag-job",
      customModelName: "tag-model",
      roleArn: "arn:aws:iam::123456789012:role/bedrock",
      baseModelIdentifier: "anthropic.claude-3-haiku-20240307-v1:0:200k",
      trainingDataConfig: { s3Uri: "s3://data/train.jsonl" },
      outputDataConfig: { s3Uri: "s3://data/out/" },
      jobTags: [{ key: "tunegate:model", value: "m" }],
    }),
  );
  jobArn = out.jobArn!;
});

afterAll(async () => {
  control.destroy();
  await bedrock.close();
  await s3server.close();
});

it("adds the reported tag next to the job's own tags", async () => {
  expect(await markJobReported(control, jobArn, "Completed")).toBeUndefined();
  const { tags } = await control.send(new ListTagsForResourceCommand({ resourceARN: jobArn }));
  const plain = (tags ?? []).map((t) => ({ key: t.key!, value: t.value! }));
  expect(plain).toEqual([
    { key: "tunegate:model", value: "m" },
    { key: REPORTED_TAG, value: "Completed" },
  ]);
  expect(reportedStatus(plain)).toBe("Completed");
  expect(reportedStatus([])).toBeUndefined();
});

it("returns a warning, not an error, when tagging is denied", async () => {
  bedrock.injectFault({ operation: "TagResource", errorType: "AccessDeniedException" });
  const warning = await markJobReported(control, jobArn, "Failed");
  expect(warning).toMatch(/AccessDeniedException.*Grant bedrock:TagResource/);
});
