import { appendFile, stat } from "node:fs/promises";
import * as core from "@actions/core";
import { STEP_SUMMARY_MAX_BYTES } from "@tunegate/core";

/** GitHub refuses a step summary over 1 MiB (and shows an error annotation instead); see core. */
export const STEP_SUMMARY_LIMIT = STEP_SUMMARY_MAX_BYTES;

export type SummaryResult = { written: true; bytes: number } | { written: false; reason: string };

/**
 * Appends Markdown to the step's job summary (GITHUB_STEP_SUMMARY). Refuses, rather than cuts, text
 * that would take the file over 1 MiB: a cut could land inside a table or code block, so the renderer
 * fits the text (see core's renderReviewSummary) and this is the last check.
 */
export async function appendStepSummary(
  markdown: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SummaryResult> {
  const path = env.GITHUB_STEP_SUMMARY;
  if (!path)
    return { written: false, reason: "GITHUB_STEP_SUMMARY is not set (not running in GitHub Actions)." };
  const existing = await stat(path).then(
    (s) => s.size,
    () => 0,
  );
  const bytes = Buffer.byteLength(markdown, "utf8");
  if (existing + bytes > STEP_SUMMARY_LIMIT) {
    return {
      written: false,
      reason: `The summary would take the step's summary to ${(existing + bytes).toLocaleString("en-US")} bytes; GitHub takes at most ${STEP_SUMMARY_LIMIT.toLocaleString("en-US")}.`,
    };
  }
  await appendFile(path, markdown);
  return { written: true, bytes };
}

/** The one job-summary writer of the actions: a summary GitHub would refuse is a warning, not a failure. */
export async function writeStepSummary(markdown: string): Promise<void> {
  const result = await appendStepSummary(markdown);
  if (!result.written) core.warning(`The job summary was not written: ${result.reason}`);
}
