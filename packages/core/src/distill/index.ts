export * from "./budget";
export * from "./identity";
export * from "./prompts";
export * from "./teacher-prices";
export * from "./training-record";
