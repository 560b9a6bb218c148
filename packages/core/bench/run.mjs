// `npm run bench`: validator throughput against the bare read + JSON.parse floor, measured in one run.
// Generates a ~100 MB Claude-format dataset from the real public fixtures, bundles the measurement (and
// the dataset worker, as the CLI ships it) with esbuild, then runs the baseline and the validator on one
// thread and on worker threads in fresh processes, rotating the order each round, and reports medians.
import { execFileSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { nodeBundle } from "../../../scripts/esbuild-node.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "../../../../shared/fixtures/real");
const work = join(tmpdir(), "tunegate-bench");
mkdirSync(work, { recursive: true });
const TARGET_BYTES = Number(process.env.BENCH_BYTES ?? 100 * 1024 * 1024);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** The same records in OpenAI's chat format (the system prompt as the first message), for convert. */
const toOpenai = (record) => ({
  messages: [{ role: "system", content: record.system }, ...record.messages],
});

async function generate(path, shape = (r) => r) {
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
    // Every copy differs (a variant tag in the prompt), so the prompt map fills as on real data.
    const record = {
      system: seed.system,
      messages: seed.messages.map((m, k) => (k === 0 ? { ...m, content: `${m.content} [variant ${i}]` } : m)),
    };
    const line = `${JSON.stringify(shape(record))}\n`;
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
const openaiData = join(work, `openai-${TARGET_BYTES}.jsonl`);
if (!existsSync(openaiData) || statSync(openaiData).size < TARGET_BYTES) {
  process.stdout.write(`generating ${openaiData} ... `);
  await generate(openaiData, toOpenai);
  console.log("done");
}

const bundle = join(work, "measure.mjs");
const worker = join(work, "dataset-worker.mjs");
const bundleOptions = nodeBundle();
await build({ ...bundleOptions, entryPoints: [join(here, "measure.ts")], outfile: bundle });
await build({
  ...bundleOptions,
  stdin: {
    contents: 'import { runDatasetWorker } from "../src/dataset/worker-entry"; runDatasetWorker();',
    resolveDir: here,
    loader: "ts",
  },
  outfile: worker,
});

// convert-openai: the OpenAI-format file converted to Nova; its time is compared with validating the
// Claude file of the same records (validate cannot read OpenAI's format as such).
const modes = ["baseline", "validate", "parallel", "convert", "convert-openai"];
const run = (mode) => {
  const measure = mode === "convert-openai" ? "convert" : mode;
  const file = mode === "convert-openai" ? openaiData : data;
  const args = [bundle, measure, file, ...(mode === "parallel" || measure === "convert" ? [worker] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8" }).trim());
};
const results = Object.fromEntries(modes.map((m) => [m, []]));
for (let r = 0; r < ROUNDS; r++) {
  for (let k = 0; k < modes.length; k++) {
    const mode = modes[(k + r) % modes.length];
    results[mode].push(run(mode));
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const MB = 1024 * 1024;
const summary = Object.fromEntries(
  Object.entries(results).map(([mode, rs]) => {
    const seconds = median(rs.map((x) => x.seconds));
    const cpuSeconds = median(rs.map((x) => x.cpuSeconds));
    const peakRssMb = Math.max(...rs.map((x) => x.maxRssBytes)) / MB;
    const mbPerSecond = rs[0].bytes / MB / seconds;
    return [mode, { seconds, cpuSeconds, mbPerSecond, peakRssMb, records: rs[0].records }];
  }),
);
const ratio = summary.parallel.mbPerSecond / summary.baseline.mbPerSecond;
const serialRatio = summary.validate.mbPerSecond / summary.baseline.mbPerSecond;
const threads = Math.min(3, Math.max(1, availableParallelism() - 1));
const show = (label, s) =>
  console.log(
    `${label.padEnd(48)} ${s.mbPerSecond.toFixed(1).padStart(6)} MiB/s, peak RSS ${s.peakRssMb.toFixed(0)} MiB`,
  );
console.log(
  `\ndataset: ${(statSync(data).size / MB).toFixed(1)} MiB, ${summary.baseline.records.toLocaleString("en-US")} records; ` +
    `${availableParallelism()} cores; ${ROUNDS} rounds, medians`,
);
show("baseline: read + JSON.parse per line, 1 thread", summary.baseline);
show("validator, all checks, 1 thread", summary.validate);
show(`validator, all checks, main + ${threads} worker thread${threads === 1 ? "" : "s"}`, summary.parallel);
console.log(
  `ratio validator / baseline: ${ratio.toFixed(2)} with worker threads, ${serialRatio.toFixed(2)} on one thread (target >= 0.50)`,
);
show("convert to Nova Lite, then validate (worker threads)", summary.convert);
show("convert OpenAI format to Nova Lite, then validate", summary["convert-openai"]);
const convertRatio = summary.convert.seconds / summary.parallel.seconds;
const openaiRatio = summary["convert-openai"].seconds / summary.parallel.seconds;
const cpuRatio = (mode) => (summary[mode].cpuSeconds / summary.parallel.cpuSeconds).toFixed(2);
console.log(
  `ratio convert / validate (same records, worker threads), wall time: ${convertRatio.toFixed(2)} from Claude, ${openaiRatio.toFixed(2)} from OpenAI; ` +
    `CPU time: ${cpuRatio("convert")} and ${cpuRatio("convert-openai")} (target <= 2)`,
);
// Inputs shaped to be slow (see hostile.ts): each must take well under a second.
const hostile = join(work, "hostile.mjs");
await build({ ...bundleOptions, entryPoints: [join(here, "hostile.ts")], outfile: hostile });
const slow = [];
console.log("\nhostile inputs (target < 1 s each):");
for (const line of execFileSync(process.execPath, [hostile], { encoding: "utf8" }).trim().split("\n")) {
  const r = JSON.parse(line);
  console.log(`${r.case.padEnd(48)} ${r.seconds.toFixed(3).padStart(7)} s, ${r.reported} problems listed`);
  if (r.seconds >= 1) slow.push(r.case);
}
const peak = Math.max(
  summary.validate.peakRssMb,
  summary.parallel.peakRssMb,
  summary.convert.peakRssMb,
  summary["convert-openai"].peakRssMb,
);
const ok = ratio >= 0.5 && peak < 256 && convertRatio <= 2 && openaiRatio <= 2 && slow.length === 0;
console.log(
  ok
    ? "targets met"
    : "TARGETS MISSED (ratio >= 0.5, convert ratio <= 2, peak RSS < 256 MiB, hostile inputs < 1 s)",
);
process.exitCode = ok ? 0 : 1;
