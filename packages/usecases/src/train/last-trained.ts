import type { BedrockClient } from "@aws-sdk/client-bedrock";
import { TAG } from "@tunegate/core";
import { repositoryJobs } from "../status";

export interface LastTrained {
  /** The commit each model's newest job of this repository was started for, by model name. */
  byModel: Map<string, string>;
  /** The commits of this repository's jobs, newest first: any of them is a commit a run trained at. */
  commits: string[];
}

/**
 * The commits this repository's models were last trained on, read from the tags tunegate puts on every
 * job (`tunegate:repository`, `tunegate:model`, `tunegate:commit`), newest job first, in each Region the
 * config uses. A job that failed or was stopped counts too: its training was started, and retrying it is
 * a decision for a person (re-run the workflow or name the model), not for the next push.
 */
export async function lastTrainedCommits(
  clients: ReadonlyMap<string, BedrockClient>,
  repository: string,
): Promise<LastTrained> {
  const jobs = [];
  for (const client of clients.values()) {
    jobs.push(...(await repositoryJobs(client, repository)));
  }
  jobs.sort((a, b) => (b.creationTime?.getTime() ?? 0) - (a.creationTime?.getTime() ?? 0));
  const byModel = new Map<string, string>();
  const commits: string[] = [];
  for (const job of jobs) {
    const model = job.tags.find((t) => t.key === TAG.model)?.value;
    const commit = job.tags.find((t) => t.key === TAG.commit)?.value;
    if (!commit) continue;
    if (!commits.includes(commit)) commits.push(commit);
    if (model && !byModel.has(model)) byModel.set(model, commit);
  }
  return { byModel, commits };
}
