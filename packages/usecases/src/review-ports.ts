/**
 * What the review use case needs of the world, beside the shared Log: the run it reviews, git (the base
 * commit's files) and the list of files a pull request changes. The validate action wires git and the
 * GitHub API in; the types are structural, so any adapter of the same shape fits.
 */

/** The pull request a run reviews. */
export interface ReviewPullRequest {
  number: number;
  baseSha: string;
  headSha: string;
  /** The head branch is in another repository: the run has no secrets (no AWS credentials). */
  fromFork?: boolean;
}

/** Where the review runs: the checkout and what GitHub says about the run. */
export interface ReviewRun {
  /** The checked-out repository's root. */
  workspace: string;
  /** `owner/repo`. */
  repository: string;
  serverUrl: string;
  eventName: string;
  /** The commit checked out (the merge commit on a pull request). */
  sha: string;
  runUrl: string | undefined;
  /** Undefined when the run is not for a pull request. */
  pr: ReviewPullRequest | undefined;
}

/** Files of an earlier commit, read from git. Paths are relative to the repository root. */
export interface ReviewGit {
  /** A small file (the config) as text, or undefined when the commit has none. */
  readFileInCommit(sha: string, path: string): Promise<string | undefined>;
  /** Streams a file to `target`; false when the commit has none. */
  extractFileFromCommit(sha: string, path: string, target: string): Promise<boolean>;
}

/** The files a pull request changes, and whether its base commit can be read. */
export interface ReviewChanges {
  files: readonly { path: string }[];
  /** How the list was obtained, for the log. */
  source: string;
  baseAvailable: boolean;
  /** What did not work on the way, for the log. */
  notes: readonly string[];
}
