import { appendFile, stat } from "node:fs/promises";

/** GitHub refuses a step summary over 1 MiB (and shows an error annotation instead). */
export const STEP_SUMMARY_LIMIT = 1_048_576;

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
