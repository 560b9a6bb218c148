export * from "./decision";
export * from "./names";
