import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { connectionSettings } from "./client-environment";

export interface CreateS3ClientOptions {
  /** Defaults to the SDK's own resolution (`AWS_REGION`, then the shared config profile). */
  region?: string;
  /**
   * An S3-compatible endpoint (s3rver, MinIO, a VPC endpoint). Defaults to `AWS_ENDPOINT_URL_S3`, then
   * `AWS_ENDPOINT_URL`, the variables the AWS CLI and SDKs read, unless
   * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`.
   */
  endpoint?: string;
  /** Defaults to true when a custom endpoint is set (local servers do not resolve `<bucket>.host`). */
  forcePathStyle?: boolean;
  /** Total attempts per request, first one included. Default 5. */
  maxAttempts?: number;
  /** Defaults to the SDK's default credential chain (env, SSO, profiles, web identity, IMDS/ECS). */
  credentials?: S3ClientConfig["credentials"];
  /**
   * Where `AWS_REGION` and the endpoint variables are read (default `process.env`). The credential chain
   * is the SDK's and always reads `process.env`.
   */
  env?: Record<string, string | undefined>;
}

/** Signing region used when talking to a custom endpoint and no Region is configured anywhere. */
const FALLBACK_REGION_FOR_CUSTOM_ENDPOINT = "us-east-1";

/**
 * An S3 client configured for dataset uploads.
 *
 * Retries: "standard" mode with 5 attempts. It backs off exponentially with jitter and uses a longer base
 * delay for throttling errors such as S3's 503 SlowDown, which is what an upload burst meets. The
 * "adaptive" mode would add a client-side rate limiter that only pays off with many concurrent callers
 * sharing one client; the train action uploads two files.
 *
 * Checksums: `requestChecksumCalculation: "WHEN_REQUIRED"`. With the SDK default ("WHEN_SUPPORTED")
 * every streaming body is sent `Content-Encoding: aws-chunked` with a CRC32 trailer. Real S3 decodes
 * that, but S3-compatible servers that predate it do not: s3rver 3.7 stores the chunk framing as part of
 * the object, silently corrupting it. tunegate still sends an integrity checksum on every upload, but
 * asks for it explicitly (a precomputed `x-amz-checksum-sha256` header on single PUTs, per-part SHA-256
 * on multipart), so nothing relies on trailers. Response validation stays at the SDK default: it checks
 * checksums S3 returns and is a no-op where a server returns none.
 *
 * Timeouts: a stalled connection would otherwise hang a CI job until the runner kills it.
 */
export function createS3Client(options: CreateS3ClientOptions = {}): S3Client {
  const connection = connectionSettings(options, "AWS_ENDPOINT_URL_S3", FALLBACK_REGION_FOR_CUSTOM_ENDPOINT);
  const config: S3ClientConfig = {
    maxAttempts: options.maxAttempts ?? 5,
    retryMode: "standard",
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_SUPPORTED",
    // throwOnRequestTimeout: without it the SDK only logs a warning when the timeout passes.
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000, throwOnRequestTimeout: true },
    // A bucket in another Region is a configuration error for Bedrock (the data must be in the job's
    // Region), so surface the redirect instead of following it.
    followRegionRedirects: false,
    ...connection,
    forcePathStyle: options.forcePathStyle ?? Boolean(connection.endpoint),
  };
  return new S3Client(config);
}
