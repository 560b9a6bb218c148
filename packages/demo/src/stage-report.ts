import { Checks } from "./checks";
import { EVAL_CASES, NOVA_LITE_ON_DEMAND, PR_NUMBER, REPOSITORY } from "./fixtures";
import { checkItem, type LoopContext, parseJson } from "./loop-context";
import type { PullRequest } from "./stage-review";
import type { Training } from "./stage-train";
import { TOKEN } from "./world";

/** Step 5: the report action puts loss curves and an evaluation into the train comment. */
export async function reportJob(
  ctx: LoopContext,
  pr: PullRequest,
  training: Training,
  provisionedArn: string,
): Promise<void> {
  const { world, narrator, result, timeline, comments, showComments, run, actionPath, checkout } = ctx;
  const { github, runtime } = world;
  const { origin } = pr;
  const { mergeSha } = training;
  narrator.step(5, "the report action runs on its schedule: loss curves and an evaluation");
  narrator.say(
    `It evaluates the custom model and the base model (${NOVA_LITE_ON_DEMAND}, on demand) on the ${EVAL_CASES.length} held-out tickets of the evaluation set.`,
  );
  const before = comments();
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
  const updated = result.comments.find((c) => c.id === training.trainCommentId);
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
}
