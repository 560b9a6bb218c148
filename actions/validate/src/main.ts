import { existsSync, mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import * as core from "@actions/core";
import { lambdaGrader } from "@tunegate/aws";
import { commitFiles } from "@tunegate/git";
import {
  changedFiles,
  createOctokit,
  info,
  pullRequestOf,
  runnerContext,
  runnerLog,
  writeStepSummary as summary,
  writeAnnotations,
} from "@tunegate/github";
import { review, reviewDirs, writeReportFiles, writeSarif } from "@tunegate/usecases";
import pkg from "../package.json" with { type: "json" };
import { noCommentNote, postComment, replaceComment, reportUnfinished } from "./comment";
import { readInputs } from "./inputs";

/** The validate action: wires the runner's inputs to the review use case and its result to GitHub. */
async function act(): Promise<void> {
  const inputs = readInputs();
  const context = runnerContext();
  const pr = pullRequestOf(context);
  const octokit = inputs.token ? createOctokit(inputs.token, context.apiUrl) : undefined;
  const { reportDir, baseDir } = reviewDirs(context.tempDir);
  mkdirSync(reportDir, { recursive: true });
  const worker = new URL("./dataset-worker.js", import.meta.url);
  // Its Lambda clients are made at the first invocation: nothing reaches AWS unless grade-sample asks.
  const lambda = lambdaGrader();
  const api =
    octokit && pr ? { octokit, owner: context.owner, repo: context.repo, pullNumber: pr.number } : undefined;
  const result = await review(
    {
      run: { ...context, pr },
      config: inputs.config,
      failOn: inputs.failOn,
      all: inputs.all,
      commenting: inputs.comment && pr !== undefined,
      parallel: existsSync(worker) ? { script: worker } : undefined,
      baseDir,
      grade: { sample: inputs.gradeSample, topScore: inputs.gradeTopScore },
    },
    {
      git: commitFiles(context.workspace),
      changedFiles: (baseSha) => changedFiles({ cwd: context.workspace, baseSha, ...(api ? { api } : {}) }),
      log: runnerLog,
      grader: { invoke: lambda.invoke },
    },
  ).finally(() => {
    rmSync(baseDir, { recursive: true, force: true });
    lambda.destroy();
  });

  // Everything the run found is written before GitHub is asked for anything more: annotations, report
  // files, SARIF, summary and outputs do not depend on the comment, so a GitHub fault cannot lose them.
  writeAnnotations(result.annotations);
  const { counts, fails, markdown } = result;
  const reviewed = result.kind === "reviewed" ? result : undefined;
  if (result.kind === "config-error") info(result.error.message);
  const report = {
    markdown,
    context,
    pr,
    counts,
    failOn: inputs.failOn,
    toolVersion: pkg.version,
    ...(reviewed ? { input: reviewed.input, problems: reviewed.problems } : {}),
  };
  const paths = await writeReportFiles(reportDir, report);
  if (reviewed && inputs.sarif) {
    const sarifPath = resolve(context.workspace, inputs.sarif);
    await writeSarif(sarifPath, reviewed.reviews, pkg.version);
    info(`SARIF written to ${sarifPath}`);
  }
  await summary(reviewed ? reviewed.summary : markdown);
  core.setOutput("valid", String(!fails));
  core.setOutput("errors", String(counts.errors));
  core.setOutput("warnings", String(counts.warnings));
  core.setOutput("report", paths.markdown);
  core.setOutput("report-json", paths.json);
  if (!reviewed) {
    // The comment says so too: a verdict from an earlier push ("ready to merge") must not stand.
    const note = await replaceComment(octokit, context, pr, inputs.comment, markdown);
    if (note) await summary(note);
    if (fails) core.setFailed(`${result.configPath} cannot be used; see its annotations.`);
    return;
  }
  if (inputs.comment && pr) {
    const { comment, missing: reason } = await postComment(octokit, context, pr.number, reviewed.comment);
    // The JSON says where the review was posted, for tools that follow it up.
    if (comment) await writeReportFiles(reportDir, { ...report, comment });
    if (reason) await summary(noCommentNote(pr.number, reason));
  }
  if (fails) core.setFailed(`tunegate: ${reviewed.sentence} (fail-on: ${inputs.failOn}).`);
  else info(`tunegate: ${reviewed.sentence}.`);
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
    await reportUnfinished(message).catch((again: unknown) =>
      core.warning(`The failure could not be reported in the comment or summary: ${String(again)}`),
    );
    throw err; // src/index.ts's runAction fails the step with it
  }
}
