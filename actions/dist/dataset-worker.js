import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  runDatasetWorker
} from "./chunk-PGTMKLHU.js";
import "./chunk-KCCJD64M.js";

// src/dataset-worker.ts
runDatasetWorker();
