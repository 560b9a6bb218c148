// Entry of the dataset worker thread, bundled as actions/dist/dataset-worker.js beside the actions'
// entries: validate and train check large unchanged datasets on several cores.
import { runDatasetWorker } from "@tunegate/files";

runDatasetWorker();
