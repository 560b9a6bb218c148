// The loop the demo plays, with the real committed action bundles run as the GitHub runner runs them:
// a pull request that breaks a few records, a fix pushed to it, the merge that starts training, and the
// job's end (on the stand-in's accelerated clock) reported with loss curves and an evaluation.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VALIDATE_MARKER } from "@tunegate/core";
import type { CommentSnapshot } from "@tunegate/github-local";
import { type ActionRun, type Annotation, GitRepo, runAction } from "@tunegate/testkit";
import { Checks } from "./checks";
import {
  BUCKET,
  baseFiles,
  EVAL_CASES,
  HAIKU,
  HAIKU_MODEL,
  MODEL,
  NOVA_LITE_ON_DEMAND,
  OWNER,
  PR_BRANCH,
  PR_NUMBER,
  PR_TITLE,
  prTrain,
  REPO,
  REPOSITORY,
  TRAIN,
} from "./fixtures";
import { JOB_MINUTES, PROVISIONING_MINUTES, TOKEN, type World } from "./world";

export const TRAIN_MARKER = `<!-- tunegate:train model=${MODEL}`;

/** What happened on the pull request, in order, for the conversation page. */
export type TimelineItem =
  | { kind: "event"; icon: "open" | "push" | "merge" | "clock" | "deploy"; actor: string; text: string }
  | { kind: "check"; name: string; ok: boolean; summary: string; annotations: Annotation[] }
  | { kind: "comment"; id: number };

/** How the loop reports progress; the terminal narrator prints it. */
export interface Narrator {
  step(number: number, title: string): void;
  say(text: string): void;
  action(name: string, run: ActionRun, ms: number): void;
  comment(comment: CommentSnapshot, how: "new" | "edited" | "unchanged"): void;
  checks(checks: Checks): void;
}

export interface LoopResult {
  timeline: TimelineItem[];
  comments: CommentSnapshot[];
  pullRequest: { number: number; title: string; author: string; branch: string };
}

export interface LoopOptions {
  root: string;
  world: World;
  narrator: Narrator;
  /** The loop so far, kept up to date so a failed run can still write its page. */
  result: LoopResult;
}

