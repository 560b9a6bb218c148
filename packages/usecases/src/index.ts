export * from "./cost";
export * from "./evaluate";
export * from "./ports";
export * from "./report";
export * from "./report-evaluation";
export * from "./report-models";
