export type { ContractSource } from "./description/load-contract";
export type { HttpMethod, JsonValue } from "./description/types";
export { SERVED_OPERATIONS } from "./handlers/index";
export { startGitHubStandIn } from "./server";
export type {
  CommentInput,
  CommentSnapshot,
  CommitInput,
  ComparisonInput,
  DiffStatus,
  FileChangeInput,
  MergeInput,
  PullRequestInput,
  PullRequestUpdate,
  RepositoryInput,
  UserInput,
} from "./state/types";
export type {
  ContractViolation,
  FaultHandle,
  FaultSpec,
  GitHubStandIn,
  GitHubStandInOptions,
  RecordedRequest,
  ResponseMismatch,
  StartupStats,
  TokenAccess,
  TokenSpec,
  ViolationKind,
} from "./types";
