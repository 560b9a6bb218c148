import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { pipeline, Transform, type TransformCallback } from "node:stream";
import {
  AbortMultipartUploadCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  PutObjectCommand,
  type PutObjectCommandInput,
  type S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { s3Uri } from "@tunegate/core";
import {
  explainS3Error,
  type MultipartAbort,
  S3DatasetError,
  type S3ErrorContext,
  type S3Operation,
} from "./s3-errors";
import { assertBedrockS3Uri } from "./s3-uri";

/** S3's smallest allowed part (except the last). */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
/** Default part size; files up to this size go in one PUT. */
export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
/** Default number of parts in flight. */
export const DEFAULT_QUEUE_SIZE = 2;
/** Read size for multipart sources. */
const READ_CHUNK = 256 * 1024;
/** Object metadata entry (`x-amz-meta-sha256`) holding the file's hex SHA-256. */
export const SHA256_METADATA_KEY = "sha256";

export interface UploadProgress {
  /** File bytes S3 has acknowledged so far. */
  loaded: number;
  total: number;
}

export interface UploadDatasetInput {
  client: S3Client;
  bucket: string;
  key: string;
  /** Path of the local file. */
  file: string;
  /** Lowercase hex SHA-256 of the file, as computed by `sha256File`; it is checked again while sending. */
  sha256: string;
  bytes: number;
  /** The object's Content-Type (default application/jsonl, for datasets; images name theirs). */
  contentType?: string | undefined;
  /** SSE-KMS key id, alias or ARN; when set, the object is written with `aws:kms` encryption under it. */
  kmsKeyId?: string | undefined;
  onProgress?: ((progress: UploadProgress) => void) | undefined;
  /** Multipart part size (default 8 MiB, at least 5 MiB). Files no larger than one part go in one PUT. */
  partSize?: number | undefined;
  /** Parts in flight at once (default 2). Memory stays near (queueSize + 2) x partSize, whatever the file size. */
  queueSize?: number | undefined;
}

/** What was under the key before: nothing, the same bytes, or something else (which is overwritten). */
export type ExistingObject = "absent" | "same" | "different";

export interface UploadDatasetResult {
  uri: string;
  /** False when an identical object was already there and nothing was sent. */
  uploaded: boolean;
  /** File bytes sent (0 when skipped; retried requests are not counted twice). */
  bytesSent: number;
  multipart: boolean;
  existing: ExistingObject;
  /**
   * Set when `existing` is "different": an object under a content-addressed key did not match the file,
   * which means it was corrupted or written by something else. It has been overwritten.
   */
  warning?: string;
}

/**
 * Uploads one dataset file to its content-addressed key, unless an identical object is already there.
 *
 * Integrity: every upload carries a SHA-256 that S3 verifies before storing anything. Single PUTs send
 * the file's precomputed SHA-256 as `x-amz-checksum-sha256`, which S3 checks against the received
 * bytes (and it equals the hash in the key, so the check is end to end). Multipart uploads use
 * `ChecksumAlgorithm: SHA256`: the SDK sends each part's SHA-256 and S3 checks each part; the file's own
 * hash is recomputed while reading and the upload is aborted before completion if the file changed.
 * SHA-256 flexible checksums were chosen over `Content-MD5` because MD5 is weaker and would need a second
 * hash of the file. S3-compatible servers that predate flexible checksums ignore the header: s3rver 3.7
 * (used by the tests and the demo) verifies neither checksums nor Content-MD5, so against it the
 * protection is only the local re-hash. The object also gets `x-amz-meta-sha256`, which any server keeps
 * and which lets a later run recognise the object without downloading it.
 *
 * Memory: files up to one part are read into one buffer. A buffer, unlike a stream, can be re-sent when
 * the SDK retries a 503 SlowDown, and SigV4 then signs its SHA-256 too (`x-amz-content-sha256`, which
 * S3 also checks). Larger files stream through `@aws-sdk/lib-storage` in parts.
 *
 * Failure: a failed multipart upload is aborted (`leavePartsOnError: false`) so no invisible, billed
 * parts remain. Bucket and key are checked against Bedrock's S3 URI pattern before any request.
 */
export async function uploadDataset(input: UploadDatasetInput): Promise<UploadDatasetResult> {
  const { client, bucket, key, file, sha256, bytes, kmsKeyId, onProgress } = input;
  const uri = s3Uri(bucket, key);
  assertBedrockS3Uri(uri);
  if (!/^[0-9a-f]{64}$/.test(sha256)) {
    throw new Error(`sha256 must be 64 lowercase hex characters, got ${JSON.stringify(sha256)}`);
  }
  if (!Number.isSafeInteger(bytes) || bytes < 0)
    throw new Error(`bytes must be a non-negative integer, got ${bytes}`);
  if (kmsKeyId !== undefined && kmsKeyId.trim() === "")
    throw new Error("kmsKeyId is empty; omit it or name a key");
  const partSize = input.partSize ?? DEFAULT_PART_SIZE;
  const queueSize = input.queueSize ?? DEFAULT_QUEUE_SIZE;
  if (!Number.isSafeInteger(partSize) || partSize < MIN_PART_SIZE) {
    throw new Error(
      `partSize must be an integer of at least ${MIN_PART_SIZE} bytes (S3's minimum), got ${partSize}`,
    );
  }
  if (!Number.isSafeInteger(queueSize) || queueSize < 1)
    throw new Error(`queueSize must be at least 1, got ${queueSize}`);

  const region = await client.config.region().catch(() => undefined);
  const context = (operation: S3Operation): S3ErrorContext => ({ operation, bucket, key, region, kmsKeyId });

  const existing = await compareExisting(client, bucket, key, sha256, bytes).catch((error: unknown) => {
    throw explainS3Error(error, context("HeadObject"));
  });
  if (existing.state === "same") {
    return { uri, uploaded: false, bytesSent: 0, multipart: false, existing: "same" };
  }

  const params = {
    Bucket: bucket,
    Key: key,
    ContentType: input.contentType ?? "application/jsonl",
    Metadata: { [SHA256_METADATA_KEY]: sha256 },
    ...(kmsKeyId ? { ServerSideEncryption: "aws:kms" as const, SSEKMSKeyId: kmsKeyId } : {}),
  } satisfies Omit<PutObjectCommandInput, "Body">;
  const multipart = bytes > partSize;
  onProgress?.({ loaded: 0, total: bytes });
  if (multipart) {
    await sendMultipart({ client, params, file, sha256, bytes, partSize, queueSize, onProgress, context });
  } else {
    const body = await readUnchanged(file, sha256, bytes);
    await client
      .send(
        new PutObjectCommand({
          ...params,
          Body: body,
          ContentLength: bytes,
          ChecksumSHA256: hexToBase64(sha256),
        }),
      )
      .catch((error: unknown) => {
        throw explainS3Error(error, context("PutObject"));
      });
    onProgress?.({ loaded: bytes, total: bytes });
  }

  const result: UploadDatasetResult = {
    uri,
    uploaded: true,
    bytesSent: bytes,
    multipart,
    existing: existing.state,
  };
  if (existing.state === "different") {
    result.warning = `${uri} already held an object that does not match the file (${existing.why}); it was overwritten. Content-addressed keys should never change, so something else wrote there or the object was corrupted.`;
  }
  return result;
}

type Comparison = { state: "absent" } | { state: "same" } | { state: "different"; why: string };

async function compareExisting(
  client: S3Client,
  bucket: string,
  key: string,
  sha256: string,
  bytes: number,
): Promise<Comparison> {
  let head: HeadObjectCommandOutput;
  try {
    // ChecksumMode makes S3 return the stored ChecksumSHA256 when the object has one. On an SSE-KMS
    // object it also needs kms:Decrypt, which an upload-only role may lack: then ask again without it
    // and rely on the sha256 metadata.
    head = await client
      .send(new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: "ENABLED" }))
      .catch((error: unknown) => {
        if (statusOf(error) !== 403) throw error;
        return client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      });
  } catch (error) {
    if (isNotFound(error)) return { state: "absent" };
    throw error;
  }
  const stored = head.Metadata?.[SHA256_METADATA_KEY];
  const checksum = fullObjectSha256(head);
  if (head.ContentLength !== undefined && head.ContentLength !== bytes) {
    return { state: "different", why: `it has ${head.ContentLength} bytes, the file ${bytes}` };
  }
  if (checksum !== undefined && checksum !== sha256) {
    return { state: "different", why: `S3's stored SHA-256 checksum is ${checksum}` };
  }
  if (stored !== undefined && stored !== sha256) {
    return { state: "different", why: `its sha256 metadata is ${stored}` };
  }
  // Same metadata, or no metadata but a matching S3-computed checksum (an object written by another tool).
  if (stored === sha256 || checksum === sha256) return { state: "same" };
  return { state: "different", why: "it has no sha256 metadata or SHA-256 checksum to compare" };
}

