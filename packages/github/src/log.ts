import * as core from "@actions/core";

/**
 * The runner reads every line of a step's output that starts with `::` (after spaces) as a workflow
 * command, and `core.info` writes its text as it is. A file name or a config value from a pull request
 * can hold a newline, so a log line built from one could start `::add-mask::`, `::set-output` or
 * `::error`. Lines that would start a command get their leading colons written as the toolkit's
 * command encoding writes a `:` (`%3A`), so they read the same and mean nothing to the runner.
 */
export function commandSafe(text: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part) => part.replace(/^(\s*)::/, "$1%3A%3A"))
    .join("");
}

/** `core.info` for text that may hold what a pull request wrote: it can never start a workflow command. */
export function info(message: string): void {
  core.info(commandSafe(message));
}
