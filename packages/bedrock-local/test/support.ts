import { BedrockClient, type CreateModelCustomizationJobCommandInput } from "@aws-sdk/client-bedrock";
import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startS3 } from "@tunegate/testkit";

// s3rver's built-in key pair.
export const S3_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
const FAKE_CREDENTIALS = { accessKeyId: "AKIDTUNEGATETEST", secretAccessKey: "tunegate-test-secret" };

export interface LocalS3 {
  readonly endpoint: string;
  readonly client: S3Client;
  put(bucket: string, key: string, body: string): Promise<void>;
  close(): Promise<void>;
}

export async function startLocalS3(buckets: readonly string[]): Promise<LocalS3> {
  const server = await startS3({ buckets });
  const endpoint = server.endpoint;
  const client = new S3Client({
    endpoint,
    region: "us-west-2",
    forcePathStyle: true,
    credentials: S3_CREDENTIALS,
    // Without these the SDK sends aws-chunked bodies with checksum trailers that s3rver stores verbatim.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  return {
    endpoint,
    client,
    async put(bucket, key, body) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    },
    async close() {
      client.destroy();
      await server.close();
    },
  };
}

export function bedrockClient(endpoint: string, region = "us-west-2"): BedrockClient {
  return new BedrockClient({ endpoint, region, credentials: FAKE_CREDENTIALS });
}

export function runtimeClient(endpoint: string, region = "us-west-2"): BedrockRuntimeClient {
  return new BedrockRuntimeClient({ endpoint, region, credentials: FAKE_CREDENTIALS });
}

/** A valid Claude 3 Haiku training record. */
export function haikuRecord(index: number): string {
  return JSON.stringify({
    system: "You route support tickets.",
    messages: [
      { role: "user", content: `Ticket ${index}: my invoice is wrong` },
      { role: "assistant", content: `billing (${index})` },
    ],
  });
}

export function haikuFile(records: number): string {
  return `${Array.from({ length: records }, (_, index) => haikuRecord(index)).join("\n")}\n`;
}

export const ROLE_ARN = "arn:aws:iam::123456789012:role/tunegate-bedrock";
export const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0:200k";

/** A valid CreateModelCustomizationJob input for Claude 3 Haiku; tests override what they probe. */
export function jobInput(name: string, overrides: Partial<CreateModelCustomizationJobCommandInput> = {}) {
  return {
    jobName: name,
    customModelName: `${name}-model`,
    roleArn: ROLE_ARN,
    baseModelIdentifier: HAIKU,
    trainingDataConfig: { s3Uri: "s3://data/train.jsonl" },
    outputDataConfig: { s3Uri: "s3://data/output/" },
    hyperParameters: { epochCount: "2", batchSize: "8" },
    ...overrides,
  } satisfies CreateModelCustomizationJobCommandInput;
}

/** Runs `action` and returns what it threw (failing the test if it did not throw). */
export async function caught(
  action: () => Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await action();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
}
