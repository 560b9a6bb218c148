import type { BedrockClient } from "@aws-sdk/client-bedrock";
import {
  findDeployment,
  jobTags,
  REPORTED_TAG,
  tagResource,
  type WaitForDeploymentOptions,
  waitForDeployment,
} from "@tunegate/aws";
import {
  type BaseModel,
  candidateName,
  DEPLOY_TAG,
  type DeployView,
  decideDeployment,
  decisionFromTags,
  decisionTags,
  type GateOptions,
  type JobTag,
  jobIdOf,
  onDemandBaseId,
} from "@tunegate/core";
import type { Clock } from "../ports";
import type { EvaluationOutcome } from "../report-evaluation";
import { readyCandidate, removeCandidate } from "./candidate";
import { promoteModel } from "./promotion";

export interface DeployJobOptions {
  bedrock: BedrockClient;
  modelName: string;
  deploy: { name: string; on: "gates" | "never" };
  job: { jobName: string; jobArn: string; customModelArn: string };
  baseModel: BaseModel;
  /** The job's tags: deployments are tagged like the job (its repository, commit, PR, model). */
  jobTags: readonly JobTag[];
  /** The one evaluation of the report, of `target` against `baseline`, checked with `gates`. */
  evaluate: (target: string, baseline: string, gates: GateOptions) => Promise<EvaluationOutcome>;
  /** The gates the user set; max-regression is 0 unless set (at least as good as production). */
  gates: GateOptions;
  wait?: WaitForDeploymentOptions;
  clock: Clock;
  log: (message: string) => void;
}

export interface DeployJobResult {
  view: DeployView;
  /** The evaluation this run made (none when an earlier run decided already). */
  evaluation?: EvaluationOutcome;
}

/**
 * Deploys a completed job's model as a candidate, evaluates it against production (or the base model
 * when nothing is in production), promotes it when the gates pass, and deletes the candidate either
 * way. The decision is tagged on the custom model before anything changes production, so a re-run
 * after a crash at any point reads it back and finishes the same promotion; deployments are found by
 * their names and created with tokens from the job, so nothing is created twice.
 */
export async function deployJobModel(options: DeployJobOptions): Promise<DeployJobResult> {
  const { bedrock, deploy, job, log } = options;
  const jobId = jobIdOf(job.jobArn);
  const candidate: DeployView["candidate"] = { name: candidateName(deploy.name, jobId), deleted: false };
  const view: DeployView = {
    modelName: options.modelName,
    jobName: job.jobName,
    deploymentName: deploy.name,
    candidate,
  };
  const tags = options.jobTags.filter((t) => t.key !== REPORTED_TAG && !t.key.startsWith("tunegate:deploy"));
  let evaluation: EvaluationOutcome | undefined;
  try {
    const modelTags = await jobTags(bedrock, job.customModelArn);
    let decision = decisionFromTags(modelTags);
    if (decision) view.decidedEarlier = true;
    if (!decision) {
      const ready = await readyCandidate({
        bedrock,
        deploymentName: deploy.name,
        jobName: job.jobName,
        jobId,
        modelArn: job.customModelArn,
        tags,
        ...(options.wait ? { wait: options.wait } : {}),
        log,
      });
      candidate.arn = ready.arn;
      let production = await findDeployment(bedrock, deploy.name);
      if (production) production = await waitForDeployment(bedrock, production.arn, options.wait);
      const baseline = production?.arn ?? onDemandBaseId(options.baseModel.id);
      // Never worse than production unless the user allows it: max-regression is 0 unless set.
      const gates: GateOptions = { ...options.gates, maxRegression: options.gates.maxRegression ?? 0 };
      log(
        `Evaluating the candidate ${ready.arn} against ${production ? `production (${production.modelArn})` : baseline}.`,
      );
      evaluation = await options.evaluate(ready.arn, baseline, gates);
      const results = evaluation.view.results;
      if (!results) {
        view.skipped = evaluation.view.skipped ?? "no evaluation ran";
      } else {
        decision = decideDeployment(
          results,
          evaluation.view.gates ?? [],
          deploy.on,
          production ? "production" : "base model",
        );
        // Tagged before production changes: from here on a re-run finishes this decision.
        await tagResource(bedrock, job.customModelArn, decisionTags(decision));
        modelTags.push(...decisionTags(decision));
      }
    }
    if (decision) view.decision = decision;
    const promotedBefore = modelTags.some((t) => t.key === DEPLOY_TAG.promotedAt);
    if (decision?.outcome === "promoted" && !promotedBefore) {
      await promoteModel({
        bedrock,
        deploymentName: deploy.name,
        modelArn: job.customModelArn,
        tags,
        tokenId: jobId,
        ...(options.wait ? { wait: options.wait } : {}),
        clock: options.clock,
        log,
      });
    }
    candidate.deleted = (await removeCandidate(bedrock, deploy.name, jobId)) || candidate.arn === undefined;
    if (candidate.deleted) log(`The candidate ${candidate.name} is deleted.`);
    const production = await findDeployment(bedrock, deploy.name);
    if (production) {
      view.production = { arn: production.arn, modelArn: production.modelArn, status: production.status };
      const served = await jobTags(bedrock, production.modelArn);
      const back = served.find((t) => t.key === DEPLOY_TAG.replaced)?.value;
      if (back) view.rollbackTo = back;
    }
  } catch (err) {
    view.interrupted = (err as Error).message;
  }
  return { view, ...(evaluation ? { evaluation } : {}) };
}
