export * from "./config";
export * from "./ports";
export * from "./status";
export * from "./train";