/**
 * The object's SHA-256 as hex when the server says it covers the whole object (`ChecksumType:
 * FULL_OBJECT`). Multipart objects carry a checksum of the part checksums, which says nothing about the
 * file, and S3-compatible servers do not always mark it as such (no type, no "-<parts>" suffix): an
 * unmarked checksum is not trusted, and the sha256 metadata decides.
 */
function fullObjectSha256(head: HeadObjectCommandOutput): string | undefined {
  const value = head.ChecksumSHA256;
  if (!value || head.ChecksumType !== "FULL_OBJECT") return undefined;
  return Buffer.from(value, "base64").toString("hex");
}

function isNotFound(error: unknown): boolean {
  const name = typeof error === "object" && error !== null ? (error as { name?: unknown }).name : undefined;
  return name === "NotFound" || name === "NoSuchKey" || statusOf(error) === 404;
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const status = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode;
  return typeof status === "number" ? status : undefined;
}

/** Reads a small file and checks it is still the file that was hashed (its key depends on it). */
async function readUnchanged(file: string, sha256: string, bytes: number): Promise<Buffer> {
  // Check the size first so a file replaced by a much larger one is not read into memory.
  const { size } = await stat(file);
  if (size !== bytes) throw fileChanged(file, sha256, bytes, undefined, size);
  const body = await readFile(file);
  const actual = createHash("sha256").update(body).digest("hex");
  if (body.length !== bytes || actual !== sha256) throw fileChanged(file, sha256, bytes, actual, body.length);
  return body;
}

