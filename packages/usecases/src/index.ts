export * from "./ports";
export * from "./review";
