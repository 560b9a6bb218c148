import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import {
  type ConfigError,
  type FailOn,
  type ModelReview,
  type Problem,
  type ProblemCounts,
  REPORT_JSON_FILE,
  REPORT_MARKDOWN_FILE,
  type ReportFile,
  type ReviewInput,
  reviewFails,
  safeCode,
  safeInline,
  safeLink,
  toSarif,
  type ValidationReport,
} from "@tunegate/core";
import type { ReviewPullRequest, ReviewRun } from "./review-ports";

export interface ReportPaths {
  markdown: string;
  json: string;
}

/** Where the review comment went, as the report JSON records it. */
export type PostedComment =
  | { action: "forbidden" }
  | { action: "created" | "updated" | "unchanged"; url: string };

export interface ReportContent {
  /** The comment's text, without its hidden marker. */
  markdown: string;
  context: Pick<ReviewRun, "repository" | "sha">;
  pr: ReviewPullRequest | undefined;
  /** The version of the tool that wrote the report. */
  toolVersion: string;
  counts: ProblemCounts;
  failOn: FailOn;
  input?: ReviewInput;
  problems?: readonly Problem[];
  comment?: PostedComment;
}

/**
 * The report as files, for the fork-safe pattern: a `pull_request` run uploads them as an artifact and
 * a `workflow_run` workflow posts the Markdown with the report action (`from-report`), which finds the
 * pull request by the head commit named here. The JSON also carries the figures for other tools.
 */
export async function writeReportFiles(dir: string, content: ReportContent): Promise<ReportPaths> {
  const { context, pr, counts, input } = content;
  const paths = { markdown: join(dir, REPORT_MARKDOWN_FILE), json: join(dir, REPORT_JSON_FILE) };
  // Typed by the schema the report action reads it back with.
  const json: ReportFile = {
    version: 1,
    tool: "tunegate validate",
    toolVersion: content.toolVersion,
    repository: context.repository,
    headSha: pr?.headSha || context.sha,
    ...(pr ? { baseSha: pr.baseSha, pullRequest: pr.number } : {}),
    markdownFile: REPORT_MARKDOWN_FILE,
    valid: !reviewFails(counts, content.failOn),
    failOn: content.failOn,
    counts,
    ...(content.comment
      ? {
          comment:
            content.comment.action === "forbidden"
              ? { action: "forbidden" }
              : { action: content.comment.action, url: content.comment.url },
        }
      : {}),
    models: (input?.models ?? []).map((m) => ({
      name: m.name,
      baseModel: m.baseModel.id,
      region: m.region,
      counts: m.counts,
      datasets: m.datasets.map((d) => ({
        path: d.path,
        role: d.role,
        change: d.change,
        base: d.base ? { records: d.base.records, tokens: d.base.tokens.value, bytes: d.base.bytes } : null,
        head: d.head ? { records: d.head.records, tokens: d.head.tokens.value, bytes: d.head.bytes } : null,
        records: d.records
          ? {
              added: d.records.added,
              removed: d.records.removed,
              modified: d.records.modified,
              unchanged: d.records.unchanged,
            }
          : null,
        labels: d.labels?.rows.map((r) => ({ label: r.label, base: r.base, head: r.head })) ?? null,
      })),
      cost: {
        base: m.cost.base ? costJson(m.cost.base) : null,
        head: m.cost.head ? costJson(m.cost.head) : null,
      },
      settingChanges: [...m.settingChanges],
      onMerge: m.onMerge,
    })),
    untouchedModels: [...(input?.untouchedModels ?? [])],
    problems: (content.problems ?? []).map((p) => ({ ...p })),
  };
  await writeFile(paths.markdown, content.markdown);
  await writeFile(paths.json, `${JSON.stringify(json, null, 2)}\n`);
  return paths;
}

function costJson(cost: NonNullable<ReviewInput["models"][number]["cost"]["head"]>): ReportCost {
  return {
    epochs: cost.epochs,
    trainingTokens: cost.trainingTokens.value,
    billedTokens: cost.billedTokens,
    estimated: !cost.trainingTokens.exact,
    usd: cost.usd ?? null,
  };
}

type ReportCost = NonNullable<NonNullable<ReportFile["models"]>[number]["cost"]["head"]>;

/** Every problem of every reviewed model as one SARIF run (code scanning shows them all). */
export async function writeSarif(
  path: string,
  reviews: readonly ModelReview[],
  toolVersion: string,
): Promise<void> {
  const files = reviews.flatMap((r) => r.report.files);
  const first = reviews[0]?.report.model ?? { id: "none", name: "none", format: "claude-messages" as const };
  const merged: ValidationReport = {
    model: first,
    files,
    summary: reviews.reduce(
      (acc, r) => ({
        errors: acc.errors + r.report.summary.errors,
        warnings: acc.warnings + r.report.summary.warnings,
        notices: acc.notices + r.report.summary.notices,
      }),
      { errors: 0, warnings: 0, notices: 0 },
    ),
  };
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(toSarif(merged, { toolVersion }), null, 2)}\n`);
}

/** The review when tunegate.yml itself cannot be read: its problems, each at its line. */
export function configErrorMarkdown(configPath: string, err: ConfigError): string {
  const rows = err.issues.slice(0, 50).map((i) => {
    const where = `${configPath}:${i.line}:${i.column}`;
    return `| ${safeCode(where, 200)} | ${safeInline(i.path ? `${i.path}: ${i.message}` : i.message, 400)} | ${safeInline(i.hint ?? "", 300)} |`;
  });
  const more = err.issues.length - rows.length;
  return [
    `## ❌ tunegate: ${safeCode(configPath, 200)} cannot be used`,
    "No dataset was checked: fix the configuration first.",
    ["| Where | Problem | How to fix |", "| --- | --- | --- |", ...rows].join("\n"),
    ...(more > 0 ? [`_…and ${more} more._`] : []),
  ].join("\n\n");
}

/** The review when the run stopped on an error: it says so, in place of any earlier verdict. */
export function unfinishedReviewMarkdown(message: string, runUrl: string | undefined): string {
  return [
    "## ❌ tunegate: the review did not finish",
    `It stopped on an error, so nothing here says whether the datasets are ready: ${safeInline(message, 1_000)}`,
    ...(runUrl ? [`See ${safeLink("the run's log", runUrl)}.`] : []),
  ].join("\n\n");
}
