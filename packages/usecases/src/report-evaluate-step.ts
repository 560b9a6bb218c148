import type { GateOptions } from "@tunegate/core";
import { BatchPendingError } from "./evaluate-batch";
import type { Log } from "./ports";
import { type EvaluationOutcome, type EvaluationSettings, skippedEvaluation } from "./report-evaluation";
import { type ProvisionedInput, withProvisionedTarget } from "./report-provisioned";

type BedrockClient = Parameters<typeof withProvisionedTarget>[0];

export interface EvaluateStepInput {
  bedrock: BedrockClient;
  modelName: string;
  jobName: string;
  customModelArn?: string;
  settings: EvaluationSettings;
  /** The results file of the user's own harness, when one was given for this job. */
  resultsFile?: string;
  /** A Provisioned Throughput to evaluate through (and perhaps tear down) instead of the target. */
  provisioned?: ProvisionedInput;
  gates: GateOptions;
  evaluate: (
    settings: EvaluationSettings,
    gates: GateOptions,
    resultsFile?: string,
  ) => Promise<EvaluationOutcome>;
  log: Log;
}

/**
 * A completed job's evaluation outside deployment: through the target (or a Provisioned Throughput,
 * torn down after when asked), never failing the report. A failed evaluation is a skipped one that
 * fails the gates the user set; each gate's outcome is logged.
 */
export async function evaluateStep(
  input: EvaluateStepInput,
): Promise<{ evaluation: EvaluationOutcome; provisionedNote?: string }> {
  const { log } = input;
  const evaluateTarget = (target?: string) =>
    input.evaluate(target ? { ...input.settings, target } : input.settings, input.gates, input.resultsFile);
  let evaluation: EvaluationOutcome;
  let provisionedNote: string | undefined;
  try {
    if (input.provisioned) {
      const through = await withProvisionedTarget(
        input.bedrock,
        input.provisioned,
        input.customModelArn,
        evaluateTarget,
        { log: (m) => log.info(m), modelName: input.modelName },
      );
      provisionedNote = through.note;
      if (through.error !== undefined) throw through.error;
      evaluation = through.value ?? skippedEvaluation(through.skipped ?? "", input.gates);
    } else {
      evaluation = await evaluateTarget();
    }
  } catch (err) {
    if (err instanceof BatchPendingError) {
      // A batch job still running is a normal state, not a failure: the next run scores it.
      log.info(`Evaluation of ${input.jobName} is not scored yet: ${err.message}`);
      evaluation = skippedEvaluation(`not scored yet: ${err.message}`, input.gates);
      return { evaluation, ...(provisionedNote === undefined ? {} : { provisionedNote }) };
    }
    log.warning(`Evaluation of ${input.jobName} failed: ${(err as Error).message}`);
    evaluation = {
      view: { skipped: `the evaluation failed: ${(err as Error).message}` },
      gatesFailed: input.gates.minAccuracy !== undefined || input.gates.maxRegression !== undefined,
    };
  }
  for (const g of evaluation.view.gates ?? []) {
    if (g.passed) log.info(`${g.gate}: ${g.message}`);
    else log.warning(`${g.gate}: ${g.message}`);
  }
  return { evaluation, ...(provisionedNote === undefined ? {} : { provisionedNote }) };
}
