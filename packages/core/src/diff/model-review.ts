import { type Catalog, lifecycleAdvice, lifecycleWarning } from "../catalog/catalog";
import { BUILT_IN_MODELS } from "../catalog/models";
import type { BaseModel } from "../catalog/schema";
import { modelFingerprint } from "../config/changes";
import type { ResolvedModel } from "../config/types";
import { epochsFor, estimateTrainingCost, servingOfTrainingData, type TrainingCost } from "../cost";
import type { DatasetIo } from "../dataset/io";
import type { ParallelOptions, ValidationReport } from "../dataset/validate";
import { type DatasetDigest, JobPlanError, planJob } from "../jobs/plan";
import type { Problem } from "../problem";
import type { OnMerge, ReviewedModel } from "../report/pr-comment";
import { datasetModel } from "../rules/dataset-model";
import type { TokenFigure } from "../tokens/count";
import { type DatasetDiff, type DiffFile, diffDatasets } from "./dataset-diff";

/**
 * One configured model of a pull request, reviewed: its head datasets validated, each changed file
 * diffed against the base branch, the training cost before and after, what changed in its settings,
 * and what merging would start. Reads files only (the caller extracts base versions from git).
 */
export interface ModelReviewInput {
  /** The model as the head's tunegate.yml defines it. */
  head: ResolvedModel;
  /** The same model on the base branch, when it existed there. */
  base?: ResolvedModel;
  /**
   * False when there is no base branch to compare with (a run outside a pull request): no setting
   * changes, no "before" figures, and no merge to plan for. Default true.
   */
  compare?: boolean;
  /** The datasets: repository names, head paths, base paths (extracted), and whether each changed. */
  files: readonly DiffFile[];
  /** Datasets the head config names that are not in the head: each counts as an error. */
  missing?: readonly string[];
  /** The record-level diff is unavailable (the base commit could not be read); said in the comment. */
  baseUnavailable?: boolean;
  /** The head commit, the repository and the PR, for the planned job's names and tags. */
  commit: string;
  repository: string;
  pullRequest?: number;
  parallel?: ParallelOptions;
  /** Files, digests and threads (`nodeDatasetIo` of @tunegate/files). */
  io: DatasetIo;
  /** Samples kept per kind and file. */
  samples?: number;
  /** SHA-256 and size of a dataset file, for the planned job's keys (`sha256File` of @tunegate/files). */
  sha256File: (path: string) => Promise<DatasetDigest>;
  /** "Today" for the base model's lifecycle (end-of-life dates); default now. */
  today?: Date;
  /** The configuration's catalog, for the active models the lifecycle advice names; default built-in. */
  catalog?: Catalog;
}

export interface ModelReview {
  reviewed: ReviewedModel;
  /** The head datasets' validation report (for annotations, SARIF and the JSON report). */
  report: ValidationReport;
}

export async function reviewModel(input: ModelReviewInput): Promise<ModelReview> {
  const { head, base } = input;
  // A file in neither version (named by the config, never committed) has nothing to show: the
  // "missing" note says it.
  const present = input.files.filter((f) => f.head !== undefined || (f.changed && f.base !== undefined));
  const review = await diffDatasets(present, {
    validate: {
      model: datasetModel(head),
      io: input.io,
      severities: head.severities,
      ...(head.labels === undefined ? {} : { labelPattern: head.labels }),
      ...(input.parallel ? { parallel: input.parallel } : {}),
    },
    ...(input.samples === undefined ? {} : { samples: input.samples }),
  });
  const report = review.head;
  const missing = input.missing ?? [];
  const counts = { ...report.summary, errors: report.summary.errors + missing.length };
  const problems: Problem[] = report.files.flatMap((f) => f.problems);
  const unlisted = report.files.reduce((n, f) => n + f.omitted, 0);
  const compare = input.compare ?? true;
  const settings = compare ? settingChanges(base, head) : [];
  const datasetsChanged = input.files.some((f) => f.changed);
  const notes = [
    ...missing.map((m) => `${m} is named in the configuration but does not exist in this pull request.`),
    ...(input.baseUnavailable
      ? ["The base branch's datasets could not be read, so records are not compared with them."]
      : []),
  ];
  const cost = costs(review.diffs, head, compare ? base : undefined);
  const lifecycle = lifecycleWarning(head.baseModel, input.today, head.region);
  const onMerge: OnMerge = !compare
    ? { kind: "none", reason: "this run is not for a pull request, so there is no merge to plan for." }
    : await onMergeOf({
        input,
        errors: counts.errors,
        affected: datasetsChanged || settings.length > 0,
        trainingChanged:
          datasetsChanged || base === undefined || modelFingerprint(base) !== modelFingerprint(head),
        ...(cost.head ? { cost: cost.head } : {}),
      });
  return {
    reviewed: {
      name: head.name,
      baseModel: head.baseModel,
      region: head.region,
      counts,
      problems,
      unlisted,
      datasets: review.diffs,
      cost,
      settingChanges: settings,
      notes,
      ...(lifecycle
        ? { lifecycle: { warning: lifecycle, advice: lifecycleAdvice(head.baseModel, input.catalog, head) } }
        : {}),
      onMerge,
    },
    report,
  };
}

