import { type BackoffOptions, deleteProvisioned, findProvisioned, waitForProvisioned } from "@tunegate/aws";
import type { BedrockClient } from "./provision/ports";

/**
 * The report's evaluation through a Provisioned Throughput given as input. With `teardown`, the
 * throughput is deleted once the evaluation has run, and also when it failed, so the only hours
 * billed are the evaluation's. A throughput that serves another model is neither used nor deleted.
 * The comment names every throughput left running, so nothing bills that the comment does not name.
 */

export interface ProvisionedInput {
  /** Name or ARN of the throughput. */
  identifier: string;
  teardown: boolean;
  /** How long to wait for a throughput that is still Creating (default 60 minutes). */
  wait?: BackoffOptions;
}

export interface ProvisionedRun<T> {
  /** The evaluation's result; undefined when it did not run (`skipped` says why) or failed (`error`). */
  value?: T;
  skipped?: string;
  error?: unknown;
  /** One paragraph for the comment: what became of the throughput. */
  note: string;
}

const hours = (from: Date | undefined, to: Date) =>
  from
    ? `, about ${Math.max(0, (to.getTime() - from.getTime()) / 3_600_000).toFixed(1)} h after it was created`
    : "";

export async function withProvisionedTarget<T>(
  bedrock: BedrockClient,
  input: ProvisionedInput,
  customModelArn: string | undefined,
  run: (targetArn: string) => Promise<T>,
  options: { log: (message: string) => void; modelName: string; now?: () => Date },
): Promise<ProvisionedRun<T>> {
  const now = options.now ?? (() => new Date());
  let pt = await findProvisioned(bedrock, input.identifier);
  if (!pt) {
    return {
      skipped: `the Provisioned Throughput ${input.identifier} does not exist (an earlier run may have deleted it after its evaluation).`,
      note: `Provisioned Throughput \`${input.identifier}\` does not exist: nothing bills for this evaluation.`,
    };
  }
  const running = (why: string) =>
    `⚠️ Provisioned Throughput \`${pt!.name}\` (\`${pt!.arn}\`) ${why} and bills by the hour until it is deleted: \`tunegate provision delete ${options.modelName}\`, or delete it in the Bedrock console.`;
  if (customModelArn && pt.modelArn !== customModelArn) {
    // Not this job's model: scoring it would report another model, and deleting it is not ours to do.
    return {
      skipped: `the Provisioned Throughput ${pt.name} serves ${pt.modelArn}, not this job's model ${customModelArn}.`,
      note: running("serves another model, so it was neither used nor deleted; it is still running"),
    };
  }
  let value: T | undefined;
  let skipped: string | undefined;
  let failure: unknown;
  try {
    if (pt.status === "Creating" || pt.status === "Updating") {
      options.log(`${pt.name} is ${pt.status}: waiting for it to be InService.`);
      pt = (await waitForProvisioned(bedrock, pt.arn, input.wait ?? { timeoutMs: 60 * 60_000 })) ?? pt;
    }
    if (pt.status === "InService") value = await run(pt.arn);
    else
      skipped = `the Provisioned Throughput ${pt.name} is ${pt.status}${pt.failureMessage ? ` (${pt.failureMessage})` : ""}, not InService.`;
  } catch (error) {
    failure = error;
  }
  let note: string;
  if (input.teardown) {
    const result = await deleteProvisioned(bedrock, pt.arn);
    options.log(`${pt.name} ${result} (teardown: true).`);
    note =
      `Provisioned Throughput \`${pt.name}\` (\`${pt.arn}\`) was ${result === "deleted" ? "deleted" : "already deleted"} after the evaluation (teardown: true)${hours(pt.creationTime, now())}` +
      (pt.commitment
        ? `; its ${pt.commitment} commitment bills until ${pt.commitmentExpires?.toISOString().slice(0, 10) ?? "its term ends"}.`
        : ": nothing is left billing.");
  } else {
    note = running("is still running (teardown is off)");
  }
  // A failed evaluation is the caller's to report; the note reaches the comment either way.
  return {
    ...(value === undefined ? {} : { value }),
    ...(skipped ? { skipped } : {}),
    ...(failure === undefined ? {} : { error: failure }),
    note,
  };
}

/** The throughput's paragraph under the report comment (absent: the body unchanged). */
export function withProvisionedNote(body: string, note: string | undefined): string {
  return note ? `${body.trimEnd()}\n\n${note}\n` : body;
}
