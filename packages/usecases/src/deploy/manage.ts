import type { BedrockClient } from "@aws-sdk/client-bedrock";
import {
  type DeploymentDetails,
  findDeployment,
  getJob,
  jobTags,
  listDeployments,
  tagResource,
  updateDeployment,
  type WaitForDeploymentOptions,
  waitForDeployment,
} from "@tunegate/aws";
import { DEPLOY_TAG, type DeployDecision, decisionFromTags, jobIdOf, TAG, UserError } from "@tunegate/core";
import type { Clock } from "../ports";
import { repositoryJobs } from "../status";
import { type PromotionResult, promoteModel } from "./promotion";

/** What `tunegate deploy status` shows of a model's production deployment. */
export interface DeploymentStatus {
  deploymentName: string;
  production?: DeploymentDetails;
  /** The decision tagged on the model production serves, when tunegate promoted it. */
  decision?: DeployDecision;
  promotedAt?: string;
  /** The model a rollback would point production at. */
  rollbackTo?: string;
  /** Candidate deployments still there (a run that stopped halfway). */
  candidates: { arn: string; name: string; status: string; modelArn: string }[];
}

const tagOf = (tags: readonly { key: string; value: string }[], key: string) =>
  tags.find((t) => t.key === key)?.value;

export async function deploymentStatus(
  bedrock: BedrockClient,
  deploymentName: string,
): Promise<DeploymentStatus> {
  const production = await findDeployment(bedrock, deploymentName);
  const candidates = (await listDeployments(bedrock, deploymentName)).filter(
    (d) => d.name !== deploymentName && /-c[a-z0-9]+$/.test(d.name),
  );
  const status: DeploymentStatus = { deploymentName, candidates };
  if (!production) return status;
  status.production = production;
  const tags = await jobTags(bedrock, production.modelArn);
  const decision = decisionFromTags(tags);
  if (decision) status.decision = decision;
  const promotedAt = tagOf(tags, DEPLOY_TAG.promotedAt);
  if (promotedAt) status.promotedAt = promotedAt;
  const back = tagOf(tags, DEPLOY_TAG.replaced);
  if (back) status.rollbackTo = back;
  return status;
}

export interface RollbackPlan {
  production: DeploymentDetails;
  /** The model production serves now, and the one it goes back to. */
  from: string;
  to: string;
}

/** What a rollback would do: production back to the model the current one replaced (from its tags). */
export async function planRollback(bedrock: BedrockClient, deploymentName: string): Promise<RollbackPlan> {
  const production = await findDeployment(bedrock, deploymentName);
  if (!production) {
    throw new UserError(`There is no deployment ${deploymentName}: nothing to roll back.`, {
      fix: "check deploy.name in tunegate.yml and the Region (--region).",
    });
  }
  const to = tagOf(await jobTags(bedrock, production.modelArn), DEPLOY_TAG.replaced);
  if (!to) {
    throw new UserError(
      `${deploymentName} serves ${production.modelArn}, the first model tunegate promoted there (no ${DEPLOY_TAG.replaced} tag): there is no earlier model to go back to.`,
      {
        fix: `promote another model (tunegate deploy promote --job NAME), or delete the deployment to stop serving.`,
      },
    );
  }
  return { production, from: production.modelArn, to };
}

export interface ApplyOptions {
  wait?: WaitForDeploymentOptions;
  clock: Clock;
  log: (message: string) => void;
}

/** Points production back at `plan.to` and marks the model it leaves as rolled back. */
export async function rollBack(bedrock: BedrockClient, plan: RollbackPlan, options: ApplyOptions) {
  // Marked first: a rollback that stops halfway still says which model it was moving away from.
  await tagResource(bedrock, plan.from, [
    { key: DEPLOY_TAG.rolledBackAt, value: options.clock.now().toISOString() },
  ]);
  options.log(`Updating ${plan.production.name} from ${plan.from} back to ${plan.to}.`);
  await updateDeployment(bedrock, plan.production.arn, plan.to);
  return waitForDeployment(bedrock, plan.production.arn, { ...options.wait, modelArn: plan.to });
}

/** The job whose model `tunegate deploy promote` puts in production: the one named, or the newest completed. */
export async function promotionCandidate(
  bedrock: BedrockClient,
  modelName: string,
  repository: string,
  job?: string,
): Promise<{ jobName: string; jobArn: string; modelArn: string; tags: { key: string; value: string }[] }> {
  if (job) {
    const details = await getJob(bedrock, job);
    if (details.status !== "Completed" || !details.customModelArn) {
      throw new UserError(
        `${details.jobName} is ${details.status}: only a completed job has a model to promote.`,
      );
    }
    const tags = await jobTags(bedrock, details.jobArn);
    return { jobName: details.jobName, jobArn: details.jobArn, modelArn: details.customModelArn, tags };
  }
  const newest = (await repositoryJobs(bedrock, repository)).find(
    (j) => j.status === "Completed" && j.customModelArn && tagOf(j.tags, TAG.model) === modelName,
  );
  if (!newest?.customModelArn) {
    throw new UserError(`No completed job of ${modelName} in ${repository} here.`, {
      fix: "name one with --job, or check --region and --repository.",
    });
  }
  return {
    jobName: newest.jobName,
    jobArn: newest.jobArn,
    modelArn: newest.customModelArn,
    tags: newest.tags,
  };
}

/** Promotes a job's model by hand, past the gates (the same promotion the report action makes). */
export function promoteJobModel(
  bedrock: BedrockClient,
  deploymentName: string,
  job: { jobArn: string; modelArn: string; tags: readonly { key: string; value: string }[] },
  options: ApplyOptions,
): Promise<PromotionResult> {
  return promoteModel({
    bedrock,
    deploymentName,
    modelArn: job.modelArn,
    tags: job.tags.filter((t) => !t.key.startsWith("tunegate:deploy") && t.key !== "tunegate:reported"),
    tokenId: jobIdOf(job.jobArn),
    ...(options.wait ? { wait: options.wait } : {}),
    clock: options.clock,
    log: options.log,
  });
}
