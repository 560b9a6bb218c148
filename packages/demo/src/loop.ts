// The loop the demo plays, with the real committed action bundles run as the GitHub runner runs them:
// a pull request that breaks a few records, a fix pushed to it, the merge that starts training, and the
// job's end (on the stand-in's accelerated clock) reported with loss curves and an evaluation.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VALIDATE_MARKER } from "@tunegate/core";
import type { CommentSnapshot } from "@tunegate/github-local";
import { type Annotation, GitRepo, runAction } from "@tunegate/testkit";
import { Checks } from "./checks";
import { playDeploySteps } from "./deploy-steps";
import {
  BUCKET,
  baseFiles,
  HAIKU,
  HAIKU_MODEL,
  MODEL,
  OWNER,
  PR_BRANCH,
  PR_NUMBER,
  PR_TITLE,
  prTrain,
  REPO,
  REPOSITORY,
  TRAIN,
} from "./fixtures";
import { checkItem, parseJson, pullRequestEvent, pushTrain, VALIDATE_INPUTS } from "./loop-helpers";
import type { LoopOptions } from "./loop-types";

export const TRAIN_MARKER = `<!-- tunegate:train model=${MODEL}`;

export type { LoopOptions, LoopResult, Narrator, TimelineItem } from "./loop-types";

export async function playLoop({ root, world, narrator, result, answers }: LoopOptions): Promise<void> {
  const { github, bedrock } = world;
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
      inputs: VALIDATE_INPUTS,
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
  const train = await run(
    "tunegate train",
    pushTrain({
      script: actionPath("train"),
      workspace: main,
      apiUrl: github.url,
      before: baseSha,
      after: mergeSha,
      models: "",
      env: world.awsEnv,
    }),
  );
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
  const refused = await run(
    "tunegate train",
    pushTrain({
      script: actionPath("train"),
      workspace: main,
      apiUrl: github.url,
      before: mergeSha,
      after: mergeSha,
      models: HAIKU_MODEL,
      env: world.legacyAwsEnv,
    }),
  );
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

  await playDeploySteps({
    world,
    narrator,
    result,
    answers,
    origin,
    mergeSha,
    jobArn: job!.jobArn,
    trainCommentId: trainComment!.id,
    run,
    checkout,
    actionPath,
    showComments,
  });
  refreshComments();
}
