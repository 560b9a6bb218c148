import * as core from "@actions/core";
import { isUserError, userErrorText } from "@tunegate/core";

/**
 * Runs an action's main function and reports what it throws, the one way every tunegate action does:
 * a user mistake (a UserError: bad input, config, dataset, an AWS refusal) fails the step with a clean
 * `::error` that carries its fix; anything else is a bug in tunegate and fails the step with its stack,
 * so it can be reported. Never throws: the step's failure is the exit code the runner sees.
 */
export async function runAction(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    core.setFailed(failureText(err));
  }
}

/** What the `::error` says: a user mistake's message and fix, or a bug's message then its stack. */
export function failureText(err: unknown): string {
  if (isUserError(err)) return userErrorText(err);
  if (!(err instanceof Error)) return String(err);
  // The stack starts with "Name: message"; the message stays the first line, as for a user mistake.
  const frames = (err.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  return frames.length > 0 ? `${err.message}\n${frames.join("\n")}` : err.message;
}
