export * from "./adaptive-limit";
export * from "./call-error";
export { backoffMs, callWithLimit, mapWithLimit, RetriesExhausted, type RetryPolicy } from "./limited-call";
