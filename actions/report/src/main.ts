import * as core from "@actions/core";
import { resolveCatalog } from "@tunegate/core";
import { createOctokit, info, pullRequestComments, runnerContext } from "@tunegate/github";
import { loadReportModels, postFromReport, reportJobs } from "@tunegate/usecases";
import { readInputs } from "./inputs";

/**
 * The report action: posts the results of Bedrock customization jobs to their pull requests, or (with
 * `from-report`) posts a validation report written by a fork's `pull_request` run.
 */
async function act(): Promise<void> {
  const inputs = readInputs();
  const context = runnerContext();
  const octokit = createOctokit(inputs.token, context.apiUrl);
  const log = (m: string) => info(m);
  const warn = (m: string) => core.warning(m);
  const logPort = { info: log, warning: warn, error: (m: string) => core.error(m) };
  const comments = pullRequestComments(octokit, context.owner, context.repo);

  if (inputs.fromReport) {
    const posted = await postFromReport({ path: inputs.fromReport, run: context, comments, log: logPort });
    core.setOutput("reported", JSON.stringify([]));
    core.setOutput("failed", "false");
    core.setOutput("eval-results", "[]");
    await core.summary
      .addRaw(`tunegate posted the validation report to #${posted.pr} (${posted.action}).`, true)
      .write();
    return;
  }

  const { models, catalog } = await loadReportModels(inputs.config, context.workspace, warn);
  const result = await reportJobs({
    repository: context.repository,
    workspace: context.workspace,
    outputDir: context.tempDir,
    comments,
    models,
    catalog: catalog ?? resolveCatalog(),
    jobs: inputs.jobs,
    evaluation: inputs.evaluation,
    ...(inputs.targetModel ? { targetModel: inputs.targetModel } : {}),
    ...(inputs.baselineModel ? { baselineModel: inputs.baselineModel } : {}),
    gates: {
      ...(inputs.minAccuracy === undefined ? {} : { minAccuracy: inputs.minAccuracy }),
      ...(inputs.maxRegression === undefined ? {} : { maxRegression: inputs.maxRegression }),
    },
    ...(inputs.provisioned ? { provisioned: inputs.provisioned } : {}),
    ...(inputs.batchAbove === undefined ? {} : { batchAbove: inputs.batchAbove }),
    batchWaitMs: inputs.batchWaitMs,
    ...(process.env.AWS_REGION ? { defaultRegion: process.env.AWS_REGION } : {}),
    log: logPort,
  });

  core.setOutput("reported", JSON.stringify(result.reported));
  core.setOutput("failed", String(result.jobFailed || result.gatesFailed));
  core.setOutput("eval-results", JSON.stringify(result.resultsFiles));
  if (result.bodies.length === 0) log("No job to report.");
  else {
    // The step summary keeps every report, also those with no PR to post to; it holds 1 MiB.
    let summary = "";
    for (const body of result.bodies) {
      if (summary.length + body.length > 1_000_000) break;
      summary += `${body}\n---\n\n`;
    }
    await core.summary.addRaw(summary, true).write();
  }
  if (result.errors.length > 0) {
    core.setFailed(`${result.errors.length} job(s) could not be reported: ${result.errors.join("; ")}`);
  } else if (result.gatesFailed) {
    core.setFailed("An evaluation gate was crossed or could not be checked; see the comment and the log.");
  }
}

/**
 * The action, as GitHub's TypeScript action template shapes it: src/index.ts calls this when the runner
 * starts dist/index.js, and `@github/local-action` imports this module and calls it. Importing the
 * module starts nothing. What it throws fails the step in src/index.ts (runAction).
 */
export async function run(): Promise<void> {
  await act(); // what it throws fails the step in src/index.ts's runAction
}
