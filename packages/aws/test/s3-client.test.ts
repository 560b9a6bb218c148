import { Readable } from "node:stream";
import { HeadBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createS3Client } from "../src/s3-client";
import { type LocalS3, startLocalS3 } from "./support/local-s3";

const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
let s3env: LocalS3;
beforeAll(async () => {
  s3env = await startLocalS3();
});
afterAll(async () => {
  await s3env?.close();
});
beforeEach(() => {
  s3env.proxy.reset();
});

async function headBucketThrough(env: Record<string, string | undefined>) {
  const client = createS3Client({ credentials, env });
  try {
    await client.send(new HeadBucketCommand({ Bucket: s3env.bucket }));
  } finally {
    client.destroy();
  }
}

describe("createS3Client", () => {
  it("uses AWS_ENDPOINT_URL_S3, path-style, before AWS_ENDPOINT_URL", async () => {
    await headBucketThrough({ AWS_ENDPOINT_URL_S3: s3env.proxy.url, AWS_ENDPOINT_URL: "http://127.0.0.1:9" });
    expect(s3env.proxy.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`HEAD /${s3env.bucket}/`]);
  });

  it("falls back to AWS_ENDPOINT_URL", async () => {
    await headBucketThrough({ AWS_ENDPOINT_URL: s3env.proxy.url });
    expect(s3env.proxy.requests).toHaveLength(1);
  });

  it("ignores configured endpoints when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true", async () => {
    const client = createS3Client({
      credentials,
      region: "us-west-2",
      env: { AWS_ENDPOINT_URL_S3: s3env.proxy.url, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" },
    });
    expect(client.config.forcePathStyle).toBe(false);
    expect(client.config.isCustomEndpoint).toBe(false);
    client.destroy();
  });

  it("takes the Region from AWS_REGION, and signs for us-east-1 on a custom endpoint without one", async () => {
    const fromEnv = createS3Client({ credentials, env: { AWS_REGION: "eu-central-1" } });
    const local = createS3Client({ credentials, endpoint: s3env.proxy.url, env: {} });
    expect(await fromEnv.config.region()).toBe("eu-central-1");
    expect(await local.config.region()).toBe("us-east-1");
    fromEnv.destroy();
    local.destroy();
  });

  it("makes 5 attempts in all when S3 keeps answering 503", async () => {
    s3env.proxy.inject({ match: (r) => r.method === "HEAD", times: 5, status: 503 });
    const error = await headBucketThrough({ AWS_ENDPOINT_URL_S3: s3env.proxy.url }).catch((e: unknown) => e);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 503, attempts: 5 } });
    expect(s3env.proxy.requests.map((r) => r.status)).toEqual([503, 503, 503, 503, 503]);
  });

  it("sends a streaming body as is, so S3-compatible servers without aws-chunked support store it intact", async () => {
    // With the SDK default (WHEN_SUPPORTED) this body would go out aws-chunked with a CRC32 trailer, and
    // s3rver 3.7 would store the chunk framing as part of the object.
    const client = createS3Client({ credentials, endpoint: s3env.proxy.url, env: {} });
    const text = '{"prompt": "p", "completion": "c"}\n'.repeat(1000);
    await client.send(
      new PutObjectCommand({
        Bucket: s3env.bucket,
        Key: "stream.jsonl",
        Body: Readable.from([Buffer.from(text)]),
        ContentLength: text.length,
      }),
    );
    const put = s3env.proxy.requests.find((r) => r.method === "PUT");
    expect(put?.headers["content-encoding"]).toBeUndefined();
    expect(put?.headers["x-amz-trailer"]).toBeUndefined();
    expect(await (await fetch(`${s3env.s3rverUrl}/${s3env.bucket}/stream.jsonl`)).text()).toBe(text);
    expect(await client.config.requestChecksumCalculation()).toBe("WHEN_REQUIRED");
    client.destroy();
  });
});
