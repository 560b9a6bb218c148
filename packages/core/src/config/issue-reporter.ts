import {
  type ConfigIssue,
  compareIssues,
  formatConfigPath,
  type IssueTarget,
  type Locator,
  type PathSegment,
} from "./issues";

/**
 * Collects issues, merging the ones a `defaults:` value causes in several models into one that names
 * them all, and sorts them in file order.
 */
export class Reporter {
  readonly #errors = new Map<string, { issue: ConfigIssue; models: string[] }>();
  readonly #warnings = new Map<string, { issue: ConfigIssue; models: string[] }>();

  constructor(private readonly locator: Locator) {}

  add(issue: ConfigIssue): void {
    this.#put(this.#errors, issue);
  }

  warningAt(issue: ConfigIssue): void {
    this.#put(this.#warnings, issue);
  }

  error(path: PathSegment[], target: IssueTarget, message: string, hint?: string, model?: string): void {
    this.#put(
      this.#errors,
      this.#issue(path, target, message, hint),
      path[0] === "defaults" ? model : undefined,
    );
  }

  warning(
    path: PathSegment[],
    target: IssueTarget,
    message: string,
    hint?: string,
    model?: string,
    topic?: ConfigIssue["topic"],
  ): void {
    const issue = this.#issue(path, target, message, hint);
    this.#put(
      this.#warnings,
      topic === undefined ? issue : { ...issue, topic },
      path[0] === "defaults" ? model : undefined,
    );
  }

  errors(): ConfigIssue[] {
    return this.#list(this.#errors);
  }

  warnings(): ConfigIssue[] {
    return this.#list(this.#warnings);
  }

  #issue(path: PathSegment[], target: IssueTarget, message: string, hint?: string): ConfigIssue {
    return {
      message,
      path: formatConfigPath(path),
      ...this.locator.locate(path, target),
      ...(hint ? { hint } : {}),
    };
  }

  #put(map: Map<string, { issue: ConfigIssue; models: string[] }>, issue: ConfigIssue, model?: string): void {
    const key = `${issue.path}\u0000${issue.message}`;
    const entry = map.get(key) ?? { issue, models: [] };
    if (model !== undefined && !entry.models.includes(model)) entry.models.push(model);
    map.set(key, entry);
  }

  #list(map: Map<string, { issue: ConfigIssue; models: string[] }>): ConfigIssue[] {
    return [...map.values()]
      .map(({ issue, models }) =>
        models.length === 0
          ? issue
          : {
              ...issue,
              message: `${issue.message} (set in defaults; applies to model${models.length > 1 ? "s" : ""} ${models.map((m) => `"${m}"`).join(", ")})`,
            },
      )
      .sort(compareIssues);
  }
}
