import { randomBytes } from "node:crypto";
import type { BedrockClient } from "@aws-sdk/client-bedrock";
import type { S3Client } from "@aws-sdk/client-s3";
import {
  type DatasetDigest,
  decideFromExisting,
  type ExistingJob,
  type JobPlan,
  JobPlanError,
  type PlanJobInput,
  planJob,
} from "@tunegate/core";
import { sha256File } from "@tunegate/files";
import { guardBaseModelLifecycle, type LifecycleVerdict } from "./base-model-lifecycle";
import { BedrockJobError } from "./bedrock-errors";
import { createJob, findJob, findJobsByName, getJob, type JobDetails } from "./bedrock-jobs";
import type { UploadDatasetResult, UploadProgress } from "./dataset-upload";
import { checkBedrockS3Uri } from "./s3-uri";

export interface DatasetFiles {
  train: string;
  validation?: string | undefined;
}

/** SHA-256 and size of each dataset file, read as streams. */
export async function hashDatasets(
  files: DatasetFiles,
): Promise<{ train: DatasetDigest; validation?: DatasetDigest }> {
  const train = await sha256File(files.train);
  if (files.validation === undefined) return { train };
  return { train, validation: await sha256File(files.validation) };
}

/**
 * `planJob`, with S3 problems explained part by part (bucket, key) by the same rules the upload uses,
 * so a bad bucket or prefix fails here, before any byte is sent, with the fix spelled out.
 */
export function planTrainingJob(input: PlanJobInput): JobPlan {
  try {
    return planJob(input);
  } catch (error) {
    if (!(error instanceof JobPlanError)) throw error;
    const explained = error.problems.map((problem) => {
      if (!problem.field.endsWith("s3Uri")) return problem;
      const uri = /"(s3:\/\/[^"]*)"/.exec(problem.message)?.[1];
      const check = uri === undefined ? undefined : checkBedrockS3Uri(uri);
      if (!check || check.ok) return problem;
      return { field: problem.field, message: check.problems.map((p) => `${p.part} ${p.message}`).join(" ") };
    });
    // A bad bucket breaks every URI the same way: say it once, naming every field.
    const byMessage = new Map<string, string[]>();
    for (const p of explained) byMessage.set(p.message, [...(byMessage.get(p.message) ?? []), p.field]);
    const unique = [...byMessage].map(([message, fields]) => ({ field: fields.join(", "), message }));
    throw new JobPlanError(error.model, unique);
  }
}

export interface LaunchInput {
  /** The client to upload with, or how to make it when an upload is due (none is, for an existing job). */
  s3: S3Client | (() => Promise<S3Client>);
  bedrock: BedrockClient;
  /** The plan input; the attempt number is decided here from the jobs that exist. */
  plan: PlanJobInput;
  files: DatasetFiles;
  onUploadProgress?: ((role: "train" | "validation", progress: UploadProgress) => void) | undefined;
  /** For the base model's end-of-life comparison (default: now). */
  now?: Date | undefined;
}

export interface LaunchResult {
  /** The plan of the job reported (for a reused job, the plan at this commit). */
  plan: JobPlan;
  job: JobDetails;
  /** False when a job of the same training existed and was reported instead. */
  created: boolean;
  /** Empty when no upload was needed (an existing job). */
  uploads: UploadDatasetResult[];
  /** Earlier failed or stopped attempts of the same training. */
  earlier: ExistingJob[];
  /** The base model's lifecycle, read before a new job (absent when an existing job was reported). */
  lifecycle?: LifecycleVerdict | undefined;
  /** Set when the job was created but reading it back failed: `job` then holds what the request said. */
  readError?: string;
}

/**
 * Starts the planned job unless the same training already has one, in this order: look for a job of
 * this training (by the name fragment its key gives), ask Bedrock whether the base model is still
 * active (a legacy or end-of-life base is refused unless the model allows it), upload each dataset to its content-addressed key
 * (skipped when the same bytes are there), then create the job and read it back.
 *
 * Idempotent: a repeated run finds the job in the first step and starts nothing. Should two runs race,
 * the job name (unique in the account and Region) lets one create through; the other's create meets a
 * name conflict, answered by reading the job that holds the name and reporting it as not created.
 */
