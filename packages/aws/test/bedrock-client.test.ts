import { ListModelCustomizationJobsCommand } from "@aws-sdk/client-bedrock";
import { type BedrockStandIn, startBedrockStandIn } from "@tunegate/bedrock-local";
import { SMITHY } from "@tunegate/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBedrockClient } from "../src/bedrock-client";
import { explainBedrockError } from "../src/bedrock-errors";
import { BEDROCK_S3_URI_PATTERN } from "../src/s3-uri";

const credentials = { accessKeyId: "AKIDTEST", secretAccessKey: "secret" };
let standIn: BedrockStandIn;
beforeAll(async () => {
  standIn = await startBedrockStandIn({ s3: { endpoint: "http://127.0.0.1:9", credentials } });
});
afterAll(async () => {
  await standIn?.close();
});

async function listThrough(env: Record<string, string | undefined>): Promise<number> {
  const before = standIn.requests().length;
  const client = createBedrockClient({ credentials, env, maxAttempts: 1 });
  try {
    await client.send(new ListModelCustomizationJobsCommand({}));
  } finally {
    client.destroy();
  }
  return standIn.requests().length - before;
}

describe("createBedrockClient", () => {
  it("uses AWS_ENDPOINT_URL_BEDROCK before AWS_ENDPOINT_URL", async () => {
    expect(
      await listThrough({ AWS_ENDPOINT_URL_BEDROCK: standIn.url, AWS_ENDPOINT_URL: "http://127.0.0.1:9" }),
    ).toBe(1);
  });

  it("falls back to AWS_ENDPOINT_URL, and signs for AWS_REGION", async () => {
    expect(await listThrough({ AWS_ENDPOINT_URL: standIn.url, AWS_REGION: "us-west-2" })).toBe(1);
    const client = createBedrockClient({ credentials, env: { AWS_REGION: "eu-central-1" } });
    expect(await client.config.region()).toBe("eu-central-1");
    client.destroy();
  });

  it("ignores configured endpoints when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true", async () => {
    const client = createBedrockClient({
      credentials,
      env: {
        AWS_ENDPOINT_URL_BEDROCK: standIn.url,
        AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true",
        AWS_REGION: "us-west-2",
      },
    });
    const endpoint = await client.config.endpoint?.();
    expect(endpoint).toBeUndefined();
    client.destroy();
  });
});

describe("explainBedrockError", () => {
  const create = {
    operation: "CreateModelCustomizationJob" as const,
    region: "us-west-2",
    roleArn: "arn:aws:iam::1:role/R",
  };

  it("an AccessDenied without detail on create still points at PassRole and the Bedrock actions", () => {
    const error = Object.assign(new Error("You don't have access to this resource."), {
      name: "AccessDeniedException",
      $metadata: { httpStatusCode: 403, attempts: 1 },
    });
    const explained = explainBedrockError(error, create);
    expect(explained.hint).toMatch(/^Missing iam:PassRole or Bedrock permissions/);
    expect(explained.hint).toContain("bedrock:TagResource");
    expect(explained.message).toContain("HTTP 403");
  });

  it("bad credentials and an unreachable endpoint", () => {
    const creds = explainBedrockError(
      Object.assign(new Error("The security token included in the request is invalid."), {
        name: "UnrecognizedClientException",
        $metadata: { httpStatusCode: 403 },
      }),
      create,
    );
    expect(creds.hint).toContain("aws-actions/configure-aws-credentials");
    const refused = explainBedrockError(
      Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      create,
    );
    expect(refused.code).toBe("ECONNREFUSED");
    expect(refused.hint).toContain("AWS_ENDPOINT_URL_BEDROCK");
  });

  it("a missing job on Get is a missing job, not a missing base model", () => {
    const error = Object.assign(new Error("not found"), {
      name: "ResourceNotFoundException",
      $metadata: { httpStatusCode: 404 },
    });
    const explained = explainBedrockError(error, {
      operation: "GetModelCustomizationJob",
      jobIdentifier: "j1",
    });
    expect(explained.hint).toContain("No customization job j1 exists");
  });
});

describe("one S3 URI rule", () => {
  it("core's request check and the upload path use the same Smithy pattern", () => {
    expect(SMITHY.S3Uri.pattern.source).toBe(BEDROCK_S3_URI_PATTERN.source);
  });
});
