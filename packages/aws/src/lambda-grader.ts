import type { InvokeCommandOutput, LambdaClient } from "@aws-sdk/client-lambda";
import type { GraderOutcome, InvokeGrader } from "@tunegate/core";
import type { CreateLambdaClientOptions } from "./lambda-client";

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
  return {
    async invoke(grader, payload): Promise<GraderOutcome> {
      // The Lambda SDK loads with the first invocation (see lambda-client.ts).
      const { createLambdaClient, invokeOnce } = await import("./lambda-client");
      const region = options.region ?? lambdaArnRegion(grader) ?? "";
      let client = clients.get(region);
      if (!client) {
        client = createLambdaClient({ ...options, ...(region ? { region } : {}) });
        clients.set(region, client);
      }
      let out: InvokeCommandOutput;
      try {
        out = await invokeOnce(client, grader, payload);
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
