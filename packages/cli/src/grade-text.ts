import { type GradeDatasetResult, graderOf } from "@tunegate/usecases";
import { datasetSettings } from "./config";
import { type Io, UsageError } from "./io";

/** `tunegate grade`'s inputs beyond parseArgs, and its report. */

export function topScoreOf(text: string): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n))
    throw new UsageError(`--top-score takes a number; got "${text}".`);
  return n;
}

/** The grader tunegate.yml gives the model whose dataset `file` is (or the one --model names). */
export async function configuredGrader(
  io: Io,
  configArg: string | undefined,
  modelName: string | undefined,
  file: string,
): Promise<string> {
  const settings = await datasetSettings(io, configArg, modelName, [file]);
  const grader = settings?.model ? graderOf(settings.model) : undefined;
  if (grader !== undefined) return grader;
  throw new UsageError(
    settings?.model
      ? `Model "${settings.model.name}" in tunegate.yml has no reinforcement.grader: set it, or pass --grader ARN.`
      : `No grader for ${file}: pass --grader ARN, or name the file as a reinforcement model's dataset in tunegate.yml.`,
  );
}

/** `tunegate grade`'s report: each failure at its record (file:line:column), then one line of verdict. */
export function gradeText(result: GradeDatasetResult): string {
  const lines = result.problems.map(
    (p) => `${p.file}:${p.line}:${p.column}: error ${p.rule}: ${p.message}\n  ${p.hint}`,
  );
  const failed = new Set(result.problems.map((p) => p.line)).size;
  const of = `${result.graded.length} of ${result.gradable} gradable records of ${result.name}`;
  if (result.skippedCount > 0) {
    const first = result.skipped[0]!;
    lines.push(
      `note: ${result.skippedCount} record(s) could not be graded (first: line ${first.line}, ${first.reason}); \`tunegate validate\` says what is wrong with them.`,
    );
  }
  lines.push(
    result.problems.length === 0
      ? `The grader gave the reference answer the top score (${result.topScore}) on all ${of}, in ${result.invocations} invocation(s).`
      : `The grader failed the check on ${failed} of the ${of} (${result.problems.length} problem(s)).`,
  );
  return `${lines.join("\n")}\n`;
}
