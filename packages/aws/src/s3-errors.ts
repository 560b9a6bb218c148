import { UserError } from "@tunegate/core";

/**
 * Turns S3 SDK failures into messages a tunegate user can act on: what went wrong, in the user's terms,
 * and the likely fix (an IAM action, a Region, a bucket name).
 */

export type S3Operation = "HeadObject" | "PutObject" | "MultipartUpload";

export interface S3ErrorContext {
  operation: S3Operation;
  bucket: string;
  key: string;
  /** Region the client signs for, when known. */
  region?: string | undefined;
  kmsKeyId?: string | undefined;
  /** A multipart upload that had started before the failure, and what became of it. */
  abort?: MultipartAbort | undefined;
}

export interface MultipartAbort {
  uploadId: string;
  /** Whether AbortMultipartUpload was sent after the failure, and whether S3 accepted it. */
  outcome: "aborted" | "failed" | "not sent";
  /** The abort's own error when `outcome` is "failed". */
  error?: unknown;
}

/** Error raised by the dataset upload path; `cause` keeps the original SDK or network error. */
export class S3DatasetError extends UserError {
  override readonly name = "S3DatasetError";
  /** S3 error code (`AccessDenied`, `NoSuchBucket`, ...) or a Node network code (`ECONNREFUSED`). */
  readonly code: string;
  readonly status: number | undefined;
  /** The likely fix, already part of `message`; separate so a CLI can format it. */
  readonly hint: string;
  constructor(
    message: string,
    details: { code: string; status: number | undefined; hint: string; cause: unknown },
  ) {
    super(message, { fix: details.hint, cause: details.cause });
    this.code = details.code;
    this.status = details.status;
    this.hint = details.hint;
  }
}

const OPERATION_TEXT: Record<S3Operation, string> = {
  HeadObject: "Checking",
  PutObject: "Uploading to",
  MultipartUpload: "Uploading (multipart) to",
};

const CREDENTIAL_CODES = new Set([
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
  "ExpiredToken",
  "TokenRefreshRequired",
  "InvalidToken",
  "CredentialsProviderError",
]);
const TRANSIENT_CODES = new Set([
  "SlowDown",
  "ServiceUnavailable",
  "InternalError",
  "RequestTimeout",
  "TimeoutError",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
]);
const INTEGRITY_CODES = new Set(["BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch"]);
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

export function explainS3Error(error: unknown, context: S3ErrorContext): S3DatasetError {
  if (error instanceof S3DatasetError) {
    if (!context.abort) return error;
    const note = abortNote(context.abort, context);
    return new S3DatasetError(`${error.message} ${note}`, {
      code: error.code,
      status: error.status,
      hint: `${error.hint} ${note}`,
      cause: error.cause,
    });
  }
  const { code, status, serverMessage, bucketRegion } = inspect(error);
  const { bucket, key, region, kmsKeyId, operation } = context;
  const where = `s3://${bucket}/${key}`;
  const objectArn = `arn:aws:s3:::${bucket}/${key}`;
  let summary = `${OPERATION_TEXT[operation]} ${where} failed: ${code}${status ? ` (HTTP ${status})` : ""}`;
  if (serverMessage && serverMessage !== code) summary += ` - ${serverMessage}`;
  let hint: string;

  const redirected =
    code === "PermanentRedirect" ||
    code === "AuthorizationHeaderMalformed" ||
    code === "IllegalLocationConstraintException" ||
    status === 301;
  if (redirected) {
    const actual = bucketRegion ?? regionFromMessage(serverMessage);
    summary = `Bucket "${bucket}" is in ${actual ? `Region ${actual}` : "another Region"}${region ? `, not ${region}` : ""} (${code}${status ? `, HTTP ${status}` : ""})`;
    hint =
      `Set the Region to ${actual ?? "the bucket's Region"} (config or AWS_REGION). Bedrock reads training data only ` +
      "from a bucket in the customization job's own Region, so use a bucket in the job's Region or run the job there.";
  } else if (code === "NoSuchBucket") {
    summary = `Bucket "${bucket}" does not exist${region ? ` (looked in ${region})` : ""}`;
    hint =
      "Check the bucket name in the tunegate config, or create the bucket in the Region of the Bedrock job.";
  } else if (code.startsWith("KMS.") || (kmsKeyId && /\bkms\b/i.test(serverMessage))) {
    hint =
      `Check the KMS key "${kmsKeyId ?? "(from the bucket's default encryption)"}": it must exist, be enabled and be in the ` +
      "bucket's Region, and the caller needs kms:GenerateDataKey on it (multipart uploads also need kms:Decrypt).";
  } else if (code === "AccessDenied" || code === "Forbidden" || status === 403) {
    hint =
      operation === "HeadObject"
        ? `Grant s3:GetObject on ${objectArn} and s3:ListBucket on arn:aws:s3:::${bucket} (without ListBucket, S3 ` +
          "answers 403 instead of 404 for an object that does not exist yet)."
        : `Grant s3:PutObject on ${objectArn}` +
          (kmsKeyId
            ? `, and kms:GenerateDataKey${operation === "MultipartUpload" ? " and kms:Decrypt" : ""} on KMS key "${kmsKeyId}"`
            : "") +
          ". Also check bucket policies or SCPs that demand specific encryption headers.";
  } else if (CREDENTIAL_CODES.has(code)) {
    hint =
      "The AWS credentials are missing, wrong or expired. In GitHub Actions use aws-actions/configure-aws-credentials; " +
      "locally run `aws sts get-caller-identity` with the same profile to check them.";
  } else if (INTEGRITY_CODES.has(code)) {
    hint =
      "S3 received bytes that do not match the checksum sent with them, so it refused to store them. " +
      "The data was damaged in transit or the file changed while uploading; run the upload again.";
  } else if (TRANSIENT_CODES.has(code) || (status !== undefined && status >= 500)) {
    hint =
      "S3 was unavailable or throttling and the retries ran out. This is usually temporary: run it again later.";
  } else if (UNREACHABLE_CODES.has(code)) {
    hint =
      "The S3 endpoint cannot be reached. Check the network, and AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL or the " +
      "configured endpoint if you use an S3-compatible server.";
  } else if (/region is missing/i.test(serverMessage)) {
    hint = "Set the Region (AWS_REGION or the tunegate config); it must be the Bedrock job's Region.";
  } else {
    hint = "See the S3 error above.";
  }
  if (context.abort) hint += ` ${abortNote(context.abort, context)}`;
  return new S3DatasetError(`${summary}. ${hint}`, { code, status, hint, cause: error });
}

