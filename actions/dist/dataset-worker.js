import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  runDatasetWorker
} from "./chunk-O5VWGFNK.js";
import "./chunk-KCCJD64M.js";

// actions/bundle/src/dataset-worker.ts
runDatasetWorker();
