export * from "./config";
export * from "./ports";
export * from "./train";
