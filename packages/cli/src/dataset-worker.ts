// Entry of the dataset worker thread, bundled beside cli.js: large files are checked on several cores.
import { runDatasetWorker } from "@tunegate/files";

runDatasetWorker();
