// Customization jobs and the custom models they produce. Inputs arrive already checked against the
// Smithy model; these handlers add the service's own rules: base models and Regions, idempotency,
// names in use, hyperparameters, and the job life cycle (see job-runner.ts).
import { resourceId } from "../../ids.js";
import { ServiceError } from "../../smithy/errors.js";
import { type OperationHandler, typedHandler as typed } from "../../smithy/server.js";
import { type BaseModelSpec, findBaseModel } from "../catalog.js";
import { type CustomizationConfigInput, checkCustomization } from "../customization-config.js";
import { containsIgnoringCase, type ListQuery, listPage } from "../listing.js";
import { type CustomModelRecord, fingerprint, type JobRecord, type S3Config, type Tag } from "../state.js";
import { checkTagCount, foundationModelArn, type HandlerContext, notFound, validation } from "./common.js";

interface CreateJobInput {
  readonly jobName: string;
  readonly customModelName: string;
  readonly roleArn: string;
  readonly clientRequestToken?: string;
  readonly baseModelIdentifier: string;
  readonly customizationType?: string;
  readonly customModelKmsKeyId?: string;
  readonly jobTags?: readonly Tag[];
  readonly customModelTags?: readonly Tag[];
  readonly trainingDataConfig: { readonly s3Uri?: string };
  readonly validationDataConfig?: { readonly validators: readonly S3Config[] };
  readonly outputDataConfig: S3Config;
  readonly hyperParameters?: Readonly<Record<string, string>>;
  readonly customizationConfig?: CustomizationConfigInput;
  readonly vpcConfig?: unknown;
}

interface ListJobsInput extends ListQuery {
  readonly statusEquals?: string;
  readonly nameContains?: string;
}

interface ListModelsInput extends ListQuery {
  readonly nameContains?: string;
  readonly baseModelArnEquals?: string;
  readonly foundationModelArnEquals?: string;
}

// Unconfirmed wording: AWS's hyperparameter messages are not quoted in any stored page.
function checkHyperParameters(model: BaseModelSpec, given: Readonly<Record<string, string>>): void {
  for (const [name, text] of Object.entries(given)) {
    const spec = model.hyperParameters[name];
    if (!spec) {
      const known = Object.keys(model.hyperParameters).join(", ");
      throw validation(
        `Hyperparameter ${name} is not supported for ${model.id}. Supported hyperparameters: ${known}.`,
      );
    }
    const value = Number(text);
    const wellFormed =
      text.trim() !== "" && Number.isFinite(value) && (spec.type === "float" || Number.isInteger(value));
    if (!wellFormed || value < spec.min || value > spec.max) {
      throw validation(
        `Hyperparameter ${name} must be ${spec.type === "integer" ? "an integer" : "a number"} between ${spec.min} and ${spec.max} for ${model.id}; got '${text}'.`,
      );
    }
  }
}

function baseModelName(id: string): string {
  return id.split(":")[0] ?? id;
}

type SubTaskStatus = "NotStarted" | "InProgress" | "Completed" | "Stopping" | "Stopped" | "Failed";

/** `statusDetails`: the data checks (validation, data processing) come first, then training. */
function statusDetails(job: JobRecord): Record<string, unknown> {
  const since = { creationTime: job.creationTime, lastModifiedTime: job.lastModifiedTime };
  const checking = job.phase === "validation";
  const current: SubTaskStatus = job.status;
  const checks: SubTaskStatus = checking ? current : "Completed";
  const training: SubTaskStatus = checking ? "NotStarted" : current;
  return {
    validationDetails: { status: checks, ...since },
    dataProcessingDetails: { status: checks, ...since },
    trainingDetails: { status: training, ...since },
  };
}

