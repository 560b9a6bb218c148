// The end of the demo's loop: the job ends, the report action deploys the new model as a candidate,
// evaluates it against the base model (nothing is in production yet) and promotes it; then a second
// merge trains a model that turns out worse, and the report keeps production as it is.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CommentSnapshot } from "@tunegate/github-local";
import type { ActionRun, GitRepo, runAction } from "@tunegate/testkit";
import { Checks } from "./checks";
import {
  EVAL_CASES,
  NOVA_LITE_ON_DEMAND,
  OWNER,
  PR_NUMBER,
  PRODUCTION,
  REPO,
  REPOSITORY,
  SECOND_BRANCH,
  SECOND_PR,
  SECOND_TITLE,
  secondTickets,
  TRAIN,
} from "./fixtures";
import { checkItem, parseJson, pushTrain } from "./loop-helpers";
import type { LoopResult, Narrator } from "./loop-types";
import type { EvaluationAnswers, ModelVersion } from "./model-answers";
import { JOB_MINUTES, TOKEN, type World } from "./world";

export interface DeployStepsOptions {
  world: World;
  narrator: Narrator;
  result: LoopResult;
  answers: EvaluationAnswers;
  origin: GitRepo;
  mergeSha: string;
  jobArn: string;
  trainCommentId: number;
  run: (name: string, options: Parameters<typeof runAction>[0]) => Promise<ActionRun>;
  checkout: (origin: GitRepo, branch: string) => string;
  actionPath: (name: string) => string;
  showComments: (before: CommentSnapshot[]) => void;
}

