import { existsSync } from "node:fs";
import type { ParallelOptions } from "@tunegate/core";

/**
 * The worker bundle shipped beside the CLI bundle (dist/dataset-worker.js), as a validate option.
 * Run from source, as in unit tests, there is none and files are checked on the calling thread.
 */
export function parallelOption(): { parallel?: ParallelOptions } {
  const script = new URL("./dataset-worker.js", import.meta.url);
  return existsSync(script) ? { parallel: { script } } : {};
}
