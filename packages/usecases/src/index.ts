export * from "./config";
export * from "./ports";
export * from "./review";
export * from "./status";
export * from "./train";