export async function playLoop({ root, world, narrator, result }: LoopOptions): Promise<void> {
  const { github, bedrock, runtime } = world;
  const timeline = result.timeline;
  const actionPath = (name: string) => join(root, "actions", "dist", `${name}.js`);
  const comments = () => github.comments(OWNER, REPO, PR_NUMBER);
  const refreshComments = () => {
    result.comments = comments();
  };

  /** A checkout as actions/checkout makes one: a fresh clone of the origin at `branch`. */
  const checkout = (origin: GitRepo, branch: string) => {
    const dir = mkdtempSync(join(tmpdir(), "workspace-"));
    execFileSync("git", ["clone", "-q", "--branch", branch, `file://${origin.dir}`, dir]);
    return dir;
  };

  const run = async (name: string, options: Parameters<typeof runAction>[0]) => {
    const started = performance.now();
    const ran = await runAction(options);
    narrator.action(name, ran, performance.now() - started);
    return ran;
  };

  const showComments = (before: CommentSnapshot[]) => {
    refreshComments();
    for (const c of result.comments) {
      const old = before.find((b) => b.id === c.id);
      if (!old) narrator.comment(c, "new");
      else if (old.edits !== c.edits) narrator.comment(c, "edited");
    }
  };

  // ----------------------------------------------------------------------------------------------
  narrator.step(1, `alice opens pull request #${PR_NUMBER}: "${PR_TITLE}"`);
  const origin = new GitRepo(mkdtempSync(join(tmpdir(), "origin-")));
  origin.write(baseFiles(root));
  const baseSha = origin.commit("Support-router datasets and tunegate.yml");
  origin.git("config", "uploadpack.allowAnySHA1InWant", "true");
  origin.checkout(PR_BRANCH, true);
  origin.write({ [TRAIN]: prTrain(root, true) });
  let headSha = origin.commit("Add warranty, parcel-locker and data-export tickets");
  narrator.say(
    `It adds 7 tickets to ${TRAIN}; five of them have a mistake a reviewer could miss: a reply under the role "agent", a ticket pasted from an older dataset in the Claude 3 Haiku format, a customer's e-mail address, a reply without its ROUTE label, and a ticket copied from the validation set.`,
  );
  github.addPullRequest({
    owner: OWNER,
    repo: REPO,
    number: PR_NUMBER,
    title: PR_TITLE,
    user: "alice",
    head: { sha: headSha, ref: PR_BRANCH },
    base: { sha: baseSha, ref: "main" },
    files: [{ filename: TRAIN, status: "modified", additions: 7 }],
  });
  timeline.push({
    kind: "event",
    icon: "open",
    actor: "alice",
    text: `opened this pull request: 1 commit to \`${TRAIN}\``,
  });

  const validate = (sha: string) =>
    run("tunegate validate", {
      script: actionPath("validate"),
      workspace: checkout(origin, PR_BRANCH),
      repository: REPOSITORY,
      apiUrl: github.url,
      eventName: "pull_request",
      event: pullRequestEvent(sha, baseSha),
      sha,
      ref: `refs/pull/${PR_NUMBER}/merge`,
      inputs: {
        config: "tunegate.yml",
        "github-token": TOKEN,
        comment: "true",
        "fail-on": "error",
        all: "false",
        sarif: "",
      },
      env: { TMPDIR: world.root },
    });

  let before = comments();
  const first = await validate(headSha);
  timeline.push(checkItem("tunegate validate", first));
  showComments(before);
  const firstChecks = new Checks("the pull request's first validation");
  firstChecks.equal(first.code, 1, "the check fails: the pull request has errors");
  firstChecks.equal(first.outputs.valid, "false", "output valid is false");
  firstChecks.that(
    Number(first.outputs.errors) >= 2,
    "at least the two broken records are errors",
    `errors=${first.outputs.errors}`,
  );
  const newLines = (from: number) => (a: Annotation) =>
    a.properties.file === TRAIN && Number(a.properties.line) >= from;
  const baseLines = baseFiles(root)[TRAIN]!.trimEnd().split("\n").length;
  firstChecks.that(
    first.annotations.filter((a) => a.level === "error").filter(newLines(baseLines + 1)).length >= 2,
    "errors are annotated on the new records' lines",
  );
  firstChecks.equal(result.comments.length, 1, "one comment on the pull request");
  firstChecks.that(
    result.comments[0]?.body.startsWith(VALIDATE_MARKER) === true,
    "it is the validate comment",
  );
  narrator.checks(firstChecks);
  firstChecks.done();
  const validateComment = result.comments[0]!;
  timeline.push({ kind: "comment", id: validateComment.id });

  // ----------------------------------------------------------------------------------------------
  narrator.step(2, "alice pushes a fix to the pull request");
  origin.write({ [TRAIN]: prTrain(root, false) });
  headSha = origin.commit(
    "Fix the broken tickets: assistant role, Nova format, no e-mail, no validation copy",
  );
  github.updatePullRequest(OWNER, REPO, PR_NUMBER, {
    headSha,
    files: [{ filename: TRAIN, status: "modified", additions: 6 }],
  });
  narrator.say(
    "The reply's role, the pasted ticket's format, the e-mail address and the copied ticket are fixed; one reply still has no label (a notice, not an error).",
  );
  timeline.push({
    kind: "event",
    icon: "push",
    actor: "alice",
    text: `pushed 1 commit: “Fix the broken tickets” (${headSha.slice(0, 7)})`,
  });
  before = comments();
  const second = await validate(headSha);
  timeline.push(checkItem("tunegate validate", second));
  showComments(before);
  const secondChecks = new Checks("the validation after the fix");
  secondChecks.equal(second.code, 0, "the check passes");
  secondChecks.equal(second.outputs.valid, "true", "output valid is true");
  secondChecks.equal(second.outputs.errors, "0", "no errors are left");
  secondChecks.equal(result.comments.length, 1, "still one comment on the pull request");
  secondChecks.equal(result.comments[0]?.id, validateComment.id, "the same comment was updated");
  secondChecks.equal(result.comments[0]?.edits, 1, "edited once");
  secondChecks.includes(
    result.comments[0]?.body ?? "",
    "Merging starts one Bedrock model customization job",
    "it says what merging will start",
  );
  narrator.checks(secondChecks);
  secondChecks.done();

  // ----------------------------------------------------------------------------------------------
  narrator.step(3, "bob merges the pull request: the train action runs on the push to main");
  origin.checkout("main");
  const mergeSha = origin.merge(PR_BRANCH, `Merge pull request #${PR_NUMBER} from ${OWNER}/${PR_BRANCH}`);
  github.mergePullRequest({
    owner: OWNER,
    repo: REPO,
    number: PR_NUMBER,
    mergeCommitSha: mergeSha,
    mergedBy: "bob",
  });
  timeline.push({
    kind: "event",
    icon: "merge",
    actor: "bob",
    text: `merged commit ${mergeSha.slice(0, 7)} into \`main\``,
  });
  const main = checkout(origin, "main");
  before = comments();
  const train = await run("tunegate train", {
    script: actionPath("train"),
    workspace: main,
    repository: REPOSITORY,
    apiUrl: github.url,
    eventName: "push",
    event: {
      ref: "refs/heads/main",
      before: baseSha,
      after: mergeSha,
      repository: { full_name: REPOSITORY },
    },
    sha: mergeSha,
    ref: "refs/heads/main",
    inputs: {
      config: "tunegate.yml",
      models: "",
      "dry-run": "false",
      wait: "0",
      "github-token": TOKEN,
      comment: "true",
    },
    env: world.awsEnv,
  });
  timeline.push(checkItem("tunegate train", train));
  showComments(before);
  const trainChecks = new Checks("the train action on merge");
  trainChecks.equal(train.code, 0, "the train step succeeds");
  const jobs =
    parseJson<{ model: string; jobArn: string; created: boolean; trainingS3Uri: string }[]>(
      train.outputs.jobs,
    ) ?? [];
  trainChecks.equal(jobs.length, 1, "one job for the one changed model");
  trainChecks.equal(jobs[0]?.created, true, "the job was created (not found from an earlier run)");
  trainChecks.that(
    jobs[0]?.trainingS3Uri?.startsWith(`s3://${BUCKET}/tunegate/${MODEL}/`) === true,
    "the training data went to its content-addressed S3 key",
    jobs[0]?.trainingS3Uri,
  );
  await bedrock.idle();
  const job = bedrock.jobs().find((j) => j.jobArn === jobs[0]?.jobArn);
  trainChecks.equal(job?.status, "InProgress", "Bedrock is training");
  trainChecks.equal(job?.trainingRecords, baseLines + 6, "Bedrock read every training record from S3");
  trainChecks.equal(result.comments.length, 2, "a second comment on the pull request");
  const trainComment = result.comments.find((c) => c.body.startsWith(TRAIN_MARKER));
  trainChecks.that(trainComment !== undefined, "it is the train action's comment");
  trainChecks.includes(trainComment?.body ?? "", "Training started", "it says training started");
  narrator.checks(trainChecks);
  trainChecks.done();
  timeline.push({ kind: "comment", id: trainComment!.id });

  // The seed format's model: AWS retired Claude 3 Haiku, and the train step refuses it up front.
  narrator.say(
    `The repository also keeps the same tickets for ${HAIKU_MODEL} (${HAIKU}, us-west-2), in the Claude 3 Haiku format. AWS retired that model; the train action, asked to train it, checks with Bedrock first.`,
  );
  const legacyBefore = world.legacyBedrock.requests().length;
  const refused = await run("tunegate train", {
    script: actionPath("train"),
    workspace: main,
    repository: REPOSITORY,
    apiUrl: github.url,
    eventName: "push",
    event: {
      ref: "refs/heads/main",
      before: mergeSha,
      after: mergeSha,
      repository: { full_name: REPOSITORY },
    },
    sha: mergeSha,
    ref: "refs/heads/main",
    inputs: {
      config: "tunegate.yml",
      models: HAIKU_MODEL,
      "dry-run": "false",
      wait: "0",
      "github-token": TOKEN,
      comment: "true",
    },
    env: world.legacyAwsEnv,
  });
  const asked = world.legacyBedrock
    .requests()
    .slice(legacyBefore)
    .map((r) => r.operation);
  const refusal = refused.annotations
    .filter((a) => a.level === "error")
    .map((a) => a.message)
    .join("\n");
  const legacyChecks = new Checks("the train action on a retired base model");
  legacyChecks.equal(refused.code, 1, "the train step fails");
  legacyChecks.includes(refusal, "Claude 3 Haiku", "the error names the model");
  legacyChecks.includes(refusal, "source: Bedrock GetFoundationModel", "with its status and source");
  legacyChecks.includes(refusal, "amazon.nova-2-lite-v1:0:256k", "and an active model to move to");
  legacyChecks.that(
    asked.includes("GetFoundationModel"),
    "Bedrock was asked for the lifecycle",
    asked.join(),
  );
  legacyChecks.that(!asked.includes("CreateModelCustomizationJob"), "no job was started", asked.join());
  legacyChecks.equal(world.legacyS3Log.requests.length, 0, "no request reached S3: nothing was uploaded");
  narrator.checks(legacyChecks);
  legacyChecks.done();

  // ----------------------------------------------------------------------------------------------
  narrator.step(4, `${JOB_MINUTES} minutes later (the stand-in's clock runs ahead): the job ends`);
  await bedrock.advance(JOB_MINUTES * 60_000 + 1);
  const ended = bedrock.jobs().find((j) => j.jobArn === job!.jobArn);
  narrator.say(
    `Bedrock: ${ended?.jobName} is ${ended?.status}; custom model ${ended?.outputModelArn ?? "(none)"}.`,
  );
  narrator.say(
    `The team buys Provisioned Throughput for it, as \`aws bedrock create-provisioned-model-throughput\` does, and ${PROVISIONING_MINUTES} minutes later it is InService.`,
  );
  const provisionedArn = await provision(bedrock.url, ended?.outputModelArn ?? "", `${MODEL}-pt`);
  await bedrock.advance(PROVISIONING_MINUTES * 60_000 + 1);
  timeline.push({
    kind: "event",
    icon: "clock",
    actor: "Amazon Bedrock",
    text: `finished \`${ended?.jobName}\` (${ended?.status}) after ${JOB_MINUTES} minutes`,
  });
  timeline.push({
    kind: "event",
    icon: "deploy",
    actor: "bob",
    text: `bought Provisioned Throughput \`${MODEL}-pt\` for the custom model`,
  });
  const endChecks = new Checks("the job's end");
  endChecks.equal(ended?.status, "Completed", "the job completed");
  endChecks.equal(
    bedrock.provisionedModel(provisionedArn)?.status,
    "InService",
    "the provisioned throughput is in service",
  );
  narrator.checks(endChecks);
  endChecks.done();

  // ----------------------------------------------------------------------------------------------
  narrator.step(5, "the report action runs on its schedule: loss curves and an evaluation");
  narrator.say(
    `It evaluates the custom model and the base model (${NOVA_LITE_ON_DEMAND}, on demand) on the ${EVAL_CASES.length} held-out tickets of the evaluation set.`,
  );
  before = comments();
  const report = await run("tunegate report", {
    script: actionPath("report"),
    workspace: checkout(origin, "main"),
    repository: REPOSITORY,
    apiUrl: github.url,
    eventName: "schedule",
    event: { schedule: "17 * * * *" },
    sha: mergeSha,
    ref: "refs/heads/main",
    inputs: {
      config: "tunegate.yml",
      jobs: "",
      "github-token": TOKEN,
      eval: "true",
      "target-model": provisionedArn,
      "baseline-model": NOVA_LITE_ON_DEMAND,
      "min-accuracy": "80%",
      "max-regression": "",
      "from-report": "",
    },
    env: world.awsEnv,
  });
  timeline.push(checkItem("tunegate report", report));
  showComments(before);
  const reportChecks = new Checks("the report action");
  reportChecks.equal(report.code, 0, "the report step succeeds");
  const reported = parseJson<{ model: string; status: string; pr: number }[]>(report.outputs.reported) ?? [];
  reportChecks.equal(reported.length, 1, "one job reported");
  reportChecks.equal(reported[0]?.status, "Completed", "as completed");
  reportChecks.equal(reported[0]?.pr, PR_NUMBER, `on pull request #${PR_NUMBER}`);
  reportChecks.equal(report.outputs.failed, "false", "no gate crossed");
  const updated = result.comments.find((c) => c.id === trainComment!.id);
  reportChecks.equal(result.comments.length, 2, "no new comment: the report goes into the train comment");
  reportChecks.that((updated?.edits ?? 0) >= 1, "the train comment was edited");
  const body = updated?.body ?? "";
  reportChecks.includes(body, "Training completed", "it says training completed");
  reportChecks.includes(body, "```mermaid", "it has the loss chart");
  reportChecks.includes(body, "Reference \\ answer", "it has the confusion matrix");
  const converse = runtime.requests().filter((r) => r.operation === "Converse").length;
  reportChecks.equal(converse, 2 * EVAL_CASES.length, "every held-out ticket was asked of both models");
  reportChecks.equal(
    github.violations().length,
    0,
    "every GitHub request followed GitHub's published contract",
  );
  narrator.checks(reportChecks);
  reportChecks.done();
  refreshComments();
}

