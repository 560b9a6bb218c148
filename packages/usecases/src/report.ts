import {
  createBedrockClient,
  createS3Client,
  findJob,
  getJob,
  jobTags,
  listJobsByTag,
  markJobReported,
  reportedStatus,
} from "@tunegate/aws";
import {
  type Catalog,
  type DeployView,
  type ExistingJob,
  type GateOptions,
  isTerminal,
  type JobTag,
  NAME_PREFIX,
  renderTrainingComment,
  TAG,
  trainCommentMarker,
} from "@tunegate/core";
import { deployJobModel } from "./deploy/deploy-job";
import { type Clock, type Log, systemClock } from "./ports";
import { evaluateStep } from "./report-evaluate-step";
import { type EvaluationSettings, evaluateJob, userGateFailed } from "./report-evaluation";
import { baselineOf, curvesOf, jobBatchOptions } from "./report-job-data";
import type { ReportModel } from "./report-models";
import { type ProvisionedInput, withProvisionedNote } from "./report-provisioned";
import { reportsSeries, seriesOf } from "./report-series";
import { servingOfModel } from "./report-serving";

/** What the report asks of GitHub: the pull request of a commit, and one comment per marker on it. */
export interface PullRequestComments {
  /** The pull request a commit merged, or whose head it is. */
  pullRequestForCommit(commit: string): Promise<{ number: number; headSha: string } | undefined>;
  pullRequest(pr: number): Promise<{ number: number; headSha: string }>;
  /** Creates or edits the comment with this marker; "forbidden" when the token may not write there. */
  upsert(
    pr: number,
    marker: string,
    body: string,
  ): Promise<{ action: "forbidden"; reason: string } | { action: string; url: string }>;
}

type BedrockClient = ReturnType<typeof createBedrockClient>;
type S3Client = ReturnType<typeof createS3Client>;

/** The Bedrock and S3 clients of one Region (the SDK's own resolution for ""); destroyed after use. */
export interface ReportClients {
  bedrock(region: string): BedrockClient;
  s3(region: string): S3Client;
}

const awsClients: ReportClients = {
  bedrock: (region) => createBedrockClient(region ? { region } : {}),
  s3: (region) => createS3Client(region ? { region } : {}),
};

export type { ReportModel } from "./report-models";

export interface ReportedJob {
  model: string;
  jobArn: string;
  status: string;
  /** The PR the comment is on; null when none was found (the summary still has the report). */
  pr: number | null;
  commentUrl: string | null;
}

export interface ReportJobsOptions {
  /** owner/name: only this repository's jobs are reported. */
  repository: string;
  /** Where relative paths (a results file, the evaluation dataset) are resolved. */
  workspace: string;
  /** Where the evaluation results files are written. */
  outputDir: string;
  comments: PullRequestComments;
  /** Default: the AWS SDK clients, configured from the environment. */
  clients?: ReportClients;
  models: readonly ReportModel[];
  catalog: Catalog;
  /** Job names or ARNs; empty: every job of this repository not yet reported in its final state. */
  jobs: readonly string[];
  evaluation: { kind: "off" } | { kind: "run" } | { kind: "file"; path: string };
  targetModel?: string;
  baselineModel?: string;
  gates: GateOptions;
  /** A Provisioned Throughput to evaluate through (one completed job), deleted after with `teardown`. */
  provisioned?: ProvisionedInput;
  /** Batch inference for evaluations of more than this many cases; absent: Converse only. */
  batchAbove?: number;
  /** How long to wait for a batch inference job before leaving it to a re-run (default 5 h). */
  batchWaitMs?: number;
  defaultRegion?: string;
  /** For the promotion tags; the stand-ins' in tests. */
  clock?: Clock;
  log: Log;
}

export interface ReportJobsResult {
  reported: ReportedJob[];
  bodies: string[];
  /** A reported job failed or was stopped. */
  jobFailed: boolean;
  /** An evaluation gate was crossed (or could not be checked). */
  gatesFailed: boolean;
  resultsFiles: string[];
  /** Jobs that could not be reported, with why. */
  errors: string[];
}

