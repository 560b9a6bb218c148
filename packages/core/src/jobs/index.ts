export * from "./constraints";
export * from "./customization";
export * from "./existing";
export * from "./links";
export * from "./names";
export * from "./plan";
export * from "./s3-layout";
