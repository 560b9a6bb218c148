import { type BedrockClient, TagResourceCommand } from "@aws-sdk/client-bedrock";
import type { JobTag } from "@tunegate/core";

/**
 * The report action marks a job it has posted in a final state with this tag (value: the status), so a
 * scheduled run that finds no job name to report skips it instead of reading it, its metrics and its
 * evaluation again. The PR comment stays the source of truth: without the tag (no bedrock:TagResource
 * permission), the next run renders the same body and leaves the comment alone.
 */
export const REPORTED_TAG = "tunegate:reported";

/** The status a job was last reported in, from its tags. */
export function reportedStatus(tags: readonly JobTag[]): string | undefined {
  return tags.find((t) => t.key === REPORTED_TAG)?.value;
}

/** Tags the job as reported in `status`; returns the error message instead of throwing (a warning). */
export async function markJobReported(
  client: BedrockClient,
  jobArn: string,
  status: string,
): Promise<string | undefined> {
  try {
    await client.send(
      new TagResourceCommand({ resourceARN: jobArn, tags: [{ key: REPORTED_TAG, value: status }] }),
    );
    return undefined;
  } catch (err) {
    const e = err as { name?: string; message?: string };
    return `Could not tag ${jobArn} as reported (${e.name ?? "Error"}: ${e.message ?? String(err)}). Grant bedrock:TagResource on the job so scheduled runs skip jobs already reported.`;
  }
}