type TaggedJob = ExistingJob & { tags: JobTag[] };

const tagValue = (tags: readonly JobTag[], key: string) => tags.find((t) => t.key === key)?.value;

/**
 * Reports each selected job on its pull request: the train action's comment for the job is updated in
 * place (created when it is missing), and left alone when the rendered body has not changed.
 */
export async function reportJobs(options: ReportJobsOptions): Promise<ReportJobsResult> {
  const { log } = options;
  const clients = options.clients ?? awsClients;
  const regions = [...new Set([...options.models.map((m) => m.region), options.defaultRegion ?? ""])].filter(
    (r) => r !== "",
  );
  if (regions.length === 0) regions.push(""); // the SDK's own resolution
  const result: ReportJobsResult = {
    reported: [],
    bodies: [],
    jobFailed: false,
    gatesFailed: false,
    resultsFiles: [],
    errors: [],
  };
  const repoTag = { key: TAG.repository, value: options.repository };
  const matched = new Set<string>();

  for (const region of regions) {
    const bedrock = clients.bedrock(region);
    const s3 = clients.s3(region);
    try {
      // The repository's jobs, newest first: the pool for "not yet reported" and for baselines.
      // Only tunegate's job names are looked at (a server-side filter): each job scanned costs a tags call.
      const known = await listJobsByTag(bedrock, repoTag, {
        nameContains: `${NAME_PREFIX}-`,
        limit: 100,
        maxScanned: 500,
      });
      let selected: TaggedJob[];
      if (options.jobs.length > 0) {
        selected = [];
        for (const id of options.jobs) {
          if (matched.has(id)) continue; // found in an earlier Region
          const found = known.find((j) => j.jobArn === id || j.jobName === id);
          if (found) {
            matched.add(id);
            selected.push(found);
            continue;
          }
          if (regions.length > 1 && !id.startsWith(`arn:aws:bedrock:${region}:`) && id.startsWith("arn:"))
            continue;
          const details = await findJob(bedrock, id);
          if (!details) continue;
          matched.add(id);
          const tags = await jobTags(bedrock, details.jobArn);
          const owner = tags.find((t) => t.key === TAG.repository)?.value;
          if (owner !== options.repository) {
            // Its PR number means nothing here: posting would land on an unrelated pull request.
            result.errors.push(
              `${details.jobName} was started for ${owner ?? "no repository (no tunegate:repository tag)"}, not ${options.repository}`,
            );
            continue;
          }
          selected.push({
            jobArn: details.jobArn,
            jobName: details.jobName,
            status: details.status,
            creationTime: details.creationTime,
            tags,
          });
        }
      } else {
        selected = known.filter((j) => isTerminal(j.status) && reportedStatus(j.tags) !== j.status);
        log.info(
          `${region || "default Region"}: ${known.length} job(s) of ${options.repository}, ${selected.length} to report.`,
        );
      }
      // Oldest first, so the comments of one model appear in the order its jobs ran.
      selected.sort((a, b) => (a.creationTime?.getTime() ?? 0) - (b.creationTime?.getTime() ?? 0));
      const completedInRun = selected.filter((j) => j.status === "Completed").length;
      for (const job of selected) {
        try {
          result.reported.push(
            await reportOne(job, known, { ...options, bedrock, s3, region, completedInRun }, result),
          );
        } catch (err) {
          // One job's trouble (a GitHub or AWS error) must not keep the others from being reported.
          result.errors.push(`${job.jobName}: ${(err as Error).message}`);
        }
      }
    } finally {
      bedrock.destroy();
      s3.destroy();
    }
  }
  for (const id of options.jobs.filter((j) => !matched.has(j))) {
    result.errors.push(`no customization job ${id} in ${regions.join(", ") || "the default Region"}`);
  }
  return result;
}

interface JobContext extends ReportJobsOptions {
  bedrock: BedrockClient;
  s3: S3Client;
  region: string;
  completedInRun: number;
}

