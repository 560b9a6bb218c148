import * as core from "@actions/core";
import type { LaunchResult } from "@tunegate/aws";
import { trainCommentMarker } from "@tunegate/core";
import {
  findComment,
  info,
  type Octokit,
  type PullRequestRef,
  type runnerContext,
  tokenLogin,
  upsertComment,
} from "@tunegate/github";
import type { ModelRun, ReadyTraining } from "@tunegate/usecases";
import { renderTrainingStarted } from "./comment";

/** The merged pull request's comment for a job this run started; returns what became of it. */
export async function postJobComment(
  octokit: Octokit,
  context: ReturnType<typeof runnerContext>,
  pr: PullRequestRef,
  r: ModelRun & { launch: LaunchResult; prepared: ReadyTraining },
): Promise<string> {
  const { launch, prepared } = r;
  const job = r.job ?? launch.job;
  const marker = trainCommentMarker(r.name, job.jobName);
  try {
    // The report action rewrites this comment when the job ends: never overwrite it from here.
    const existing = await findComment(
      octokit,
      context.owner,
      context.repo,
      pr.number,
      marker,
      await tokenLogin(octokit),
    );
    if (existing) {
      info(`${r.name}: the pull request already has the comment for ${job.jobName}: ${existing.html_url}`);
      return "kept";
    }
    const body = renderTrainingStarted({
      model: r.name,
      baseModel: prepared.plan.baseModel,
      region: launch.plan.region,
      commit: context.sha,
      job,
      created: launch.created,
      attempt: launch.plan.attempt,
      datasets: launch.plan.uploads.map((u) => ({
        role: u.role,
        path: prepared.target.names[u.role] ?? u.key,
        records: prepared.report.files.find((f) => f.role === u.role)?.records ?? 0,
        bytes: u.bytes,
        sha256: u.sha256,
        uri: u.uri,
      })),
      hyperparameters: launch.plan.effectiveHyperparameters,
      // An RFT job's hyperparameters are all configured ones (AWS publishes no defaults).
      configured: Object.keys(launch.plan.request.hyperParameters ?? launch.plan.effectiveHyperparameters),
      customization: prepared.target.model.customization,
      cost: prepared.cost,
      lifecycleWarning: prepared.lifecycle,
      runUrl: context.runUrl,
    });
    const result = await upsertComment({
      octokit,
      owner: context.owner,
      repo: context.repo,
      issueNumber: pr.number,
      marker,
      body,
    });
    if (result.action === "forbidden") {
      core.warning(`${r.name}: ${result.reason}`);
      return "forbidden";
    }
    info(`${r.name}: comment ${result.action} on #${pr.number}: ${result.url}`);
    return result.action;
  } catch (error) {
    // A comment is a courtesy: the job runs whether or not it is posted.
    core.warning(`${r.name}: could not comment on #${pr.number}: ${(error as Error).message}`);
    return "failed";
  }
}
