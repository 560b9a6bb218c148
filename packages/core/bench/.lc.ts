import { readFileSync } from "node:fs";
import { nodeDatasetIo as io } from "@tunegate/files";
import { LineChecker } from "../src/dataset/line-checker";
import { resolveCatalog } from "../src/index";
const file = readFileSync(process.argv[2]!);
const model = resolveCatalog().get(process.argv[3] ?? "anthropic.claude-3-haiku-20240307-v1:0:200k");
const checker = new LineChecker({ model, labelPattern: "^ROUTE: (\\S+)" }, io);
const batches: Buffer[] = [];
for (let at = 0; at < file.length; ) { let end = file.lastIndexOf(10, Math.min(file.length, at + (1 << 20))); if (end <= at) end = file.length; batches.push(file.subarray(at, end + 1)); at = end + 1; }
for (let rep = 0; rep < Number(process.argv[4] ?? 3); rep++) {
  const t = process.hrtime.bigint(); let n = 0;
  for (const b of batches) n += checker.checkBatch({ bytes: b, firstLine: 1, offset: 0 }, {}).records.count;
  console.log(`rep ${rep}: ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(0)} ms, ${n} records`);
}
