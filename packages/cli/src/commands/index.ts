import type { Command } from "./command";
import { stats } from "./stats";
import { validate } from "./validate";

/** Every subcommand, in the order the top-level help lists them. */
export const COMMANDS: readonly Command[] = [validate, stats];

export type { Command };
