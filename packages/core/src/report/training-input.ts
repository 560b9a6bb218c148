import type { BaseModel } from "../catalog/schema";
import type { ServingComparison } from "../cost/compare";
import type { GateCheck } from "../evaluation/gates";
import type { EvalResults } from "../evaluation/results";
import type { CustomizationConfig } from "../jobs/customization";
import type { JobStatus } from "../jobs/existing";
import type { LossSummary } from "../training/loss-summary";
import type { LossPoint } from "../training/metrics-csv";
import type { MetricSeries } from "../training/series-csv";
import type { DeployView } from "./deploy-section";

/** What the comment of one customization job renders: the job, its loss curves, baseline and evaluation. */

export interface JobView {
  jobName: string;
  jobArn: string;
  status: JobStatus | (string & {});
  creationTime?: Date;
  endTime?: Date;
  hyperParameters?: Readonly<Record<string, string>>;
  failureMessage?: string;
  outputModelArn?: string;
  /** The base model as the job names it (ARN or id). */
  baseModelId?: string;
  /** REINFORCEMENT_FINE_TUNING, DISTILLATION...; absent: as the job did not say (fine-tuning). */
  customizationType?: string;
  /** RFT's grader and hyperparameters, or distillation's teacher. */
  customizationConfig?: CustomizationConfig;
}

/** One file of metric series a job wrote (an RFT job's rewards), as the report found it. */
export interface SeriesFileView {
  /** Its name below the job's output folder. */
  name: string;
  series: readonly MetricSeries[];
}

export interface CurveData {
  points: readonly LossPoint[];
  summary: LossSummary;
  /** Where the figures come from, e.g. the S3 URI of the CSV. */
  source?: string;
}

export interface BaselineView {
  jobName: string;
  training?: LossSummary;
  validation?: LossSummary;
}

export interface EvaluationView {
  results?: EvalResults;
  gates?: GateCheck[];
  /** Why no evaluation ran (no target model yet, no dataset configured...). */
  skipped?: string;
  /** Where the results file was written or read. */
  resultsPath?: string;
}

export interface TrainingCommentInput {
  /** The hidden marker that identifies the comment (the train action's), placed first. */
  marker: string;
  /** The model's name in tunegate.yml. */
  modelName: string;
  /** The catalog entry of the base model, for its name and prices; absent when unknown. */
  baseModel?: BaseModel;
  job: JobView;
  training?: CurveData;
  validation?: CurveData;
  /** Why metrics are missing or partial (a file not found, unreadable rows). */
  metricsNotes?: string[];
  /** Reward and metric series from the job's output folder (RFT jobs). */
  series?: readonly SeriesFileView[];
  baseline?: BaselineView;
  evaluation?: EvaluationView;
  /** What serving the model costs for requests like its training data (see cost/for-data). */
  serving?: ServingComparison;
  /** What the report did about serving the model on demand (deploy: in tunegate.yml). */
  deploy?: DeployView;
  /** Most points per chart (default 100). */
  maxChartPoints?: number;
  /** Largest body (default GitHub's 65,536 characters). */
  maxChars?: number;
}

/** A section of the comment; optional ones are dropped, last first, when the body is too long. */
export interface Section {
  text: string;
  optional?: boolean;
}
