import type { BedrockClient } from "@aws-sdk/client-bedrock";
import { getJob, type JobDetails, jobTags, listJobsByTag } from "@tunegate/aws";
import { type JobTag, NAME_PREFIX, TAG, UserError } from "@tunegate/core";

/** How many of the newest jobs of a Region are read (each costs a ListTagsForResource call). */
const MAX_SCANNED = 200;

/**
 * A repository's tunegate jobs in one Region, newest first, found by the `tunegate:repository` tag every
 * job carries: what `tunegate status` lists and what a merge reads to catch up skipped runs.
 */
export function repositoryJobs(client: BedrockClient, repository: string, limit = MAX_SCANNED) {
  return listJobsByTag(
    client,
    { key: TAG.repository, value: repository },
    { nameContains: `${NAME_PREFIX}-`, limit, maxScanned: MAX_SCANNED },
  );
}

/** One job (by name or ARN) and its tags. */
export async function jobStatus(
  client: BedrockClient,
  id: string,
): Promise<{ job: JobDetails; tags: JobTag[] }> {
  const job = await getJob(client, id);
  return { job, tags: await jobTags(client, job.jobArn) };
}

/** One job with its tags, or the repository's recent jobs. */
export type StatusResult =
  | { kind: "job"; job: JobDetails; tags: JobTag[] }
  | { kind: "jobs"; repository: string; jobs: Awaited<ReturnType<typeof repositoryJobs>> };

export interface StatusPorts {
  bedrock: BedrockClient;
  /** The repository whose jobs to list when no job is named (asked only then). */
  repository(): Promise<string | undefined>;
}

/** `tunegate status`: the job named (by name or ARN), else the repository's newest `limit` jobs. */
export async function showStatus(
  request: { job?: string | undefined; limit: number },
  ports: StatusPorts,
): Promise<StatusResult> {
  if (request.job !== undefined) return { kind: "job", ...(await jobStatus(ports.bedrock, request.job)) };
  const repository = await ports.repository();
  if (!repository) {
    throw new UserError(
      "No repository: pass --repository owner/name (or run inside a clone whose origin is on GitHub).",
    );
  }
  return { kind: "jobs", repository, jobs: await repositoryJobs(ports.bedrock, repository, request.limit) };
}
