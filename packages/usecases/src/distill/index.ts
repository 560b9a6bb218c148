export type { DistillFailure } from "./output";
export {
  type DistillOptions,
  type DistillProgress,
  type DistillReport,
  distillDataset,
  distillPaths,
} from "./run";
