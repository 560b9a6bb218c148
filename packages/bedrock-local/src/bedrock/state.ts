// What the control-plane stand-in remembers: customization jobs, the custom models they produce, and
// provisioned throughputs, plus lookups by name or ARN as the API accepts either.
import { ServiceError } from "../smithy/errors.js";
import type { BaseModelSpec } from "./catalog.js";
import type { CustomizationConfigInput } from "./customization-config.js";

export type JobStatus = "InProgress" | "Completed" | "Failed" | "Stopping" | "Stopped";
export type ProvisionedStatus = "Creating" | "InService" | "Updating" | "Failed";
export type InvocationJobStatus =
  | "Submitted"
  | "Validating"
  | "Scheduled"
  | "InProgress"
  | "Completed"
  | "PartiallyCompleted"
  | "Failed"
  | "Stopping"
  | "Stopped"
  | "Expired";
export type DeploymentStatus = "Creating" | "Active" | "Failed";
export type DeploymentUpdateStatus = "Updating" | "UpdateCompleted" | "UpdateFailed";

export interface Tag {
  readonly key: string;
  readonly value: string;
}

export interface S3Config {
  readonly s3Uri: string;
}

export interface TrainingMetrics {
  readonly trainingLoss: number;
}

export interface ValidatorMetric {
  readonly validationLoss: number;
}

export interface JobRecord {
  readonly jobArn: string;
  readonly jobId: string;
  readonly jobName: string;
  readonly customModelName: string;
  readonly roleArn: string;
  readonly clientRequestToken: string | undefined;
  /** Canonical JSON of the request without its token, to tell an idempotent retry from a conflict. */
  readonly requestFingerprint: string;
  readonly baseModel: BaseModelSpec;
  readonly baseModelArn: string;
  readonly customizationType: string;
  readonly customizationConfig: CustomizationConfigInput | undefined;
  readonly hyperParameters: Readonly<Record<string, string>>;
  readonly trainingDataConfig: S3Config;
  readonly validationDataConfig: { readonly validators: readonly S3Config[] } | undefined;
  readonly outputDataConfig: S3Config;
  readonly vpcConfig: unknown;
  readonly customModelKmsKeyId: string | undefined;
  readonly customModelTags: readonly Tag[];
  tags: Tag[];
  status: JobStatus;
  failureMessage: string | undefined;
  /** Why the stand-in failed the job, in more words than AWS gives (line numbers and so on). */
  failureDetail: string | undefined;
  readonly creationTime: Date;
  lastModifiedTime: Date;
  endTime: Date | undefined;
  outputModelArn: string | undefined;
  trainingMetrics: TrainingMetrics | undefined;
  validationMetrics: ValidatorMetric[] | undefined;
  trainingRecords: number | undefined;
  validationRecords: number | undefined;
  /** Which sub-task a running job is in, for `statusDetails`: the data checks, then training. */
  phase: JobPhase;
}

export type JobPhase = "validation" | "training";

export interface CustomModelRecord {
  readonly modelArn: string;
  readonly modelName: string;
  readonly job: JobRecord;
  readonly creationTime: Date;
  tags: Tag[];
}

export interface ProvisionedRecord {
  readonly provisionedModelArn: string;
  provisionedModelName: string;
  readonly clientRequestToken: string | undefined;
  readonly requestFingerprint: string;
  modelArn: string;
  /** The model an UpdateProvisionedModelThroughput is moving it to, while Updating. */
  desiredModelArn: string | undefined;
  readonly foundationModelArn: string;
  readonly modelUnits: number;
  readonly commitmentDuration: string | undefined;
  readonly creationTime: Date;
  lastModifiedTime: Date;
  status: ProvisionedStatus;
  failureMessage: string | undefined;
  tags: Tag[];
}

