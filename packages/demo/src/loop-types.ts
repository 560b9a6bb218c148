// The shapes the demo's loop and its steps share: what happened on the pull request, and how progress
// is told.
import type { CommentSnapshot } from "@tunegate/github-local";
import type { ActionRun, Annotation } from "@tunegate/testkit";
import type { Checks } from "./checks";
import type { EvaluationAnswers } from "./model-answers";
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
  answers: EvaluationAnswers;
}
