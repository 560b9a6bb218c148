import { existsSync } from "node:fs";
import { resolve } from "node:path";
import {
  builtInCatalog,
  CatalogError,
  type ConvertReport,
  type ConvertTarget,
  resolveTarget,
  type SourceFormat,
  TARGET_NAMES,
  UserError,
  type ValidateOptions,
} from "@tunegate/core";
import { convertDataset } from "@tunegate/files";
import { type MediaUploads, mediaUploads, parseMediaPrefix } from "./convert-media";

export interface ConvertRequest {
  /** The dataset as the user named it, relative to `cwd`. */
  input: string;
  /** A format name or a base model id (see TARGET_NAMES). */
  to: string;
  /** Where to write; default `<input>.<format>.jsonl` beside the input. */
  output?: string | undefined;
  /** Where to write the line map; default `<output>.lines`. */
  map?: string | undefined;
  from?: SourceFormat | undefined;
  lossy: boolean;
  /** `s3://bucket/prefix/` to upload inline images to. */
  uploadMedia?: string | undefined;
  /** With `uploadMedia`: plan the uploads, send nothing. */
  dryRun: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  validate?: Pick<ValidateOptions, "parallel">;
}

export interface ConvertPorts {
  /** How a path the user gave is named in reports. */
  name(path: string): string;
}

export interface ConvertResult {
  report: ConvertReport;
  /** The output and the line map as given or defaulted (relative to `cwd`). */
  output: string;
  map: string;
  /** What the media upload sent, found, or (dry run) planned. */
  uploads?: MediaUploads;
  /** A record was left out, or the output has an error under the target's rules. */
  failed: boolean;
}

const SUFFIX: Record<ConvertTarget["format"], string> = {
  "openai-chat": "openai",
  "claude-messages": "claude",
  "bedrock-conversation-2024": "converse",
  "prompt-completion": "prompt-completion",
  "rft-chat": "rft",
};

/**
 * `tunegate convert`: one dataset into another format, checked under the target model's rules, with
 * inline images uploaded to S3 when asked. Every request mistake (unknown target, missing input, an
 * output over the input, media for a target that reads none) is a UserError before anything is written.
 */
export async function convertDatasetFile(
  request: ConvertRequest,
  ports: ConvertPorts,
): Promise<ConvertResult> {
  let target: ConvertTarget;
  try {
    target = resolveTarget(request.to, builtInCatalog());
  } catch (err) {
    if (err instanceof CatalogError)
      throw new UserError(
        `--to "${request.to}" is neither a format (${TARGET_NAMES.join(", ")}) nor a known base model: ${err.message}`,
      );
    throw err;
  }
  const input = resolve(request.cwd, request.input);
  if (!existsSync(input)) throw new UserError(`Cannot read ${request.input}: no such file.`);
  const outArg = request.output ?? `${request.input.replace(/\.jsonl$/, "")}.${SUFFIX[target.format]}.jsonl`;
  const output = resolve(request.cwd, outArg);
  if (output === input) throw new UserError("The output would overwrite the input; give another -o.");
  const mapArg = request.map ?? `${outArg}.lines`;
  const mediaArg = request.uploadMedia;
  if (request.dryRun && mediaArg === undefined)
    throw new UserError(
      "--dry-run plans the uploads of --upload-media; give --upload-media s3://bucket/prefix/.",
    );
  let uploads: MediaUploads | undefined;
  if (mediaArg !== undefined) {
    if (target.format !== "bedrock-conversation-2024" || !target.support.images)
      throw new UserError(
        `--upload-media is for targets that read images from S3; ${target.model?.name ?? target.format} does not.`,
      );
    uploads = mediaUploads(parseMediaPrefix(mediaArg), { dryRun: request.dryRun, env: request.env });
  }

  let report: ConvertReport;
  try {
    report = await convertDataset(input, output, {
      target,
      ...(request.from === undefined ? {} : { from: request.from }),
      lossy: request.lossy,
      mapPath: resolve(request.cwd, mapArg),
      outputName: ports.name(outArg),
      ...(request.validate ? { validate: request.validate } : {}),
      ...(uploads ? { media: uploads.sink } : {}),
    });
  } finally {
    uploads?.close();
  }
  const left = report.records - report.written;
  return {
    report,
    output: outArg,
    map: mapArg,
    ...(uploads ? { uploads } : {}),
    failed: left > 0 || (report.validation?.summary.errors ?? 0) > 0,
  };
}
