import type { Io } from "../io";

/** A `tunegate` subcommand. Adding one: a module exporting a Command, listed in commands/index.ts. */
export interface Command {
  name: string;
  /** One line for the top-level help. */
  summary: string;
  /** The full `--help` text, with examples. */
  help: string;
  /** Returns the exit code (see EXIT); throws UsageError for bad usage. */
  run(args: string[], io: Io): Promise<number>;
}
