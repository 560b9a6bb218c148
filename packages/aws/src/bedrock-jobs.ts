import {
  type BedrockClient,
  CreateModelCustomizationJobCommand,
  GetModelCustomizationJobCommand,
  type GetModelCustomizationJobCommandOutput,
  ListModelCustomizationJobsCommand,
  ListTagsForResourceCommand,
  StopModelCustomizationJobCommand,
} from "@aws-sdk/client-bedrock";
import type { CreateJobRequest, CustomizationConfig, ExistingJob, JobTag } from "@tunegate/core";
import { isTerminal } from "@tunegate/core";
import { type BedrockErrorContext, type BedrockOperation, explainBedrockError } from "./bedrock-errors";

/** A customization job as GetModelCustomizationJob describes it, in the fields tunegate uses. */
export interface JobDetails {
  jobArn: string;
  jobName: string;
  status: string;
  failureMessage?: string | undefined;
  creationTime?: Date | undefined;
  endTime?: Date | undefined;
  customModelName?: string | undefined;
  /** Set once the job completed. */
  customModelArn?: string | undefined;
  baseModelArn?: string | undefined;
  roleArn?: string | undefined;
  trainingS3Uri?: string | undefined;
  validationS3Uris: string[];
  outputS3Uri?: string | undefined;
  hyperParameters: Record<string, string>;
  /** FINE_TUNING, REINFORCEMENT_FINE_TUNING, DISTILLATION...; absent when the service does not say. */
  customizationType?: string | undefined;
  /** RFT's grader and typed hyperparameters, or distillation's teacher, as the job reports them. */
  customizationConfig?: CustomizationConfig | undefined;
  trainingLoss?: number | undefined;
  validationLosses: number[];
}

async function call<T>(context: BedrockErrorContext, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw explainBedrockError(error, context);
  }
}

function ctx(operation: BedrockOperation, client: BedrockClient, extra: Partial<BedrockErrorContext> = {}) {
  return async (): Promise<BedrockErrorContext> => ({
    operation,
    region: await client.config.region().catch(() => undefined),
    ...extra,
  });
}

/**
 * Jobs whose name contains `nameContains`, every page (newest first). tunegate searches by the part of
 * its job names that identifies one training, which the service filters on its side.
 */
