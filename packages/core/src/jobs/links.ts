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

// The train comment marker lives with the other comment markers.
export { parseTrainCommentMarker, trainCommentMarker } from "../report/markers";
