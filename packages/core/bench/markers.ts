/**
 * The per-line prefilters of the line checker, timed alone: the raw-line marker test as one regex
 * alternation (how it was) against the anchored marker test (compileMarkerTest), and the digit marker
 * in its old and new form, over the lines of the given JSONL files. CPU milliseconds, medians of RUNS
 * runs (default 9), the variants in turn; the lines each variant passes must agree, or it fails.
 *   npx esbuild packages/core/bench/markers.ts --bundle --platform=node --format=esm --outfile=/tmp/markers.mjs
 *   node /tmp/markers.mjs FILE... [--model ID]
 */
import { readFileSync } from "node:fs";
import { resolveCatalog } from "../src/index";
import { reservedStringMarkers } from "../src/rules/conversation-rules";
import { compileMarkerTest } from "../src/rules/marker-search";
import { SECRET_MARKERS, sensitiveFamilies } from "../src/rules/sensitive";

const args = process.argv.slice(2);
const modelAt = args.indexOf("--model");
const modelId = modelAt === -1 ? "anthropic.claude-3-haiku-20240307-v1:0:200k" : args[modelAt + 1]!;
const files = modelAt === -1 ? args : args.filter((_, i) => i !== modelAt && i !== modelAt + 1);
const RUNS = Math.max(1, Number(process.env.RUNS ?? 9));
const sources = [...SECRET_MARKERS, ...(reservedStringMarkers(resolveCatalog().get(modelId)) ?? [])];
const lines = files.flatMap((f) =>
  readFileSync(f, "utf8")
    .split("\n")
    .filter((l) => l.length > 0),
);

const alternation = new RegExp(sources.join("|"));
const anchored = compileMarkerTest(sources);
const digitsBefore = /\d\d[-. )] ?\d\d|\d{13}/;
const variants: Record<string, (line: string) => boolean> = {
  "markers: regex alternation": (l) => alternation.test(l),
  "markers: anchored": (l) => anchored.test(l),
  "digits: before": (l) => digitsBefore.test(l),
  "digits: now": (l) => sensitiveFamilies(l, false).includes("digits"),
};

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const times: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
const passed: Record<string, number> = {};
for (let r = 0; r < RUNS; r++) {
  for (const [name, test] of Object.entries(variants)) {
    const start = cpu();
    let n = 0;
    for (const l of lines) if (test(l)) n++;
    times[name]!.push(cpu() - start);
    passed[name] = n;
  }
}
if (passed["markers: regex alternation"] !== passed["markers: anchored"])
  throw new Error(`the marker tests disagree: ${JSON.stringify(passed)}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [name, xs] of Object.entries(times))
  console.log(
    JSON.stringify({ variant: name, cpuMs: median(xs), lines: lines.length, passed: passed[name] }),
  );
