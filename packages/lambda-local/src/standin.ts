// The AWS Lambda stand-in: the Invoke REST operation (POST /2015-03-31/functions/{FunctionName}/invocations)
// on 127.0.0.1, as the AWS SDK v3 Lambda client calls it, running the test's own callbacks as functions.
// What a function does is the test's: it answers, throws (FunctionError "Unhandled", as Lambda reports
// a crash), or never settles until the test ends it as Lambda does at the function's timeout
// (`expireRunning`), so a timeout is an event the test triggers, never a race with the wall clock.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { functionArn, parseFunctionName } from "./function-name.js";

/** Lambda's limit on a synchronous request and response payload: 6 MB. */
export const MAX_SYNC_PAYLOAD_BYTES = 6_291_456;
/** Lambda's default function timeout. */
const DEFAULT_TIMEOUT_SECONDS = 3;
const ROUTE = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export interface InvocationContext {
  readonly awsRequestId: string;
  readonly functionName: string;
  readonly invokedFunctionArn: string;
}

/** A function's code: the event as the caller sent it (parsed JSON), its result sent back as JSON. */
export type LambdaHandler = (event: unknown, context: InvocationContext) => unknown;

export interface LambdaFunctionSpec {
  readonly handler: LambdaHandler;
  /** The configured timeout (default 3, Lambda's), named in the timeout error `expireRunning` sends. */
  readonly timeoutSeconds?: number;
}

export interface LambdaStandInOptions {
  /** Functions by name. */
  readonly functions?: Readonly<Record<string, LambdaHandler | LambdaFunctionSpec>>;
  readonly region?: string;
  readonly accountId?: string;
  readonly port?: number;
}

export interface RecordedInvocation {
  readonly requestId: string;
  /** The FunctionName of the request, as sent. */
  readonly target: string;
  /** The function it resolved to, or undefined when none. */
  readonly functionName: string | undefined;
  readonly qualifier: string | undefined;
  readonly invocationType: string;
  /** The request body exactly as received. */
  readonly rawPayload: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  readonly payload: unknown;
  readonly status: number;
  /** Lambda's X-Amz-Function-Error: "Unhandled" for a crash or a timeout. */
  readonly functionError: string | undefined;
  /** The error type of a refused request (x-amzn-ErrorType). */
  readonly errorType: string | undefined;
  readonly responsePayload: string | undefined;
}

export interface LambdaStandIn {
  readonly url: string;
  readonly region: string;
  readonly accountId: string;
  /** The full ARN of a function of this stand-in. */
  arn(name: string): string;
  /** Adds or replaces a function. */
  setFunction(name: string, fn: LambdaHandler | LambdaFunctionSpec): void;
  /** Every Invoke received, finished ones with their answers, in order of arrival. */
  invocations(): readonly RecordedInvocation[];
  /** Resolves once `count` invocations have reached their function's code. */
  waitForInvocations(count: number): Promise<void>;
  /**
   * Ends every invocation still running (of `functionName`, or of all functions) the way Lambda ends
   * one at the function's timeout. Returns how many were ended.
   */
  expireRunning(functionName?: string): number;
  close(): Promise<void>;
}

interface Outcome {
  readonly status: number;
  readonly body: string;
  readonly functionError?: string;
  readonly errorType?: string;
}

/** What the stand-in answers, with what the log records of the function it ran. */
type Answer = Outcome & { requestId?: string; functionName?: string; qualifier?: string | undefined };

interface Running {
  readonly functionName: string;
  readonly requestId: string;
  readonly timeoutSeconds: number;
  finish(outcome: Outcome): void;
}

