/** A file that cannot be read at all (missing, a directory, no permission): bad input, not a finding. */
export class DatasetReadError extends Error {
  override name = "DatasetReadError";
}
