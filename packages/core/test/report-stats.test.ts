import { describe, expect, it } from "vitest";
import {
  ANSI_PATTERN,
  type DatasetStats,
  epochsFor,
  resolveCatalog,
  statsToJson,
  toStatsJson,
  toStatsText,
} from "../src/index";
import { check, claudeLines, claudeRecord, HAIKU } from "./support";

const PRICED = resolveCatalog([
  { id: HAIKU.id, prices: { trainingPerMillionTokens: { usd: 8, source: "test price list" } } },
]).get(HAIKU.id);

/** 40 "billing" tickets, 3 "legal", 1 unlabeled: imbalanced past 10:1. */
async function imbalancedStats(): Promise<DatasetStats> {
  const lines = claudeLines(44, (i) =>
    claudeRecord(
      `ticket ${i}: ${"details ".repeat(i % 7)}`,
      i < 40 ? "ROUTE: billing\nThe charge is a billing question." : i < 43 ? "ROUTE: legal" : "no idea",
      i % 2 === 0 ? "Route the ticket." : undefined,
    ),
  );
  const file = await check(lines, { labelPattern: "^ROUTE: (\\S+)" });
  return file.stats;
}

describe("toStatsText", () => {
  it("labels every token figure as estimated and gives the method", async () => {
    const stats = await imbalancedStats();
    const text = toStatsText(stats, { model: HAIKU, epochs: 2, file: "train.jsonl" });
    expect(text).not.toMatch(ANSI_PATTERN);
    expect(text).toContain("train.jsonl: dataset statistics (Claude 3 Haiku)");
    expect(text).toMatch(/Records +44\n/);
    expect(text).toMatch(/Turns per record +mean 2\.0, min 2, max 2\n/);
    expect(text).toMatch(/With a system prompt +22 of 44 \(50\.0%\)\n/);
    expect(text).toContain("Tokens (estimated)");
    for (const figure of ["total", "mean per record", "p50 per record", "p95 per record", "max per record"]) {
      expect(text).toMatch(new RegExp(`${figure} +~[\\d,]+\\n`));
    }
    expect(text).toContain(`method              ${stats.tokens.total.method}`);
    expect(stats.tokens.total.method).toMatch(/^estimated: /);
  });

  it("draws a histogram of token lengths whose counts add up to the records", async () => {
    const stats = await imbalancedStats();
    const text = toStatsText(stats, { model: HAIKU, epochs: 2 });
    const rows = text.split("\n").filter((l) => /^ {4}[\d,]+(-[\d,]+|\+) /.test(l));
    expect(rows).toHaveLength(stats.histogram.length);
    expect(rows[0]).toMatch(/^ {4}0-63 /);
    const counts = rows.map((r) => Number(/ (\d+) {2}[\d.]+%$/.exec(r)![1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(44);
    expect(rows.some((r) => r.includes("█"))).toBe(true);
  });

  it("shows label counts with shares and the imbalance warning", async () => {
    const text = toStatsText(await imbalancedStats(), { model: HAIKU, epochs: 2 });
    expect(text).toContain("Labels (/^ROUTE: (\\S+)/)");
    expect(text).toMatch(/billing +40 +93\.0% +█+/);
    expect(text).toMatch(/legal +3 +7\.0% +█+/);
    expect(text).toContain("1 record without a label (the first at line 44)");
    expect(text).toContain('warning: label imbalance: "billing" has 40 records, "legal" only 3 (13:1)');
  });

  it("gives billed tokens only, and says why, when the catalog has no training price", async () => {
    const stats = await imbalancedStats();
    const epochs = epochsFor(HAIKU);
    expect(epochs).toBe(2);
    const text = toStatsText(stats, { model: HAIKU, epochs, epochsSource: "catalog default" });
    const total = stats.tokens.total.value;
    expect(text).toMatch(/epochs +2 \(catalog default\)\n/);
    expect(text).toContain(
      `billed tokens       ~${total.toLocaleString("en-US")} x 2 = ~${(2 * total).toLocaleString("en-US")} (estimated)`,
    );
    expect(text).toContain("The catalog has no training price for Claude 3 Haiku, so only tokens are given.");
    expect(text).not.toContain("$");
  });

  it("prices the billed tokens with the catalog's price and its source", async () => {
    const stats = await imbalancedStats();
    const withTokens: DatasetStats = {
      ...stats,
      tokens: { ...stats.tokens, total: { ...stats.tokens.total, value: 1_500_000 } },
    };
    const text = toStatsText(withTokens, { model: PRICED, epochs: 3 });
    expect(text).toContain("~1,500,000 x 3 = ~4,500,000 (estimated)");
    expect(text).toContain("~$36.00 at $8.00 per million tokens (test price list)");
    expect(toStatsText(stats, { model: PRICED, epochs: 1 })).toContain("< $0.01 at $8.00 per million tokens");
  });

  it("colours only when asked", async () => {
    const stats = await imbalancedStats();
    const coloured = toStatsText(stats, { model: HAIKU, epochs: 2, color: true });
    expect(coloured).toMatch(ANSI_PATTERN);
    expect(coloured.replace(ANSI_PATTERN, "")).toBe(toStatsText(stats, { model: HAIKU, epochs: 2 }));
  });
});

describe("toStatsJson", () => {
  it("marks tokens estimated, shares labels and prices the run", async () => {
    const stats = await imbalancedStats();
    const json = toStatsJson(stats, { model: PRICED, epochs: 2 });
    expect(json.records).toBe(44);
    expect(json.tokens).toMatchObject({ estimated: true, method: stats.tokens.total.method });
    expect(json.labels!.counts).toEqual([
      { label: "billing", count: 40, share: 40 / 43 },
      { label: "legal", count: 3, share: 3 / 43 },
    ]);
    expect(json.labels!.imbalance).toEqual({
      largest: "billing",
      largestCount: 40,
      smallest: "legal",
      smallestCount: 3,
      ratio: 40 / 3,
    });
    expect(json.cost).toEqual({
      model: { id: HAIKU.id, name: "Claude 3 Haiku" },
      epochs: 2,
      trainingTokens: stats.tokens.total.value,
      billedTokens: 2 * stats.tokens.total.value,
      estimated: true,
      method: stats.tokens.total.method,
      usd: (2 * stats.tokens.total.value * 8) / 1_000_000,
      pricePerMillionTokens: { usd: 8, source: "test price list" },
    });
    const unpriced = toStatsJson(stats, { model: HAIKU, epochs: 2 }).cost;
    expect(unpriced.usd).toBeUndefined();
    expect(unpriced.note).toContain("no training price");
  });

  it("writes the open-ended last histogram bucket with upTo null, so JSON keeps it", () => {
    const stats: DatasetStats = {
      records: 3,
      turns: { min: 2, mean: 2, max: 2 },
      withSystemPrompt: 0,
      characters: 300_000,
      tokens: {
        total: { value: 100_000, exact: false, method: "estimated: test" },
        mean: 33_333,
        p50: 30_000,
        p95: 40_000,
        max: 40_000,
      },
      histogram: [
        { upTo: 32_768, count: 2 },
        { upTo: Number.POSITIVE_INFINITY, count: 1 },
      ],
    };
    const json = JSON.parse(JSON.stringify(statsToJson(stats)));
    expect(json.histogram).toEqual([
      { from: 0, upTo: 32_768, count: 2 },
      { from: 32_768, upTo: null, count: 1 },
    ]);
    expect(toStatsText(stats, { model: HAIKU, epochs: 1 })).toMatch(/ {4}32,768\+ +█+ +1 +33\.3%/);
  });
});
