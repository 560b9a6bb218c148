import { createHash } from "node:crypto";
import type {
  CommentInput,
  ComparisonInput,
  DiffStatus,
  FileChangeInput,
  MergeInput,
  PullRequestInput,
  PullRequestUpdate,
  RepositoryInput,
  UserInput,
} from "./types";

export type AccountType = "User" | "Bot" | "Organization";

export interface UserRecord {
  login: string;
  id: number;
  type: AccountType;
}

export interface RepoRecord {
  id: number;
  key: string;
  owner: UserRecord;
  name: string;
  fullName: string;
  defaultBranch: string;
  private: boolean;
  fork: boolean;
  description: string | null;
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
}

export interface FileRecord {
  filename: string;
  status: DiffStatus;
  additions: number;
  deletions: number;
  changes: number;
  patch: string | undefined;
  previousFilename: string | undefined;
  /** Blob SHA of the file at the head commit. */
  sha: string;
}

export interface PullRecord {
  id: number;
  repo: RepoRecord;
  number: number;
  title: string;
  body: string | null;
  user: UserRecord;
  state: "open" | "closed";
  draft: boolean;
  head: { sha: string; ref: string; repo: RepoRecord };
  base: { sha: string; ref: string };
  files: FileRecord[];
  merged: boolean;
  mergeCommitSha: string | null;
  mergedAt: string | null;
  mergedBy: UserRecord | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  labels: string[];
  commits: number;
}

export interface CommentRecord {
  id: number;
  repo: RepoRecord;
  issueNumber: number;
  body: string;
  user: UserRecord;
  createdAt: string;
  updatedAt: string;
  history: string[];
}

export interface ComparisonRecord {
  repo: RepoRecord;
  base: string;
  head: string;
  files: FileRecord[];
  commits: { sha: string; message: string }[];
  status: "diverged" | "ahead" | "behind" | "identical";
  behindBy: number;
}

// Real ids of the accounts the tunegate workflows meet, so payloads look like what GitHub sends.
const KNOWN_ACCOUNTS: Record<string, UserRecord> = {
  "github-actions[bot]": { login: "github-actions[bot]", id: 41898282, type: "Bot" },
  "dependabot[bot]": { login: "dependabot[bot]", id: 49699333, type: "Bot" },
};

/** GitHub timestamps: ISO 8601 in UTC, to the second. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function repoKey(owner: string, repo: string): string {
  return `${owner}/${repo}`.toLowerCase();
}

function stableNumber(text: string, range: number): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0) % range;
}

export function userRecord(input: UserInput): UserRecord {
  const spec = typeof input === "string" ? { login: input } : input;
  const known = KNOWN_ACCOUNTS[spec.login];
  if (known && spec.id === undefined && spec.type === undefined) return known;
  const type = spec.type ?? (spec.login.endsWith("[bot]") ? "Bot" : "User");
  // Stable per login, so a test can compare ids across runs.
  return { login: spec.login, id: spec.id ?? 1_000_000 + stableNumber(spec.login, 90_000_000), type };
}

function fileRecord(input: FileChangeInput, headSha: string): FileRecord {
  const additions = input.additions ?? 0;
  const deletions = input.deletions ?? 0;
  return {
    filename: input.filename,
    status: input.status ?? "modified",
    additions,
    deletions,
    changes: input.changes ?? additions + deletions,
    patch: input.patch,
    previousFilename: input.previousFilename,
    sha: createHash("sha1").update(`${headSha}:${input.filename}`).digest("hex"),
  };
}

/** The stand-in's in-memory GitHub: repositories, pull requests, issue comments and comparisons. */
export class Store {
  readonly #now: () => Date;
  readonly #repos = new Map<string, RepoRecord>();
  readonly #pulls = new Map<string, PullRecord>();
  readonly #comments = new Map<number, CommentRecord>();
  readonly #comparisons: ComparisonRecord[] = [];
  #nextRepoId = 812_000_001;
  #nextPullId = 2_180_000_001;
  #nextCommentId = 2_530_000_001;

