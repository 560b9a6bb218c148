import { BedrockClient, type BedrockClientConfig } from "@aws-sdk/client-bedrock";
import { connectionSettings } from "./client-environment";

export interface CreateBedrockClientOptions {
  /** Defaults to `AWS_REGION`, then the SDK's own resolution (shared config profile). */
  region?: string;
  /**
   * The control-plane endpoint. Defaults to `AWS_ENDPOINT_URL_BEDROCK`, then `AWS_ENDPOINT_URL` (the
   * variables the AWS CLI and SDKs read), unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`.
   */
  endpoint?: string;
  /** Total attempts per call, the first included (default 5). */
  maxAttempts?: number;
  /** Defaults to the SDK's default credential chain (env, SSO, profiles, web identity, IMDS/ECS). */
  credentials?: BedrockClientConfig["credentials"];
  /** Where `AWS_REGION` and the endpoint variables are read (default `process.env`). */
  env?: Record<string, string | undefined>;
}

/** Signing region for a custom endpoint when none is configured: Claude 3 Haiku's customization Region. */
const FALLBACK_REGION_FOR_CUSTOM_ENDPOINT = "us-west-2";

/**
 * A Bedrock control-plane client for customization jobs.
 *
 * Retries: the SDK's "standard" mode with 5 attempts: exponential backoff with jitter, a longer base
 * delay for ThrottlingException (HTTP 429), and retries of 5xx and network errors. The train step makes
 * a handful of calls, so the "adaptive" mode's client-side rate limiter would not pay off. Creating a
 * job is safe to retry: the request carries a clientRequestToken, so a retried create that the service
 * had already accepted returns the same job instead of a second one.
 *
 * Timeouts: a stalled connection would otherwise hang a CI job until the runner kills it.
 */
export function createBedrockClient(options: CreateBedrockClientOptions = {}): BedrockClient {
  return new BedrockClient({
    maxAttempts: options.maxAttempts ?? 5,
    retryMode: "standard",
    // throwOnRequestTimeout: without it the SDK only logs a warning when the timeout passes.
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 60_000, throwOnRequestTimeout: true },
    ...connectionSettings(options, "AWS_ENDPOINT_URL_BEDROCK", FALLBACK_REGION_FOR_CUSTOM_ENDPOINT),
  });
}