function fileChanged(
  file: string,
  sha256: string,
  bytes: number,
  actual: string | undefined,
  actualBytes: number,
): S3DatasetError {
  const hint = "Do not modify dataset files while tunegate uploads them; run the command again.";
  const found = `${actualBytes} bytes${actual ? ` with SHA-256 ${actual}` : ""}`;
  return new S3DatasetError(
    `${file} changed after it was hashed (expected ${bytes} bytes with SHA-256 ${sha256}, found ${found}). ${hint}`,
    { code: "FileChanged", status: undefined, hint, cause: undefined },
  );
}

interface MultipartInput {
  client: S3Client;
  params: Omit<PutObjectCommandInput, "Body">;
  file: string;
  sha256: string;
  bytes: number;
  partSize: number;
  queueSize: number;
  onProgress: ((progress: UploadProgress) => void) | undefined;
  context: (operation: S3Operation) => S3ErrorContext;
}

async function sendMultipart(input: MultipartInput): Promise<void> {
  const { client, params, file, sha256, bytes, partSize, queueSize, onProgress, context } = input;
  // Re-hash while streaming. The check runs when the file has been read, before the last part is
  // handed to the uploader, so a changed file fails the upload (and aborts it) instead of completing it.
  const hash = createHash("sha256");
  let seen = 0;
  let fileError: S3DatasetError | undefined;
  const verifier = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      hash.update(chunk);
      seen += chunk.length;
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      const actual = hash.digest("hex");
      if (actual !== sha256 || seen !== bytes) fileError = fileChanged(file, sha256, bytes, actual, seen);
      callback(fileError ?? null);
    },
  });
  // Errors reach the uploader through `verifier`; the callback only keeps pipeline from throwing them twice.
  // Small reads matter here: lib-storage concatenates them into parts, and every read chunk that spills
  // over a part boundary keeps one more part-sized buffer alive until the next part is assembled.
  pipeline(createReadStream(file, { highWaterMark: READ_CHUNK }), verifier, () => {});

  const observed = observeSends(client);
  const upload = new Upload({
    client: observed.client,
    params: { ...params, Body: verifier, ContentLength: bytes, ChecksumAlgorithm: "SHA256" },
    partSize,
    queueSize,
    leavePartsOnError: false,
  });
  upload.on("httpUploadProgress", (progress) => {
    onProgress?.({ loaded: progress.loaded ?? 0, total: progress.total ?? bytes });
  });
  try {
    await upload.done();
  } catch (error) {
    // When lib-storage's AbortMultipartUpload fails, its error replaces the one that caused the abort;
    // report the cause, and the failed abort as what it is (parts left behind).
    const cause = observed.firstFailure ?? fileError ?? error;
    const abort: MultipartAbort | undefined = upload.uploadId
      ? { uploadId: upload.uploadId, outcome: observed.abort.outcome, error: observed.abort.error }
      : undefined;
    throw explainS3Error(cause, { ...context("MultipartUpload"), abort });
  } finally {
    // Make sure the file is closed however the upload ended (a no-op when it was read to the end).
    verifier.destroy();
  }
}

/**
 * Wraps a client so that the commands lib-storage sends through it can be observed: the first command
 * that failed, and whether AbortMultipartUpload was sent and succeeded. The caller's client is not
 * modified; only `send` is intercepted.
 */
function observeSends(client: S3Client) {
  const state = {
    firstFailure: undefined as unknown,
    abort: { outcome: "not sent" as MultipartAbort["outcome"], error: undefined as unknown },
  };
  const send = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const wrapped = new Proxy(client, {
    get(target, property) {
      if (property !== "send") return Reflect.get(target, property, target);
      return async (command: unknown, ...rest: unknown[]) => {
        const isAbort = command instanceof AbortMultipartUploadCommand;
        try {
          const output = await send(command, ...rest);
          if (isAbort) state.abort.outcome = "aborted";
          return output;
        } catch (error) {
          if (isAbort) {
            state.abort = { outcome: "failed", error };
          } else {
            state.firstFailure ??= error;
          }
          throw error;
        }
      };
    },
  });
  return {
    client: wrapped,
    get firstFailure() {
      return state.firstFailure;
    },
    get abort() {
      return state.abort;
    },
  };
}

function hexToBase64(hex: string): string {
  return Buffer.from(hex, "hex").toString("base64");
}
