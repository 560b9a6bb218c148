export { default } from "../../vitest.actions.ts";
