import { existsSync, mkdirSync, rmSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import * as core from "@actions/core";
import {
  ConfigError,
  GITHUB_ANNOTATIONS_PER_SEVERITY,
  loadConfig,
  type ParsedConfig,
  type ProblemCounts,
  renderPrComment,
  renderReviewSummary,
  reviewCounts,
  reviewFails,
} from "@tunegate/core";
import {
  appendStepSummary,
  type CommentResult,
  createOctokit,
  fileIssueAnnotations,
  problemAnnotations,
  pullRequestOf,
  runnerContext,
  upsertComment,
} from "@tunegate/github";
import { readInputs } from "./inputs";
import { configErrorMarkdown, type ReportPaths, writeReportFiles, writeSarif } from "./report-files";
import { collectReview, MARKER } from "./review";

/** Annotations of one kind outside the dataset problems (config warnings, missing files). */
const MAX_OTHER_ANNOTATIONS = 3;

/**
 * The validate action: reviews the datasets a pull request changes. The work is in @tunegate/core
 * (validation, diff, rendering) and @tunegate/github (git, API, comment); this wires inputs to outputs.
 */
async function act(): Promise<void> {
  const inputs = readInputs();
  const context = runnerContext();
  const pr = pullRequestOf(context);
  const octokit = inputs.token ? createOctokit(inputs.token, context.apiUrl) : undefined;
  const reportDir = join(context.tempDir, "tunegate-report");
  mkdirSync(reportDir, { recursive: true });
  const configFile = resolve(context.workspace, inputs.config);
  const configPath = repoPath(context.workspace, configFile);

  let config: ParsedConfig;
  try {
    config = await loadConfig(configFile);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // The config is the first thing to review: its problems go on its lines, and nothing else runs.
    for (const line of fileIssueAnnotations(configPath, err.issues)) process.stdout.write(`${line}\n`);
    core.info(err.message);
    const markdown = configErrorMarkdown(configPath, err);
    const counts = { errors: err.issues.length, warnings: 0, notices: 0 };
    const paths = await writeReportFiles(reportDir, { markdown, context, pr, counts, failOn: inputs.failOn });
    await summary(markdown);
    setOutputs(counts, reviewFails(counts, inputs.failOn), paths);
    if (reviewFails(counts, inputs.failOn))
      core.setFailed(`${configPath} cannot be used; see its annotations.`);
    return;
  }
  // A few config warnings as annotations (each takes a slot the dataset problems could use), the rest in the log.
  const configWarnings = config.warnings.slice(0, MAX_OTHER_ANNOTATIONS);
  for (const w of configWarnings) {
    core.warning(w.hint ? `${w.message}\n${w.hint}` : w.message, {
      file: configPath,
      startLine: w.line,
      startColumn: w.column,
      title: "tunegate config",
    });
  }
  for (const w of config.warnings.slice(configWarnings.length))
    core.info(`${configPath}:${w.line}:${w.column}: ${w.message}`);

  const worker = new URL("./dataset-worker.js", import.meta.url);
  const baseDir = join(context.tempDir, "tunegate-base");
  let review: Awaited<ReturnType<typeof collectReview>>;
  try {
    review = await collectReview({
      context,
      pr,
      config,
      configPath,
      all: inputs.all,
      failOn: inputs.failOn,
      octokit,
      parallel: existsSync(worker) ? { script: worker } : undefined,
      tempDir: context.tempDir,
      log: (m) => core.info(m),
    });
  } finally {
    rmSync(baseDir, { recursive: true, force: true });
  }

  const { input, reviews } = review;
  const counts = reviewCounts(input.models);
  const fails = reviewFails(counts, inputs.failOn);

  const body = renderPrComment(input);
  let comment: CommentResult | undefined;
  let notices = 0;
  if (inputs.comment && pr) {
    if (!octokit) {
      notices++;
      core.notice(
        "No github-token: the review is in the job summary and the report files, not in a comment.",
      );
    } else {
      comment = await upsertComment({
        octokit,
        owner: context.owner,
        repo: context.repo,
        issueNumber: pr.number,
        marker: MARKER,
        body,
      });
      if (comment.action === "forbidden") {
        notices++;
        core.notice(comment.reason, { title: "tunegate: no comment posted" });
      } else core.info(`Review comment ${comment.action}: ${comment.url}`);
    }
  }

  // Annotations: the most important within GitHub's limits of 10 per severity and step, leaving room
  // for this step's other annotations (config warnings, missing files, the failure itself, the notice
  // above); the summary and SARIF have every problem.
  const missing = review.missing.slice(0, MAX_OTHER_ANNOTATIONS);
  for (const path of missing) {
    core.error(`${path} is named in ${configPath} but does not exist in this pull request.`, {
      file: configPath,
      title: "tunegate config",
    });
  }
  const reserved = Math.max(missing.length + (fails ? 1 : 0), configWarnings.length, notices);
  const problems = reviews.flatMap((r) => r.report.files.flatMap((f) => f.problems));
  const unlisted = reviews.reduce((n, r) => n + r.report.files.reduce((m, f) => m + f.omitted, 0), 0);
  const annotations = problemAnnotations(problems, {
    unlisted,
    fullListAt: "the job summary of this run",
    limitPerSeverity: Math.max(1, GITHUB_ANNOTATIONS_PER_SEVERITY - reserved),
  });
  for (const line of annotations) process.stdout.write(`${line}\n`);

  const markdown = body.startsWith(`${MARKER}\n`) ? body.slice(MARKER.length + 1) : body;
  const paths = await writeReportFiles(reportDir, {
    markdown,
    context,
    pr,
    counts,
    failOn: inputs.failOn,
    input,
    problems,
    ...(comment ? { comment } : {}),
  });
  if (inputs.sarif) {
    const sarifPath = resolve(context.workspace, inputs.sarif);
    await writeSarif(sarifPath, reviews);
    core.info(`SARIF written to ${sarifPath}`);
  }
  await summary(renderReviewSummary(input));
  setOutputs(counts, fails, paths);

  const sentence = `${plural(counts.errors, "error")}, ${plural(counts.warnings, "warning")} in ${plural(input.models.length, "model")} reviewed`;
  if (fails) core.setFailed(`tunegate: ${sentence} (fail-on: ${inputs.failOn}).`);
  else core.info(`tunegate: ${sentence}.`);
}

async function summary(markdown: string): Promise<void> {
  const result = await appendStepSummary(markdown);
  if (!result.written) core.warning(`The job summary was not written: ${result.reason}`);
}

function setOutputs(counts: ProblemCounts, fails: boolean, paths: ReportPaths): void {
  core.setOutput("valid", String(!fails));
  core.setOutput("errors", String(counts.errors));
  core.setOutput("warnings", String(counts.warnings));
  core.setOutput("report", paths.markdown);
  core.setOutput("report-json", paths.json);
}

function repoPath(workspace: string, absolute: string): string {
  const rel = relative(workspace, absolute);
  return rel.startsWith("..") || isAbsolute(rel) ? absolute : rel.split(sep).join("/");
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * The action, as GitHub's TypeScript action template shapes it: src/index.ts calls this when the runner
 * starts dist/index.js, and `@github/local-action` imports this module and calls it. Importing the
 * module starts nothing. Any failure fails the step with its message.
 */
export async function run(): Promise<void> {
  try {
    await act();
  } catch (err) {
    core.setFailed(err instanceof Error ? err.message : String(err));
  }
}
