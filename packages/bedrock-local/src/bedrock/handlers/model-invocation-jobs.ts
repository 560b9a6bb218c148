// Batch inference jobs (CreateModelInvocationJob and friends). Inputs arrive checked against the
// Smithy model; these handlers add the service's own rules: the model must exist, a token replays its
// request, a name in use is a conflict, only a running job can be stopped. The stand-in answers
// records of the Converse invocation type, the shape tunegate sends (see batch-runner.ts).
import { resourceId } from "../../ids.js";
import { ServiceError } from "../../smithy/errors.js";
import { type OperationHandler, typedHandler as typed } from "../../smithy/server.js";
import { BatchRunner } from "../batch-runner.js";
import { containsIgnoringCase, type ListQuery, listPage } from "../listing.js";
import { fingerprint, type InvocationJobRecord, type Tag } from "../state.js";
import { checkTagCount, type HandlerContext, notFound, validation } from "./common.js";

interface CreateInvocationJobInput {
  readonly jobName: string;
  readonly roleArn: string;
  readonly clientRequestToken?: string;
  readonly modelId: string;
  readonly inputDataConfig: { readonly s3InputDataConfig?: { readonly s3Uri: string } };
  readonly outputDataConfig: { readonly s3OutputDataConfig?: { readonly s3Uri: string } };
  readonly vpcConfig?: unknown;
  readonly timeoutDurationInHours?: number;
  readonly tags?: readonly Tag[];
  readonly modelInvocationType?: string;
}

interface ListInvocationJobsInput extends ListQuery {
  readonly submitTimeAfter?: Date;
  readonly submitTimeBefore?: Date;
  readonly statusEquals?: string;
  readonly nameContains?: string;
}

const RUNNING = new Set(["Submitted", "Validating", "Scheduled", "InProgress"]);
/** AWS's default when the request names no timeout (CreateModelInvocationJob docs: 24 hours). */
const DEFAULT_TIMEOUT_HOURS = 24;

function jobView(job: InvocationJobRecord): Record<string, unknown> {
  const hours = job.timeoutDurationInHours ?? DEFAULT_TIMEOUT_HOURS;
  return {
    jobArn: job.jobArn,
    jobName: job.jobName,
    modelId: job.modelId,
    clientRequestToken: job.clientRequestToken,
    roleArn: job.roleArn,
    status: job.status,
    message: job.message,
    submitTime: job.creationTime,
    lastModifiedTime: job.lastModifiedTime,
    endTime: job.endTime,
    inputDataConfig: job.inputDataConfig,
    outputDataConfig: job.outputDataConfig,
    vpcConfig: job.vpcConfig,
    timeoutDurationInHours: hours,
    jobExpirationTime: new Date(job.creationTime.getTime() + hours * 3_600_000),
    modelInvocationType: job.modelInvocationType,
    totalRecordCount: job.totalRecordCount,
    processedRecordCount: job.processedRecordCount,
    successRecordCount: job.successRecordCount,
    errorRecordCount: job.errorRecordCount,
  };
}

export function invocationJobHandlers(context: HandlerContext): Record<string, OperationHandler> {
  const { state, scheduler, region, accountId } = context;
  const runner = new BatchRunner(scheduler, context.batch);

  function modelKnown(modelId: string): boolean {
    if (state.findCustomModel(modelId)) return true;
    const marker = ":foundation-model/";
    const id = modelId.includes(marker) ? modelId.slice(modelId.indexOf(marker) + marker.length) : modelId;
    return context.batch.foundationModels.has(id);
  }

  function requireJob(identifier: string): InvocationJobRecord {
    const job = state.findInvocationJob(identifier);
    if (!job) throw notFound(`Could not find batch inference job ${identifier}`);
    return job;
  }

  return {
    CreateModelInvocationJob: typed<CreateInvocationJobInput>((input) => {
      const requestFingerprint = fingerprint(input);
      if (input.clientRequestToken !== undefined) {
        const earlier = state.invocationJobs.find(
          (job) => job.clientRequestToken === input.clientRequestToken,
        );
        if (earlier?.requestFingerprint === requestFingerprint) return { jobArn: earlier.jobArn };
        if (earlier) {
          throw validation(
            `The clientRequestToken ${input.clientRequestToken} was already used for a different request.`,
          );
        }
      }
      const inputConfig = input.inputDataConfig.s3InputDataConfig;
      const outputConfig = input.outputDataConfig.s3OutputDataConfig;
      if (!inputConfig || !outputConfig) {
        throw validation("inputDataConfig and outputDataConfig must each name an S3 location.");
      }
      if (!modelKnown(input.modelId)) throw notFound(`Could not find model ${input.modelId}`);
      const invocationType = input.modelInvocationType ?? "InvokeModel";
      if (invocationType !== "Converse") {
        // A limit of the stand-in, not of Bedrock: it answers Converse-shaped records only.
        throw validation(
          "The local stand-in runs batch jobs of modelInvocationType Converse only (records holding a Converse request body).",
        );
      }
      if (state.invocationJobs.some((job) => job.jobName === input.jobName)) {
        // Unconfirmed wording.
        throw new ServiceError(
          "ConflictException",
          `A batch inference job named ${input.jobName} already exists.`,
        );
      }
      const jobId = resourceId();
      const jobArn = `arn:aws:bedrock:${region}:${accountId}:model-invocation-job/${jobId}`;
      checkTagCount(jobArn, input.tags?.length ?? 0);
      const now = scheduler.date();
      const job: InvocationJobRecord = {
        jobArn,
        jobId,
        jobName: input.jobName,
        modelId: input.modelId,
        roleArn: input.roleArn,
        clientRequestToken: input.clientRequestToken,
        requestFingerprint,
        inputDataConfig: { s3InputDataConfig: { ...inputConfig } },
        outputDataConfig: { s3OutputDataConfig: { ...outputConfig } },
        modelInvocationType: invocationType,
        timeoutDurationInHours: input.timeoutDurationInHours,
        vpcConfig: input.vpcConfig,
        creationTime: now,
        lastModifiedTime: now,
        endTime: undefined,
        status: "Submitted",
        message: undefined,
        totalRecordCount: undefined,
        processedRecordCount: undefined,
        successRecordCount: undefined,
        errorRecordCount: undefined,
        tags: [...(input.tags ?? [])],
      };
      state.invocationJobs.push(job);
      runner.start(job);
      return { jobArn };
    }),

    GetModelInvocationJob: typed<{ jobIdentifier: string }>((input) =>
      jobView(requireJob(input.jobIdentifier)),
    ),

    ListModelInvocationJobs: typed<ListInvocationJobsInput>((input) => {
      const page = listPage(
        state.invocationJobs,
        { ...input, creationTimeAfter: input.submitTimeAfter, creationTimeBefore: input.submitTimeBefore },
        (job) =>
          (input.statusEquals === undefined || job.status === input.statusEquals) &&
          containsIgnoringCase(job.jobName, input.nameContains),
      );
      return { nextToken: page.nextToken, invocationJobSummaries: page.items.map(jobView) };
    }),

    StopModelInvocationJob: typed<{ jobIdentifier: string }>((input) => {
      const job = requireJob(input.jobIdentifier);
      if (!RUNNING.has(job.status)) {
        // Unconfirmed wording.
        throw validation(`The batch inference job ${job.jobName} is ${job.status} and cannot be stopped.`);
      }
      runner.stop(job);
      return {};
    }),
  };
}
