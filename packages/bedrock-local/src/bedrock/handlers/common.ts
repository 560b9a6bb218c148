// What the control-plane handlers share: their context and the errors they raise in several places.
import type { Scheduler } from "../../control/scheduler.js";
import type { Responder } from "../../runtime/answers.js";
import { ServiceError } from "../../smithy/errors.js";
import type { BaseModelSpec, ModelLifecycle } from "../catalog.js";
import type { JobRunner } from "../job-runner.js";
import type { S3Data } from "../s3-data.js";
import type { StandInState } from "../state.js";

export interface HandlerContext {
  readonly state: StandInState;
  readonly runner: JobRunner;
  readonly scheduler: Scheduler;
  readonly catalog: readonly BaseModelSpec[];
  readonly region: string;
  readonly accountId: string;
  readonly provisionedDurationMs: number;
  /** Batch inference: how the stand-in reads records and writes results, and answers each record. */
  readonly batch: BatchSettings;
  /** Virtual milliseconds a deployment stays Creating, and an update stays Updating. */
  readonly deploymentDurationMs: number;
  /** The lifecycle each base model reports in this Region now (tests may change it). */
  readonly lifecycleOf: (model: BaseModelSpec) => ModelLifecycle;
}

export interface BatchSettings {
  readonly s3: S3Data;
  /** The same callback the Runtime stand-in answers Converse with, so both paths answer alike. */
  readonly respond: Responder;
  /** Virtual milliseconds a batch job stays InProgress before its results are written. */
  readonly durationMs: number;
  /** Virtual milliseconds a batch job stays Stopping. */
  readonly stopDurationMs: number;
  /** Fewest records a batch job takes (the account quota "Minimum number of records per batch inference job"). */
  readonly minRecords: number;
  /** Foundation model ids a batch job may name (custom models are looked up in the state). */
  readonly foundationModels: ReadonlySet<string>;
}

/** AWS's documented limit of tags on one resource (TooManyTagsException). */
const MAX_TAGS_PER_RESOURCE = 50;

export { notFound, validation } from "../../smithy/errors.js";

export function checkTagCount(resourceName: string, count: number): void {
  if (count > MAX_TAGS_PER_RESOURCE) {
    throw new ServiceError(
      "TooManyTagsException",
      `The request contains more tags than can be associated with a resource (${MAX_TAGS_PER_RESOURCE} tags per resource).`,
      { fields: { resourceName } },
    );
  }
}

export function foundationModelArn(context: HandlerContext, id: string): string {
  return `arn:aws:bedrock:${context.region}::foundation-model/${id}`;
}
