import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  runDatasetWorker
} from "./chunk-OWEKZT5N.js";
import "./chunk-KCCJD64M.js";

// actions/bundle/src/dataset-worker.ts
runDatasetWorker();
