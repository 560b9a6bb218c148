import type { BedrockClient } from "@aws-sdk/client-bedrock";
import { getJob, type JobDetails, jobTags, listJobsByTag } from "@tunegate/aws";
import { type JobTag, NAME_PREFIX, TAG } from "@tunegate/core";

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
