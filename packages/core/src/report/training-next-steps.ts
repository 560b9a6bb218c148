import { onDemandPrices, onDemandUsd } from "../cost";
import { headlineScore } from "../evaluation/results";
import { deployNextSteps } from "./deploy-section";
import { safeInline } from "./markdown-safe";
import { pct } from "./training-format";
import type { TrainingCommentInput } from "./training-input";

/** "What next" in the training comment: by job status, and for a completed job what serving it costs. */

export function nextSteps(input: TrainingCommentInput): string {
  const { job, baseModel } = input;
  const lines = ["#### What next"];
  switch (job.status) {
    case "InProgress":
    case "Stopping":
      lines.push("The report action updates this comment when the job ends.");
      break;
    case "Stopped":
      lines.push(
        "The job was stopped before it finished, so there is no model. Re-run the train action to start it again.",
      );
      break;
    case "Failed":
      lines.push(
        "Fix the cause above and merge the fix, or re-run the train action if the data was not the problem. Run `npx tunegate validate` on the dataset first: it checks what Bedrock checks.",
      );
      break;
    case "Completed":
      lines.push(...(input.deploy ? deployNextSteps(input.deploy) : provisioningAdvice(input)));
      break;
    default:
      lines.push("The job is in a state tunegate does not know; see the Bedrock console.");
  }
  if (job.status === "Completed" && !baseModel) {
    lines.push(
      "_The base model is not in tunegate's catalog, so no prices are shown; add it under `catalog:` in tunegate.yml._",
    );
  }
  return lines.join("\n\n");
}

function provisioningAdvice(input: TrainingCommentInput): string[] {
  const { job, baseModel, evaluation } = input;
  const out: string[] = [];
  const hourly = baseModel?.prices.provisionedThroughputPerHour;
  const results = evaluation?.results;
  const target = results ? headlineScore(results.target.summary) : undefined;
  const base = results?.baseline ? headlineScore(results.baseline.summary) : undefined;
  if (target && base && target.value <= base.value) {
    out.push(
      `**Consider not deploying this model:** its ${target.name} (${pct(target.value)}) is no better than the baseline's (${pct(base.value)}). A custom model is only served through Provisioned Throughput, billed by the hour whether used or not.`,
    );
  } else if (target && base) {
    out.push(`The model beats the baseline: ${target.name} ${pct(target.value)} against ${pct(base.value)}.`);
  }
  if (hourly) {
    out.push(
      `To use it, buy **Provisioned Throughput**: about **$${hourly.usd.toFixed(2)} per hour** per model unit (≈ $${(hourly.usd * 24 * 30).toLocaleString("en-US", { maximumFractionDigits: 0 })} per 30 days), billed from creation until you delete it; creation takes about 20–30 minutes, and model units may first have to be requested from AWS support. _Source: ${safeInline(hourly.source, 300)}._`,
    );
    const perRequest = onDemandCostPerRequest(input);
    if (perRequest) {
      const breakEven = hourly.usd / perRequest.usd;
      out.push(
        `On demand, the base model costs about $${perRequest.usd.toPrecision(3)} per request at this evaluation's average of ${Math.round(perRequest.input)} input and ${Math.round(perRequest.output)} output tokens, so one model unit costs as much as **${Math.round(breakEven).toLocaleString("en-US")} base-model requests per hour** (${(breakEven / 3600).toFixed(1)} per second). Below that volume the base model on demand is cheaper, unless the quality gain is worth the difference.`,
      );
    }
  } else {
    out.push(
      "The catalog has no Provisioned Throughput price for this base model; add `prices.provisionedThroughputPerHour` (with its source) to its catalog entry in tunegate.yml to see the cost here.",
    );
  }
  if (job.outputModelArn) {
    out.push(["```sh", `tunegate provision create ${shellWord(input.modelName)}`, "```"].join("\n"));
    if (!results) {
      out.push(
        "It prints the hourly price and its source before buying, with no commitment. Then run the report action again with `eval: true`, `provisioned-model: <its name>` and `teardown: true` to compare it with the base model and delete the throughput after.",
      );
    }
  }
  return out;
}

/** On-demand cost of one request to the base model, from the evaluation's token counts and catalog prices. */
function onDemandCostPerRequest(
  input: TrainingCommentInput,
): { usd: number; input: number; output: number } | undefined {
  const prices = onDemandPrices(input.baseModel?.prices);
  const summary = input.evaluation?.results?.baseline?.summary ?? input.evaluation?.results?.target.summary;
  if (!prices || !summary?.tokens || summary.answered === 0) return undefined;
  const avgIn = summary.tokens.input / summary.answered;
  const avgOut = summary.tokens.output / summary.answered;
  const usd = onDemandUsd(prices, avgIn, avgOut);
  return usd > 0 ? { usd, input: avgIn, output: avgOut } : undefined;
}

/** A word safe to paste into a POSIX shell: anything unusual is replaced, not quoted. */
function shellWord(text: string): string {
  return text.replace(/[^A-Za-z0-9:/._+-]/g, "-").slice(0, 300);
}
