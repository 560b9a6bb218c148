import * as core from "@actions/core";

/**
 * The runner reads every line of a step's output that starts with `::` (after white space, U+0085
 * included) as a workflow command, and the older `##[command]` form anywhere in a line; `core.info`
 * writes its text as it is. A file name or a config value from a pull request can hold a newline, so a
 * log line built from one could start `::add-mask::`, `::set-output` or `::error`. Those colons are
 * written as the toolkit's command encoding writes a `:` (`%3A`), and `##[` as `#%23[`, so the line
 * reads the same and means nothing to the runner.
 */
export function commandSafe(text: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part) => part.replace(/^([\s\u0085]*)::/, "$1%3A%3A").replaceAll("##[", "#%23["))
    .join("");
}

/** `core.info` for text that may hold what a pull request wrote: it can never start a workflow command. */
export function info(message: string): void {
  core.info(commandSafe(message));
}

/** The runner's log as a use case's Log port: nothing a pull request wrote can start a workflow command. */
export const runnerLog = {
  info,
  warning: (message: string): void => core.warning(commandSafe(message)),
  error: (message: string): void => core.error(commandSafe(message)),
};
