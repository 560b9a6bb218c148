// `npm run bench`: validator throughput against the bare read + JSON.parse floor, measured in one run.
// Generates a ~100 MB Claude-format dataset from the real public fixtures, bundles the measurement with
// esbuild, then runs baseline and validator alternately in fresh processes and reports medians.
import { execFileSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "../../../../shared/fixtures/real");
const work = join(tmpdir(), "tunegate-bench");
mkdirSync(work, { recursive: true });
const TARGET_BYTES = Number(process.env.BENCH_BYTES ?? 100 * 1024 * 1024);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function generate(path) {
  const seeds = [
    "claude-cookbook-json-mode.jsonl",
    "bedrock-samples-tooluse-train.jsonl",
    "bedrock-samples-tooluse-test.jsonl",
  ]
    .flatMap((f) => readFileSync(join(fixtures, f), "utf8").split("\n").filter(Boolean))
    .map((l) => JSON.parse(l));
  const out = createWriteStream(path);
  let bytes = 0;
  for (let i = 0; bytes < TARGET_BYTES; i++) {
    const seed = seeds[i % seeds.length];
    // Every copy differs (a variant tag in the prompt), so duplicate and leakage maps fill as on real data.
    const record = {
      system: seed.system,
      messages: seed.messages.map((m, k) => (k === 0 ? { ...m, content: `${m.content} [variant ${i}]` } : m)),
    };
    const line = `${JSON.stringify(record)}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise((r) => out.once("drain", r));
  }
  await new Promise((r) => out.end(r));
}

const data = join(work, `claude-${TARGET_BYTES}.jsonl`);
if (!existsSync(data) || statSync(data).size < TARGET_BYTES) {
  process.stdout.write(`generating ${data} ... `);
  await generate(data);
  console.log("done");
}
const bundle = join(work, "measure.mjs");
await build({
  entryPoints: [join(here, "measure.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile: bundle,
  logLevel: "warning",
});

const run = (mode) =>
  JSON.parse(execFileSync(process.execPath, [bundle, mode, data], { encoding: "utf8" }).trim());
const results = { baseline: [], validate: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const mode of r % 2 === 0 ? ["baseline", "validate"] : ["validate", "baseline"])
    results[mode].push(run(mode));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const MB = 1024 * 1024;
const summary = Object.fromEntries(
  Object.entries(results).map(([mode, rs]) => {
    const seconds = median(rs.map((x) => x.seconds));
    return [
      mode,
      {
        seconds,
        mbPerSecond: rs[0].bytes / MB / seconds,
        peakRssMb: Math.max(...rs.map((x) => x.maxRssBytes)) / MB,
        records: rs[0].records,
      },
    ];
  }),
);
const ratio = summary.validate.mbPerSecond / summary.baseline.mbPerSecond;
const size = statSync(data).size / MB;
console.log(
  `\ndataset: ${size.toFixed(1)} MiB, ${summary.baseline.records.toLocaleString("en-US")} records (${ROUNDS} rounds, medians)`,
);
console.log(
  `baseline (read + JSON.parse per line): ${summary.baseline.mbPerSecond.toFixed(1)} MiB/s, peak RSS ${summary.baseline.peakRssMb.toFixed(0)} MiB`,
);
console.log(
  `validator (all checks on):             ${summary.validate.mbPerSecond.toFixed(1)} MiB/s, peak RSS ${summary.validate.peakRssMb.toFixed(0)} MiB`,
);
console.log(`ratio validator / baseline: ${ratio.toFixed(2)} (target >= 0.50)`);
const ok = ratio >= 0.5 && summary.validate.peakRssMb < 256;
console.log(ok ? "targets met" : "TARGETS MISSED (ratio >= 0.5 and peak RSS < 256 MiB)");
process.exitCode = ok ? 0 : 1;
