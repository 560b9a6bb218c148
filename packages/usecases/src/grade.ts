import {
  checkGraderOutcome,
  type GraderOutcome,
  type GradeSample,
  type InvokeGrader,
  invocationBatches,
  LAMBDA_SYNC_PAYLOAD_BYTES,
  type Problem,
} from "@tunegate/core";
import { type DatasetSample, sampleDataset } from "./grading/sample";

export { graderOf, isReinforcementModel } from "./grading/grader-config";

/** Records graded per dataset unless the caller says otherwise: a few cents of Lambda, seconds of time. */
export const DEFAULT_GRADE_SAMPLE = 10;
/**
 * The score the reference answer must reach unless the caller says otherwise. AWS's graders score from
 * 0 to 1: its documented example gives 1.0 to a reply that matches the reference, its samples' graders
 * return "0-1 based on correctness".
 */
export const DEFAULT_TOP_SCORE = 1;

export interface GradeDatasetRequest {
  /** The RFT dataset on disk. */
  path: string;
  /** How reports name it (the repository path). */
  name: string;
  /** The grader's Lambda ARN (or name). */
  grader: string;
  /** Records to grade (default DEFAULT_GRADE_SAMPLE). */
  sample?: number;
  /** Lowest score the reference answer may get (default DEFAULT_TOP_SCORE). */
  topScore?: number;
  /** For object reference answers: the field whose text is the ideal reply. */
  replyField?: string;
}

export interface GradedRecord {
  line: number;
  id: string | number;
  /** The score the grader gave the reference answer, when it gave one. */
  score: number | undefined;
}

export interface GradeDatasetResult {
  name: string;
  grader: string;
  topScore: number;
  /** Non-empty lines, and those that could be graded. */
  records: number;
  gradable: number;
  graded: GradedRecord[];
  skipped: DatasetSample["skipped"];
  skippedCount: number;
  /** Every failure, each at its record's line. Empty: the grader passed. */
  problems: Problem[];
  invocations: number;
}

/**
 * Checks a grader before a job pays for it: a deterministic sample of the dataset's records is sent to
 * it in AWS's request shape, each with its own reference answer as the model's reply, and the check
 * fails when the grader errors, times out, answers in the wrong shape, leaves a record out, or gives a
 * reference answer less than the top score. A batch the grader crashes on is sent again one record at
 * a time, so the failure names the record that crashes it.
 */
export async function gradeDataset(
  request: GradeDatasetRequest,
  invoke: InvokeGrader,
): Promise<GradeDatasetResult> {
  const topScore = request.topScore ?? DEFAULT_TOP_SCORE;
  const sampled = await sampleDataset(request.path, request.sample ?? DEFAULT_GRADE_SAMPLE, {
    ...(request.replyField === undefined ? {} : { replyField: request.replyField }),
  });
  const options = { file: request.name, topScore };
  const problems: Problem[] = [];
  const scores = new Map<GradeSample, number>();
  let invocations = 0;
  const send = (batch: readonly GradeSample[]): Promise<GraderOutcome> => {
    invocations += 1;
    return invoke(request.grader, JSON.stringify(batch.map((s) => s.item)));
  };
  const check = (batch: readonly GradeSample[], outcome: GraderOutcome) => {
    const checked = checkGraderOutcome(batch, outcome, options);
    problems.push(...checked.problems);
    for (const [sample, score] of checked.scores) scores.set(sample, score);
  };

  for (const batch of invocationBatches(sampled.samples, LAMBDA_SYNC_PAYLOAD_BYTES)) {
    const outcome = await send(batch);
    if (outcome.kind !== "crashed" || batch.length === 1) {
      check(batch, outcome);
      continue;
    }
    // Which record crashes it: each alone. If none does, the batch as a whole is what fails.
    const alone = [];
    for (const sample of batch) alone.push({ sample, outcome: await send([sample]) });
    if (alone.some((a) => a.outcome.kind === "crashed")) for (const a of alone) check([a.sample], a.outcome);
    else check(batch, outcome);
  }
  return {
    name: request.name,
    grader: request.grader,
    topScore,
    records: sampled.records,
    gradable: sampled.gradable,
    graded: sampled.samples.map((s) => ({ line: s.line, id: s.item.id, score: scores.get(s) })),
    skipped: sampled.skipped,
    skippedCount: sampled.skippedCount,
    problems,
    invocations,
  };
}
