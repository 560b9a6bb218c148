import {
  InvokeCommand,
  type InvokeCommandOutput,
  LambdaClient,
  type LambdaClientConfig,
} from "@aws-sdk/client-lambda";
import { configuredEndpoint, type Environment, signingRegion } from "./client-environment";

// Apart from lambda-grader.ts, which loads this with its first invocation: a pull-request check whose
// models have no grader never loads the Lambda SDK.

export interface CreateLambdaClientOptions {
  /** Defaults to the grader ARN's Region, then `AWS_REGION`, then the SDK's own resolution. */
  region?: string;
  /**
   * Defaults to `AWS_ENDPOINT_URL_LAMBDA`, then `AWS_ENDPOINT_URL` (the variables the AWS CLI and SDKs
   * read), unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`.
   */
  endpoint?: string;
  /** Total attempts per call, the first included (default 3). */
  maxAttempts?: number;
  /**
   * How long one invocation may take before the check gives up on it (default 15 minutes and a
   * minute: Lambda's longest timeout, after which Lambda itself answers with the timeout).
   */
  requestTimeoutMs?: number;
  credentials?: LambdaClientConfig["credentials"];
  env?: Environment;
}

/** Reinforcement fine-tuning (Nova 2 Lite) runs in us-east-1: the Region a bare function name is signed for. */
const FALLBACK_REGION_FOR_CUSTOM_ENDPOINT = "us-east-1";
const LAMBDA_MAX_TIMEOUT_MS = 15 * 60 * 1000;

/**
 * A Lambda client for invoking graders. Retries are the SDK's "standard" mode (throttling, 5xx and
 * network errors); an invocation of a grader only reads, so a retry costs time, not correctness.
 */
export function createLambdaClient(options: CreateLambdaClientOptions = {}): LambdaClient {
  const env = options.env ?? process.env;
  const endpoint = options.endpoint ?? configuredEndpoint(env, "AWS_ENDPOINT_URL_LAMBDA");
  const config: LambdaClientConfig = {
    maxAttempts: options.maxAttempts ?? 3,
    retryMode: "standard",
    requestHandler: {
      connectionTimeout: 10_000,
      requestTimeout: options.requestTimeoutMs ?? LAMBDA_MAX_TIMEOUT_MS + 60_000,
      // Without it the SDK only logs a warning when the timeout passes, and the call waits on.
      throwOnRequestTimeout: true,
    },
  };
  const region = signingRegion(options.region, env, endpoint, FALLBACK_REGION_FOR_CUSTOM_ENDPOINT);
  if (region) config.region = region;
  if (endpoint) config.endpoint = endpoint;
  if (options.credentials) config.credentials = options.credentials;
  return new LambdaClient(config);
}

/** One synchronous invocation of `grader` with `payload` (Lambda's RequestResponse). */
export function invokeOnce(
  client: LambdaClient,
  grader: string,
  payload: string,
): Promise<InvokeCommandOutput> {
  return client.send(
    new InvokeCommand({ FunctionName: grader, InvocationType: "RequestResponse", Payload: payload }),
  );
}
