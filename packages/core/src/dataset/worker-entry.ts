import { parentPort, workerData } from "node:worker_threads";
import { LineChecker, type LineCheckerOptions } from "./line-checker";
import type { BatchRequest } from "./worker-pool";

/**
 * The body of a dataset worker thread. An entry point bundles a file that calls this (and nothing
 * else), and passes its path as `ValidateOptions.parallel.script`.
 */
export function runDatasetWorker(): void {
  const port = parentPort;
  if (!port) throw new Error("runDatasetWorker must run in a worker thread");
  const checker = new LineChecker(workerData as LineCheckerOptions);
  port.on("message", (req: BatchRequest) => {
    try {
      const bytes = Buffer.from(
        req.batch.bytes.buffer,
        req.batch.bytes.byteOffset,
        req.batch.bytes.byteLength,
      );
      const result = checker.checkBatch({ ...req.batch, bytes }, req.options);
      const r = result.records;
      port.postMessage({ id: req.id, result }, [
        r.line.buffer,
        r.offset.buffer,
        r.length.buffer,
        r.chars.buffer,
        r.turns.buffer,
        r.hasSystem.buffer,
        r.media.buffer,
        r.promptKey.buffer,
      ] as ArrayBuffer[]);
    } catch (err) {
      port.postMessage({
        id: req.id,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      });
    }
  });
}
