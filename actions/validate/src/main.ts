import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import * as core from "@actions/core";
import {
  ConfigError,
  collapseSystematic,
  GITHUB_ANNOTATIONS_PER_SEVERITY,
  type ParsedConfig,
  type ProblemCounts,
  renderPrComment,
  renderReviewSummary,
  repositoryName,
  reviewCounts,
  reviewFails,
  safeInline,
  safeLink,
} from "@tunegate/core";
import { loadConfig } from "@tunegate/files";
import {
  appendStepSummary,
  type CommentResult,
  createOctokit,
  fileIssueAnnotations,
  httpStatus,
  info,
  type Octokit,
  problemAnnotations,
  pullRequestOf,
  type RunnerContext,
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
  const configPath = repositoryName(context.workspace, configFile);

  let config: ParsedConfig;
  try {
    config = await loadConfig(configFile, { repository: context.workspace });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // The config is the first thing to review: its problems go on its lines, and nothing else runs.
    for (const line of fileIssueAnnotations(configPath, err.issues)) process.stdout.write(`${line}\n`);
    info(err.message);
    const markdown = configErrorMarkdown(configPath, err);
    const counts = { errors: err.issues.length, warnings: 0, notices: 0 };
    const paths = await writeReportFiles(reportDir, { markdown, context, pr, counts, failOn: inputs.failOn });
    await summary(markdown);
    setOutputs(counts, reviewFails(counts, inputs.failOn), paths);
    // The comment says so too: a verdict from an earlier push ("ready to merge") must not stand.
    const note = await replaceComment(octokit, context, pr, inputs.comment, markdown);
    if (note) await summary(note);
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
    info(`${configPath}:${w.line}:${w.column}: ${w.message}`);

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
      log: (m) => info(m),
    });
  } finally {
    rmSync(baseDir, { recursive: true, force: true });
  }

  const { input, reviews } = review;
  const counts = reviewCounts(input.models);
  const fails = reviewFails(counts, inputs.failOn);

  const body = renderPrComment(input);
  const commenting = inputs.comment && pr !== undefined;

  // Everything the run found is written before GitHub is asked for anything more: annotations, report
  // files, SARIF, summary and outputs do not depend on the comment, so a GitHub fault cannot lose them.
  // Annotations: the most important within GitHub's limits of 10 per severity and step, leaving room
  // for this step's other annotations (config warnings, missing files, the failure itself, the comment's
  // notice or warning); the summary and SARIF have every problem.
  const missing = review.missing.slice(0, MAX_OTHER_ANNOTATIONS);
  for (const path of missing) {
    core.error(`${path} is named in ${configPath} but does not exist in this pull request.`, {
      file: configPath,
      title: "tunegate config",
    });
  }
  const commentSlot = commenting ? 1 : 0;
  const reserved = Math.max(missing.length + (fails ? 1 : 0), configWarnings.length + commentSlot);
  // One annotation per systematic problem (with its count), not one per record.
  const problems = reviews.flatMap((r) =>
    r.report.files.flatMap((f) => collapseSystematic(f.problems, () => f.records).problems),
  );
  const unlisted = reviews.reduce((n, r) => n + r.report.files.reduce((m, f) => m + f.omitted, 0), 0);
  const annotations = problemAnnotations(problems, {
    unlisted,
    fullListAt: "the job summary of this run",
    limitPerSeverity: Math.max(1, GITHUB_ANNOTATIONS_PER_SEVERITY - reserved),
  });
  for (const line of annotations) process.stdout.write(`${line}\n`);

  const markdown = body.startsWith(`${MARKER}\n`) ? body.slice(MARKER.length + 1) : body;
  const report = { markdown, context, pr, counts, failOn: inputs.failOn, input, problems };
  const paths = await writeReportFiles(reportDir, report);
  if (inputs.sarif) {
    const sarifPath = resolve(context.workspace, inputs.sarif);
    await writeSarif(sarifPath, reviews);
    info(`SARIF written to ${sarifPath}`);
  }
  await summary(renderReviewSummary(input));
  setOutputs(counts, fails, paths);

  if (commenting && pr) {
    const { comment, missing: reason } = await postComment(octokit, context, pr.number, body);
    // The JSON says where the review was posted, for tools that follow it up.
    if (comment) await writeReportFiles(reportDir, { ...report, comment });
    if (reason) {
      await summary(
        `\n\n> [!NOTE]\n> No review comment was written on #${pr.number}: ${safeInline(reason, 300)}\n`,
      );
    }
  }

  const sentence = `${plural(counts.errors, "error")}, ${plural(counts.warnings, "warning")} in ${plural(input.models.length, "model")} reviewed`;
  if (fails) core.setFailed(`tunegate: ${sentence} (fail-on: ${inputs.failOn}).`);
  else info(`tunegate: ${sentence}.`);
}

