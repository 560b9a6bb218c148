// The Amazon Bedrock control-plane stand-in: an HTTP server on 127.0.0.1 that the real
// @aws-sdk/client-bedrock talks to through `endpoint`, plus the controls tests need.
import type { S3ClientConfig } from "@aws-sdk/client-s3";
import { FaultInjector, type FaultSpec, type RecordedRequest } from "../control/faults.js";
import { Scheduler } from "../control/scheduler.js";
import { defaultResponder, type Responder } from "../runtime/answers.js";
import { DEFAULT_FOUNDATION_MODELS } from "../runtime/standin.js";
import type { UnknownMemberPolicy } from "../smithy/decode.js";
import { BEDROCK_MODEL } from "../smithy/models.js";
import { startRestJsonService } from "../smithy/server.js";
import { type BaseModelSpec, DEFAULT_BASE_MODELS, lifecycleIn, type ModelLifecycle } from "./catalog.js";
import { bedrockHandlers } from "./handlers/index.js";
import { JobRunner } from "./job-runner.js";
import { createS3Client, S3Data } from "./s3-data.js";
import {
  type DeploymentRecord,
  type DeploymentStatus,
  type JobStatus,
  type ProvisionedStatus,
  StandInState,
  type Tag,
} from "./state.js";

export interface BedrockStandInOptions {
  /** Region the stand-in plays (default us-west-2); base models are only customizable in theirs. */
  readonly region?: string;
  /** Account id in the ARNs it mints (default 123456789012). */
  readonly accountId?: string;
  /** How the stand-in reaches the training data and writes outputs (s3rver: endpoint + credentials). */
  readonly s3: S3ClientConfig;
  /** Base models it knows; defaults to DEFAULT_BASE_MODELS. */
  readonly baseModels?: readonly BaseModelSpec[];
  /** Virtual milliseconds a job stays InProgress before it completes (default 3000). */
  readonly jobDurationMs?: number;
  /** Virtual milliseconds a job stays Stopping (default 500). */
  readonly stopDurationMs?: number;
  /** Virtual milliseconds a provisioned throughput stays Creating (default 1000). */
  readonly provisionedDurationMs?: number;
  /**
   * Answers the records of batch inference jobs; pass the Runtime stand-in's `respond` so that a batch
   * and a Converse call answer alike (default: the Runtime's default answer).
   */
  readonly respond?: Responder;
  /** Virtual milliseconds a batch inference job stays InProgress (default 3000). */
  readonly batchDurationMs?: number;
  /** Fewest records a batch inference job takes (default 100, AWS's default quota; unconfirmed). */
  readonly batchMinRecords?: number;
  /** Foundation model ids batch jobs accept (default: the Runtime stand-in's on-demand ids). */
  readonly batchFoundationModels?: readonly string[];
  /** Virtual milliseconds a custom model deployment stays Creating, and an update Updating (default 1000). */
  readonly deploymentDurationMs?: number;
  readonly unknownMembers?: UnknownMemberPolicy;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
}

/** A snapshot of a job as the stand-in sees it, with details AWS does not return. */
export interface JobSnapshot {
  readonly jobArn: string;
  readonly jobId: string;
  readonly jobName: string;
  readonly customModelName: string;
  readonly baseModelId: string;
  readonly status: JobStatus;
  readonly failureMessage: string | undefined;
  readonly failureDetail: string | undefined;
  readonly trainingRecords: number | undefined;
  readonly validationRecords: number | undefined;
  readonly outputModelArn: string | undefined;
  readonly creationTime: Date;
  readonly endTime: Date | undefined;
  readonly tags: readonly Tag[];
}

export interface ProvisionedModelView {
  readonly provisionedModelArn: string;
  readonly provisionedModelName: string;
  readonly modelArn: string;
  readonly status: ProvisionedStatus;
}

/** A custom model deployment as the stand-in sees it, for the runtime stand-in and for assertions. */
export interface DeploymentView {
  readonly deploymentArn: string;
  readonly deploymentName: string;
  /** The custom model it serves now (an update in progress still serves the old one). */
  readonly modelArn: string;
  readonly status: DeploymentStatus;
  readonly updateDetails: { readonly modelArn: string; readonly updateStatus: string } | undefined;
  readonly tags: readonly Tag[];
}

export interface BedrockStandIn {
  /** Base URL for the SDK's `endpoint`. */
  readonly url: string;
  readonly region: string;
  readonly accountId: string;
  close(): Promise<void>;
  jobs(): JobSnapshot[];
  /** Every request received, in order, with its decoded input and the status answered. */
  requests(): readonly RecordedRequest[];
  /** Makes the next `times` calls of an operation fail with the given error. */
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** Fails an InProgress job now, with the failureMessage GetModelCustomizationJob will show. */
  failJob(jobIdentifier: string, message: string): void;
  /** Moves the virtual clock forward and waits until background work has settled. */
  advance(ms: number): Promise<void>;
  /** Waits until no background work (S3 reads, writes) is running. */
  idle(): Promise<void>;
  /**
   * Sets the lifecycle GetFoundationModel reports for a base model in this stand-in's Region
   * (the catalog's per-Region lifecycle applies until then: Claude 3 Haiku is LEGACY).
   */
  setLifecycle(modelId: string, lifecycle: ModelLifecycle): void;
  /** A provisioned throughput by ARN or name, for the runtime stand-in. */
  provisionedModel(identifier: string): ProvisionedModelView | undefined;
  /** Fails a batch inference job that has not ended, with the message Get reports. */
  failInvocationJob(identifier: string, message: string): void;
  /** Fails a throughput that is Creating, with the failureMessage Get reports. */
  failProvisioned(identifier: string, message: string): void;
  /** A custom model deployment by ARN or name, for the runtime stand-in. */
  deployment(identifier: string): DeploymentView | undefined;
  /** Every custom model deployment that exists now, oldest first. */
  deployments(): DeploymentView[];
}

