export * from "./comments";
export * from "./context";
export * from "./octokit";
export * from "./pulls";
