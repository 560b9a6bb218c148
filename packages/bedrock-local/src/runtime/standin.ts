// The Amazon Bedrock Runtime stand-in: Converse on 127.0.0.1, validated against the runtime Smithy
// model, answering with whatever the test's `respond` callback says.
import { FaultInjector, type FaultSpec, type RecordedRequest } from "../control/faults.js";
import type { UnknownMemberPolicy } from "../smithy/decode.js";
import { ServiceError } from "../smithy/errors.js";
import { BEDROCK_RUNTIME_MODEL } from "../smithy/models.js";
import { startRestJsonService, typedHandler } from "../smithy/server.js";
import {
  type ConverseCall,
  type ConverseText,
  defaultResponder,
  type Responder,
  shapeAnswer,
} from "./answers.js";

/** What the runtime needs to know about a provisioned throughput (the control-plane stand-in has it). */
export interface ProvisionedModelLookup {
  provisionedModel(identifier: string): { readonly status: string } | undefined;
}

/** What the runtime needs to know about a custom model deployment (the control-plane stand-in has it). */
export interface DeploymentLookup {
  deployment(identifier: string): { readonly status: string; readonly modelArn: string } | undefined;
}

/** Model ids Converse accepts on demand unless the options say otherwise. */
export const DEFAULT_FOUNDATION_MODELS: readonly string[] = [
  "anthropic.claude-3-haiku-20240307-v1:0",
  "anthropic.claude-3-5-sonnet-20240620-v1:0",
  "anthropic.claude-3-5-sonnet-20241022-v2:0",
  "amazon.nova-micro-v1:0",
  "amazon.nova-lite-v1:0",
  "amazon.nova-pro-v1:0",
  "meta.llama3-2-1b-instruct-v1:0",
  "amazon.titan-text-express-v1",
  "us.anthropic.claude-3-haiku-20240307-v1:0",
  "us.amazon.nova-micro-v1:0",
  "us.amazon.nova-lite-v1:0",
  "us.amazon.nova-pro-v1:0",
];

export interface BedrockRuntimeStandInOptions {
  /** Answers Converse calls; by default a fixed sentence echoing the last user message. */
  readonly respond?: Responder;
  readonly region?: string;
  /** Model ids (and their foundation-model ARNs in `region`) invocable on demand. */
  readonly foundationModels?: readonly string[];
  /** Where provisioned-model ARNs are looked up, e.g. the control-plane stand-in. */
  readonly provisionedModels?: ProvisionedModelLookup;
  /** Where custom model deployment ARNs are looked up, e.g. the control-plane stand-in. */
  readonly deployments?: DeploymentLookup;
  readonly unknownMembers?: UnknownMemberPolicy;
  readonly port?: number;
}

/** Converse calls the stand-in's handler took (injected faults answer before it and are not counted). */
export interface ConverseLoad {
  /** Calls that reached the responder. */
  readonly received: number;
  /** Calls the responder has not answered yet. */
  readonly inFlight: number;
  /** The most in flight when a call arrived, since the start or the last `resetPeak`. */
  readonly peakInFlight: number;
}

export interface BedrockRuntimeStandIn {
  readonly url: string;
  close(): Promise<void>;
  requests(): readonly RecordedRequest[];
  load(): ConverseLoad;
  resetPeak(): void;
  /**
   * Resolves once `condition` holds, checked now and whenever a Converse call arrives, is answered or
   * is logged (faults included): tests wait on the stand-in's events, not on the clock.
   */
  until(condition: (load: ConverseLoad, requests: readonly RecordedRequest[]) => boolean): Promise<void>;
  injectFault(fault: Omit<FaultSpec, "operation"> & { readonly operation?: string }): void;
  clearFaults(): void;
}

interface ConverseInput extends Readonly<Record<string, unknown>> {
  readonly modelId: string;
  readonly messages?: readonly {
    readonly role: "user" | "assistant";
    readonly content: readonly Record<string, unknown>[];
  }[];
  readonly system?: readonly Record<string, unknown>[];
  readonly inferenceConfig?: ConverseCall["inferenceConfig"];
}

const INVALID_MODEL = "The provided model identifier is invalid.";

function textOf(blocks: readonly Record<string, unknown>[]): string {
  return blocks
    .map((block) => block.text)
    .filter((text): text is string => typeof text === "string")
    .join("\n");
}

