/**
 * The lifecycle guard: before a job is started (and its data uploaded), ask Bedrock whether the base
 * model is still active in the job's Region. AWS refuses new fine-tuning jobs on a Legacy base model
 * (model-lifecycle-legacy.html) and fails every request after its end-of-life, so starting one would
 * cost an upload and end in a failed job. Bedrock's own answer (GetFoundationModel, `modelLifecycle`)
 * is the source, because the lifecycle differs by Region and changes after a release of tunegate.
 */

import {
  type BedrockClient,
  GetFoundationModelCommand,
  type GetFoundationModelCommandOutput,
} from "@aws-sdk/client-bedrock";
import { UserError } from "@tunegate/core";
import { explainBedrockError } from "./bedrock-errors";

export interface BaseModelLifecycle {
  modelId: string;
  region: string;
  /** As Bedrock reports it: ACTIVE or LEGACY (later API versions may add others). */
  status: string;
  legacyTime?: Date | undefined;
  publicExtendedAccessTime?: Date | undefined;
  endOfLifeTime?: Date | undefined;
}

export interface LifecycleGuardInput {
  bedrock: BedrockClient;
  /** The model's name in tunegate.yml. */
  model: string;
  /** Catalog id, e.g. `anthropic.claude-3-haiku-20240307-v1:0:200k`. */
  baseModelId: string;
  /** The base model's display name, for messages. */
  baseModelName?: string | undefined;
  region: string;
  /** tunegate.yml `allowLegacyBase: true`: continued access under a private arrangement. */
  allowLegacyBase?: boolean | undefined;
  /** For the end-of-life comparison (default: now). */
  now?: Date | undefined;
}

export type LifecycleVerdict =
  | { trainable: true; lifecycle: BaseModelLifecycle; overridden: false }
  /** Legacy or end-of-life, let through by allowLegacyBase; `warning` says so for the log. */
  | { trainable: true; lifecycle: BaseModelLifecycle; overridden: true; warning: string };

/** The base model is legacy or past its end-of-life and the model does not allow it. */
export class RetiredBaseModelError extends UserError {
  override readonly name = "RetiredBaseModelError";
  constructor(
    message: string,
    readonly lifecycle: BaseModelLifecycle,
    /** What to do, already part of `message`. */
    readonly hint: string,
  ) {
    super(message, { fix: hint });
  }
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** GetFoundationModel's `modelLifecycle` for a base model; Bedrock errors come back with their fix. */
export async function getBaseModelLifecycle(
  bedrock: BedrockClient,
  baseModelId: string,
  region: string,
): Promise<BaseModelLifecycle> {
  let answer: GetFoundationModelCommandOutput;
  try {
    answer = await bedrock.send(new GetFoundationModelCommand({ modelIdentifier: baseModelId }));
  } catch (error) {
    throw explainBedrockError(error, { operation: "GetFoundationModel", region, baseModelId });
  }
  const lifecycle = answer.modelDetails?.modelLifecycle;
  return {
    modelId: baseModelId,
    region,
    // A model without lifecycle details is one AWS has not scheduled for retirement.
    status: lifecycle?.status ?? "ACTIVE",
    legacyTime: lifecycle?.legacyTime,
    publicExtendedAccessTime: lifecycle?.publicExtendedAccessTime,
    endOfLifeTime: lifecycle?.endOfLifeTime,
  };
}

/** "legacy since 2026-03-10, end-of-life on 2026-09-10", or undefined for an active model. */
export function retirementOf(lifecycle: BaseModelLifecycle, now: Date): string | undefined {
  const eol = lifecycle.endOfLifeTime;
  if (eol && eol <= now) return `end-of-life since ${day(eol)}`;
  if (lifecycle.status === "ACTIVE") return undefined;
  const since = lifecycle.legacyTime ? ` since ${day(lifecycle.legacyTime)}` : "";
  return `${lifecycle.status.toLowerCase()}${since}${eol ? `, end-of-life on ${day(eol)}` : ""}`;
}

/**
 * Refuses (RetiredBaseModelError) a base model Bedrock reports as legacy or end-of-life in the job's
 * Region, unless the model sets allowLegacyBase. Call it before anything is uploaded.
 */
export async function guardBaseModelLifecycle(input: LifecycleGuardInput): Promise<LifecycleVerdict> {
  const { model, baseModelId, region } = input;
  const lifecycle = await getBaseModelLifecycle(input.bedrock, baseModelId, region);
  const retired = retirementOf(lifecycle, input.now ?? new Date());
  if (retired === undefined) return { trainable: true, lifecycle, overridden: false };
  const named = input.baseModelName ? `${input.baseModelName} (${baseModelId})` : baseModelId;
  const status = `${named} is ${retired} in ${region} (source: Bedrock GetFoundationModel, modelLifecycle)`;
  if (input.allowLegacyBase) {
    return {
      trainable: true,
      lifecycle,
      overridden: true,
      warning: `${model}: ${status}; training anyway because the model sets allowLegacyBase: true.`,
    };
  }
  const hint =
    "AWS starts no new fine-tuning jobs on a legacy or end-of-life base model. Move the model in tunegate.yml to an active " +
    "base model, such as Amazon Nova 2 Lite (amazon.nova-2-lite-v1:0:256k) or Nova Lite " +
    "(amazon.nova-lite-v1:0:300k) in us-east-1, with its dataset in the bedrock-conversation-2024 format. " +
    "If your account keeps access under a private arrangement with the provider, set allowLegacyBase: true " +
    "on the model (docs/configuration.md).";
  throw new RetiredBaseModelError(
    // Callers put the model's name in front, as they do for every other failure.
    `${status}. Nothing was uploaded and no job was started. ${hint}`,
    lifecycle,
    hint,
  );
}
