import { sha256Hex } from "../sha256";

/**
 * Names of a training job, derived only from what determines it, so that running the same step twice
 * computes the same names and the service (or a lookup) recognises the job as already started.
 *
 *   jobName          tunegate-<model>-<commit7>-<key12>[-a<attempt>]
 *   customModelName  the same (its pattern is the stricter of the two: letters, digits, single - or _)
 *   clientRequestToken  tunegate-<sha256(model, commit, training key, attempt)[0:40]>
 *
 * `key12` starts the training key: a digest of what makes the trained model what it is (model, base
 * model, Region, dataset hashes, effective hyperparameters), without the commit. Finding a job by it
 * finds the same training pushed at another commit too. `<model>` is a readable slug of the model name,
 * cut to fit the 63-character limits; the full name is inside the key, so a cut cannot merge two models.
 */

export const NAME_PREFIX = "tunegate";
const MAX_NAME = 63;
const KEY_CHARS = 12;
const COMMIT_CHARS = 7;
/** Room kept for the longest attempt suffix tunegate writes ("-a999"). */
const ATTEMPT_ROOM = 5;
export const MAX_ATTEMPT = 999;

/** Letters and digits of `name`, other runs of characters as one "-": valid in every Bedrock name. */
export function nameSlug(name: string, maxLength: number): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[^a-zA-Z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/, "");
  return slug === "" ? "model" : slug;
}

export interface JobNames {
  jobName: string;
  customModelName: string;
  clientRequestToken: string;
}

export interface JobNameInput {
  model: string;
  /** Commit SHA (hex, at least 7 characters). */
  commit: string;
  /** 64-hex training key (see `trainingKey`). */
  trainingKey: string;
  /** 1 for the first job of this training; a retry after a failed or stopped job counts up. */
  attempt: number;
}

export function jobNames({ model, commit, trainingKey, attempt }: JobNameInput): JobNames {
  if (!/^[0-9a-f]{7,}$/.test(commit)) {
    throw new Error(
      `commit must be a lowercase hex SHA of at least 7 characters, got ${JSON.stringify(commit)}`,
    );
  }
  if (!/^[0-9a-f]{64}$/.test(trainingKey)) throw new Error("trainingKey must be 64 lowercase hex characters");
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > MAX_ATTEMPT) {
    throw new Error(`attempt must be an integer from 1 to ${MAX_ATTEMPT}, got ${attempt}`);
  }
  const tail = `-${commit.slice(0, COMMIT_CHARS)}-${keyFragment(trainingKey)}${attempt > 1 ? `-a${attempt}` : ""}`;
  const room = MAX_NAME - NAME_PREFIX.length - 1 - (COMMIT_CHARS + KEY_CHARS + 2) - ATTEMPT_ROOM;
  const name = `${NAME_PREFIX}-${nameSlug(model, room)}${tail}`;
  const token = sha256Hex(JSON.stringify(["tunegate-job", model, commit, trainingKey, attempt])).slice(0, 40);
  return { jobName: name, customModelName: name, clientRequestToken: `${NAME_PREFIX}-${token}` };
}

/** The part of every job name of one training that no other training shares (for a name search). */
export function keyFragment(trainingKey: string): string {
  return trainingKey.slice(0, KEY_CHARS);
}

export interface ParsedJobName {
  slug: string;
  commit7: string;
  keyFragment: string;
  attempt: number;
}

const JOB_NAME = /^tunegate-([a-zA-Z0-9-]+)-([0-9a-f]{7})-([0-9a-f]{12})(?:-a([0-9]{1,3}))?$/;

/** The parts of a job name `jobNames` made; undefined for any other name. */
export function parseJobName(name: string): ParsedJobName | undefined {
  const m = JOB_NAME.exec(name);
  if (!m) return undefined;
  return { slug: m[1]!, commit7: m[2]!, keyFragment: m[3]!, attempt: m[4] === undefined ? 1 : Number(m[4]) };
}

/** Sorted keys at every level, so equal values always hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export interface TrainingKeyInput {
  model: string;
  baseModelId: string;
  region: string;
  customizationType: string;
  trainingSha256: string;
  validationSha256?: string | undefined;
  /** Effective values: the catalog's defaults with the configured values over them. */
  hyperparameters: Readonly<Record<string, string>>;
  /** RFT's grader and hyperparameters, or distillation's teacher: a new grader is a new training. */
  customizationConfig?: unknown;
}

/** SHA-256 (hex) of what determines the trained model; the commit, tags and S3 location are left out. */
export function trainingKey(input: TrainingKeyInput): string {
  return sha256Hex(canonicalJson({ v: 1, ...input }));
}