function jobView(job: JobRecord): Record<string, unknown> {
  return {
    jobArn: job.jobArn,
    jobName: job.jobName,
    outputModelName: job.customModelName,
    outputModelArn: job.outputModelArn,
    clientRequestToken: job.clientRequestToken,
    roleArn: job.roleArn,
    status: job.status,
    statusDetails: statusDetails(job),
    failureMessage: job.failureMessage,
    creationTime: job.creationTime,
    lastModifiedTime: job.lastModifiedTime,
    endTime: job.endTime,
    baseModelArn: job.baseModelArn,
    hyperParameters: job.hyperParameters,
    trainingDataConfig: job.trainingDataConfig,
    validationDataConfig: job.validationDataConfig ?? { validators: [] },
    outputDataConfig: job.outputDataConfig,
    customizationType: job.customizationType,
    customizationConfig: job.customizationConfig,
    outputModelKmsKeyArn: job.customModelKmsKeyId,
    trainingMetrics: job.trainingMetrics,
    validationMetrics: job.validationMetrics,
    vpcConfig: job.vpcConfig,
  };
}

function modelView(model: CustomModelRecord): Record<string, unknown> {
  const { job } = model;
  return {
    modelArn: model.modelArn,
    modelName: model.modelName,
    jobName: job.jobName,
    jobArn: job.jobArn,
    baseModelArn: job.baseModelArn,
    customizationType: job.customizationType,
    customizationConfig: job.customizationConfig,
    modelKmsKeyArn: job.customModelKmsKeyId,
    hyperParameters: job.hyperParameters,
    trainingDataConfig: job.trainingDataConfig,
    validationDataConfig: job.validationDataConfig,
    outputDataConfig: job.outputDataConfig,
    trainingMetrics: job.trainingMetrics,
    validationMetrics: job.validationMetrics,
    creationTime: model.creationTime,
  };
}