export async function startBedrockRuntimeStandIn(
  options: BedrockRuntimeStandInOptions = {},
): Promise<BedrockRuntimeStandIn> {
  const region = options.region ?? "us-west-2";
  const respond = options.respond ?? defaultResponder;
  const known = new Set(options.foundationModels ?? DEFAULT_FOUNDATION_MODELS);
  const faults = new FaultInjector();
  let received = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  const load = (): ConverseLoad => ({ received, inFlight, peakInFlight });
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const check of [...waiters]) check();
  };
  const log: RecordedRequest[] = [];

  /** Checks the model id; for a deployment, returns the custom model it serves now. */
  function checkModel(modelId: string): string | undefined {
    if (modelId.includes(":custom-model-deployment/")) {
      const deployment = options.deployments?.deployment(modelId);
      if (!deployment)
        throw new ServiceError(
          "ResourceNotFoundException",
          `Could not find custom model deployment ${modelId}.`,
        );
      // Unconfirmed wording; a deployment answers only once it is Active.
      if (deployment.status !== "Active") {
        throw new ServiceError(
          "ValidationException",
          `The custom model deployment ${modelId} is ${deployment.status}, not Active.`,
        );
      }
      return deployment.modelArn;
    }
    if (modelId.includes(":provisioned-model/")) {
      const provisioned = options.provisionedModels?.provisionedModel(modelId);
      if (!provisioned)
        throw new ServiceError("ResourceNotFoundException", `Could not find provisioned model ${modelId}.`);
      // Unconfirmed wording; AWS refuses to invoke a throughput that is still being created.
      if (provisioned.status !== "InService") {
        throw new ServiceError(
          "ValidationException",
          `The provisioned model ${modelId} is ${provisioned.status}, not InService.`,
        );
      }
      return undefined;
    }
    const marker = ":foundation-model/";
    if (modelId.includes(marker)) {
      const arnRegion = modelId.split(":")[3];
      if (arnRegion !== region || !known.has(modelId.slice(modelId.indexOf(marker) + marker.length))) {
        throw new ServiceError("ValidationException", INVALID_MODEL);
      }
      return undefined;
    }
    if (!known.has(modelId)) throw new ServiceError("ValidationException", INVALID_MODEL);
    return undefined;
  }

  function checkTurns(messages: ConverseInput["messages"]): void {
    const roles = (messages ?? []).map((message) => message.role);
    if (roles[0] !== "user") {
      throw new ServiceError(
        "ValidationException",
        "A conversation must start with a user message. Try again with a conversation that starts with a user message.",
      );
    }
    if (roles.some((role, position) => position > 0 && role === roles[position - 1])) {
      throw new ServiceError(
        "ValidationException",
        "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.",
      );
    }
  }

  const service = await startRestJsonService({
    model: BEDROCK_RUNTIME_MODEL,
    faults,
    log,
    onRecord: changed,
    unknownMembers: options.unknownMembers,
    port: options.port,
    handlers: {
      Converse: typedHandler<ConverseInput>(async (input) => {
        const servedModelArn = checkModel(input.modelId);
        checkTurns(input.messages);
        const messages: ConverseText[] = (input.messages ?? []).map((message) => ({
          role: message.role,
          text: textOf(message.content),
        }));
        const call: ConverseCall = {
          modelId: input.modelId,
          ...(servedModelArn ? { servedModelArn } : {}),
          system: textOf(input.system ?? []),
          messages,
          inferenceConfig: input.inferenceConfig ?? {},
          raw: input,
        };
        const started = performance.now();
        received++;
        peakInFlight = Math.max(peakInFlight, ++inFlight);
        changed();
        let answer: Awaited<ReturnType<Responder>>;
        try {
          answer = await respond(call);
        } finally {
          inFlight--;
          changed();
        }
        const shaped = shapeAnswer(call, answer);
        return {
          output: { message: { role: "assistant", content: [{ text: shaped.text }] } },
          stopReason: shaped.stopReason,
          usage: {
            inputTokens: shaped.inputTokens,
            outputTokens: shaped.outputTokens,
            totalTokens: shaped.inputTokens + shaped.outputTokens,
          },
          metrics: { latencyMs: answer.latencyMs ?? Math.round(performance.now() - started) },
        };
      }),
    },
  });

  return {
    url: service.url,
    close: () => service.close(),
    requests: () => [...log],
    load,
    resetPeak: () => {
      peakInFlight = 0;
    },
    until: (condition) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!condition(load(), log)) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
    injectFault: (fault) => faults.inject({ ...fault, operation: fault.operation ?? "Converse" }),
    clearFaults: () => faults.clear(),
  };
}