export async function playDeploySteps(o: DeployStepsOptions): Promise<void> {
  const { world, narrator, result } = o;
  const { github, bedrock, runtime } = world;
  const timeline = result.timeline;

  /** The job ends on the stand-in's clock; the responder learns which merge its model came from. */
  const finishJob = async (jobArn: string, version: ModelVersion) => {
    await bedrock.advance(JOB_MINUTES * 60_000 + 1);
    const ended = bedrock.jobs().find((j) => j.jobArn === jobArn);
    if (ended?.outputModelArn) o.answers.register(ended.outputModelArn, version);
    narrator.say(
      `Bedrock: ${ended?.jobName} is ${ended?.status}; custom model ${ended?.outputModelArn ?? "(none)"}.`,
    );
    return ended;
  };
  const report = (sha: string) =>
    o.run("tunegate report", {
      script: o.actionPath("report"),
      workspace: o.checkout(o.origin, "main"),
      repository: REPOSITORY,
      apiUrl: github.url,
      eventName: "schedule",
      event: { schedule: "17 * * * *" },
      sha,
      ref: "refs/heads/main",
      inputs: {
        config: "tunegate.yml",
        jobs: "",
        "github-token": TOKEN,
        eval: "true",
        "target-model": "",
        "baseline-model": "",
        "min-accuracy": "80%",
        "max-regression": "",
        "from-report": "",
      },
      env: world.awsEnv,
    });
  const deploymentCalls = (from: number) =>
    bedrock
      .requests()
      .slice(from)
      .filter((r) => r.operation.endsWith("CustomModelDeployment"))
      .map((r) => r.operation);

  // ----------------------------------------------------------------------------------------------
  narrator.step(4, `${JOB_MINUTES} minutes later (the stand-in's clock runs ahead): the job ends`);
  const ended = await finishJob(o.jobArn, 1);
  timeline.push({
    kind: "event",
    icon: "clock",
    actor: "Amazon Bedrock",
    text: `finished \`${ended?.jobName}\` (${ended?.status}) after ${JOB_MINUTES} minutes`,
  });
  const endChecks = new Checks("the job's end");
  endChecks.equal(ended?.status, "Completed", "the job completed");
  endChecks.equal(bedrock.deployments().length, 0, "nothing is deployed yet");
  narrator.checks(endChecks);
  endChecks.done();

  // ----------------------------------------------------------------------------------------------
  narrator.step(5, "the report action runs on its schedule: loss curves, evaluation, promotion");
  narrator.say(
    `Nova Lite custom models are served on demand, so tunegate.yml's deploy: section applies: the report deploys the new model as a candidate and evaluates it on the ${EVAL_CASES.length} held-out tickets against production, or here, with nothing in production yet, against the base model (${NOVA_LITE_ON_DEMAND}).`,
  );
  let before = github.comments(OWNER, REPO, PR_NUMBER);
  let from = bedrock.requests().length;
  const firstReport = await report(o.mergeSha);
  timeline.push(checkItem("tunegate report", firstReport));
  o.showComments(before);
  const production = bedrock.deployment(PRODUCTION);
  narrator.say(
    `Bedrock: ${PRODUCTION} (${production?.deploymentArn ?? "none"}) serves ${production?.modelArn ?? "nothing"}; applications invoke that ARN.`,
  );
  timeline.push({
    kind: "event",
    icon: "deploy",
    actor: "tunegate",
    text: `promoted the custom model to \`${PRODUCTION}\` (on demand, billed per token)`,
  });
  const reportChecks = new Checks("the report action");
  reportChecks.equal(firstReport.code, 0, "the report step succeeds");
  const reported = parseJson<{ status: string; pr: number }[]>(firstReport.outputs.reported) ?? [];
  reportChecks.equal(reported.length, 1, "one job reported");
  reportChecks.equal(reported[0]?.pr, PR_NUMBER, `on pull request #${PR_NUMBER}`);
  const body = result.comments.find((c) => c.id === o.trainCommentId)?.body ?? "";
  reportChecks.equal(result.comments.length, 2, "no new comment: the report goes into the train comment");
  reportChecks.includes(body, "```mermaid", "it has the loss chart");
  reportChecks.includes(body, "Reference \\ answer", "it has the confusion matrix");
  reportChecks.includes(
    body,
    "promoted: accuracy 88.9% vs 50.0% for the base model",
    "it says it promoted, and why",
  );
  reportChecks.equal(production?.modelArn, ended?.outputModelArn, `${PRODUCTION} serves the new model`);
  reportChecks.equal(bedrock.deployments().length, 1, "the candidate was deleted: only production is left");
  reportChecks.equal(
    deploymentCalls(from).filter((op) => op === "CreateCustomModelDeployment").length,
    2,
    "two deployments were created: the candidate and production",
  );
  reportChecks.equal(
    runtime.requests().filter((r) => r.operation === "Converse").length,
    2 * EVAL_CASES.length,
    "every held-out ticket was asked of both models",
  );
  reportChecks.equal(
    github.violations().length,
    0,
    "every GitHub request followed GitHub's published contract",
  );
  narrator.checks(reportChecks);
  reportChecks.done();

  // ----------------------------------------------------------------------------------------------
  narrator.step(6, `carol merges pull request #${SECOND_PR}: "${SECOND_TITLE}"`);
  o.origin.checkout(SECOND_BRANCH, true);
  const current = readFileSync(join(o.origin.dir, TRAIN), "utf8");
  o.origin.write({ [TRAIN]: `${current.trimEnd()}\n${secondTickets().join("\n")}\n` });
  const head = o.origin.commit("Two more subscription tickets");
  o.origin.checkout("main");
  const secondMerge = o.origin.merge(
    SECOND_BRANCH,
    `Merge pull request #${SECOND_PR} from ${OWNER}/${SECOND_BRANCH}`,
  );
  github.addPullRequest({
    owner: OWNER,
    repo: REPO,
    number: SECOND_PR,
    title: SECOND_TITLE,
    user: "carol",
    head: { sha: head, ref: SECOND_BRANCH },
    base: { sha: o.mergeSha, ref: "main" },
    merged: true,
    mergeCommitSha: secondMerge,
  });
  const secondComments = () => github.comments(OWNER, REPO, SECOND_PR);
  const show = (earlier: CommentSnapshot[]) => {
    for (const c of secondComments()) {
      const old = earlier.find((b) => b.id === c.id);
      if (!old) narrator.comment(c, "new");
      else if (old.edits !== c.edits) narrator.comment(c, "edited");
    }
  };
  const train = await o.run(
    "tunegate train",
    pushTrain({
      script: o.actionPath("train"),
      workspace: o.checkout(o.origin, "main"),
      apiUrl: github.url,
      before: o.mergeSha,
      after: secondMerge,
      models: "",
      env: world.awsEnv,
    }),
  );
  show([]);
  const jobs = parseJson<{ jobArn: string; created: boolean }[]>(train.outputs.jobs) ?? [];
  const trainChecks = new Checks("the train action on the second merge");
  trainChecks.equal(train.code, 0, "the train step succeeds");
  trainChecks.equal(jobs[0]?.created, true, "a new job was started for the new data");
  narrator.checks(trainChecks);
  trainChecks.done();

  // ----------------------------------------------------------------------------------------------
  narrator.step(7, "the second job ends: its model is worse, and production is kept");
  const second = await finishJob(jobs[0]?.jobArn ?? "", 2);
  before = secondComments();
  from = bedrock.requests().length;
  const secondReport = await report(secondMerge);
  show(before);
  const keptBody = secondComments()[0]?.body ?? "";
  const keptChecks = new Checks("the report on the worse model");
  keptChecks.equal(secondReport.code, 0, "the report step succeeds (min-accuracy 80% passes)");
  keptChecks.includes(
    keptBody,
    "kept production: accuracy 83.3% < 88.9% (gate max-regression 0)",
    "it says production was kept, and why",
  );
  keptChecks.equal(
    bedrock.deployment(PRODUCTION)?.modelArn,
    ended?.outputModelArn,
    "production still serves the first model",
  );
  keptChecks.that(second?.outputModelArn !== ended?.outputModelArn, "the second job made its own model");
  keptChecks.that(
    !deploymentCalls(from).includes("UpdateCustomModelDeployment"),
    "production was not touched",
  );
  keptChecks.equal(bedrock.deployments().length, 1, "the candidate was deleted");
  narrator.checks(keptChecks);
  keptChecks.done();
  timeline.push({
    kind: "event",
    icon: "deploy",
    actor: "tunegate",
    text: `kept \`${PRODUCTION}\` on this model: the model of #${SECOND_PR} scored lower`,
  });
}
