import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CommentSnapshot } from "@tunegate/github-local";
import { type ActionRun, type Annotation, type GitRepo, runAction } from "@tunegate/testkit";
import type { Checks } from "./checks";
import { OWNER, PR_BRANCH, PR_NUMBER, PR_TITLE, REPO, REPOSITORY } from "./fixtures";
import type { World } from "./world";

/** What happened on the pull request, in order, for the conversation page. */
export type TimelineItem =
  | { kind: "event"; icon: "open" | "push" | "merge" | "clock" | "deploy"; actor: string; text: string }
  | { kind: "check"; name: string; ok: boolean; summary: string; annotations: Annotation[] }
  | { kind: "comment"; id: number };

/** How the loop reports progress; the terminal narrator prints it. */
export interface Narrator {
  step(number: number, title: string): void;
  say(text: string): void;
  action(name: string, run: ActionRun, ms: number): void;
  comment(comment: CommentSnapshot, how: "new" | "edited" | "unchanged"): void;
  checks(checks: Checks): void;
}

export interface LoopResult {
  timeline: TimelineItem[];
  comments: CommentSnapshot[];
  pullRequest: { number: number; title: string; author: string; branch: string };
}

export interface LoopOptions {
  root: string;
  world: World;
  narrator: Narrator;
  /** The loop so far, kept up to date so a failed run can still write its page. */
  result: LoopResult;
}

/** What every stage of the loop uses: the world, the narrator, the result so far, and how to run an action. */
export interface LoopContext extends LoopOptions {
  timeline: TimelineItem[];
  /** The committed bundle of an action, run as the runner runs it. */
  actionPath(name: string): string;
  comments(): CommentSnapshot[];
  refreshComments(): void;
  /** A checkout as actions/checkout makes one: a fresh clone of the origin at `branch`. */
  checkout(origin: GitRepo, branch: string): string;
  run(name: string, options: Parameters<typeof runAction>[0]): Promise<ActionRun>;
  /** Narrates the comments that are new or edited since `before`. */
  showComments(before: CommentSnapshot[]): void;
}

export function loopContext(options: LoopOptions): LoopContext {
  const { root, world, narrator, result } = options;
  const { github } = world;
  const comments = () => github.comments(OWNER, REPO, PR_NUMBER);
  const refreshComments = () => {
    result.comments = comments();
  };
  return {
    ...options,
    timeline: result.timeline,
    actionPath: (name) => join(root, "actions", "dist", `${name}.js`),
    comments,
    refreshComments,
    checkout: (origin, branch) => {
      const dir = mkdtempSync(join(tmpdir(), "workspace-"));
      execFileSync("git", ["clone", "-q", "--branch", branch, `file://${origin.dir}`, dir]);
      return dir;
    },
    run: async (name, runOptions) => {
      const started = performance.now();
      const ran = await runAction(runOptions);
      narrator.action(name, ran, performance.now() - started);
      return ran;
    },
    showComments: (before) => {
      refreshComments();
      for (const c of result.comments) {
        const old = before.find((b) => b.id === c.id);
        if (!old) narrator.comment(c, "new");
        else if (old.edits !== c.edits) narrator.comment(c, "edited");
      }
    },
  };
}

export function pullRequestEvent(headSha: string, baseSha: string) {
  return {
    action: "synchronize",
    number: PR_NUMBER,
    pull_request: {
      number: PR_NUMBER,
      state: "open",
      title: PR_TITLE,
      user: { login: "alice" },
      base: { sha: baseSha, ref: "main", repo: { full_name: REPOSITORY } },
      head: { sha: headSha, ref: PR_BRANCH, repo: { full_name: REPOSITORY } },
    },
    repository: { full_name: REPOSITORY, name: REPO, owner: { login: OWNER } },
    sender: { login: "alice" },
  };
}

export function checkItem(name: string, run: ActionRun): TimelineItem {
  const failure = run.annotations.find((a) => a.level === "error" && !a.properties.file);
  const counts = (["error", "warning", "notice"] as const)
    .map((level) => [level, run.annotations.filter((a) => a.level === level).length] as const)
    .filter(([, n]) => n > 0)
    .map(([level, n]) => `${n} ${level}${n === 1 ? "" : "s"}`);
  const summary = run.code === 0 ? "Successful" : `Failing: ${failure?.message ?? `exit code ${run.code}`}`;
  return {
    kind: "check",
    name,
    ok: run.code === 0,
    summary: counts.length > 0 ? `${summary} · annotations: ${counts.join(", ")}` : summary,
    annotations: run.annotations,
  };
}

export function parseJson<T>(text: string | undefined): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
