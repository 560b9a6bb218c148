/**
 * One measurement in a fresh process, so peak RSS belongs to it alone:
 *   measure validate FILE WORKER [CORES] - the full validator, every check on, on CORES cores: the
 *                                          calling thread and CORES - 1 worker threads (WORKER: the
 *                                          bundled entry), whatever the file's size; default as the
 *                                          CLI runs it
 *   measure convert FILE WORKER           - `tunegate convert` of FILE to Nova Lite, the output then
 *                                          validated with worker threads, as the CLI runs it
 * Prints one JSON line: { mode, seconds, cpuSeconds, bytes, records, maxRssBytes }. CPU time counts
 * every thread of the process; on a shared machine it is steadier than wall time.
 */
import { statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { convertDataset, nodeDatasetIo as io } from "@tunegate/files";
import { resolveCatalog, resolveTarget, validateDatasets } from "../src/index";

async function validate(path: string, worker: string, cores: number | undefined): Promise<number> {
  const model = resolveCatalog().get("anthropic.claude-3-haiku-20240307-v1:0:200k");
  const parallel =
    cores === undefined
      ? { script: worker }
      : cores > 1
        ? { script: worker, threads: cores - 1, minBytes: 0 }
        : undefined;
  const report = await validateDatasets([{ path, role: "train" }], {
    model,
    io,
    labelPattern: "^ROUTE: (\\S+)",
    ...(parallel ? { parallel } : {}),
  });
  return report.files[0]!.records;
}

async function convert(path: string, worker: string): Promise<number> {
  const output = join(tmpdir(), `tunegate-bench-convert-${process.pid}.jsonl`);
  const report = await convertDataset(path, output, {
    target: resolveTarget("amazon.nova-lite-v1:0:300k", resolveCatalog()),
    mapPath: `${output}.lines`,
    // A 50 MiB file holds more than Nova's 20,000 records; every other rule stays on.
    validate: { parallel: { script: worker }, severities: { "dataset/too-many-records": "off" } },
  });
  if (report.written !== report.records || report.validation!.summary.errors > 0)
    throw new Error(`the bench conversion was not clean: ${JSON.stringify(report.validation!.summary)}`);
  return report.records;
}

const [mode, path, worker, cores] = process.argv.slice(2);
if (!["validate", "convert"].includes(mode ?? "") || !path || !worker) {
  console.error("usage: measure validate FILE WORKER [CORES]  |  measure convert FILE WORKER");
  process.exit(2);
}
const started = process.hrtime.bigint();
const records =
  mode === "convert"
    ? await convert(path, worker)
    : await validate(path, worker, cores === undefined ? undefined : Number(cores));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const usage = process.resourceUsage();
const maxRssBytes = usage.maxRSS * 1024;
const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
console.log(JSON.stringify({ mode, seconds, cpuSeconds, bytes: statSync(path).size, records, maxRssBytes }));
