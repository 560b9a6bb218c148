import type { Command } from "./command";
import { convert } from "./convert";
import { cost } from "./cost";
import { deployCommand } from "./deploy";
import { diff } from "./diff";
import { evaluate } from "./eval";
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
  deployCommand,
  evaluate,
  diff,
  schema,
];

export type { Command };
