import type { ContractSource } from "./description/load-contract";
import type { HttpMethod, JsonValue } from "./description/types";
import type {
  CommentInput,
  CommentSnapshot,
  ComparisonInput,
  MergeInput,
  PullRequestInput,
  PullRequestUpdate,
  RepositoryInput,
} from "./state/types";

/** `read` tokens behave like a fork PR's `GITHUB_TOKEN`: every write answers 403. */
export type TokenAccess = "read" | "write";

export interface TokenSpec {
  access: TokenAccess;
  /** The account the token acts as (comment authors). Defaults to `github-actions[bot]`. */
  login?: string;
}

export interface GitHubStandInOptions {
  /** The tokens the stand-in accepts; any other answers 401 "Bad credentials". */
  tokens: Record<string, TokenAccess | TokenSpec>;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Base of `html_url` links. Defaults to `https://github.com`. */
  webUrl?: string;
  /** Clock for `created_at`/`updated_at`. Defaults to the system clock. */
  clock?: () => Date;
  /** Longest accepted comment body, in UTF-16 code units. Defaults to GitHub's 65,536. */
  maxCommentLength?: number;
}

export interface RecordedRequest {
  method: string;
  /** The path as requested, without the query string. */
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body (the raw text when it is not JSON; undefined when empty). */
  body: unknown;
  token: string | null;
  status: number;
  /** `METHOD /template` of the documented operation, or null for an undocumented route. */
  operation: string | null;
  responseBody: JsonValue | undefined;
  /** True when an injected fault produced the answer. */
  fault: boolean;
}

export type ViolationKind =
  | "undocumented-route"
  | "unserved-operation"
  | "missing-authorization"
  | "invalid-parameter"
  | "invalid-body"
  | "unparsable-body"
  | "stand-in-error";

/** A request that breaks GitHub's published contract (or that the stand-in could not serve). */
export interface ContractViolation {
  kind: ViolationKind;
  method: string;
  path: string;
  operation: string | null;
  message: string;
}

/** A recorded answer that does not match the response schema the description documents for it. */
export interface ResponseMismatch {
  method: string;
  path: string;
  operation: string;
  status: number;
  errors: string[];
}

export interface FaultSpec {
  /** Any method when omitted. */
  method?: HttpMethod;
  /** A path template (`/repos/{owner}/{repo}/pulls/{pull_number}`), a concrete path, or a RegExp on the path. */
  path: string | RegExp;
  status: number;
  /** How many matching requests fail; defaults to 1. `Infinity` until cancelled. */
  times?: number;
  /** Defaults to GitHub's error shape with the status's usual message. */
  body?: JsonValue;
  headers?: Record<string, string>;
}

export interface FaultHandle {
  /** Matching requests still to fail. */
  remaining(): number;
  cancel(): void;
}

export interface StartupStats {
  /** Where the OpenAPI subset came from: this process's memo, the on-disk cache, or a fresh extraction. */
  contractSource: ContractSource;
  contractLoadMs: number;
  /** From the call to `startGitHubStandIn` until the server listens. */
  totalMs: number;
}

export interface GitHubStandIn {
  /** `http://127.0.0.1:<port>`: the value for `GITHUB_API_URL` or Octokit's `baseUrl`. */
  readonly url: string;
  readonly startup: StartupStats;

  addRepository(input: RepositoryInput): void;
  /** Adds a PR (its base repository must exist; a fork head repository is created on first mention). */
  addPullRequest(input: PullRequestInput): void;
  updatePullRequest(owner: string, repo: string, number: number, changes: PullRequestUpdate): void;
  /** Marks a PR merged with its merge commit, which `commits/{sha}/pulls` and `compare` then know. */
  mergePullRequest(input: MergeInput): void;
  /** Seeds an existing comment (e.g. left by an earlier run); returns its id. */
  addComment(input: CommentInput): number;
  /** Seeds what `compare/{base}...{head}` answers for refs no pull request explains. */
  addComparison(input: ComparisonInput): void;
  addToken(token: string, access: TokenAccess | TokenSpec): void;

  requests(): RecordedRequest[];
  comments(owner: string, repo: string, issueNumber: number): CommentSnapshot[];
  violations(): ContractViolation[];
  /** Validates every recorded answer against the documented response schema of its operation and status. */
  invalidResponses(): ResponseMismatch[];

  injectFault(spec: FaultSpec): FaultHandle;
  clearFaults(): void;

  /** Stops listening and closes open (keep-alive) connections. */
  close(): Promise<void>;
}