export function customizationHandlers(context: HandlerContext): Record<string, OperationHandler> {
  const { state, runner, scheduler, region, accountId } = context;

  function resolveBaseModel(identifier: string): BaseModelSpec {
    const model = findBaseModel(context.catalog, identifier);
    const arnRegion = identifier.startsWith("arn:") ? identifier.split(":")[3] : region;
    if (!model || arnRegion !== region || !model.regions.includes(region)) {
      throw notFound(
        `Could not find a base model with identifier ${identifier} that can be customized in ${region}.`,
      );
    }
    return model;
  }

  return {
    CreateModelCustomizationJob: typed<CreateJobInput>((input) => {
      const requestFingerprint = fingerprint(input);
      if (input.clientRequestToken !== undefined) {
        const earlier = state.jobs.find((job) => job.clientRequestToken === input.clientRequestToken);
        if (earlier) {
          // Same token, same request: the service "ignores the request, but does not return an error".
          if (earlier.requestFingerprint === requestFingerprint) return { jobArn: earlier.jobArn };
          throw new ServiceError(
            "ConflictException",
            `The clientRequestToken ${input.clientRequestToken} was already used for a different request.`,
          );
        }
      }
      const baseModel = resolveBaseModel(input.baseModelIdentifier);
      const customizationType = input.customizationType ?? "FINE_TUNING";
      checkCustomization(baseModel, customizationType, input.customizationConfig, input.hyperParameters);
      const trainingUri = input.trainingDataConfig.s3Uri;
      if (trainingUri === undefined)
        throw validation("trainingDataConfig.s3Uri is required for fine-tuning.");
      checkHyperParameters(baseModel, input.hyperParameters ?? {});
      // The operation's model lists ConflictException for a clash; the wording is CreateModelImportJob's.
      if (state.findJob(input.jobName))
        throw new ServiceError("ConflictException", "The provided job name is currently in use.");
      const nameTaken =
        state.customModels.some((model) => model.modelName === input.customModelName) ||
        state.jobs.some(
          (job) =>
            job.customModelName === input.customModelName &&
            (job.status === "InProgress" || job.status === "Stopping"),
        );
      if (nameTaken)
        throw new ServiceError("ConflictException", "The provided custom model name is currently in use.");

      const jobId = resourceId();
      const jobArn = `arn:aws:bedrock:${region}:${accountId}:model-customization-job/${baseModel.id}/${jobId}`;
      checkTagCount(jobArn, input.jobTags?.length ?? 0);
      checkTagCount(input.customModelName, input.customModelTags?.length ?? 0);
      const now = scheduler.date();
      const job: JobRecord = {
        jobArn,
        jobId,
        jobName: input.jobName,
        customModelName: input.customModelName,
        roleArn: input.roleArn,
        clientRequestToken: input.clientRequestToken,
        requestFingerprint,
        baseModel,
        baseModelArn: foundationModelArn(context, baseModel.id),
        customizationType,
        customizationConfig: input.customizationConfig,
        hyperParameters: input.hyperParameters ?? {},
        trainingDataConfig: { s3Uri: trainingUri },
        validationDataConfig: input.validationDataConfig,
        outputDataConfig: input.outputDataConfig,
        vpcConfig: input.vpcConfig,
        customModelKmsKeyId: input.customModelKmsKeyId,
        customModelTags: input.customModelTags ?? [],
        tags: [...(input.jobTags ?? [])],
        status: "InProgress",
        failureMessage: undefined,
        failureDetail: undefined,
        creationTime: now,
        lastModifiedTime: now,
        endTime: undefined,
        outputModelArn: undefined,
        trainingMetrics: undefined,
        validationMetrics: undefined,
        trainingRecords: undefined,
        validationRecords: undefined,
        phase: "validation",
      };
      state.jobs.push(job);
      runner.start(job);
      return { jobArn };
    }),

    GetModelCustomizationJob: typed<{ jobIdentifier: string }>((input) =>
      jobView(state.requireJob(input.jobIdentifier)),
    ),

    ListModelCustomizationJobs: typed<ListJobsInput>((input) => {
      const page = listPage(
        state.jobs,
        input,
        (job) =>
          (input.statusEquals === undefined || job.status === input.statusEquals) &&
          containsIgnoringCase(job.jobName, input.nameContains),
      );
      return {
        nextToken: page.nextToken,
        modelCustomizationJobSummaries: page.items.map((job) => ({
          jobArn: job.jobArn,
          baseModelArn: job.baseModelArn,
          jobName: job.jobName,
          status: job.status,
          statusDetails: statusDetails(job),
          lastModifiedTime: job.lastModifiedTime,
          creationTime: job.creationTime,
          endTime: job.endTime,
          customModelArn: job.outputModelArn,
          customModelName: job.customModelName,
          customizationType: job.customizationType,
        })),
      };
    }),

    StopModelCustomizationJob: typed<{ jobIdentifier: string }>((input) => {
      const job = state.requireJob(input.jobIdentifier);
      if (job.status !== "InProgress") {
        throw validation(
          `The model customization job ${job.jobName} cannot be stopped because it is ${job.status}.`,
        );
      }
      runner.stop(job);
      return {};
    }),

    GetCustomModel: typed<{ modelIdentifier: string }>((input) => {
      const model = state.findCustomModel(input.modelIdentifier);
      if (!model) throw notFound(`Could not find model ${input.modelIdentifier}`);
      return modelView(model);
    }),

    ListCustomModels: typed<ListModelsInput>((input) => {
      const page = listPage(
        state.customModels,
        input,
        (model) =>
          containsIgnoringCase(model.modelName, input.nameContains) &&
          (input.baseModelArnEquals === undefined || model.job.baseModelArn === input.baseModelArnEquals) &&
          (input.foundationModelArnEquals === undefined ||
            model.job.baseModelArn === input.foundationModelArnEquals),
      );
      return {
        nextToken: page.nextToken,
        modelSummaries: page.items.map((model) => ({
          modelArn: model.modelArn,
          modelName: model.modelName,
          creationTime: model.creationTime,
          baseModelArn: model.job.baseModelArn,
          baseModelName: baseModelName(model.job.baseModel.id),
          customizationType: model.job.customizationType,
          ownerAccountId: accountId,
        })),
      };
    }),
  };
}
