// The loop the demo plays, with the real committed action bundles run as the GitHub runner runs them:
// a pull request that breaks a few records, a fix pushed to it, the merge that starts training, and the
// job's end (on the stand-in's accelerated clock) reported with loss curves and an evaluation. Each
// stage is a module of its own; this file says their order.
import { type LoopOptions, loopContext } from "./loop-context";
import { endJob } from "./stage-job-end";
import { reportJob } from "./stage-report";
import { openPullRequest, pushFix } from "./stage-review";
import { mergeAndTrain, refuseRetiredBase } from "./stage-train";

export type { LoopOptions, LoopResult, Narrator, TimelineItem } from "./loop-context";
export { TRAIN_MARKER } from "./stage-train";

export async function playLoop(options: LoopOptions): Promise<void> {
  const ctx = loopContext(options);
  const pr = await openPullRequest(ctx); // 1. alice opens the pull request: the check fails
  await pushFix(ctx, pr); // 2. alice pushes a fix: the check passes
  const training = await mergeAndTrain(ctx, pr); // 3. bob merges: one job starts
  await refuseRetiredBase(ctx, training); // 3. a retired base model is refused before any upload
  const { provisionedArn } = await endJob(ctx, training); // 4. the job ends; the model is provisioned
  await reportJob(ctx, pr, training, provisionedArn); // 5. the report: loss curves and an evaluation
  ctx.refreshComments();
}
