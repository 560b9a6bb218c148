import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { type LocalS3, startS3 } from "@tunegate/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir, tunegate } from "./run";

/** A real 1x1 PNG. */
const PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const PNG = Buffer.from(PNG_BASE64, "base64");
const SHA = createHash("sha256").update(PNG).digest("hex");
const BUCKET = "media-bucket";
const NOVA_LITE = "amazon.nova-lite-v1:0:300k";

const withImage = (url: string) =>
  JSON.stringify({
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: "Which queue does this receipt go to?" },
          { type: "image_url", image_url: { url } },
        ],
      },
      { role: "assistant", content: "ROUTE: billing" },
    ],
  });
const plain = (i = 0) =>
  JSON.stringify({
    messages: [
      { role: "user", content: `My card was charged twice (ticket ${i}).` },
      { role: "assistant", content: "ROUTE: billing" },
    ],
  });
/** Seven text records beside the image one: Nova Lite trains on at least eight. */
const others = Array.from({ length: 7 }, (_, i) => `${plain(i)}\n`).join("");

let s3: LocalS3;
let client: S3Client;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  s3 = await startS3({ buckets: [BUCKET] });
  env = {
    AWS_REGION: "us-east-1",
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
    AWS_PROFILE: undefined,
  };
  client = new S3Client({
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: s3.credentials,
  });
});
afterAll(async () => {
  client?.destroy();
  await s3?.close();
});

const keys = async (prefix: string) =>
  ((await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }))).Contents ?? []).map(
    (o) => o.Key,
  );

describe("tunegate convert --upload-media", () => {
  it("uploads a base64 PNG under its SHA-256 key, references it, validates clean, and sends nothing the second time", async () => {
    const dir = tempDir();
    const input = join(dir, "openai.jsonl");
    writeFileSync(input, `${withImage(`data:image/png;base64,${PNG_BASE64}`)}\n${others}`);
    const output = join(dir, "nova.jsonl");
    const args = [
      "convert",
      input,
      "--to",
      NOVA_LITE,
      "-o",
      output,
      "--upload-media",
      `s3://${BUCKET}/media`,
    ];
    const uri = `s3://${BUCKET}/media/${SHA}.png`;

    const first = await tunegate(args, { env });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Media: 1 image uploaded, 0 already there");
    expect(first.stdout).toContain(`uploaded ${uri} (${PNG.length} bytes)`);
    expect(first.stdout).toContain("8 records: 8 written (8 exactly), 0 left out");
    expect(first.stdout).toMatch(/checked under Amazon Nova Lite: 0 errors, 0 warnings/);
    expect(await keys("media/")).toEqual([`media/${SHA}.png`]);
    const stored = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `media/${SHA}.png` }));
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(PNG)).toBe(true);
    expect(stored.ContentType).toBe("image/png");
    const [record] = readFileSync(output, "utf8").trim().split("\n");
    expect(JSON.parse(record!).messages[0].content[1]).toEqual({
      image: { format: "png", source: { s3Location: { uri } } },
    });

    const second = await tunegate(args, { env });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("Media: 0 images uploaded, 1 already there");
    expect(second.stdout).toContain(`already there ${uri}`);
    expect(readFileSync(output, "utf8").split("\n")[0]).toBe(record);
  });

  it("names the line of an image that does not decode, and leaves the record out", async () => {
    const dir = tempDir();
    const input = join(dir, "openai.jsonl");
    const notPng = Buffer.from("these bytes are not an image").toString("base64");
    writeFileSync(
      input,
      `${plain()}\n${withImage(`data:image/png;base64,${notPng}`)}\n${withImage("data:image/png;base64,@@@")}\n`,
    );
    const r = await tunegate(
      [
        "convert",
        input,
        "--to",
        NOVA_LITE,
        "-o",
        join(dir, "out.jsonl"),
        "--upload-media",
        `s3://${BUCKET}/bad/`,
      ],
      { env },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${input}:2: not converted:\n  - messages[0].content[1]: an inline image that cannot be uploaded: its bytes are not a png image`,
    );
    expect(r.stdout).toContain(
      `${input}:3: not converted:\n  - messages[0].content[1]: an inline image that cannot be uploaded: its base64 does not decode`,
    );
    expect(r.stdout).toContain("3 records: 1 written (1 exactly), 2 left out");
    expect(await keys("bad/")).toEqual([]);
  });

  it("with --dry-run lists the upload and sends nothing; images by URL stay reported, never fetched", async () => {
    const dir = tempDir();
    const input = join(dir, "openai.jsonl");
    writeFileSync(
      input,
      `${withImage(`data:image/png;base64,${PNG_BASE64}`)}\n${withImage(`${s3.endpoint}/${BUCKET}/media/${SHA}.png`)}\n`,
    );
    const r = await tunegate(
      [
        "convert",
        input,
        "--to",
        NOVA_LITE,
        "-o",
        join(dir, "out.jsonl"),
        "--upload-media",
        `s3://${BUCKET}/dry/`,
        "--dry-run",
      ],
      { env },
    );
    expect(r.stdout).toContain("Media (dry run): 1 image would be uploaded; nothing was sent");
    expect(r.stdout).toContain(`would upload s3://${BUCKET}/dry/${SHA}.png (${PNG.length} bytes)`);
    expect(r.stdout).toContain(
      `${input}:2: not converted:\n  - messages[0].content[1]: an image by URL (Bedrock reads media from S3 only, and convert does not fetch the URLs a dataset names`,
    );
    expect(r.code).toBe(1);
    expect(await keys("dry/")).toEqual([]);
  });

  it("refuses a prefix Bedrock cannot read and a target that takes no images, before reading anything", async () => {
    const dir = tempDir();
    const input = join(dir, "openai.jsonl");
    writeFileSync(input, `${plain()}\n`);
    const bad = await tunegate(
      ["convert", input, "--to", NOVA_LITE, "--upload-media", "s3://Bad_Bucket/x/"],
      { env },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--upload-media s3://Bad_Bucket/x/");
    const micro = await tunegate(
      ["convert", input, "--to", "amazon.nova-micro-v1:0:128k", "--upload-media", `s3://${BUCKET}/m/`],
      { env },
    );
    expect(micro.code).toBe(2);
    expect(micro.stderr).toContain("--upload-media is for targets that read images from S3");
  });
});
