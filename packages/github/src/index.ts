export * from "./annotations";
export * from "./changed-files";
export * from "./comments";
export * from "./context";
export * from "./git";
export * from "./octokit";
export * from "./pulls";
export * from "./summary";
