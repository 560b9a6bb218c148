export * from "./cost";
export * from "./evaluate";
export * from "./from-report";
export * from "./ports";
export * from "./report";
export * from "./report-evaluation";
export * from "./report-models";
