import {
  BedrockRuntimeClient,
  type BedrockRuntimeClientConfig,
  ConverseCommand,
  type ConverseCommandOutput,
  type Message,
} from "@aws-sdk/client-bedrock-runtime";
import {
  type AskModel,
  type CallErrorKind,
  type EvalCase,
  type ModelAnswer,
  ModelCallError,
} from "@tunegate/core";
import { connectionSettings } from "./client-environment";

export interface CreateBedrockRuntimeClientOptions {
  /** Defaults to `AWS_REGION`, then the SDK's own resolution. */
  region?: string;
  /**
   * Defaults to `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`, then `AWS_ENDPOINT_URL` (the variables the AWS CLI
   * and SDKs read), unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`.
   */
  endpoint?: string;
  /** Total attempts per call, the first included (default 6). */
  maxAttempts?: number;
  credentials?: BedrockRuntimeClientConfig["credentials"];
  env?: Record<string, string | undefined>;
}

/** Signing region for a custom endpoint when none is configured: Claude 3 Haiku's customization Region. */
const FALLBACK_REGION_FOR_CUSTOM_ENDPOINT = "us-west-2";

/**
 * A Bedrock Runtime client for evaluations. Retries are the SDK's "adaptive" mode: an evaluation sends
 * many calls at once from one client, which is where a client-side rate limiter that slows down on
 * ThrottlingException pays off (unlike the few calls of an upload). Timeouts keep a stalled call from
 * hanging a CI job.
 */
export function createBedrockRuntimeClient(
  options: CreateBedrockRuntimeClientOptions = {},
): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    maxAttempts: options.maxAttempts ?? 6,
    retryMode: "adaptive",
    // throwOnRequestTimeout: without it the SDK only logs a warning when the timeout passes.
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000, throwOnRequestTimeout: true },
    ...connectionSettings(options, "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", FALLBACK_REGION_FOR_CUSTOM_ENDPOINT),
  });
}

export interface ConverseSettings {
  /** Longest answer, in tokens (default 512: evaluation answers are short by design). */
  maxTokens?: number;
  /** Default 0, so that two runs of the same evaluation compare models, not samples. */
  temperature?: number;
}

/** The Converse request for one evaluation case: its system prompt and turns, without the reference. */
export function converseInput(modelId: string, evalCase: EvalCase, settings: ConverseSettings = {}) {
  const messages: Message[] = evalCase.messages.map((m) => ({ role: m.role, content: [{ text: m.text }] }));
  return {
    modelId,
    messages,
    ...(evalCase.system === "" ? {} : { system: [{ text: evalCase.system }] }),
    inferenceConfig: { maxTokens: settings.maxTokens ?? 512, temperature: settings.temperature ?? 0 },
  };
}

const TRANSIENT_ERRORS = new Set([
  "ServiceUnavailableException",
  "InternalServerException",
  "ModelNotReadyException",
  "ModelTimeoutException",
  "TimeoutError",
]);
const TRANSIENT_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EAI_AGAIN"]);

/** What a failed Converse call means for the limiter and the retries (see ModelCallError). */
export function converseErrorKind(err: unknown): CallErrorKind {
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (e.name === "ThrottlingException" || status === 429) return "throttled";
  if (TRANSIENT_ERRORS.has(e.name ?? "") || TRANSIENT_CODES.has(e.code ?? "")) return "transient";
  return status !== undefined && status >= 500 ? "transient" : "fatal";
}

/**
 * An `AskModel` for core's `runEvaluation`: one Converse call per case. A failure is a ModelCallError
 * whose kind says whether to slow down, try again or give up: with a client of `maxAttempts: 1`, the
 * caller's adaptive limit sees every throttle (the SDK's own retries would hide them). Latency is the
 * service's `metrics.latencyMs` when it reports one, else the call's wall time.
 */
export function converseAsker(client: BedrockRuntimeClient, settings: ConverseSettings = {}): AskModel {
  return async (modelId, evalCase): Promise<ModelAnswer> => {
    const started = performance.now();
    let out: ConverseCommandOutput;
    try {
      out = await client.send(new ConverseCommand(converseInput(modelId, evalCase, settings)));
    } catch (err) {
      const e = err as { name?: string; message?: string; $metadata?: { attempts?: number } };
      const attempts = e.$metadata?.attempts;
      throw new ModelCallError(
        `${e.name ?? "Error"}: ${e.message ?? String(err)}${attempts && attempts > 1 ? ` (after ${attempts} attempts)` : ""}`,
        converseErrorKind(err),
        { cause: err },
      );
    }
    return converseAnswer(out, Math.round(performance.now() - started));
  };
}

/** The part of a Converse response body the evaluation scores (also a batch job's `modelOutput`). */
export interface ConverseBody {
  output?: { message?: { content?: readonly object[] | undefined } | undefined } | undefined;
  usage?: { inputTokens?: number | undefined; outputTokens?: number | undefined } | undefined;
  metrics?: { latencyMs?: number | undefined } | undefined;
  stopReason?: string | undefined;
}

/** Text, tokens and latency of a Converse answer; `wallMs` stands in when the service reports no latency. */
export function converseAnswer(out: ConverseBody, wallMs?: number): ModelAnswer {
  const text = (out.output?.message?.content ?? [])
    .map((block) => ("text" in block && typeof block.text === "string" ? block.text : ""))
    .join("");
  const latencyMs = out.metrics?.latencyMs ?? wallMs;
  return {
    text,
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(out.stopReason === undefined ? {} : { stopReason: out.stopReason }),
    ...(out.usage?.inputTokens === undefined ? {} : { inputTokens: out.usage.inputTokens }),
    ...(out.usage?.outputTokens === undefined ? {} : { outputTokens: out.usage.outputTokens }),
  };
}
