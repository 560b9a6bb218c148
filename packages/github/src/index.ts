// The git side moved to @tunegate/git; these names stay importable from here for the pull-request check.
export {
  type ChangedFile,
  ensureCommit,
  extractFileFromCommit,
  type FileStatus,
  fileInCommit,
  GitError,
  git,
  hasCommit,
  parseNameStatus,
  readFileInCommit,
} from "@tunegate/git";
export * from "./annotations";
export * from "./changed-files";
export * from "./comments";
export * from "./context";
export * from "./log";
export * from "./octokit";
export * from "./pull-request-comments";
export * from "./pulls";
export * from "./run-action";
export * from "./summary";