  constructor(now: () => Date) {
    this.#now = now;
  }

  now(): string {
    return timestamp(this.#now());
  }

  addRepository(input: RepositoryInput & { fork?: boolean }): RepoRecord {
    const key = repoKey(input.owner, input.repo);
    if (this.#repos.has(key)) throw new Error(`repository ${input.owner}/${input.repo} already exists`);
    const now = this.now();
    const owner = userRecord({ login: input.owner, type: input.ownerType ?? "User" });
    const record: RepoRecord = {
      id: this.#nextRepoId++,
      key,
      owner,
      name: input.repo,
      fullName: `${input.owner}/${input.repo}`,
      defaultBranch: input.defaultBranch ?? "main",
      private: input.private ?? false,
      fork: input.fork ?? false,
      description: input.description ?? null,
      createdAt: now,
      updatedAt: now,
      pushedAt: now,
    };
    this.#repos.set(key, record);
    return record;
  }

  repository(owner: string, repo: string): RepoRecord | undefined {
    return this.#repos.get(repoKey(owner, repo));
  }

  #requireRepository(owner: string, repo: string): RepoRecord {
    const record = this.repository(owner, repo);
    if (!record) throw new Error(`repository ${owner}/${repo} is not seeded: call addRepository first`);
    return record;
  }

  addPullRequest(input: PullRequestInput): PullRecord {
    const repo = this.#requireRepository(input.owner, input.repo);
    const key = `${repo.key}#${input.number}`;
    if (this.#pulls.has(key)) throw new Error(`pull request ${repo.fullName}#${input.number} already exists`);
    const headRepo = this.#headRepository(repo, input.head.repoFullName);
    const now = this.now();
    const merged = input.merged ?? false;
    const state = input.state ?? (merged ? "closed" : "open");
    const record: PullRecord = {
      id: this.#nextPullId++,
      repo,
      number: input.number,
      title: input.title,
      body: input.body ?? null,
      user: userRecord(input.user),
      state,
      draft: input.draft ?? false,
      head: { sha: input.head.sha, ref: input.head.ref, repo: headRepo },
      base: { sha: input.base.sha, ref: input.base.ref },
      files: (input.files ?? []).map((f) => fileRecord(f, input.head.sha)),
      merged,
      mergeCommitSha: input.mergeCommitSha ?? null,
      mergedAt: merged ? now : null,
      mergedBy: merged ? userRecord(input.mergedBy ?? repo.owner.login) : null,
      closedAt: state === "closed" ? now : null,
      createdAt: now,
      updatedAt: now,
      labels: input.labels ?? [],
      commits: input.commits ?? 1,
    };
    this.#pulls.set(key, record);
    return record;
  }

  /** The head repository of a PR: the base one, or a fork created on first mention. */
  #headRepository(base: RepoRecord, fullName: string | undefined): RepoRecord {
    if (fullName === undefined || fullName.toLowerCase() === base.key) return base;
    const [owner, name, extra] = fullName.split("/");
    if (!owner || !name || extra !== undefined)
      throw new Error(`head.repoFullName must be owner/name: ${fullName}`);
    return (
      this.repository(owner, name) ??
      this.addRepository({ owner, repo: name, defaultBranch: base.defaultBranch, fork: true })
    );
  }

  pull(owner: string, repo: string, number: number): PullRecord | undefined {
    return this.#pulls.get(`${repoKey(owner, repo)}#${number}`);
  }

  #requirePull(owner: string, repo: string, number: number): PullRecord {
    const pull = this.pull(owner, repo, number);
    if (!pull) throw new Error(`pull request ${owner}/${repo}#${number} is not seeded`);
    return pull;
  }

