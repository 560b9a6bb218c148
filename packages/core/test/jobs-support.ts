import type { PlanJobInput, PlannableModel } from "../src/index";
import { HAIKU } from "./support";

export const SHA_TRAIN = "a".repeat(64);
export const SHA_VALID = "b".repeat(64);
export const COMMIT = "0123456789abcdef0123456789abcdef01234567";

export function haikuModel(overrides: Partial<PlannableModel> = {}): PlannableModel {
  return {
    name: "support-router",
    baseModel: HAIKU,
    region: "us-west-2",
    hyperparameters: { epochCount: "3" },
    s3: { bucket: "acme-datasets", prefix: "tunegate/" },
    roleArn: "arn:aws:iam::123456789012:role/TunegateBedrock",
    tags: { team: "support" },
    ...overrides,
  };
}

export function planInput(overrides: Partial<PlanJobInput> = {}): PlanJobInput {
  return {
    model: haikuModel(),
    datasets: { train: { sha256: SHA_TRAIN, bytes: 1000 }, validation: { sha256: SHA_VALID, bytes: 200 } },
    commit: COMMIT,
    repository: "acme/data",
    pullRequest: 7,
    ...overrides,
  };
}
