import { datasetKey } from "@tunegate/core";
import { sha256File } from "@tunegate/files";
import { SLOW_DOWN, s3, s3ErrorBody } from "@tunegate/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { uploadDataset } from "../src/dataset-upload";
import { createS3Client } from "../src/s3-client";
import { explainS3Error, S3DatasetError } from "../src/s3-errors";
import { writeDataset } from "./support/files";
import { type LocalS3, startLocalS3 } from "./support/local-s3";

let s3env: LocalS3;
let dataset: { file: string; sha256: string; bytes: number; key: string };

beforeAll(async () => {
  s3env = await startLocalS3();
  const file = await writeDataset(s3env.scratch, "train.jsonl", 32);
  const digest = await sha256File(file);
  dataset = {
    file,
    ...digest,
    key: datasetKey({ prefix: "tunegate/", model: "m", sha256: digest.sha256, role: "train" }),
  };
});
afterAll(async () => {
  await s3env?.close();
});
beforeEach(() => {
  s3env.proxy.reset();
});

async function failure(extra: { bucket?: string; kmsKeyId?: string } = {}, client = s3env.client) {
  const error = await uploadDataset({ client, bucket: s3env.bucket, ...dataset, ...extra }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(S3DatasetError);
  return error as S3DatasetError;
}

describe("S3 errors reach the user with the likely fix", () => {
  it("AccessDenied on PutObject names s3:PutObject and, with a KMS key, kms:GenerateDataKey", async () => {
    s3env.proxy.inject({
      match: s3.putObject(),
      status: 403,
      body: s3ErrorBody("AccessDenied", "Access Denied"),
    });

    const error = await failure({ kmsKeyId: "alias/datasets" });

    expect(error.code).toBe("AccessDenied");
    expect(error.status).toBe(403);
    expect(error.message).toContain(`s3:PutObject on arn:aws:s3:::${s3env.bucket}/${dataset.key}`);
    expect(error.message).toContain('kms:GenerateDataKey on KMS key "alias/datasets"');
  });

  it("a 403 on HeadObject (no body) asks for s3:GetObject and s3:ListBucket", async () => {
    // Twice: the first HEAD asks for the stored checksum, the second (after a 403) does not.
    s3env.proxy.inject({ match: s3.headObject(), status: 403, times: 2 });

    const error = await failure();

    expect(error.status).toBe(403);
    expect(error.message).toMatch(/^Checking s3:\/\//);
    expect(error.message).toContain("s3:GetObject");
    expect(error.message).toContain(`s3:ListBucket on arn:aws:s3:::${s3env.bucket}`);
    expect(s3env.proxy.requests.map((r) => r.method)).toEqual(["HEAD", "HEAD"]);
  });

  it("NoSuchBucket from the server names the bucket and the Region", async () => {
    const error = await failure({ bucket: "tunegate-missing" });

    expect(error.code).toBe("NoSuchBucket");
    expect(error.message).toMatch(/^Bucket "tunegate-missing" does not exist \(looked in us-west-2\)/);
  });

  it("a bucket in another Region (301 on HeadObject) says which Region and why it matters to Bedrock", async () => {
    s3env.proxy.inject({
      match: s3.headObject(),
      status: 301,
      headers: { "x-amz-bucket-region": "eu-west-1" },
    });

    const error = await failure();

    expect(error.status).toBe(301);
    expect(error.message).toMatch(/^Bucket "tunegate-datasets" is in Region eu-west-1, not us-west-2/);
    expect(error.message).toContain("customization job's own Region");
  });

  it("PermanentRedirect with a body on PutObject is read the same way", async () => {
    s3env.proxy.inject({
      match: s3.putObject(),
      status: 301,
      headers: { "x-amz-bucket-region": "ap-south-1", "content-type": "application/xml" },
      body: s3ErrorBody(
        "PermanentRedirect",
        "The bucket you are attempting to access must be addressed using the specified endpoint.",
      ),
    });

    const error = await failure();

    expect(error.code).toBe("PermanentRedirect");
    expect(error.message).toContain("Region ap-south-1");
  });

  it("throttling that outlasts the retries says it is temporary", async () => {
    const impatient = createS3Client({
      endpoint: s3env.proxy.url,
      region: "us-west-2",
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      maxAttempts: 2,
      env: {},
    });
    s3env.proxy.inject({ match: s3.putObject(), times: 2, ...SLOW_DOWN });

    const error = await failure({}, impatient);
    impatient.destroy();

    expect(error.code).toBe("SlowDown");
    expect(error.message).toContain("retries ran out");
    expect(s3env.proxy.requests.filter(s3.putObject())).toHaveLength(2);
  });

  it("an endpoint nobody listens on points at the endpoint settings", async () => {
    const nowhere = createS3Client({
      endpoint: "http://127.0.0.1:9",
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      maxAttempts: 1,
      env: {},
    });

    const error = await failure({}, nowhere);
    nowhere.destroy();

    expect(error.code).toBe("ECONNREFUSED");
    expect(error.message).toContain("AWS_ENDPOINT_URL_S3");
  });
});

describe("explainS3Error", () => {
  const context = {
    operation: "PutObject" as const,
    bucket: "b-1",
    key: "k/train.jsonl",
    region: "us-west-2",
  };

  it("reads the expected Region from AuthorizationHeaderMalformed", () => {
    const error = Object.assign(
      new Error(
        "The authorization header is malformed; the region 'us-west-2' is wrong; expecting 'us-east-1'",
      ),
      { name: "AuthorizationHeaderMalformed", $metadata: { httpStatusCode: 400 } },
    );
    expect(explainS3Error(error, context).message).toMatch(
      /^Bucket "b-1" is in Region us-east-1, not us-west-2/,
    );
  });

  it("points KMS failures at the key", () => {
    const error = Object.assign(new Error("Invalid keyId alias/nope"), {
      name: "KMS.NotFoundException",
      $metadata: { httpStatusCode: 400 },
    });
    const explained = explainS3Error(error, { ...context, kmsKeyId: "alias/nope" });
    expect(explained.code).toBe("KMS.NotFoundException");
    expect(explained.hint).toContain('KMS key "alias/nope"');
  });

  it("keeps the original error as the cause", () => {
    const original = Object.assign(new Error("Access Denied"), { name: "AccessDenied" });
    expect(explainS3Error(original, context).cause).toBe(original);
  });
});