export async function startLambdaStandIn(options: LambdaStandInOptions = {}): Promise<LambdaStandIn> {
  const region = options.region ?? "us-east-1";
  const accountId = options.accountId ?? "123456789012";
  const functions = new Map<string, LambdaFunctionSpec>();
  const setFunction = (name: string, fn: LambdaHandler | LambdaFunctionSpec) =>
    functions.set(name, typeof fn === "function" ? { handler: fn } : fn);
  for (const [name, fn] of Object.entries(options.functions ?? {})) setFunction(name, fn);

  const log: RecordedInvocation[] = [];
  const running = new Set<Running>();
  let started = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const noteStarted = () => {
    started += 1;
    for (const w of waiters.filter((w) => started >= w.count)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };

  async function invoke(req: IncomingMessage, target: string, body: Buffer): Promise<Answer> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const ref = parseFunctionName(target);
    if (!ref) {
      return serviceError(
        400,
        "ValidationException",
        `1 validation error detected: Value '${target}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
      );
    }
    const qualifier = url.searchParams.get("Qualifier") ?? ref.qualifier;
    const fn = functions.get(ref.name);
    const arn = functionArn(region, accountId, ref.name, qualifier);
    // Another account's or Region's function is not this endpoint's to run (exact wording unconfirmed).
    const elsewhere =
      (ref.accountId !== undefined && ref.accountId !== accountId) ||
      (ref.region !== undefined && ref.region !== region);
    if (!fn || elsewhere || (qualifier !== undefined && qualifier !== "$LATEST")) {
      const shown = elsewhere ? target : arn;
      return { ...serviceError(404, "ResourceNotFoundException", `Function not found: ${shown}`), qualifier };
    }
    if (body.length > MAX_SYNC_PAYLOAD_BYTES) {
      return serviceError(
        413,
        "RequestTooLargeException",
        `Request must be smaller than ${MAX_SYNC_PAYLOAD_BYTES} bytes for the InvokeFunction operation`,
      );
    }
    const text = body.toString("utf8");
    let event: unknown;
    try {
      event = text === "" ? {} : JSON.parse(text);
    } catch (err) {
      return serviceError(
        400,
        "InvalidRequestContentException",
        `Could not parse request body into json: ${(err as Error).message}`,
      );
    }
    const invocationType = String(req.headers["x-amz-invocation-type"] ?? "RequestResponse");
    const requestId = randomUUID();
    const context: InvocationContext = {
      awsRequestId: requestId,
      functionName: ref.name,
      invokedFunctionArn: arn,
    };
    if (invocationType === "DryRun") return { status: 204, body: "", functionName: ref.name, qualifier };
    const outcome = new Promise<Outcome>((resolve) => {
      const entry: Running = {
        functionName: ref.name,
        requestId,
        timeoutSeconds: fn.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
        finish(o) {
          if (!running.delete(entry)) return; // already ended (expired, or the stand-in closed)
          resolve(o);
        },
      };
      running.add(entry);
      noteStarted();
      Promise.resolve()
        .then(() => fn.handler(event, context))
        .then(
          (result) => entry.finish(resultOutcome(result)),
          (err: unknown) => entry.finish(crashOutcome(err)),
        );
    });
    if (invocationType === "Event")
      return { status: 202, body: "", functionName: ref.name, qualifier, requestId };
    return { ...(await outcome), functionName: ref.name, qualifier, requestId };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const route = ROUTE.exec(path);
    const target = route ? decodeURIComponent(route[1]!) : "";
    const out: Answer =
      req.method === "POST" && route
        ? await invoke(req, target, body)
        : serviceError(404, "UnknownOperationException", `No operation at ${req.method} ${path}`);
    const requestId = out.requestId ?? randomUUID();
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-amzn-requestid": requestId,
    };
    if (out.errorType) headers["x-amzn-errortype"] = out.errorType;
    if (out.functionError) headers["x-amz-function-error"] = out.functionError;
    if (out.status === 200) {
      headers["x-amz-executed-version"] = "$LATEST";
      if (String(req.headers["x-amz-log-type"]) === "Tail") {
        const tail = `START RequestId: ${requestId} Version: $LATEST\nEND RequestId: ${requestId}\nREPORT RequestId: ${requestId}\n`;
        headers["x-amz-log-result"] = Buffer.from(tail).toString("base64");
      }
    }
    const text = body.toString("utf8");
    let payload: unknown;
    try {
      payload = text === "" ? undefined : JSON.parse(text);
    } catch {
      payload = undefined;
    }
    log.push({
      requestId,
      target,
      functionName: out.functionName,
      qualifier: out.qualifier,
      invocationType: String(req.headers["x-amz-invocation-type"] ?? "RequestResponse"),
      rawPayload: text,
      payload,
      status: out.status,
      functionError: out.functionError,
      errorType: out.errorType,
      responsePayload: out.status === 200 ? out.body : undefined,
    });
    res.writeHead(out.status, headers).end(out.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: `Stand-in failure: ${String(err)}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  function expireRunning(functionName?: string): number {
    const ending = [...running].filter((r) => functionName === undefined || r.functionName === functionName);
    for (const r of ending) {
      r.finish({
        status: 200,
        functionError: "Unhandled",
        body: JSON.stringify({
          errorType: "Sandbox.Timedout",
          errorMessage: `RequestId: ${r.requestId} Error: Task timed out after ${r.timeoutSeconds.toFixed(2)} seconds`,
        }),
      });
    }
    return ending.length;
  }

  return {
    url: `http://127.0.0.1:${port}`,
    region,
    accountId,
    arn: (name) => functionArn(region, accountId, name),
    setFunction,
    invocations: () => [...log],
    waitForInvocations: (count) =>
      started >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    expireRunning,
    async close() {
      expireRunning();
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

function serviceError(status: number, errorType: string, message: string): Outcome {
  return { status, errorType, body: JSON.stringify({ Type: "User", Message: message }) };
}

/** A function's result, as Lambda serialises it; one over the payload limit is an error of the function. */
function resultOutcome(result: unknown): Outcome {
  const body = JSON.stringify(result) ?? "null";
  if (Buffer.byteLength(body) > MAX_SYNC_PAYLOAD_BYTES) {
    return {
      status: 200,
      functionError: "Unhandled",
      body: JSON.stringify({
        errorType: "Function.ResponseSizeTooLarge",
        errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_SYNC_PAYLOAD_BYTES} bytes).`,
      }),
    };
  }
  return { status: 200, body };
}

/** A thrown error, as the Node.js runtime reports it: its name, message and stack. */
function crashOutcome(err: unknown): Outcome {
  const error =
    err instanceof Error
      ? { errorType: err.name, errorMessage: err.message, trace: (err.stack ?? "").split("\n") }
      : { errorType: typeof err, errorMessage: String(err), trace: [] };
  return { status: 200, functionError: "Unhandled", body: JSON.stringify(error) };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
