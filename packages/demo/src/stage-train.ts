import { Checks } from "./checks";
import { BUCKET, HAIKU, HAIKU_MODEL, MODEL, OWNER, PR_BRANCH, PR_NUMBER, REPO, REPOSITORY } from "./fixtures";
import { checkItem, type LoopContext, parseJson } from "./loop-context";
import type { PullRequest } from "./stage-review";
import { TOKEN } from "./world";

export const TRAIN_MARKER = `<!-- tunegate:train model=${MODEL}`;

/** What the merge started: the merge commit, its checkout, the job, and the train comment. */
export interface Training {
  mergeSha: string;
  main: string;
  jobArn: string;
  trainCommentId: number;
}

/** Step 3: bob merges; the train action uploads the data and starts exactly one job. */
export async function mergeAndTrain(ctx: LoopContext, pr: PullRequest): Promise<Training> {
  const { world, narrator, result, timeline, comments, showComments, run, actionPath, checkout } = ctx;
  const { github, bedrock } = world;
  const { origin, baseSha, baseLines } = pr;
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
  const before = comments();
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
  return { mergeSha, main, jobArn: job!.jobArn, trainCommentId: trainComment!.id };
}

/** The seed format's model: AWS retired Claude 3 Haiku, and the train step refuses it up front. */
export async function refuseRetiredBase(ctx: LoopContext, training: Training): Promise<void> {
  const { world, narrator, run, actionPath } = ctx;
  const { github } = world;
  const { mergeSha, main } = training;
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
}
