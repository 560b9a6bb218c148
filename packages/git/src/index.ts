export * from "./clone";
export * from "./diff";
export * from "./run";