  pulls(owner: string, repo: string): PullRecord[] {
    const key = repoKey(owner, repo);
    return [...this.#pulls.values()].filter((p) => p.repo.key === key);
  }

  updatePullRequest(owner: string, repo: string, number: number, changes: PullRequestUpdate): PullRecord {
    const pull = this.#requirePull(owner, repo, number);
    if (changes.title !== undefined) pull.title = changes.title;
    if (changes.body !== undefined) pull.body = changes.body;
    if (changes.labels !== undefined) pull.labels = changes.labels;
    if (changes.headSha !== undefined) pull.head.sha = changes.headSha;
    if (changes.files !== undefined) pull.files = changes.files.map((f) => fileRecord(f, pull.head.sha));
    if (changes.state !== undefined && changes.state !== pull.state) {
      pull.state = changes.state;
      pull.closedAt = changes.state === "closed" ? this.now() : null;
    }
    pull.updatedAt = this.now();
    return pull;
  }

  /** Merges an open PR: closed, merged, with the merge commit `commits/{sha}/pulls` will find it by. */
  mergePullRequest(input: MergeInput): PullRecord {
    const pull = this.#requirePull(input.owner, input.repo, input.number);
    if (pull.merged) throw new Error(`pull request ${pull.repo.fullName}#${pull.number} is already merged`);
    const now = this.now();
    pull.merged = true;
    pull.state = "closed";
    pull.mergeCommitSha = input.mergeCommitSha;
    pull.mergedAt = now;
    pull.closedAt = now;
    pull.updatedAt = now;
    pull.mergedBy = userRecord(input.mergedBy ?? pull.repo.owner.login);
    pull.repo.pushedAt = now;
    return pull;
  }

  /** Issues exist here only as pull requests: tunegate comments on PRs. */
  issueExists(owner: string, repo: string, number: number): boolean {
    return this.pull(owner, repo, number) !== undefined;
  }

  addComment(input: CommentInput): CommentRecord {
    const repo = this.#requireRepository(input.owner, input.repo);
    if (!this.issueExists(input.owner, input.repo, input.issueNumber)) {
      throw new Error(`no pull request ${repo.fullName}#${input.issueNumber} to comment on`);
    }
    return this.createComment(
      repo,
      input.issueNumber,
      input.body,
      userRecord(input.user ?? "github-actions[bot]"),
    );
  }

  createComment(repo: RepoRecord, issueNumber: number, body: string, user: UserRecord): CommentRecord {
    const now = this.now();
    const record: CommentRecord = {
      id: this.#nextCommentId++,
      repo,
      issueNumber,
      body,
      user,
      createdAt: now,
      updatedAt: now,
      history: [],
    };
    this.#comments.set(record.id, record);
    return record;
  }

  comment(owner: string, repo: string, id: number): CommentRecord | undefined {
    const record = this.#comments.get(id);
    return record && record.repo.key === repoKey(owner, repo) ? record : undefined;
  }

  updateComment(record: CommentRecord, body: string): CommentRecord {
    record.history.push(record.body);
    record.body = body;
    record.updatedAt = this.now();
    return record;
  }

  deleteComment(record: CommentRecord): void {
    this.#comments.delete(record.id);
  }

  /** Comments of one issue in creation order, as GitHub lists them. */
  commentsOf(owner: string, repo: string, issueNumber: number): CommentRecord[] {
    const key = repoKey(owner, repo);
    return [...this.#comments.values()]
      .filter((c) => c.repo.key === key && c.issueNumber === issueNumber)
      .sort((a, b) => a.id - b.id);
  }

  addComparison(input: ComparisonInput): ComparisonRecord {
    const repo = this.#requireRepository(input.owner, input.repo);
    const head = input.commits?.at(-1)?.sha ?? input.head;
    const record: ComparisonRecord = {
      repo,
      base: input.base,
      head: input.head,
      files: input.files.map((f) => fileRecord(f, head)),
      commits: (input.commits ?? []).map((c) => ({ sha: c.sha, message: c.message ?? "Update dataset" })),
      status: input.status ?? "ahead",
      behindBy: input.behindBy ?? 0,
    };
    this.#comparisons.push(record);
    return record;
  }

  comparison(owner: string, repo: string, base: string, head: string): ComparisonRecord | undefined {
    const key = repoKey(owner, repo);
    return this.#comparisons.find((c) => c.repo.key === key && c.base === base && c.head === head);
  }
}
