import { parentPort, workerData } from "node:worker_threads";
import { serveDatasetWorker } from "@tunegate/core";
import { nodeDatasetIo } from "./dataset-io";

/**
 * The body of a dataset worker thread. An entry point bundles a file that calls this (and nothing
 * else), and passes its path as `ValidateOptions.parallel.script`.
 */
export function runDatasetWorker(): void {
  const port = parentPort;
  if (!port) throw new Error("runDatasetWorker must run in a worker thread");
  serveDatasetWorker(
    {
      data: workerData,
      onMessage: (listener) => port.on("message", listener),
      post: (message, transfer) => port.postMessage(message, transfer),
    },
    nodeDatasetIo,
  );
}
