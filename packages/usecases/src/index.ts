export * from "./ports";
export * from "./report";
export * from "./report-evaluation";
export * from "./report-models";
