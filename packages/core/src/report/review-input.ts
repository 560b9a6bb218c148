import type { BaseModel } from "../catalog/schema";
import type { TrainingCost } from "../cost";
import type { DatasetDiff } from "../diff/dataset-diff";
import type { Problem, ProblemCounts } from "../problem";

/** What the review of a dataset pull request renders: the models checked, their problems and changes. */

/** When the check fails: on errors (default), on warnings too, or never. */
export type FailOn = "error" | "warning" | "never";

/** What merging would start for a model (see the train action). */
export type OnMerge =
  | {
      kind: "train";
      /** The hyperparameters in effect (catalog defaults with the configured values over them). */
      hyperparameters: Readonly<Record<string, string>>;
      /** Names of hyperparameters whose value differs from the base branch's. */
      changedHyperparameters?: readonly string[];
      /** Where the training data would go, e.g. `s3://bucket/prefix/model/<sha256>/train.jsonl`. */
      uploads: readonly { role: string; uri: string }[];
      /** The job's name with its commit part left open, e.g. `tunegate-router-<merge commit>-1a2b3c4d5e6f`. */
      jobName?: string;
      cost?: TrainingCost;
    }
  /** Merging would not start a job: errors in the data or a request Bedrock would refuse. */
  | { kind: "blocked"; reasons: readonly string[] }
  /** Nothing this model trains on changed. */
  | { kind: "none"; reason: string };

export interface ReviewedModel {
  /** The model's name in tunegate.yml. */
  name: string;
  baseModel: BaseModel;
  region: string;
  /** Every problem found in the head datasets (listed or not). */
  counts: ProblemCounts;
  /** The problems the engine listed. */
  problems: readonly Problem[];
  /** Problems counted beyond the listing limit. */
  unlisted: number;
  datasets: readonly DatasetDiff[];
  /** Estimated training cost on the base branch (absent for a new model) and at the head. */
  cost: { base?: TrainingCost; head?: TrainingCost };
  /** What the pull request changed in the model's settings, one line each (plain text). */
  settingChanges: readonly string[];
  /** Problems outside the datasets (a dataset file that is missing...), counted in `counts.errors`. */
  notes?: readonly string[];
  /** The base model is legacy or end-of-life in the model's Region: what AWS says, with its source, and what to do. */
  lifecycle?: { warning: string; advice: string };
  onMerge: OnMerge;
}

export interface ReviewInput {
  /** The hidden marker that identifies the comment; placed first. */
  marker: string;
  /** `owner/name`: file links point at the PR head in it. */
  repository: string;
  /** Defaults to https://github.com. */
  serverUrl?: string;
  headSha: string;
  baseSha?: string;
  pullRequest?: number;
  failOn: FailOn;
  models: readonly ReviewedModel[];
  /** Models of the configuration the pull request does not touch (not checked). */
  untouchedModels?: readonly string[];
  /** The workflow run, whose job summary has the full report. */
  runUrl?: string;
  /** Notes for the whole review (configuration warnings...), plain text. */
  notes?: readonly string[];
}

export interface RenderOptions {
  /** Largest body (default COMMENT_BUDGET, under GitHub's 65,536 characters for a comment). */
  maxSize?: number;
  /** How size is counted: UTF-16 units for comments (default), UTF-8 bytes for the job summary. */
  measure?: (text: string) => number;
  /** Problem rows per model before trimming (default 50). */
  problemRows?: number;
  /** Show each problem's hint (the job summary does). */
  hints?: boolean;
  /** Samples per kind and file (default 3). */
  samples?: number;
  /** Characters of record text per turn in samples (default 600). */
  sampleChars?: number;
  /** Where the full report is, for "trimmed" pointers (default: the job summary). */
  fullReport?: "summary" | "none";
}
