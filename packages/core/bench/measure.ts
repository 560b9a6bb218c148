/**
 * One measurement in a fresh process, so peak RSS belongs to it alone:
 *   measure baseline FILE  - bare read + JSON.parse per line: the floor no validator can beat
 *   measure validate FILE  - the full validator, every check on, on the calling thread
 *   measure parallel FILE WORKER - the same, with line checks on worker threads (WORKER: bundled entry)
 *   measure convert FILE WORKER  - `tunegate convert` of FILE to Nova Lite, the output then validated
 *                                   with worker threads, as the CLI runs it
 * Prints one JSON line: { mode, seconds, cpuSeconds, bytes, records, maxRssBytes }. CPU time counts
 * every thread of the process; on a shared machine it is steadier than wall time.
 */
import { createReadStream, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { convertDataset } from "@tunegate/files";
import { resolveCatalog, resolveTarget, validateDatasets } from "../src/index";

async function baseline(path: string): Promise<number> {
  let records = 0;
  let carry: Buffer | undefined;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      const line = carry ? Buffer.concat([carry, chunk.subarray(0, nl)]) : chunk.subarray(start, nl);
      carry = undefined;
      if (line.length > 0) {
        JSON.parse(line.toString("utf8"));
        records++;
      }
      start = nl + 1;
    }
    if (start < chunk.length)
      carry = carry ? Buffer.concat([carry, chunk.subarray(start)]) : Buffer.from(chunk.subarray(start));
  }
  if (carry && carry.length > 0) {
    JSON.parse(carry.toString("utf8"));
    records++;
  }
  return records;
}

async function validate(path: string, worker?: string): Promise<number> {
  const model = resolveCatalog().get("anthropic.claude-3-haiku-20240307-v1:0:200k");
  const report = await validateDatasets([{ path, role: "train" }], {
    model,
    labelPattern: "^ROUTE: (\\S+)",
    ...(worker ? { parallel: { script: worker } } : {}),
  });
  return report.files[0]!.records;
}

async function convert(path: string, worker: string): Promise<number> {
  const output = join(tmpdir(), `tunegate-bench-convert-${process.pid}.jsonl`);
  const report = await convertDataset(path, output, {
    target: resolveTarget("amazon.nova-lite-v1:0:300k", resolveCatalog()),
    mapPath: `${output}.lines`,
    // A 100 MB file holds far more than Nova's 20,000 records; every other rule stays on.
    validate: { parallel: { script: worker }, severities: { "dataset/too-many-records": "off" } },
  });
  if (report.written !== report.records || report.validation!.summary.errors > 0)
    throw new Error(`the bench conversion was not clean: ${JSON.stringify(report.validation!.summary)}`);
  return report.records;
}

const [mode, path, worker] = process.argv.slice(2);
const needsWorker = mode === "parallel" || mode === "convert";
if (
  !["baseline", "validate", "parallel", "convert"].includes(mode ?? "") ||
  !path ||
  (needsWorker && !worker)
) {
  console.error("usage: measure baseline|validate FILE  |  measure parallel|convert FILE WORKER");
  process.exit(2);
}
const started = process.hrtime.bigint();
const records =
  mode === "baseline"
    ? await baseline(path)
    : mode === "convert"
      ? await convert(path, worker!)
      : await validate(path, mode === "parallel" ? worker : undefined);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const usage = process.resourceUsage();
const maxRssBytes = usage.maxRSS * 1024;
const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
console.log(JSON.stringify({ mode, seconds, cpuSeconds, bytes: statSync(path).size, records, maxRssBytes }));
