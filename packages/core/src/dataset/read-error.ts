import { UserError } from "../user-error";

/** A file that cannot be read at all (missing, a directory, no permission): bad input, not a finding. */
export class DatasetReadError extends UserError {
  override name = "DatasetReadError";
}
