import type { OptionSwitch, ServingBreakEven, ServingOptionId } from "@tunegate/core";
import type { ServingCost } from "@tunegate/usecases";

/** The pretty form of the serving comparison of `tunegate cost`: the table, the break-even loads, the winner. */

const SHORT: Record<ServingOptionId, string> = {
  cached: "prompt caching",
  base: "base model on demand",
  custom: "custom model on demand",
  provisioned: "Provisioned Throughput",
};
const usd = (n: number) =>
  n >= 100
    ? `$${n.toLocaleString("en-US", { maximumFractionDigits: 0 })}`
    : n >= 0.01 || n === 0
      ? `$${n.toFixed(2)}`
      : `$${n.toPrecision(3)}`;
const int = (n: number) => Math.round(n).toLocaleString("en-US");
export const rateText = (r: number) =>
  r === 0
    ? "0"
    : r < 0.01
      ? r.toPrecision(2)
      : r.toLocaleString("en-US", { maximumFractionDigits: r < 10 ? 2 : 0 });
const side = (s: OptionSwitch["cheaperAbove"]) => (s === "tie" ? "the same" : SHORT[s]);

export function servingText(s: ServingCost, configName: string): string {
  const w = s.workload;
  const lines = [
    `Serving it, per 30 days at ${rateText(w.requestsPerSecond)} requests per second, ${w.hoursPerDay} hours a day (${int(w.requestsPerMonth)} requests; load: ${s.loadFrom})`,
  ];
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(22)} ${value}`);
  row(
    "a request",
    `${int(w.inputTokens)} input tokens, ${int(w.cachedTokens)} of them cached, and ${int(w.outputTokens)} output tokens`,
  );
  for (const o of s.options) {
    if (!o.available) {
      row(SHORT[o.id], `not compared: ${o.reason}`);
      continue;
    }
    const how =
      o.modelUnits !== undefined
        ? `${o.modelUnits} model unit${o.modelUnits === 1 ? "" : "s"} at ${usd(o.prices.perHour!.usd)} per hour`
        : `${usd(o.perRequestUsd!)} per request${o.fixedPerMonthUsd ? `, ${usd(o.fixedPerMonthUsd)} of cache writes` : ""}`;
    row(SHORT[o.id], `${usd(o.monthlyUsd)} (${how}; ${o.label})`);
  }
  if (s.winner) {
    const ties = s.winner.tiedWith.map((t) => SHORT[t]);
    row(
      "winner",
      `${SHORT[s.winner.id]}${ties.length ? ` (tied with ${ties.join(", ")})` : ""}, ${usd(s.winner.monthlyUsd)} per 30 days`,
    );
    row(
      "cheapest by load",
      s.cheapestByLoad.map((c) => `${SHORT[c.id]} from ${rateText(c.fromRequestsPerSecond)}/s`).join(", "),
    );
  } else
    row(
      "winner",
      `none: no option can be priced; add prices under catalog: in ${configName} or give --price`,
    );
  s.breakEvens.forEach((b, i) => {
    row(i === 0 ? "break-even" : "", breakEvenText(b));
  });
  const sources = new Map<string, string[]>();
  for (const o of s.options) {
    if (!o.available) continue;
    for (const [name, p] of Object.entries(o.prices)) {
      const key = `${SHORT[o.id]} ${name} $${p.usd}`;
      sources.set(p.source, [...(sources.get(p.source) ?? []), key]);
    }
  }
  [...sources].forEach(([source, what], i) => {
    row(i === 0 ? "prices" : "", `${what.join(", ")}: ${source}`);
  });
  row(
    "one model unit",
    `${rateText(s.unitRequestsPerSecond.value)} requests per second (${s.unitRequestsPerSecond.source})`,
  );
  lines.push("");
  return `${lines.join("\n")}\n`;
}

const SHOWN_SWITCHES = 4;

function breakEvenText(b: ServingBreakEven): string {
  const pair = `${SHORT[b.between[0]]} vs ${SHORT[b.between[1]]}`;
  if (b.switches.length === 0) {
    return b.beyond === "tie"
      ? `${pair}: never, the same at every load`
      : `${pair}: never, ${side(b.beyond as OptionSwitch["cheaperAbove"])} is cheaper at every load`;
  }
  const shown = b.switches
    .slice(0, SHOWN_SWITCHES)
    .map((s) => `${side(s.cheaperBelow)} up to ${rateText(s.requestsPerSecond)}/s`);
  const more = b.switches.length - shown.length;
  const last = b.switches.at(-1)!;
  const tail =
    b.beyond === "alternates"
      ? "and so on: they trade places at every model unit"
      : `${side(b.beyond)} above ${rateText(last.requestsPerSecond)}/s`;
  return `${pair}: ${[...shown, ...(more > 0 ? [`${more} more changes`] : []), tail].join(", then ")}`;
}
