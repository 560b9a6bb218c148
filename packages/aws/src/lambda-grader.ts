import {
  InvokeCommand,
  type InvokeCommandOutput,
  LambdaClient,
  type LambdaClientConfig,
} from "@aws-sdk/client-lambda";
import type { GraderOutcome, InvokeGrader } from "@tunegate/core";
import { configuredEndpoint, type Environment, signingRegion } from "./client-environment";

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

/** The Region of a Lambda function ARN (`arn:aws:lambda:us-east-1:123456789012:function:grader`). */
export function lambdaArnRegion(arn: string): string | undefined {
  return /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):\d{12}:function:/.exec(arn)?.[1];
}

export interface LambdaGrader {
  invoke: InvokeGrader;
  /** Closes the clients' connections. */
  destroy(): void;
}

/**
 * Invokes graders through Lambda's synchronous Invoke, each in its own ARN's Region, and reads what
 * Lambda answers into a GraderOutcome: the function's result; a FunctionError (a crash, or Lambda's
 * timeout, which it reports as an error of the function); or why the function could not be called.
 */
export function lambdaGrader(options: CreateLambdaClientOptions = {}): LambdaGrader {
  const clients = new Map<string, LambdaClient>();
  const clientFor = (grader: string) => {
    const region = options.region ?? lambdaArnRegion(grader) ?? "";
    let client = clients.get(region);
    if (!client) {
      client = createLambdaClient({ ...options, ...(region ? { region } : {}) });
      clients.set(region, client);
    }
    return client;
  };
  return {
    async invoke(grader, payload): Promise<GraderOutcome> {
      let out: InvokeCommandOutput;
      try {
        out = await clientFor(grader).send(
          new InvokeCommand({ FunctionName: grader, InvocationType: "RequestResponse", Payload: payload }),
        );
      } catch (err) {
        return invokeFailure(grader, err);
      }
      const text = new TextDecoder().decode(out.Payload ?? new Uint8Array());
      if (out.FunctionError === undefined) return { kind: "replied", payload: text };
      const timeout = lambdaTimeout(text);
      return timeout === undefined
        ? { kind: "crashed", payload: text }
        : { kind: "timed-out", detail: timeout };
    },
    destroy() {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
}

/** Lambda's message when the function ran past its timeout (errorType `Sandbox.Timedout`). */
function lambdaTimeout(payload: string): string | undefined {
  try {
    const error = JSON.parse(payload) as { errorType?: unknown; errorMessage?: unknown };
    const message = typeof error.errorMessage === "string" ? error.errorMessage : "";
    if (error.errorType === "Sandbox.Timedout" || /Task timed out after/.test(message)) {
      return message || "Task timed out";
    }
  } catch {
    // not Lambda's error JSON: a crash
  }
  return undefined;
}

function invokeFailure(grader: string, err: unknown): GraderOutcome {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e.name ?? "Error";
  const detail = `${name}: ${e.message ?? String(err)}`;
  if (name === "TimeoutError" || /timed? ?out/i.test(e.message ?? "")) {
    return { kind: "timed-out", detail: `no answer from ${grader}: ${detail}` };
  }
  const hints: Record<string, string> = {
    ResourceNotFoundException:
      "Check the grader's ARN (reinforcement.grader in tunegate.yml, or --grader): the function must exist, in the Region and account the ARN names.",
    AccessDeniedException:
      "Whoever runs the check needs lambda:InvokeFunction on the grader (docs/aws-setup.md); the training job's service role needs it too.",
    CredentialsProviderError:
      "The check needs AWS credentials (the usual environment, profile or role, e.g. aws-actions/configure-aws-credentials in a workflow).",
    RequestTooLargeException:
      "A record is over Lambda's 6 MB limit for a synchronous invocation: shorten it, or grade a sample without it.",
  };
  const hint =
    hints[name] ??
    (e.$metadata?.httpStatusCode === 403
      ? hints.AccessDeniedException!
      : "Check that the grader can be invoked with these credentials: `aws lambda invoke --function-name <arn> --payload '[]' out.json`.");
  return { kind: "unreachable", detail, hint };
}
