/**
 * The hidden markers of tunegate's pull-request comments: the one place that knows them. The actions
 * write a comment with its marker and find it again by the marker, so each action edits its own
 * comment in place and never another's.
 */

/** The sticky review comment of the validate action (and of the report action's `from-report`). */
export const VALIDATE_MARKER = "<!-- tunegate:validate -->";

/** `body` without a leading review marker line: the comment's text as the report file stores it. */
export function withoutValidateMarker(body: string): string {
  return body.startsWith(`${VALIDATE_MARKER}\n`) ? body.slice(VALIDATE_MARKER.length + 1) : body;
}

/**
 * The hidden marker of the pull-request comment about one model's job. The train action writes it; the
 * report action finds the comment by it and updates it in place. The model name is URI-encoded so that
 * no name can end the HTML comment early.
 */
export function trainCommentMarker(model: string, jobName: string): string {
  return `<!-- tunegate:train model=${encodeURIComponent(model)} job=${encodeURIComponent(jobName)} -->`;
}

/** The model and job a marker names, for the report action; undefined when `text` holds none. */
export function parseTrainCommentMarker(text: string): { model: string; jobName: string } | undefined {
  const m = /<!-- tunegate:train model=(\S+) job=(\S+) -->/.exec(text);
  if (!m) return undefined;
  try {
    return { model: decodeURIComponent(m[1]!), jobName: decodeURIComponent(m[2]!) };
  } catch {
    return undefined;
  }
}
