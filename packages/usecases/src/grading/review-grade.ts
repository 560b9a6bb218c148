import { existsSync } from "node:fs";
import {
  datasetsOf,
  type InvokeGrader,
  type ModelReview,
  type Problem,
  type ResolvedConfig,
  type ResolvedModel,
  repositoryName,
} from "@tunegate/core";
import { gradeDataset } from "../grade";
import type { Review } from "../review-collect";
import { graderOf, isReinforcementModel } from "./grader-config";

/** The grader check of a review (the validate action's grade-sample). */
export interface GradeReviewOptions {
  /** Records graded per dataset; 0 turns the check off. */
  sample: number;
  /** Lowest score a reference answer may get. */
  topScore: number;
}

export interface GradeReviewPorts {
  invoke: InvokeGrader;
  /** A model's grader (default: its reinforcement.grader in tunegate.yml). */
  graderFor?: (model: ResolvedModel) => string | undefined;
}

export const FORK_SKIP_NOTE =
  "The grader check (grade-sample) was skipped: a pull request from a fork runs without the repository's secrets, so there are no AWS credentials to invoke a grader with. Run `tunegate grade` on its datasets, or push the branch to this repository.";

/**
 * Grades the datasets of every reviewed reinforcement fine-tuning model with its grader, and folds
 * the failures into the review as errors at their records' lines: the comment, the summary, the
 * annotations and SARIF then show them as they show every other problem. A pull request from a fork
 * has no credentials: the check is skipped with a note, never failed.
 */
export async function gradeReview(
  collected: Review,
  context: { config: ResolvedConfig; workspace: string; fromFork: boolean; log: (message: string) => void },
  options: GradeReviewOptions,
  ports: GradeReviewPorts,
): Promise<Review> {
  const rft = collected.reviews.filter((r) => {
    const model = context.config.models.find((m) => m.name === r.reviewed.name);
    return model !== undefined && isReinforcementModel(model);
  });
  if (options.sample <= 0 || rft.length === 0) return collected;
  if (context.fromFork) {
    context.log(FORK_SKIP_NOTE);
    return {
      ...collected,
      input: { ...collected.input, notes: [...(collected.input.notes ?? []), FORK_SKIP_NOTE] },
    };
  }
  const graderFor = ports.graderFor ?? graderOf;
  const reviews: ModelReview[] = [];
  for (const r of collected.reviews) {
    const model = context.config.models.find((m) => m.name === r.reviewed.name);
    if (!model || !rft.includes(r)) {
      reviews.push(r);
      continue;
    }
    const grader = graderFor(model);
    if (grader === undefined) {
      reviews.push(
        withGrading(
          r,
          [],
          ["grade-sample is on, but this model sets no reinforcement.grader: no grader was checked."],
        ),
      );
      continue;
    }
    const problems: Problem[] = [];
    const notes: string[] = [];
    for (const file of datasetsOf(model, context.config.root)) {
      if (!existsSync(file.path)) continue; // a missing dataset is already an error of the review
      const name = repositoryName(context.workspace, file.path);
      context.log(`Checking the grader of ${model.name} on ${options.sample} records of ${name}`);
      const result = await gradeDataset({ path: file.path, name, grader, ...options }, ports.invoke);
      problems.push(...result.problems);
      const failed = new Set(result.problems.map((p) => p.line)).size;
      notes.push(
        result.problems.length === 0
          ? `Grader checked on ${result.graded.length} records of ${name}: each reference answer got the top score (${result.topScore}).`
          : `Grader check failed on ${failed} of ${result.graded.length} records of ${name}: see the grade/ problems.`,
      );
    }
    reviews.push(withGrading(r, problems, notes));
  }
  return { ...collected, reviews, input: { ...collected.input, models: reviews.map((r) => r.reviewed) } };
}

/** The review with the grader's failures as errors of its datasets, and notes on what was checked. */
function withGrading(r: ModelReview, problems: readonly Problem[], notes: readonly string[]): ModelReview {
  const n = problems.length;
  const files = r.report.files.map((f) => {
    const own = problems.filter((p) => p.file === f.path);
    return own.length === 0
      ? f
      : {
          ...f,
          problems: [...f.problems, ...own],
          counts: { ...f.counts, errors: f.counts.errors + own.length },
        };
  });
  return {
    report: { ...r.report, files, summary: { ...r.report.summary, errors: r.report.summary.errors + n } },
    reviewed: {
      ...r.reviewed,
      problems: [...r.reviewed.problems, ...problems],
      counts: { ...r.reviewed.counts, errors: r.reviewed.counts.errors + n },
      notes: [...(r.reviewed.notes ?? []), ...notes],
    },
  };
}