function abortNote(abort: MultipartAbort, { bucket, key }: S3ErrorContext): string {
  const command = `\`aws s3api abort-multipart-upload --bucket ${bucket} --key ${key} --upload-id ${abort.uploadId}\``;
  const lifecycle =
    "An AbortIncompleteMultipartUpload lifecycle rule on the bucket removes such leftovers automatically.";
  switch (abort.outcome) {
    case "aborted":
      return `The multipart upload ${abort.uploadId} was aborted, so no uploaded parts remain.`;
    case "failed": {
      const { code } = inspect(abort.error);
      return (
        `Aborting the multipart upload ${abort.uploadId} failed too (${code}${code === "AccessDenied" ? ": grant s3:AbortMultipartUpload" : ""}), ` +
        `so its parts remain in the bucket and are billed until ${command} removes them. ${lifecycle}`
      );
    }
    default:
      return `The multipart upload ${abort.uploadId} may still hold parts; ${command} removes them. ${lifecycle}`;
  }
}

interface ErrorFacts {
  code: string;
  status: number | undefined;
  serverMessage: string;
  bucketRegion: string | undefined;
}

/** Reads the fields the SDK and Node put on errors without trusting their shape. */
function inspect(error: unknown): ErrorFacts {
  const record = isRecord(error) ? error : {};
  const metadata = isRecord(record.$metadata) ? record.$metadata : {};
  const response = isRecord(record.$response) ? record.$response : {};
  const headers = isRecord(response.headers) ? response.headers : {};
  const status =
    typeof metadata.httpStatusCode === "number"
      ? metadata.httpStatusCode
      : typeof response.statusCode === "number"
        ? response.statusCode
        : undefined;
  const nodeCode = typeof record.code === "string" ? record.code : undefined;
  const s3Code = typeof record.Code === "string" ? record.Code : undefined;
  const name = typeof record.name === "string" ? record.name : undefined;
  const named = name && name !== "Error" && name !== "Unknown" && !/^\d+$/.test(name) ? name : undefined;
  // HEAD responses carry no body, so the SDK cannot know S3's error code; these are the codes S3 uses.
  const fromStatus = status === undefined ? undefined : STATUS_CODES[status];
  const code = s3Code ?? nodeCode ?? named ?? fromStatus ?? (status ? `HTTP${status}` : "Error");
  const rawMessage = error instanceof Error ? error.message : String(error);
  // SDK placeholders for bodiless errors say nothing; S3 messages end with a period the summary adds back.
  const serverMessage =
    rawMessage === "UnknownError" || /^\d+$/.test(rawMessage) ? "" : rawMessage.replace(/\.+$/, "");
  const regionHeader = headers["x-amz-bucket-region"];
  const regionField = record.Region;
  return {
    code,
    status,
    serverMessage,
    bucketRegion:
      typeof regionHeader === "string"
        ? regionHeader
        : typeof regionField === "string"
          ? regionField
          : undefined,
  };
}

const STATUS_CODES: Record<number, string> = {
  301: "PermanentRedirect",
  403: "AccessDenied",
  404: "NotFound",
};

function regionFromMessage(message: string): string | undefined {
  return /expecting '([a-z0-9-]+)'/.exec(message)?.[1];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