async function reportOne(
  listed: TaggedJob,
  known: readonly TaggedJob[],
  ctx: JobContext,
  result: ReportJobsResult,
): Promise<ReportedJob> {
  const { log } = ctx;
  const job = await getJob(ctx.bedrock, listed.jobArn);
  const modelName = tagValue(listed.tags, TAG.model) ?? job.customModelName ?? job.jobName;
  const model = ctx.models.find((m) => m.name === modelName);
  const baseModel = model?.baseModel ?? (job.baseModelArn ? ctx.catalog.find(job.baseModelArn) : undefined);
  log.info(`${job.jobName} (${modelName}): ${job.status}.`);

  const metricsNotes: string[] = [];
  // An RFT job reports rewards, not losses: its series files are listed and read instead.
  const rft = reportsSeries(job);
  const curves = job.status === "Completed" && !rft ? await curvesOf(job, ctx.s3, metricsNotes) : {};
  const series = job.status === "Completed" && rft ? await seriesOf(job, ctx.s3, metricsNotes) : [];

  // The baseline: the latest completed job of the same model that started before this one.
  const baselineJob = known.find(
    (k) =>
      k.jobArn !== job.jobArn &&
      k.status === "Completed" &&
      tagValue(k.tags, TAG.model) === modelName &&
      (k.creationTime?.getTime() ?? 0) < (job.creationTime?.getTime() ?? 0),
  );
  const baseline =
    baselineJob && job.status === "Completed"
      ? await baselineOf(baselineJob, ctx.bedrock, ctx.s3, metricsNotes)
      : undefined;

  let evaluation: Awaited<ReturnType<typeof evaluateJob>> | undefined;
  let provisionedNote: string | undefined;
  let deploy: DeployView | undefined;
  const evaluate = (settings: EvaluationSettings, gates: GateOptions, resultsFile?: string) =>
    evaluateJob({
      modelName,
      jobName: job.jobName,
      region: ctx.region || model?.region || "",
      baseModel,
      catalog: ctx.catalog,
      settings,
      ...(resultsFile ? { resultsFile } : {}),
      gates,
      ...jobBatchOptions(ctx, listed.tags, (m) => log.info(m)),
      workspace: ctx.workspace,
      outputDir: ctx.outputDir,
      log: (m) => log.info(m),
    });
  if (model?.deploy && job.status === "Completed" && job.customModelArn && baseModel?.serving?.onDemand) {
    // The candidate is evaluated against production: that is this job's one evaluation.
    if (ctx.targetModel || ctx.baselineModel)
      log.warning(
        `${modelName} has deploy: its candidate is evaluated against production; target-model and baseline-model do not apply.`,
      );
    const deployed = await deployJobModel({
      bedrock: ctx.bedrock,
      modelName,
      deploy: model.deploy,
      job: { jobName: job.jobName, jobArn: job.jobArn, customModelArn: job.customModelArn },
      baseModel,
      jobTags: listed.tags,
      evaluate: (target, baseline, gates) => evaluate({ ...model.evaluation, target, baseline }, gates),
      gates: ctx.gates,
      clock: ctx.clock ?? systemClock,
      log: (m) => log.info(m),
    });
    deploy = deployed.view;
    evaluation = deployed.evaluation;
    if (evaluation?.resultsPath) result.resultsFiles.push(evaluation.resultsPath);
    if (userGateFailed(evaluation, ctx.gates)) result.gatesFailed = true;
    if (deploy.interrupted)
      result.errors.push(`${job.jobName}: the deployment step stopped: ${deploy.interrupted}`);
  } else if (ctx.evaluation.kind !== "off" && job.status === "Completed") {
    // target-model and baseline-model name one model: they apply when this run reports one completed job.
    const single = ctx.completedInRun === 1;
    if (!single && (ctx.targetModel || ctx.baselineModel)) {
      log.warning(
        "target-model and baseline-model apply to one job; several completed jobs are reported, so each model's evaluation settings in tunegate.yml are used.",
      );
    }
    const settings: EvaluationSettings = { ...model?.evaluation };
    if (single && ctx.targetModel) settings.target = ctx.targetModel;
    if (single && ctx.baselineModel) settings.baseline = ctx.baselineModel;
    const resultsFile = ctx.evaluation.kind === "file" && single ? ctx.evaluation.path : undefined;
    const step = await evaluateStep({
      bedrock: ctx.bedrock,
      modelName,
      jobName: job.jobName,
      ...(job.customModelArn ? { customModelArn: job.customModelArn } : {}),
      settings,
      ...(resultsFile ? { resultsFile } : {}),
      ...(single && ctx.provisioned ? { provisioned: ctx.provisioned } : {}),
      gates: ctx.gates,
      evaluate,
      log,
    });
    evaluation = step.evaluation;
    provisionedNote = step.provisionedNote;
    if (evaluation.resultsPath) result.resultsFiles.push(evaluation.resultsPath);
    if (evaluation.gatesFailed) result.gatesFailed = true;
  }

  const serving = job.status === "Completed" ? await servingOfModel(model, baseModel, log) : undefined;
  const marker = trainCommentMarker(modelName, job.jobName);
  const rendered = renderTrainingComment({
    marker,
    modelName,
    ...(baseModel ? { baseModel } : {}),
    job: {
      jobName: job.jobName,
      jobArn: job.jobArn,
      status: job.status,
      ...(job.creationTime ? { creationTime: job.creationTime } : {}),
      ...(job.endTime ? { endTime: job.endTime } : {}),
      hyperParameters: job.hyperParameters,
      ...(job.failureMessage ? { failureMessage: job.failureMessage } : {}),
      ...(job.customModelArn ? { outputModelArn: job.customModelArn } : {}),
      ...(job.baseModelArn ? { baseModelId: job.baseModelArn } : {}),
      ...(job.customizationType ? { customizationType: job.customizationType } : {}),
      ...(job.customizationConfig ? { customizationConfig: job.customizationConfig } : {}),
    },
    ...curves,
    ...(series.length ? { series } : {}),
    ...(metricsNotes.length ? { metricsNotes } : {}),
    ...(baseline ? { baseline } : {}),
    ...(evaluation ? { evaluation: evaluation.view } : {}),
    ...(serving ? { serving } : {}),
    ...(deploy ? { deploy } : {}),
  });
  const body = withProvisionedNote(rendered, provisionedNote);
  result.bodies.push(body);
  if (job.status === "Failed" || job.status === "Stopped") result.jobFailed = true;

  const pr = await pullRequestOf(listed.tags, ctx);
  let commentUrl: string | null = null;
  let posted = false;
  if (pr === undefined) {
    log.warning(
      `${job.jobName}: no pull request found (no ${TAG.pullRequest} tag, and no PR for its commit); the report is in the job summary only.`,
    );
  } else {
    const upsert = await ctx.comments.upsert(pr, marker, body);
    if ("reason" in upsert) log.warning(upsert.reason);
    else {
      posted = true;
      commentUrl = upsert.url;
      log.info(`${job.jobName}: comment ${upsert.action} on #${pr} (${upsert.url}).`);
    }
  }
  // An unfinished deployment step keeps the job unreported, so the next scheduled run finishes it.
  if (
    posted &&
    !deploy?.interrupted &&
    isTerminal(job.status) &&
    reportedStatus(listed.tags) !== job.status
  ) {
    const problem = await markJobReported(ctx.bedrock, job.jobArn, job.status);
    if (problem) log.warning(problem);
  }
  return { model: modelName, jobArn: job.jobArn, status: job.status, pr: pr ?? null, commentUrl };
}

async function pullRequestOf(tags: readonly JobTag[], ctx: JobContext): Promise<number | undefined> {
  const tagged = Number(tagValue(tags, TAG.pullRequest));
  if (Number.isInteger(tagged) && tagged > 0) return tagged;
  const commit = tagValue(tags, TAG.commit);
  return commit ? (await ctx.comments.pullRequestForCommit(commit))?.number : undefined;
}