export async function startBedrockStandIn(options: BedrockStandInOptions): Promise<BedrockStandIn> {
  const region = options.region ?? "us-west-2";
  const accountId = options.accountId ?? "123456789012";
  const scheduler = new Scheduler();
  const faults = new FaultInjector();
  const log: RecordedRequest[] = [];
  const state = new StandInState();
  const s3 = new S3Data(createS3Client({ region, ...options.s3 }));
  const runner = new JobRunner({
    scheduler,
    s3,
    state,
    region,
    accountId,
    jobDurationMs: options.jobDurationMs ?? 3_000,
    stopDurationMs: options.stopDurationMs ?? 500,
  });
  const catalog = options.baseModels ?? DEFAULT_BASE_MODELS;
  const lifecycles = new Map<string, ModelLifecycle>();
  const handlers = bedrockHandlers({
    state,
    runner,
    scheduler,
    region,
    accountId,
    catalog,
    provisionedDurationMs: options.provisionedDurationMs ?? 1_000,
    batch: {
      s3,
      respond: options.respond ?? defaultResponder,
      durationMs: options.batchDurationMs ?? 3_000,
      stopDurationMs: options.stopDurationMs ?? 500,
      minRecords: options.batchMinRecords ?? 100,
      foundationModels: new Set(options.batchFoundationModels ?? DEFAULT_FOUNDATION_MODELS),
    },
    deploymentDurationMs: options.deploymentDurationMs ?? 1_000,
    lifecycleOf: (model) => lifecycles.get(model.id) ?? lifecycleIn(model, region),
  });
  const service = await startRestJsonService({
    model: BEDROCK_MODEL,
    handlers,
    faults,
    log,
    unknownMembers: options.unknownMembers,
    port: options.port,
  });

  return {
    url: service.url,
    region,
    accountId,
    async close() {
      scheduler.close();
      // A job's step may be writing to S3 right now (its output folder's write check): let it finish,
      // so nothing writes into a store the test is about to remove.
      await scheduler.idle();
      await service.close();
      s3.destroy();
    },
    jobs: () =>
      state.jobs.map((job) => ({
        jobArn: job.jobArn,
        jobId: job.jobId,
        jobName: job.jobName,
        customModelName: job.customModelName,
        baseModelId: job.baseModel.id,
        status: job.status,
        failureMessage: job.failureMessage,
        failureDetail: job.failureDetail,
        trainingRecords: job.trainingRecords,
        validationRecords: job.validationRecords,
        outputModelArn: job.outputModelArn,
        creationTime: job.creationTime,
        endTime: job.endTime,
        tags: [...job.tags],
      })),
    requests: () => [...log],
    injectFault: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    failJob(jobIdentifier, message) {
      const job = state.findJob(jobIdentifier);
      if (!job) throw new Error(`No job ${jobIdentifier}`);
      if (job.status !== "InProgress" && job.status !== "Stopping") {
        throw new Error(`Job ${job.jobName} is ${job.status}; only a running job can be failed`);
      }
      runner.fail(job, message, "failed by the test through failJob()");
    },
    setLifecycle(modelId, lifecycle) {
      if (!catalog.some((model) => model.id === modelId)) throw new Error(`No base model ${modelId}`);
      lifecycles.set(modelId, lifecycle);
    },
    advance: (ms) => scheduler.advance(ms),
    idle: () => scheduler.idle(),
    failInvocationJob(identifier, message) {
      const job = state.findInvocationJob(identifier);
      const running = ["Submitted", "Validating", "Scheduled", "InProgress"];
      if (!job || !running.includes(job.status))
        throw new Error(`No running batch inference job ${identifier}`);
      job.status = "Failed";
      job.message = message;
      job.endTime = scheduler.date();
      job.lastModifiedTime = job.endTime;
    },
    failProvisioned(identifier, message) {
      const record = state.findProvisioned(identifier);
      if (record?.status !== "Creating")
        throw new Error(`No provisioned throughput ${identifier} is Creating`);
      record.status = "Failed";
      record.failureMessage = message;
      record.lastModifiedTime = scheduler.date();
    },
    provisionedModel(identifier) {
      const record = state.findProvisioned(identifier);
      if (!record) return undefined;
      const { provisionedModelArn, provisionedModelName, modelArn, status } = record;
      return { provisionedModelArn, provisionedModelName, modelArn, status };
    },
    deployment(identifier) {
      const record = state.findDeployment(identifier);
      return record ? deploymentView(record) : undefined;
    },
    deployments: () => state.deployments.map(deploymentView),
  };
}

function deploymentView(record: DeploymentRecord): DeploymentView {
  return {
    deploymentArn: record.deploymentArn,
    deploymentName: record.deploymentName,
    modelArn: record.modelArn,
    status: record.status,
    updateDetails: record.updateDetails ? { ...record.updateDetails } : undefined,
    tags: [...record.tags],
  };
}
