// Entry of the dataset worker thread, bundled beside index.js: large unchanged datasets are checked on
// several cores.
import { runDatasetWorker } from "@tunegate/core/dataset-worker";

runDatasetWorker();