export async function findJobsByName(client: BedrockClient, nameContains: string): Promise<ExistingJob[]> {
  const context = await ctx("ListModelCustomizationJobs", client)();
  const jobs: ExistingJob[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(context, () =>
      client.send(
        new ListModelCustomizationJobsCommand({
          nameContains,
          sortBy: "CreationTime",
          sortOrder: "Descending",
          maxResults: 100,
          ...(nextToken ? { nextToken } : {}),
        }),
      ),
    );
    for (const s of page.modelCustomizationJobSummaries ?? []) {
      if (!s.jobArn || !s.jobName) continue;
      jobs.push({
        jobArn: s.jobArn,
        jobName: s.jobName,
        status: s.status ?? "InProgress",
        creationTime: s.creationTime,
        customModelName: s.customModelName,
        customModelArn: s.customModelArn,
      });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return jobs;
}

/** Starts a job. The request's clientRequestToken makes a retried or repeated call return the same job. */
export async function createJob(
  client: BedrockClient,
  request: CreateJobRequest,
): Promise<{ jobArn: string }> {
  const context = await ctx("CreateModelCustomizationJob", client, {
    roleArn: request.roleArn,
    baseModelId: request.baseModelIdentifier,
  })();
  const out = await call(context, () => client.send(new CreateModelCustomizationJobCommand(request)));
  if (!out.jobArn) throw new Error("CreateModelCustomizationJob answered without a jobArn");
  return { jobArn: out.jobArn };
}

/** One job by ARN or name. */
export async function getJob(client: BedrockClient, jobIdentifier: string): Promise<JobDetails> {
  const context = await ctx("GetModelCustomizationJob", client, { jobIdentifier })();
  const out = await call(context, () => client.send(new GetModelCustomizationJobCommand({ jobIdentifier })));
  return jobDetails(out);
}

/** One job by ARN or name, or undefined when the service knows none. */
export async function findJob(client: BedrockClient, jobIdentifier: string): Promise<JobDetails | undefined> {
  try {
    return await getJob(client, jobIdentifier);
  } catch (error) {
    if ((error as { code?: string }).code === "ResourceNotFoundException") return undefined;
    throw error;
  }
}

export async function stopJob(client: BedrockClient, jobIdentifier: string): Promise<void> {
  const context = await ctx("StopModelCustomizationJob", client, { jobIdentifier })();
  await call(context, () => client.send(new StopModelCustomizationJobCommand({ jobIdentifier })));
}

export async function jobTags(client: BedrockClient, jobArn: string): Promise<JobTag[]> {
  const context = await ctx("ListTagsForResource", client, { jobIdentifier: jobArn })();
  const out = await call(context, () => client.send(new ListTagsForResourceCommand({ resourceARN: jobArn })));
  return (out.tags ?? []).map((t) => ({ key: t.key ?? "", value: t.value ?? "" }));
}

export interface ListJobsByTagOptions {
  /** Only names containing this (server-side filter), e.g. "tunegate-". */
  nameContains?: string;
  /** Stop after this many matching jobs (default 20). */
  limit?: number;
  /** Look at no more than this many jobs, newest first (default 200): each costs a tags call. */
  maxScanned?: number;
}

/**
 * The newest jobs carrying tag `key=value`, e.g. a repository's jobs. The API cannot filter jobs by tag,
 * so this lists jobs newest first and reads each one's tags, within `maxScanned`.
 */
export async function listJobsByTag(
  client: BedrockClient,
  tag: JobTag,
  options: ListJobsByTagOptions = {},
): Promise<(ExistingJob & { tags: JobTag[] })[]> {
  const limit = options.limit ?? 20;
  const maxScanned = options.maxScanned ?? 200;
  const context = await ctx("ListModelCustomizationJobs", client)();
  const found: (ExistingJob & { tags: JobTag[] })[] = [];
  let scanned = 0;
  let nextToken: string | undefined;
  do {
    const page = await call(context, () =>
      client.send(
        new ListModelCustomizationJobsCommand({
          sortBy: "CreationTime",
          sortOrder: "Descending",
          maxResults: Math.min(100, maxScanned - scanned),
          ...(options.nameContains ? { nameContains: options.nameContains } : {}),
          ...(nextToken ? { nextToken } : {}),
        }),
      ),
    );
    for (const s of page.modelCustomizationJobSummaries ?? []) {
      if (!s.jobArn || !s.jobName || scanned >= maxScanned || found.length >= limit) continue;
      scanned += 1;
      const tags = await jobTags(client, s.jobArn);
      if (!tags.some((t) => t.key === tag.key && t.value === tag.value)) continue;
      found.push({
        jobArn: s.jobArn,
        jobName: s.jobName,
        status: s.status ?? "InProgress",
        creationTime: s.creationTime,
        customModelName: s.customModelName,
        customModelArn: s.customModelArn,
        tags,
      });
    }
    nextToken = page.nextToken;
  } while (nextToken && scanned < maxScanned && found.length < limit);
  return found;
}

export interface WaitForJobOptions {
  /** Give up waiting after this long; the job keeps running. */
  timeoutMs: number;
  /** Pause between polls (default 30 s). */
  intervalMs?: number;
  onPoll?: (job: JobDetails) => void;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Polls a job until it ends or the timeout passes; returns the last state seen. */
export async function waitForJob(
  client: BedrockClient,
  jobIdentifier: string,
  options: WaitForJobOptions,
): Promise<JobDetails> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  const interval = options.intervalMs ?? 30_000;
  for (;;) {
    const job = await getJob(client, jobIdentifier);
    options.onPoll?.(job);
    const left = deadline - now();
    if (isTerminal(job.status) || left <= 0) return job;
    await sleep(Math.min(interval, left));
  }
}

function jobDetails(out: GetModelCustomizationJobCommandOutput): JobDetails {
  return {
    jobArn: out.jobArn ?? "",
    jobName: out.jobName ?? "",
    status: out.status ?? "InProgress",
    failureMessage: out.failureMessage,
    creationTime: out.creationTime,
    endTime: out.endTime,
    customModelName: out.outputModelName,
    customModelArn: out.outputModelArn,
    baseModelArn: out.baseModelArn,
    roleArn: out.roleArn,
    trainingS3Uri: out.trainingDataConfig?.s3Uri,
    validationS3Uris: (out.validationDataConfig?.validators ?? []).flatMap((v) => (v.s3Uri ? [v.s3Uri] : [])),
    outputS3Uri: out.outputDataConfig?.s3Uri,
    hyperParameters: { ...(out.hyperParameters ?? {}) },
    ...(out.customizationType ? { customizationType: out.customizationType } : {}),
    ...(out.customizationConfig
      ? { customizationConfig: out.customizationConfig as CustomizationConfig }
      : {}),
    trainingLoss: out.trainingMetrics?.trainingLoss,
    validationLosses: (out.validationMetrics ?? []).flatMap((m) =>
      m.validationLoss === undefined ? [] : [m.validationLoss],
    ),
  };
}
