import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import {
  MAX_COMMENT_SIZE,
  MAX_REPORT_JSON_BYTES,
  MAX_REPORT_MARKDOWN_BYTES,
  type ReportFile,
  reportFileSchema,
  sanitizeUntrustedMarkdown,
  UserError,
  VALIDATE_MARKER,
} from "@tunegate/core";
import type { Log } from "./ports";
import type { PullRequestComments } from "./report";

/**
 * Fork-safe posting: `actions/validate` runs on `pull_request` (a fork's run has a read-only token), and
 * writes its report as files; a `workflow_run` workflow hands them to this action, which has a write
 * token and posts the report. Everything in the files is untrusted: the fork's code may have written
 * them. So the JSON is checked against a strict shape, the PR is found by the head SHA on GitHub's side
 * (never taken from the file), and the Markdown is sanitised before it is posted.
 */

/** The run this action runs in, as far as posting a report needs it. */
export interface FromReportRun {
  /** owner/name */
  repository: string;
  serverUrl: string;
  eventName: string;
  /** The event payload (untrusted in its details; only `workflow_run` is read). */
  event: Record<string, unknown>;
}

export interface FromReportOptions {
  path: string;
  run: FromReportRun;
  comments: PullRequestComments;
  log: Log;
}

export interface FromReportResult {
  pr: number;
  commentUrl?: string;
  action: string;
}

export class ReportFileError extends UserError {
  override name = "ReportFileError";
}

/**
 * Reads one report file: a regular file directly inside the report folder, opened without following a
 * link. An artifact unpacked by a tool that restores links could otherwise hand this action (which holds
 * a write token) any file on the runner, such as /proc/self/environ, to post.
 */
async function readCapped(folder: string, name: string, max: number): Promise<string> {
  const path = join(folder, name);
  const refuse = (what: string) =>
    new ReportFileError(
      `The report file ${path} is ${what}; from-report reads only regular files inside the report folder, never through a link.`,
    );
  if (name === "." || name === ".." || name.includes("/") || name.includes("\\"))
    throw refuse("not a file name");
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(
    (err: NodeJS.ErrnoException) => {
      if (err.code === "ELOOP" || err.code === "EMLINK") throw refuse("a symbolic link");
      throw new ReportFileError(`Cannot read the report file ${path}: ${err.code ?? err.message}.`);
    },
  );
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw refuse("not a regular file");
    if (info.nlink > 1) throw refuse("a hard link to another file");
    // The folder itself may be reached through links the workflow chose; the file must be inside it.
    const [real, realFolder] = await Promise.all([realpath(path), realpath(folder)]);
    if (dirname(real) !== realFolder) throw refuse("outside the report folder");
    if (info.size > max) {
      throw new ReportFileError(`The report file ${path} is ${info.size} bytes; at most ${max} are read.`);
    }
    const buf = await handle.readFile();
    if (buf.length > max) {
      throw new ReportFileError(`The report file ${path} is ${buf.length} bytes; at most ${max} are read.`);
    }
    return buf.toString("utf8");
  } finally {
    await handle.close();
  }
}

/** Reads and checks the report files; throws ReportFileError with every problem named. */
export async function readReportFile(path: string): Promise<{ report: ReportFile; markdown: string }> {
  let json: unknown;
  try {
    json = JSON.parse(await readCapped(dirname(path), basename(path), MAX_REPORT_JSON_BYTES));
  } catch (err) {
    if (err instanceof ReportFileError) throw err;
    throw new ReportFileError(`The report file ${path} is not JSON: ${(err as Error).message}`);
  }
  const parsed = reportFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new ReportFileError(`The report file ${path} does not have the expected shape: ${issues}.`);
  }
  const report = parsed.data;
  let markdown = report.markdown;
  if (markdown === undefined) {
    const name = report.markdownFile ?? basename(path).replace(/\.json$/i, ".md");
    markdown = await readCapped(dirname(path), name, MAX_REPORT_MARKDOWN_BYTES);
  }
  return { report, markdown };
}

export async function postFromReport(options: FromReportOptions): Promise<FromReportResult> {
  const { run: context, comments } = options;
  const { report, markdown } = await readReportFile(options.path);

  const pr = await pullRequestOfRun(comments, context, report.headSha);
  if (report.pullRequest !== undefined && report.pullRequest !== pr.number) {
    options.log.warning(
      `The report file says it is for #${report.pullRequest}, but commit ${report.headSha} is the head of #${pr.number}; posting to #${pr.number}.`,
    );
  }
  const body = `${VALIDATE_MARKER}\n${sanitizeUntrustedMarkdown(
    markdown,
    MAX_COMMENT_SIZE - VALIDATE_MARKER.length - 1,
    {
      linkPrefix: `${context.serverUrl.replace(/\/+$/, "")}/${context.repository}/`,
    },
  )}\n`;
  const result = await comments.upsert(pr.number, VALIDATE_MARKER, body);
  if ("reason" in result) {
    options.log.warning(result.reason);
    return { pr: pr.number, action: result.action };
  }
  options.log.info(`Validation report ${result.action} on #${pr.number}: ${result.url}`);
  return { pr: pr.number, commentUrl: result.url, action: result.action };
}

interface WorkflowRunPayload {
  head_sha?: unknown;
  pull_requests?: unknown;
}

/**
 * The pull request the report is for, taken from the workflow run that wrote it, never from the file:
 * the `workflow_run` event names that run's head commit, and GitHub lists the run's pull requests when
 * they come from the same repository (a fork's are looked up by the head commit). Any other event has
 * no run to ask, so nothing is posted; neither is it when the pull request's head has moved on.
 */
async function pullRequestOfRun(
  comments: PullRequestComments,
  context: FromReportRun,
  fileHeadSha: string,
): Promise<{ number: number; headSha: string }> {
  const run = context.event.workflow_run as WorkflowRunPayload | undefined;
  if (context.eventName !== "workflow_run" || typeof run?.head_sha !== "string") {
    throw new ReportFileError(
      `from-report posts a report only from a workflow_run event, which names the run that wrote it; this run is a ${context.eventName || "(unknown)"} event, so the pull request cannot be told from the file's own word. Nothing posted.`,
    );
  }
  const headSha = run.head_sha;
  if (headSha !== fileHeadSha) {
    throw new ReportFileError(
      `The report names commit ${fileHeadSha}, but the workflow run that produced it ran on ${headSha}; refusing to post it.`,
    );
  }
  const listed = (Array.isArray(run.pull_requests) ? run.pull_requests : []).find(
    (p): p is { number: number } =>
      typeof p?.number === "number" && (p as { head?: { sha?: unknown } }).head?.sha === headSha,
  );
  const pr = listed
    ? await comments.pullRequest(listed.number)
    : await comments.pullRequestForCommit(headSha);
  if (!pr || pr.headSha !== headSha) {
    throw new ReportFileError(
      `No pull request in ${context.repository} has ${headSha} (the workflow run's head commit) as its head commit (it may have been pushed to since); nothing posted.`,
    );
  }
  return pr;
}
