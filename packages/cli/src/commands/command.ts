import type { Io } from "../io";

/** A `tunegate` subcommand. Adding one: a module exporting a Command, listed in commands/index.ts. */
export interface Command {
  name: string;
  /** The full `--help` text, with examples. */
  help: string;
  /** Returns the exit code (see EXIT); throws UsageError for bad usage. */
  run(args: string[], io: Io): Promise<number>;
}

/**
 * A subcommand as the top-level help lists it. Its module is loaded only when it runs, so a command
 * starts with what it uses (the AWS SDK for AWS commands, nothing of it for `validate`).
 */
export interface CommandEntry {
  name: string;
  /** One line for the top-level help. */
  summary: string;
  load(): Promise<Command>;
}
