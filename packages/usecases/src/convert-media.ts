import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertBedrockS3Uri, createS3Client, parseS3Uri, uploadDataset } from "@tunegate/aws";
import { type DecodedImage, type MediaSink, s3Uri, UserError } from "@tunegate/core";

/** One image the conversion referenced: where it is, and whether this run sent it. */
export interface MediaObject {
  uri: string;
  bytes: number;
  /** "uploaded" sent now; "present" already there, identical; "planned" a dry run sends nothing. */
  state: "uploaded" | "present" | "planned";
}

export interface MediaUploads {
  sink: MediaSink;
  /** Each distinct image once, in the order first met. */
  objects(): MediaObject[];
  close(): void;
}

/** `s3://bucket/prefix/`: the bucket and a key prefix that is empty or ends in "/". */
export function parseMediaPrefix(uri: string): { bucket: string; prefix: string } {
  const parsed = parseS3Uri(uri);
  if (!parsed || parsed.bucket === "")
    throw new UserError(`--upload-media takes an S3 prefix such as s3://my-bucket/media/; got "${uri}".`);
  const prefix = parsed.key === "" || parsed.key.endsWith("/") ? parsed.key : `${parsed.key}/`;
  try {
    // The longest key below the prefix: a SHA-256 and the longest extension.
    assertBedrockS3Uri(s3Uri(parsed.bucket, `${prefix}${"0".repeat(64)}.jpeg`));
  } catch (err) {
    throw new UserError(`--upload-media ${uri}: ${(err as Error).message}`);
  }
  return { bucket: parsed.bucket, prefix };
}

/**
 * Stores decoded images under `<prefix><sha256>.<format>`: the same bytes always get the same key, so an
 * image already in the bucket (from an earlier run, or another record) is referenced without sending it
 * again. The upload is the datasets' one (checksummed, skipped when identical); it reads from a file, so
 * each image passes through a private temporary directory removed on close.
 */
export function mediaUploads(
  target: { bucket: string; prefix: string },
  options: { dryRun: boolean; env: NodeJS.ProcessEnv },
): MediaUploads {
  const seen = new Map<string, Promise<MediaObject>>();
  const objects: MediaObject[] = [];
  let client: ReturnType<typeof createS3Client> | undefined;
  let dir: string | undefined;
  const store = async (image: DecodedImage, sha256: string, uri: string): Promise<MediaObject> => {
    const key = uri.slice(`s3://${target.bucket}/`.length);
    const object: MediaObject = { uri, bytes: image.bytes.length, state: "planned" };
    objects.push(object);
    if (options.dryRun) return object;
    dir ??= mkdtempSync(join(tmpdir(), "tunegate-media-"));
    const file = join(dir, `${sha256}.${image.format}`);
    writeFileSync(file, image.bytes);
    client ??= createS3Client({ env: { ...options.env } });
    const result = await uploadDataset({
      client,
      bucket: target.bucket,
      key,
      file,
      sha256,
      bytes: image.bytes.length,
      contentType: `image/${image.format}`,
    });
    rmSync(file, { force: true });
    object.state = result.uploaded ? "uploaded" : "present";
    return object;
  };
  return {
    sink: async (image) => {
      const sha256 = createHash("sha256").update(image.bytes).digest("hex");
      const uri = s3Uri(target.bucket, `${target.prefix}${sha256}.${image.format}`);
      let stored = seen.get(uri);
      if (!stored) {
        stored = store(image, sha256, uri);
        seen.set(uri, stored);
      }
      return (await stored).uri;
    },
    objects: () => objects,
    close() {
      client?.destroy();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
