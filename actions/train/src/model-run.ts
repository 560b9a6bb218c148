import type { JobDetails, LaunchResult, PreparedTraining } from "@tunegate/aws";

/** What happened to one model in this run. */
export interface ModelRun {
  name: string;
  prepared?: PreparedTraining;
  launch?: LaunchResult;
  /** The latest state read (after waiting, when asked to). */
  job?: JobDetails;
  /** Why uploading, starting or waiting failed. */
  error?: string;
  /** What became of the PR comment. */
  comment?: string;
}