/** What the pull request changes in a model's settings, one readable line each. */
export function settingChanges(base: ResolvedModel | undefined, head: ResolvedModel): string[] {
  if (!base) return [`new model ${head.name} (${head.baseModel.name} in ${head.region})`];
  const out: string[] = [];
  const show = (v: unknown) => (v === undefined ? "(none)" : typeof v === "string" ? v : JSON.stringify(v));
  const compare = (label: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${label}: ${show(a)} → ${show(b)}`);
  };
  compare("baseModel", base.baseModel.id, head.baseModel.id);
  out.push(...catalogChanges(base.baseModel, head.baseModel));
  compare("region", base.region, head.region);
  compare("customization", base.customization, head.customization);
  compare("training", base.training, head.training);
  compare("validation", base.validation, head.validation);
  compare("evaluation", base.evaluation, head.evaluation);
  compare("labels", base.labels, head.labels);
  const names = [
    ...new Set([...Object.keys(base.hyperparameterValues), ...Object.keys(head.hyperparameterValues)]),
  ];
  for (const name of names.sort()) {
    compare(`hyperparameters.${name}`, base.hyperparameterValues[name], head.hyperparameterValues[name]);
  }
  const rules = [...new Set([...Object.keys(base.severities), ...Object.keys(head.severities)])];
  for (const rule of rules.sort())
    compare(`severities.${rule}`, base.severities[rule], head.severities[rule]);
  compare("s3", base.s3, head.s3);
  compare("roleArn", base.roleArn, head.roleArn);
  compare("tags", sorted(base.tags), sorted(head.tags));
  compare("vpc", base.vpc, head.vpc);
  compare("customModelKmsKeyId", base.customModelKmsKeyId, head.customModelKmsKeyId);
  return out;
}

/**
 * What a `catalog:` entry in tunegate.yml changes in the base model's rules (its limits, hyperparameter
 * ranges, Regions...), against the base branch's entry for the same id, or the built-in entry when the
 * model moves to another id. A PR that loosens or lowers a limit this way changes what the checks let
 * through, so reviewers see each field it touches.
 */
function catalogChanges(base: BaseModel, head: BaseModel): string[] {
  const before = base.id === head.id ? base : BUILT_IN_MODELS.find((m) => m.id === head.id);
  if (!before) return [`catalog ${head.id}: an entry tunegate.yml adds`];
  const a = leaves(before);
  const b = leaves(head);
  const out: string[] = [];
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const from = a.get(key);
    const to = b.get(key);
    if (from !== to)
      out.push(`catalog ${head.id}.${key}: ${from ?? "(none)"} → ${to ?? "(none)"} (tunegate.yml)`);
  }
  return out;
}

/** Every leaf of an entry by its dotted path, as JSON text (arrays whole). */
function leaves(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) leaves(v, prefix ? `${prefix}.${k}` : k, out);
    }
  } else if (prefix !== "") {
    out.set(prefix, typeof value === "string" ? value : JSON.stringify(value));
  }
  return out;
}

function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Training cost before (base settings, base data) and after (head settings, head data). */
function costs(
  diffs: readonly DatasetDiff[],
  head: ResolvedModel,
  base: ResolvedModel | undefined,
): { base?: TrainingCost; head?: TrainingCost } {
  const train = diffs.filter((d) => d.role === "train");
  const headTokens = sumTokens(train.map((d) => d.head?.tokens));
  const baseTokens = sumTokens(
    train.map((d) => (d.change === "unchanged" ? d.head?.tokens : d.base?.tokens)),
  );
  return {
    ...(headTokens
      ? {
          head: estimateTrainingCost(
            head.baseModel,
            headTokens,
            epochsFor(head.baseModel, head.hyperparameterValues),
          ),
        }
      : {}),
    ...(base && baseTokens
      ? {
          base: estimateTrainingCost(
            base.baseModel,
            baseTokens,
            epochsFor(base.baseModel, base.hyperparameterValues),
          ),
        }
      : {}),
  };
}

function sumTokens(figures: readonly (TokenFigure | undefined)[]): TokenFigure | undefined {
  const present = figures.filter((f): f is TokenFigure => f !== undefined);
  if (present.length === 0) return undefined;
  return {
    value: present.reduce((n, f) => n + f.value, 0),
    exact: present.every((f) => f.exact),
    method: present[0]!.method,
  };
}

async function onMergeOf(options: {
  input: ModelReviewInput;
  errors: number;
  affected: boolean;
  trainingChanged: boolean;
  cost?: TrainingCost;
}): Promise<OnMerge> {
  const { input, errors } = options;
  const { head, base } = input;
  if (!options.affected) {
    return { kind: "none", reason: "this pull request changes none of its datasets or settings." };
  }
  if (errors > 0) {
    return {
      kind: "blocked",
      reasons: [
        `${errors.toLocaleString("en-US")} error${errors === 1 ? "" : "s"} in its datasets: the train action validates them again on merge and starts no job while any remain.`,
      ],
    };
  }
  if (!options.trainingChanged) {
    return {
      kind: "none",
      reason:
        "only checks changed (labels or severities); the training job would be the same as the base branch's, and the train action starts no second one.",
    };
  }
  const train = input.files.find((f) => f.role === "train" && f.head !== undefined);
  if (!train?.head) {
    return { kind: "blocked", reasons: [`the training dataset ${head.training} is missing.`] };
  }
  const validation = input.files.find((f) => f.role === "validation" && f.head !== undefined);
  const datasets: { train: DatasetDigest; validation?: DatasetDigest } = {
    train: await input.sha256File(train.head),
    ...(validation?.head ? { validation: await input.sha256File(validation.head) } : {}),
  };
  try {
    const plan = planJob({
      model: head,
      datasets,
      commit: input.commit,
      repository: input.repository,
      ...(input.pullRequest === undefined ? {} : { pullRequest: input.pullRequest }),
    });
    const serving = await servingOfTrainingData(train.head, head.baseModel, input.io);
    const changed = Object.keys(plan.effectiveHyperparameters).filter(
      (k) => base !== undefined && base.hyperparameterValues[k] !== head.hyperparameterValues[k],
    );
    return {
      kind: "train",
      hyperparameters: plan.effectiveHyperparameters,
      changedHyperparameters: changed,
      uploads: plan.uploads.map((u) => ({ role: u.role, uri: u.uri })),
      // The train action names the job after the merge commit, which does not exist yet.
      jobName: plan.request.jobName.replace(`-${input.commit.slice(0, 7)}-`, "-<merge commit>-"),
      ...(options.cost ? { cost: options.cost } : {}),
      ...(serving ? { serving } : {}),
    };
  } catch (err) {
    if (err instanceof JobPlanError) {
      return { kind: "blocked", reasons: err.problems.map((p) => `${p.field}: ${p.message}`) };
    }
    throw err;
  }
}