/** A batch inference job (CreateModelInvocationJob). */
export interface InvocationJobRecord {
  readonly jobArn: string;
  readonly jobId: string;
  readonly jobName: string;
  readonly modelId: string;
  readonly roleArn: string;
  readonly clientRequestToken: string | undefined;
  readonly requestFingerprint: string;
  readonly inputDataConfig: { readonly s3InputDataConfig: { readonly s3Uri: string } };
  readonly outputDataConfig: { readonly s3OutputDataConfig: { readonly s3Uri: string } };
  readonly modelInvocationType: string;
  readonly timeoutDurationInHours: number | undefined;
  readonly vpcConfig: unknown;
  /** The time (virtual) the job was submitted; the List filters and sort use it. */
  readonly creationTime: Date;
  lastModifiedTime: Date;
  endTime: Date | undefined;
  status: InvocationJobStatus;
  message: string | undefined;
  totalRecordCount: number | undefined;
  processedRecordCount: number | undefined;
  successRecordCount: number | undefined;
  errorRecordCount: number | undefined;
  tags: Tag[];
}

export interface DeploymentRecord {
  readonly deploymentArn: string;
  readonly deploymentName: string;
  readonly clientRequestToken: string | undefined;
  readonly requestFingerprint: string;
  readonly description: string | undefined;
  /** The custom model it serves; an update changes it once the update completes. */
  modelArn: string;
  readonly creationTime: Date;
  lastUpdatedAt: Date;
  status: DeploymentStatus;
  /** The last UpdateCustomModelDeployment: the model it moves to and how far it got. */
  updateDetails: { modelArn: string; updateStatus: DeploymentUpdateStatus } | undefined;
  tags: Tag[];
}

/** Stable JSON (sorted keys) of a request, leaving out the idempotency token. */
export function fingerprint(input: object): string {
  const canonical = (value: unknown): unknown => {
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map(canonical);
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(
        Object.keys(value as Record<string, unknown>)
          .sort()
          .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
      );
    }
    return value;
  };
  const { clientRequestToken: _token, ...rest } = input as { clientRequestToken?: unknown };
  return JSON.stringify(canonical(rest));
}

export class StandInState {
  readonly jobs: JobRecord[] = [];
  readonly customModels: CustomModelRecord[] = [];
  readonly provisioned: ProvisionedRecord[] = [];
  readonly invocationJobs: InvocationJobRecord[] = [];
  readonly deployments: DeploymentRecord[] = [];

  findJob(identifier: string): JobRecord | undefined {
    return this.jobs.find((job) => job.jobArn === identifier || job.jobName === identifier);
  }

  requireJob(identifier: string): JobRecord {
    const job = this.findJob(identifier);
    if (!job)
      throw new ServiceError(
        "ResourceNotFoundException",
        `Could not find model customization job ${identifier}`,
      );
    return job;
  }

  findCustomModel(identifier: string): CustomModelRecord | undefined {
    return this.customModels.find((model) => model.modelArn === identifier || model.modelName === identifier);
  }

  findProvisioned(identifier: string): ProvisionedRecord | undefined {
    return this.provisioned.find(
      (record) => record.provisionedModelArn === identifier || record.provisionedModelName === identifier,
    );
  }

  /** A batch inference job by ARN or by the 12-character id that ends it. */
  findInvocationJob(identifier: string): InvocationJobRecord | undefined {
    return this.invocationJobs.find((job) => job.jobArn === identifier || job.jobId === identifier);
  }

  findDeployment(identifier: string): DeploymentRecord | undefined {
    return this.deployments.find(
      (record) => record.deploymentArn === identifier || record.deploymentName === identifier,
    );
  }

  /** The tag list of a taggable resource, by ARN. */
  taggable(resourceArn: string): { tags: Tag[] } | undefined {
    return (
      this.jobs.find((job) => job.jobArn === resourceArn) ??
      this.customModels.find((model) => model.modelArn === resourceArn) ??
      this.provisioned.find((record) => record.provisionedModelArn === resourceArn) ??
      this.invocationJobs.find((job) => job.jobArn === resourceArn) ??
      this.deployments.find((record) => record.deploymentArn === resourceArn)
    );
  }
}
