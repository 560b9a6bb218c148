import { existsSync } from "node:fs";
import * as core from "@actions/core";
import { createOctokit, info, runnerContext } from "@tunegate/github";
import { failureLines, modelsChangedInPush, RegionClients, systemClock, train } from "@tunegate/usecases";
import { annotateDataProblems, logEvents, printDryRun } from "./events";
import { readInputs } from "./inputs";
import { compare, pullRequestOf } from "./lookups";
import { type JobOutput, jobOutput, writeSummary } from "./outputs";
import { postJobComment } from "./post-comment";
import { loadTargets } from "./targets";

const log = { info, warning: core.warning, error: core.error };

async function act(clients: RegionClients): Promise<void> {
  const inputs = readInputs();
  const context = runnerContext();
  const octokit = inputs.githubToken ? createOctokit(inputs.githubToken, context.apiUrl) : undefined;
  const { config, targets, warnings } = await loadTargets(inputs.config, context.workspace);
  for (const warning of warnings) core.warning(warning);

  // Which models: the ones named, or the ones whose datasets or settings this push changed.
  const unknown = inputs.models.filter((m) => !targets.has(m));
  if (unknown.length > 0) {
    throw new Error(
      `models names ${unknown.map((m) => `"${m}"`).join(", ")}, which ${inputs.config} does not define. Defined: ${[...targets.keys()].join(", ")}.`,
    );
  }
  const names =
    inputs.models.length > 0
      ? [...new Set(inputs.models)]
      : await modelsChangedInPush({
          config,
          workspace: context.workspace,
          sha: context.sha,
          before: typeof context.event.before === "string" ? context.event.before : undefined,
          repository: context.repository,
          compare: octokit && (async (base, head) => compare(octokit, context, base, head)),
          bedrock: inputs.dryRun ? undefined : (region) => clients.bedrock(region),
          log,
        });
  if (names.length === 0) {
    info("No model's datasets or settings changed in this push: nothing to train.");
    setOutputs([]);
    await writeSummary([], inputs.dryRun);
    return;
  }
  info(`Models to train: ${names.join(", ")}`);

  const pr = octokit ? await pullRequestOf(octokit, context.owner, context.repo, context.sha) : undefined;
  if (pr) info(`Commit ${context.sha.slice(0, 7)} belongs to pull request #${pr.number}.`);
  const worker = new URL("./dataset-worker.js", import.meta.url);
  const result = await train(
    {
      targets: names.map((n) => targets.get(n)!),
      prepare: {
        commit: context.sha,
        repository: context.repository,
        pullRequest: pr?.number,
        ...(existsSync(worker) ? { parallel: { script: worker } } : {}),
      },
      dryRun: inputs.dryRun,
      waitMinutes: inputs.waitMinutes,
    },
    {
      clients,
      clock: systemClock,
      events: logEvents({ comment: inputs.comment && octokit !== undefined && pr !== undefined }),
      ...(inputs.comment && octokit && pr
        ? { jobStarted: (r) => postJobComment(octokit, context, pr, r) }
        : {}),
    },
  );
  if (result.outcome === "launched" && inputs.comment && !pr) {
    info("No pull request found for this commit: no comment posted.");
  }
  if (result.outcome === "blocked") {
    annotateDataProblems(result.runs, result.blocked.length);
    setOutputs([]);
    await writeSummary(result.runs, inputs.dryRun);
    core.setFailed(
      `${result.blocked.map((r) => r.name).join(", ")} cannot be trained (see the errors above); nothing was uploaded and no job was started.`,
    );
    return;
  }
  if (result.outcome === "dry-run") for (const r of result.runs) printDryRun(r);
  setOutputs(result.runs.filter((r) => r.launch || inputs.dryRun).map((r) => jobOutput(r)));
  await writeSummary(result.runs, inputs.dryRun);
  if (result.outcome === "launched" && result.failed.length > 0) core.setFailed(failureLines(result.failed));
}

function setOutputs(jobs: JobOutput[]): void {
  core.setOutput("jobs", JSON.stringify(jobs));
  core.setOutput(
    "job-arns",
    jobs
      .map((j) => j.jobArn)
      .filter((a) => a !== "")
      .join(","),
  );
}

/**
 * The action, as GitHub's TypeScript action template shapes it: src/index.ts calls this when the runner
 * starts dist/index.js, and `@github/local-action` imports this module and calls it. Importing the
 * module starts nothing. What it throws fails the step in src/index.ts (runAction).
 */
export async function run(): Promise<void> {
  const clients = new RegionClients();
  try {
    await act(clients); // what it throws fails the step in src/index.ts's runAction
  } finally {
    clients.destroy();
  }
}
