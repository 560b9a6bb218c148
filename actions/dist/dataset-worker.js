import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  nodeDatasetIo,
  serveDatasetWorker
} from "./chunk-4RDVGVTU.js";
import "./chunk-NVIAX47T.js";
import "./chunk-KCCJD64M.js";

// packages/files/src/dataset-worker.ts
import { parentPort, workerData } from "node:worker_threads";
function runDatasetWorker() {
  const port = parentPort;
  if (!port) throw new Error("runDatasetWorker must run in a worker thread");
  serveDatasetWorker(
    {
      data: workerData,
      onMessage: (listener) => port.on("message", listener),
      post: (message, transfer) => port.postMessage(message, transfer)
    },
    nodeDatasetIo
  );
}

// actions/bundle/src/dataset-worker.ts
runDatasetWorker();
