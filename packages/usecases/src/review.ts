import { join, resolve } from "node:path";
import {
  ConfigError,
  collapseSystematic,
  type FailOn,
  fileIssueCommands,
  GITHUB_ANNOTATIONS_PER_SEVERITY,
  type ModelReview,
  type ParallelOptions,
  type ParsedConfig,
  type Problem,
  type ProblemCounts,
  type ReviewInput,
  renderPrComment,
  renderReviewSummary,
  repositoryName,
  reviewCounts,
  reviewFails,
  toWorkflowCommands,
  withoutValidateMarker,
} from "@tunegate/core";
import { loadConfig } from "@tunegate/files";
import { type GradeReviewOptions, type GradeReviewPorts, gradeReview } from "./grading/review-grade";
import type { Log } from "./ports";
import { collectReview } from "./review-collect";
import type { ReviewChanges, ReviewGit, ReviewRun } from "./review-ports";
import { configErrorMarkdown } from "./review-report";

export * from "./review-ports";
export * from "./review-report";

/** Annotations of one kind outside the dataset problems (config warnings, missing files). */
const MAX_OTHER_ANNOTATIONS = 3;

export interface ReviewRequest {
  run: ReviewRun;
  /** tunegate.yml, relative to the workspace. */
  config: string;
  failOn: FailOn;
  /** Review every model, not only those the pull request affects. */
  all: boolean;
  /** A review comment will be posted: it takes an annotation slot of its own. */
  commenting: boolean;
  parallel: ParallelOptions | undefined;
  /** Where base versions of datasets are extracted (the caller removes it). */
  baseDir: string;
  /** Check the graders of reinforcement fine-tuning models on a sample of their datasets. */
  grade?: GradeReviewOptions;
}

export interface ReviewPorts {
  git: ReviewGit;
  changedFiles: (baseSha: string) => Promise<ReviewChanges>;
  log: Log;
  /** Invokes graders, for `grade`. */
  grader?: GradeReviewPorts;
}

interface Verdict {
  /** The config's path relative to the repository root. */
  configPath: string;
  counts: ProblemCounts;
  fails: boolean;
  /** Workflow-command lines, within GitHub's per-step limits. */
  annotations: string[];
  /** The review comment's text without its marker: the report file's Markdown. */
  markdown: string;
}

export type ReviewResult =
  | (Verdict & { kind: "config-error"; error: ConfigError })
  | (Verdict & {
      kind: "reviewed";
      input: ReviewInput;
      reviews: ModelReview[];
      problems: Problem[];
      /** The sticky comment, marker first. */
      comment: string;
      summary: string;
      /** One line for the log or the failure: "1 error, 0 warnings in 1 model reviewed". */
      sentence: string;
    });

/**
 * The review of a pull request's datasets: loads tunegate.yml, finds the models the change affects,
 * validates head (and base) versions, diffs them and renders the comment, the summary and the
 * annotations. Nothing is written here: the caller publishes the result.
 */
export async function review(request: ReviewRequest, ports: ReviewPorts): Promise<ReviewResult> {
  const { run, failOn } = request;
  const configFile = resolve(run.workspace, request.config);
  const configPath = repositoryName(run.workspace, configFile);
  let config: ParsedConfig;
  try {
    config = await loadConfig(configFile, { repository: run.workspace });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // The config is the first thing to review: its problems go on its lines, and nothing else runs.
    const counts = { errors: err.issues.length, warnings: 0, notices: 0 };
    return {
      kind: "config-error",
      error: err,
      configPath,
      counts,
      fails: reviewFails(counts, failOn),
      annotations: fileIssueCommands(configPath, err.issues),
      markdown: configErrorMarkdown(configPath, err),
    };
  }
  // A few config warnings as annotations (each takes a slot the dataset problems could use), the rest in the log.
  const configWarnings = config.warnings.slice(0, MAX_OTHER_ANNOTATIONS);
  for (const w of config.warnings.slice(configWarnings.length))
    ports.log.info(`${configPath}:${w.line}:${w.column}: ${w.message}`);

  const collected = await collectReview({
    run,
    config,
    configPath,
    all: request.all,
    failOn,
    git: ports.git,
    changedFiles: ports.changedFiles,
    parallel: request.parallel,
    baseDir: request.baseDir,
    log: (m) => ports.log.info(m),
  });
  const { input, reviews, missing } =
    request.grade && ports.grader
      ? await gradeReview(
          collected,
          {
            config: config.config,
            workspace: run.workspace,
            fromFork: run.pr?.fromFork === true,
            log: (m) => ports.log.info(m),
          },
          request.grade,
          ports.grader,
        )
      : collected;
  const counts = reviewCounts(input.models);
  const fails = reviewFails(counts, failOn);

  // Annotations: the most important within GitHub's limits of 10 per severity and step, leaving room
  // for this step's other annotations (config warnings, missing files, the failure itself, the comment's
  // notice or warning); the summary and SARIF have every problem.
  const missingShown = missing.slice(0, MAX_OTHER_ANNOTATIONS);
  const commentSlot = request.commenting ? 1 : 0;
  const reserved = Math.max(missingShown.length + (fails ? 1 : 0), configWarnings.length + commentSlot);
  // One annotation per systematic problem (with its count), not one per record.
  const problems = reviews.flatMap((r) =>
    r.report.files.flatMap((f) => collapseSystematic(f.problems, () => f.records).problems),
  );
  const unlisted = reviews.reduce((n, r) => n + r.report.files.reduce((m, f) => m + f.omitted, 0), 0);
  const annotations = [
    ...fileIssueCommands(configPath, configWarnings, "warning"),
    ...fileIssueCommands(
      configPath,
      missingShown.map((path) => ({
        message: `${path} is named in ${configPath} but does not exist in this pull request.`,
      })),
    ),
    ...toWorkflowCommands(problems, {
      unlisted,
      fullListAt: "the job summary of this run",
      limitPerSeverity: Math.max(1, GITHUB_ANNOTATIONS_PER_SEVERITY - reserved),
    }),
  ];
  const comment = renderPrComment(input);
  return {
    kind: "reviewed",
    configPath,
    counts,
    fails,
    annotations,
    markdown: withoutValidateMarker(comment),
    input,
    reviews,
    problems,
    comment,
    summary: renderReviewSummary(input),
    sentence: `${plural(counts.errors, "error")}, ${plural(counts.warnings, "warning")} in ${plural(input.models.length, "model")} reviewed`,
  };
}

/** Where the validate action keeps its report files and base versions, under the runner's temp dir. */
export function reviewDirs(tempDir: string): { reportDir: string; baseDir: string } {
  return { reportDir: join(tempDir, "tunegate-report"), baseDir: join(tempDir, "tunegate-base") };
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}
