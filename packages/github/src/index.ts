export * from "./comments";
export * from "./context";
export * from "./octokit";
export * from "./pulls";
export * from "./annotations";
export * from "./changed-files";
export * from "./git";
export * from "./summary";
