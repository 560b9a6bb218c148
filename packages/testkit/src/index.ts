export * from "./fault-proxy";
export * from "./gfm-render";
export * from "./git-repo";
export * from "./markdown-structure";
export * from "./node24";
export * from "./run-action";
export * from "./s3";
