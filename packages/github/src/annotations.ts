import { type FileIssue, fileIssueCommands, type Problem, toWorkflowCommands } from "@tunegate/core";

export type { FileIssue } from "@tunegate/core";

/**
 * Annotations are made one way: core ranks problems and formats the workflow commands
 * (report/workflow-commands.ts); this module writes them to the step's output, where the runner reads them.
 */
export function writeAnnotations(
  lines: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
): void {
  for (const line of lines) out.write(`${line}\n`);
}

/**
 * Workflow-command lines for dataset problems: the most important first, within GitHub's per-step
 * limits, and one notice saying how many more there are and where the full list is. Lower
 * `limitPerSeverity` to leave room for the step's other annotations.
 */
export function problemAnnotations(
  problems: readonly Problem[],
  options: { unlisted?: number; fullListAt?: string; limitPerSeverity?: number } = {},
): string[] {
  return toWorkflowCommands(problems, {
    unlisted: options.unlisted ?? 0,
    fullListAt: options.fullListAt ?? "the job summary of this run",
    ...(options.limitPerSeverity === undefined ? {} : { limitPerSeverity: options.limitPerSeverity }),
  });
}

/** Workflow-command lines for problems of a file that is not a dataset (the config), at most 10. */
export function fileIssueAnnotations(
  file: string,
  issues: readonly FileIssue[],
  level: "error" | "warning" = "error",
): string[] {
  return fileIssueCommands(file, issues, level);
}
