import type { ModelCost } from "@tunegate/usecases";

/** The pretty form of `tunegate cost`: one block per model, each price with its source. */
const usd = (n: number) =>
  n >= 100
    ? `$${n.toLocaleString("en-US", { maximumFractionDigits: 0 })}`
    : n >= 0.01
      ? `$${n.toFixed(2)}`
      : `$${n.toPrecision(3)}`;
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const rateText = (perSecond: number) =>
  `${perSecond.toLocaleString("en-US", { maximumFractionDigits: perSecond < 10 ? 2 : 0 })} requests per second (${int(perSecond * 3600)} per hour)`;

export function costText(c: ModelCost, configName: string): string {
  const lines: string[] = [];
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(22)} ${value}`);
  const missing = (what: string, key: string) =>
    `no ${what} in the catalog for ${c.baseModel.name}; add prices.${key} (with its source) under catalog: in ${configName}`;
  lines.push(`${c.model}: ${c.baseModel.name} (${c.baseModel.id}) in ${c.region}`, "");

  const t = c.training;
  lines.push("Training, one job");
  row(
    "training tokens",
    `${t.tokens.exact ? "" : "~"}${int(t.tokens.value)} in ${t.file} (${t.tokens.method})`,
  );
  row("epochs", `${t.epochs} (${t.epochsFrom})`);
  row("billed tokens", `${t.tokens.exact ? "" : "~"}${int(t.billedTokens)}`);
  row(
    "cost",
    t.price && t.usd !== undefined
      ? `${usd(t.usd)} at $${t.price.usd} per million tokens (${t.price.source})`
      : missing("training price", "trainingPerMillionTokens"),
  );
  lines.push("");

  lines.push("Storing the custom model");
  row(
    "per month",
    c.storage.perMonth
      ? `${usd(c.storage.perMonth.usd)} (${c.storage.perMonth.source})`
      : missing("storage price", "storagePerMonth"),
  );
  lines.push("");

  const pt = c.provisionedThroughput;
  lines.push(
    `Provisioned Throughput, ${pt.modelUnits} model unit${pt.modelUnits === 1 ? "" : "s"} (how a fine-tuned model is invoked)`,
  );
  if (pt.perHourPerUnit && pt.perHour !== undefined && pt.per30Days !== undefined) {
    row(
      "per hour",
      `${usd(pt.perHour)} (${usd(pt.perHourPerUnit.usd)} per model unit: ${pt.perHourPerUnit.source})`,
    );
    row("per 30 days", `${usd(pt.per30Days)}, billed from creation until deleted`);
  } else row("per hour", missing("Provisioned Throughput price", "provisionedThroughputPerHour"));
  lines.push("");

  const od = c.onDemand;
  lines.push("The base model on demand instead");
  row(
    "a request",
    `${int(od.request.inputTokens)} input tokens (${int(od.request.systemTokens)} of them the system prompt) and ${int(od.request.outputTokens)} output tokens (${od.request.method})`,
  );
  if (od.input && od.output && od.usdPerRequest !== undefined) {
    row(
      "prices",
      `$${od.input.usd} input, $${od.output.usd} output per million tokens (${od.input.source}; ${od.output.source})`,
    );
    row("per request", usd(od.usdPerRequest));
    if (od.breakEvenPerSecond !== undefined) {
      row(
        "break-even",
        `${rateText(od.breakEvenPerSecond)}: below that, on demand costs less than Provisioned Throughput`,
      );
    }
    if (od.cached) {
      row(
        "with a cached prompt",
        `${usd(od.cached.usdPerRequest)} per request${od.cached.breakEvenPerSecond === undefined ? "" : `, break-even ${rateText(od.cached.breakEvenPerSecond)}`} (${od.cached.source}; check that Bedrock offers prompt caching for this model)`,
      );
    }
    if (od.at) {
      row(
        `at ${od.at.requestsPerSecond} per second`,
        `on demand ${usd(od.at.onDemandPer30Days)} per 30 days${od.at.provisionedPer30Days === undefined ? "" : ` against ${usd(od.at.provisionedPer30Days)} for Provisioned Throughput`}`,
      );
    }
  } else row("prices", missing("on-demand price", "inputPerMillionTokens and prices.outputPerMillionTokens"));
  lines.push("");
  return `${lines.join("\n")}\n`;
}