/**
 * The sticky review comment. A comment GitHub still refuses after the client's retries is a warning:
 * the review itself is already in the annotations, the summary, the outputs and the report files.
 * `missing` says why no comment was written, for the summary.
 */
async function postComment(
  octokit: Octokit | undefined,
  context: RunnerContext,
  issueNumber: number,
  body: string,
): Promise<{ comment?: CommentResult; missing?: string }> {
  if (!octokit) {
    core.notice("No github-token: the review is in the job summary and the report files, not in a comment.");
    return { missing: "no github-token was given" };
  }
  let comment: CommentResult;
  try {
    comment = await upsertComment({
      octokit,
      owner: context.owner,
      repo: context.repo,
      issueNumber,
      marker: MARKER,
      body,
    });
  } catch (err) {
    const status = httpStatus(err);
    const reason = `${status ? `HTTP ${status}: ` : ""}${(err as Error).message}`;
    core.warning(
      `The review comment could not be posted on #${issueNumber}${status ? ` (HTTP ${status})` : ""}: ${(err as Error).message}. The review is in the job summary, the annotations and the report files.`,
      { title: "tunegate: no comment posted" },
    );
    return { missing: reason };
  }
  if (comment.action === "forbidden") {
    core.notice(comment.reason, { title: "tunegate: no comment posted" });
    return { comment, missing: comment.reason };
  }
  info(`Review comment ${comment.action}: ${comment.url}`);
  return { comment };
}

/**
 * Replaces the review comment with `markdown` (a run that could not review: the config is broken, or
 * the run failed), so no earlier verdict is left standing. Returns what the job summary must add when
 * the comment could not be written ("" when it was, or when no comment is wanted).
 */
async function replaceComment(
  octokit: ReturnType<typeof createOctokit> | undefined,
  context: ReturnType<typeof runnerContext>,
  pr: ReturnType<typeof pullRequestOf>,
  wanted: boolean,
  markdown: string,
): Promise<string> {
  if (!wanted || !pr) return "";
  let reason: string;
  if (!octokit) reason = "no github-token was given";
  else {
    try {
      const result = await upsertComment({
        octokit,
        owner: context.owner,
        repo: context.repo,
        issueNumber: pr.number,
        marker: MARKER,
        body: `${MARKER}\n${markdown}`,
      });
      if (result.action !== "forbidden") {
        info(`Review comment ${result.action}: ${result.url}`);
        return "";
      }
      reason = result.reason;
    } catch (err) {
      reason = err instanceof Error ? err.message : String(err);
    }
  }
  core.warning(`The review comment on #${pr.number} was not replaced: ${reason}`);
  return `\n\n> [!WARNING]\n> The review comment on #${pr.number} could not be written (${safeInline(reason, 300)}); an earlier one may still show an outdated result.\n`;
}

/** The run ended on an error: the comment and the summary say so, in place of any earlier verdict. */
async function reportFailure(message: string): Promise<void> {
  const inputs = (() => {
    try {
      return readInputs();
    } catch {
      return undefined;
    }
  })();
  const context = runnerContext();
  const pr = pullRequestOf(context);
  const token = inputs?.token ?? core.getInput("github-token");
  const octokit = token ? createOctokit(token, context.apiUrl) : undefined;
  const markdown = [
    "## ❌ tunegate: the review did not finish",
    `It stopped on an error, so nothing here says whether the datasets are ready: ${safeInline(message, 1_000)}`,
    ...(context.runUrl ? [`See ${safeLink("the run's log", context.runUrl)}.`] : []),
  ].join("\n\n");
  await summary(
    `${markdown}${await replaceComment(octokit, context, pr, inputs?.comment ?? true, markdown)}`,
  );
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

function plural(n: number, noun: string): string {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * The action, as GitHub's TypeScript action template shapes it: src/index.ts calls this when the runner
 * starts dist/index.js, and `@github/local-action` imports this module and calls it. Importing the
 * module starts nothing. On a failure the comment and the summary say
 * the review did not finish, so no earlier verdict is left standing; src/index.ts fails the step.
 */
export async function run(): Promise<void> {
  try {
    await act();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await reportFailure(message).catch((again: unknown) =>
      core.warning(`The failure could not be reported in the comment or summary: ${String(again)}`),
    );
    throw err; // src/index.ts's runAction fails the step with it
  }
}
