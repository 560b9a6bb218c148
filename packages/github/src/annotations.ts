import {
  escapeData,
  escapeProperty,
  type Problem,
  toRepositoryPath,
  toWorkflowCommands,
} from "@tunegate/core";

/** A problem of tunegate.yml itself, at its line and column. */
export interface FileIssue {
  message: string;
  line: number;
  column: number;
  hint?: string;
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
  const lines = issues.slice(0, 10).map((issue) => {
    const props = [
      `file=${escapeProperty(toRepositoryPath(file))}`,
      `line=${issue.line}`,
      `col=${issue.column}`,
      `title=${escapeProperty("tunegate config")}`,
    ].join(",");
    return `::${level} ${props}::${escapeData(issue.hint ? `${issue.message}\n${issue.hint}` : issue.message)}`;
  });
  if (issues.length > lines.length) {
    lines.push(
      `::notice title=${escapeProperty("tunegate config")}::${escapeData(`${issues.length - lines.length} more problems in ${file} are in the job log.`)}`,
    );
  }
  return lines;
}
