/** A GitHub account as tests name it: a login, or a login with its account type. */
export type UserInput = string | { login: string; type?: "User" | "Bot" | "Organization"; id?: number };

export interface RepositoryInput {
  owner: string;
  repo: string;
  /** Defaults to `main`. */
  defaultBranch?: string;
  private?: boolean;
  description?: string | null;
  ownerType?: "User" | "Organization";
}

export type DiffStatus = "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";

export interface FileChangeInput {
  filename: string;
  /** Defaults to `modified`. */
  status?: DiffStatus;
  additions?: number;
  deletions?: number;
  /** Defaults to additions + deletions. */
  changes?: number;
  patch?: string;
  previousFilename?: string;
}

export interface PullRequestInput {
  owner: string;
  repo: string;
  number: number;
  title: string;
  body?: string | null;
  user: UserInput;
  /** Defaults to `open` (or `closed` when `merged`). */
  state?: "open" | "closed";
  draft?: boolean;
  head: {
    sha: string;
    ref: string;
    /** `owner/name` of the head repository; a name other than the base repository's makes a fork PR. */
    repoFullName?: string;
  };
  base: { sha: string; ref: string };
  files?: FileChangeInput[];
  merged?: boolean;
  mergeCommitSha?: string | null;
  mergedBy?: UserInput;
  labels?: string[];
  /** Number of commits on the head branch, reported by `pulls.get`. Defaults to 1. */
  commits?: number;
}

export interface PullRequestUpdate {
  title?: string;
  body?: string | null;
  state?: "open" | "closed";
  headSha?: string;
  files?: FileChangeInput[];
  labels?: string[];
}

export interface MergeInput {
  owner: string;
  repo: string;
  number: number;
  mergeCommitSha: string;
  /** Defaults to the repository owner. */
  mergedBy?: UserInput;
}

export interface CommentInput {
  owner: string;
  repo: string;
  issueNumber: number;
  body: string;
  /** Defaults to `github-actions[bot]`. */
  user?: UserInput;
}

export interface CommitInput {
  sha: string;
  message?: string;
}

/** A comparison `compare/{base}...{head}` answers, for refs no pull request explains. */
export interface ComparisonInput {
  owner: string;
  repo: string;
  /** A branch name or commit SHA, as the client will write it on the left of `...`. */
  base: string;
  head: string;
  files: FileChangeInput[];
  commits?: CommitInput[];
  /** Defaults to `ahead`. */
  status?: "diverged" | "ahead" | "behind" | "identical";
  behindBy?: number;
}

/** A comment as tests see it, with its edit history. */
export interface CommentSnapshot {
  id: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
  /** How many times the comment was updated (PATCH) since it was created. */
  edits: number;
  /** The bodies it had before each edit, oldest first. */
  previousBodies: string[];
}
