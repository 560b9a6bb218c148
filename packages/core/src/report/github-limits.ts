/**
 * GitHub's size limits for what tunegate writes, in the unit GitHub counts them in: the one place that
 * knows them. Comment bodies are counted in characters (UTF-16 code units, as `String.length`); the
 * job summary file in bytes of UTF-8.
 */

/** GitHub refuses issue and PR comment bodies longer than this many characters ("Body is too long"). */
export const COMMENT_MAX_CHARS = 65_536;

/** What a comment is fitted to: a little under the limit, for a wrapper that adds a line or two. */
export const COMMENT_BUDGET_CHARS = 65_000;

/** GITHUB_STEP_SUMMARY takes at most 1 MiB (bytes of UTF-8) per step. */
export const STEP_SUMMARY_MAX_BYTES = 1_048_576;

/** GitHub shows at most this many annotations of each severity per step and drops the rest silently. */
export const GITHUB_ANNOTATIONS_PER_SEVERITY = 10;