export async function launchTrainingJob(input: LaunchInput): Promise<LaunchResult> {
  const { bedrock, files } = input;
  let plan = planTrainingJob(input.plan);
  const decision = decideFromExisting(plan, await findJobsByName(bedrock, plan.nameFragment));
  if (decision.action === "reuse") {
    return {
      plan,
      job: await getJob(bedrock, decision.job.jobArn),
      created: false,
      uploads: [],
      earlier: [],
    };
  }
  if (decision.attempt !== plan.attempt) plan = planTrainingJob({ ...input.plan, attempt: decision.attempt });
  const lifecycle = await guardBaseModelLifecycle({
    bedrock,
    model: plan.model,
    baseModelId: plan.baseModel.id,
    baseModelName: plan.baseModel.name,
    region: plan.region,
    allowLegacyBase: input.plan.model.allowLegacyBase,
    now: input.now,
  });

  const uploads: UploadDatasetResult[] = [];
  if (plan.uploads.length > 0) {
    // Loaded here, with the S3 SDK's upload machinery: a run that reuses a job above never needs them.
    const { uploadDataset } = await import("./dataset-upload");
    const s3 = typeof input.s3 === "function" ? await input.s3() : input.s3;
    for (const upload of plan.uploads) {
      const file = upload.role === "train" ? files.train : files.validation;
      if (file === undefined) throw new Error(`No ${upload.role} file was given for ${upload.uri}`);
      uploads.push(
        await uploadDataset({
          client: s3,
          bucket: upload.bucket,
          key: upload.key,
          file,
          sha256: upload.sha256,
          bytes: upload.bytes,
          kmsKeyId: upload.kmsKeyId,
          onProgress: input.onUploadProgress ? (p) => input.onUploadProgress?.(upload.role, p) : undefined,
        }),
      );
    }
  }

  let jobArn: string;
  let created = true;
  try {
    ({ jobArn } = await createJob(bedrock, { ...plan.request, clientRequestToken: runToken(plan) }));
  } catch (error) {
    // Another run created a job under this name between the search and the create.
    const holder = isNameClash(error) ? await findJob(bedrock, plan.request.jobName) : undefined;
    if (!holder) throw error;
    jobArn = holder.jobArn;
    created = false;
  }
  // The job exists from here on: a failure to read it back must not lose its ARN (the job trains, and
  // the caller still reports it), so the details fall back to what the create request said.
  try {
    const job = await getJob(bedrock, jobArn);
    return { plan, job, created, uploads, earlier: decision.earlier, lifecycle };
  } catch (error) {
    const readError = error instanceof Error ? error.message : String(error);
    return {
      plan,
      job: requestedJob(plan, jobArn),
      created,
      uploads,
      earlier: decision.earlier,
      lifecycle,
      readError,
    };
  }
}

/**
 * The create's idempotency token: the training's token plus one value per launch. The SDK's retries of
 * this one call send the same token, so a retried create that reached Bedrock returns the same job; a
 * second run of the same training sends another token and meets the job name instead, so only the run
 * that started the job reports it as started.
 */
function runToken(plan: JobPlan): string {
  return `${plan.request.clientRequestToken}-${randomBytes(8).toString("hex")}`;
}

/** Error types that mean the name is taken (Bedrock's model lists ConflictException for the create). */
const NAME_CLASH_TYPES = new Set(["ConflictException", "ResourceInUseException"]);

/** Recognised by the error's type, never by its message text (which the service may reword). */
function isNameClash(error: unknown): boolean {
  const code = error instanceof BedrockJobError ? error.code : (error as { name?: unknown })?.name;
  return typeof code === "string" && NAME_CLASH_TYPES.has(code);
}

/** A created job's details when they could not be read back: the request's, status unknown. */
function requestedJob(plan: JobPlan, jobArn: string): JobDetails {
  const { request } = plan;
  return {
    jobArn,
    jobName: request.jobName,
    status: "Unknown",
    customModelName: request.customModelName,
    roleArn: request.roleArn,
    trainingS3Uri: request.trainingDataConfig.s3Uri,
    validationS3Uris: (request.validationDataConfig?.validators ?? []).flatMap((v) =>
      v.s3Uri ? [v.s3Uri] : [],
    ),
    outputS3Uri: request.outputDataConfig.s3Uri,
    hyperParameters: { ...request.hyperParameters },
    customizationType: request.customizationType,
    ...(request.customizationConfig ? { customizationConfig: request.customizationConfig } : {}),
    validationLosses: [],
  };
}