function pullRequestEvent(headSha: string, baseSha: string) {
  return {
    action: "synchronize",
    number: PR_NUMBER,
    pull_request: {
      number: PR_NUMBER,
      state: "open",
      title: PR_TITLE,
      user: { login: "alice" },
      base: { sha: baseSha, ref: "main", repo: { full_name: REPOSITORY } },
      head: { sha: headSha, ref: PR_BRANCH, repo: { full_name: REPOSITORY } },
    },
    repository: { full_name: REPOSITORY, name: REPO, owner: { login: OWNER } },
    sender: { login: "alice" },
  };
}

function checkItem(name: string, run: ActionRun): TimelineItem {
  const failure = run.annotations.find((a) => a.level === "error" && !a.properties.file);
  const counts = (["error", "warning", "notice"] as const)
    .map((level) => [level, run.annotations.filter((a) => a.level === level).length] as const)
    .filter(([, n]) => n > 0)
    .map(([level, n]) => `${n} ${level}${n === 1 ? "" : "s"}`);
  const summary = run.code === 0 ? "Successful" : `Failing: ${failure?.message ?? `exit code ${run.code}`}`;
  return {
    kind: "check",
    name,
    ok: run.code === 0,
    summary: counts.length > 0 ? `${summary} · annotations: ${counts.join(", ")}` : summary,
    annotations: run.annotations,
  };
}

function parseJson<T>(text: string | undefined): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** CreateProvisionedModelThroughput over HTTP, as the AWS CLI sends it (the stand-in needs no signature). */
async function provision(bedrockUrl: string, modelId: string, name: string): Promise<string> {
  const response = await fetch(`${bedrockUrl}/provisioned-model-throughput`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ modelUnits: 1, provisionedModelName: name, modelId }),
  });
  const answer = (await response.json()) as { provisionedModelArn?: string; message?: string };
  if (!response.ok || !answer.provisionedModelArn) {
    throw new Error(`CreateProvisionedModelThroughput answered ${response.status}: ${answer.message ?? ""}`);
  }
  return answer.provisionedModelArn;
}
