/**
 * Where a person looks at a job: the Bedrock console. The console has no documented deep link to a
 * customization job, so a job links to the Region's custom-models page (its "Training jobs" tab lists
 * the job by name); a finished job's custom model has its own page.
 */
export function consoleCustomModelsUrl(region: string): string {
  return `https://${region}.console.aws.amazon.com/bedrock/home?region=${region}#/custom-models`;
}

export function consoleCustomModelUrl(region: string, modelArn: string): string {
  return `${consoleCustomModelsUrl(region)}/item?arn=${encodeURIComponent(modelArn)}`;
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
