// The engine as the entry points run it: core's functions with the I/O edge on disk (nodeDatasetIo of
// @tunegate/files) passed in, so a test states only what it checks.
import { nodeDatasetIo } from "@tunegate/files";
import * as core from "../src/index";

export const io = nodeDatasetIo;

export function validateDatasets(
  files: readonly core.DatasetFile[],
  options: Omit<core.ValidateOptions, "io">,
): Promise<core.ValidationReport> {
  return core.validateDatasets(files, { io, ...options });
}

export function readEvalSet(
  path: string,
  options: Omit<core.ReadEvalSetOptions, "io">,
): Promise<core.EvalSet> {
  return core.readEvalSet(path, { io, ...options });
}

export function diffDatasets(
  files: readonly core.DiffFile[],
  options: Omit<core.DiffDatasetsOptions, "validate"> & {
    validate: Omit<core.DiffDatasetsOptions["validate"], "io">;
  },
): Promise<core.DatasetsReview> {
  return core.diffDatasets(files, { ...options, validate: { io, ...options.validate } });
}

export function reviewModel(input: Omit<core.ModelReviewInput, "io">): Promise<core.ModelReview> {
  return core.reviewModel({ io, ...input });
}
