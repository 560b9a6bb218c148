import { findJob, getBaseModelLifecycle, listJobsByTag, retirementOf } from "@tunegate/aws";
import { type BaseModel, type JobTag, NAME_PREFIX, TAG, UserError } from "@tunegate/core";
import type { BedrockClient } from "./ports";

/** The custom model a throughput serves, and what it is tagged with. */
export interface ProvisionTarget {
  modelName: string;
  customModelArn: string;
  jobName: string;
  /** The job's tags, as the throughput is tagged like the job. */
  tags: JobTag[];
}

/**
 * The custom model of the model's newest completed job (found by its tunegate:model tag), or the one
 * `modelArn` names. A model without a completed job has nothing to serve.
 */
export async function findProvisionTarget(
  bedrock: BedrockClient,
  modelName: string,
  modelArn?: string,
): Promise<ProvisionTarget> {
  const jobs = await listJobsByTag(
    bedrock,
    { key: TAG.model, value: modelName },
    { nameContains: `${NAME_PREFIX}-`, limit: 50, maxScanned: 200 },
  );
  const job = modelArn
    ? jobs.find((j) => j.customModelArn === modelArn)
    : jobs.find((j) => j.status === "Completed" && j.customModelArn);
  if (modelArn && !job) {
    return { modelName, customModelArn: modelArn, jobName: "", tags: [{ key: TAG.model, value: modelName }] };
  }
  if (!job) {
    throw new UserError(
      `${modelName} has no completed customization job, so there is no custom model to serve.`,
      {
        fix: "Merge a dataset change so the train action starts a job, or pass --model-arn.",
      },
    );
  }
  const details = job.customModelArn ? undefined : await findJob(bedrock, job.jobArn);
  return {
    modelName,
    customModelArn: job.customModelArn ?? details?.customModelArn ?? "",
    jobName: job.jobName,
    tags: job.tags.filter((t) => t.key !== "tunegate:reported"),
  };
}

/**
 * AWS creates no Provisioned Throughput for a Legacy base model (model-lifecycle-legacy.html), so
 * neither does tunegate: Bedrock's own lifecycle answer for the Region decides, then the catalog's.
 */
export async function refuseRetiredBase(
  bedrock: BedrockClient,
  baseModel: BaseModel,
  region: string,
  now: Date,
): Promise<void> {
  const lifecycle = await getBaseModelLifecycle(bedrock, baseModel.id, region);
  const retired = retirementOf(lifecycle, now);
  const source = "source: Bedrock GetFoundationModel, modelLifecycle";
  if (retired === undefined && baseModel.serving?.provisionedThroughput !== false) return;
  const why = retired
    ? `${baseModel.name} (${baseModel.id}) is ${retired} in ${region} (${source})`
    : `the catalog says a custom model of ${baseModel.name} cannot get Provisioned Throughput (${baseModel.serving?.source})`;
  throw new UserError(`${why}: AWS creates no new Provisioned Throughput for it. Nothing was created.`, {
    fix: "Move the model to an active base model (Amazon Nova 2 Lite, Nova Lite or Llama 3.3 70B serve custom models on demand) and train it again.",
  });
}
