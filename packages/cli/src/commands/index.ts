import type { Command } from "./command";
import { convert } from "./convert";
import { cost } from "./cost";
import { diff } from "./diff";
import { distill } from "./distill";
import { evaluate } from "./eval";
import { grade } from "./grade";
import { schema } from "./schema";
import { stats } from "./stats";
import { status } from "./status";
import { train } from "./train";
import { validate } from "./validate";

/** Every subcommand, in the order the top-level help lists them. */
export const COMMANDS: readonly Command[] = [
  validate,
  stats,
  convert,
  cost,
  train,
  status,
  evaluate,
  grade,
  distill,
  diff,
  schema,
];

export type { Command };
