import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  ConfigError,
  changedModels,
  type DiffFile,
  datasetsOf,
  type FailOn,
  type ModelReview,
  type ParallelOptions,
  type ParsedConfig,
  parseConfig,
  type ResolvedConfig,
  type ResolvedModel,
  type ReviewInput,
  repositoryName,
  reviewModel,
  settingChanges,
  VALIDATE_MARKER,
} from "@tunegate/core";
import { nodeDatasetIo, sha256File } from "@tunegate/files";
import type { ReviewChanges, ReviewGit, ReviewRun } from "./review-ports";

export interface ReviewOptions {
  run: ReviewRun;
  /** The head's config, loaded. */
  config: ParsedConfig;
  /** The config's path relative to the repository root. */
  configPath: string;
  all: boolean;
  failOn: FailOn;
  git: ReviewGit;
  /** The files a pull request changes; only asked for on a pull request. */
  changedFiles: (baseSha: string) => Promise<ReviewChanges>;
  parallel: ParallelOptions | undefined;
  /** Where base versions of datasets are extracted. */
  baseDir: string;
  log: (message: string) => void;
}

export interface Review {
  input: ReviewInput;
  reviews: ModelReview[];
  changes: ReviewChanges | undefined;
  /** Datasets the config names that the head lacks, by repository path. */
  missing: string[];
}

/**
 * Everything the review needs from the repository: which files the pull request changes (git, or the
 * API), the base branch's config and dataset versions (from git), and one review per affected model.
 */
export async function collectReview(options: ReviewOptions): Promise<Review> {
  const { run: context, config, log, git } = options;
  const { pr, workspace } = context;
  const notes: string[] = [];

  let changes: ReviewChanges | undefined;
  if (pr) {
    changes = await options.changedFiles(pr.baseSha);
    for (const note of changes.notes) log(note);
    log(`Files changed by #${pr.number} (${changes.source}): ${changes.files.length}`);
  } else {
    notes.push(
      `This run is not for a pull request (${context.eventName || "no event"}): every model is checked, and nothing is compared with a base branch.`,
    );
  }
  const changed = new Set((changes?.files ?? []).map((f) => f.path));

  // The base branch's config, to compare settings and find the base version of renamed datasets.
  let baseConfig: ResolvedConfig | undefined;
  let baseConfigKnown = false;
  if (pr && changes?.baseAvailable) {
    const text = await git.readFileInCommit(pr.baseSha, options.configPath);
    baseConfigKnown = true;
    if (text !== undefined) {
      try {
        baseConfig = parseConfig(text.replace(/^\uFEFF/, ""), {
          path: options.configPath,
          root: config.config.root,
        }).config;
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        log(
          `The base branch's ${options.configPath} cannot be used (${err.issues.length} problems): every model counts as changed.`,
        );
      }
    }
  } else if (pr) {
    notes.push("The base commit could not be read from git: records are not compared with the base branch.");
  }

  // Models the pull request affects: a changed dataset, or a changed setting.
  const byPaths = new Set(
    changes && !baseConfigKnown
      ? changedModels(config.config, [...changed], { repositoryRoot: workspace }).map((c) => c.model.name)
      : [],
  );
  const baseDir = options.baseDir;
  mkdirSync(baseDir, { recursive: true });
  const reviews: ModelReview[] = [];
  const untouched: string[] = [];
  const allMissing = new Set<string>();
  let extracted = 0;
  for (const model of config.config.models) {
    const base = baseConfig?.models.find((m) => m.name === model.name);
    const files = datasetFiles(model, base, config.config, baseConfig, workspace, changed, pr !== undefined);
    const settings = baseConfigKnown ? settingChanges(base, model) : [];
    const affected =
      pr === undefined || files.some((f) => f.changed) || settings.length > 0 || byPaths.has(model.name);
    if (!affected && !options.all) {
      untouched.push(model.name);
      continue;
    }
    // Base versions, streamed out of git into the runner's temp directory.
    const diffFiles: DiffFile[] = [];
    const missing: string[] = [];
    for (const f of files) {
      let basePath: string | undefined;
      if (f.changed && f.baseName !== undefined && pr && changes?.baseAvailable) {
        const target = join(baseDir, `${++extracted}.jsonl`);
        if (await git.extractFileFromCommit(pr.baseSha, f.baseName, target)) basePath = target;
      }
      const headExists = existsSync(f.headPath);
      if (!headExists) {
        missing.push(f.name);
        allMissing.add(f.name);
      }
      diffFiles.push({
        name: f.name,
        role: f.role,
        changed: f.changed,
        ...(headExists ? { head: f.headPath } : {}),
        ...(basePath ? { base: basePath } : {}),
      });
    }
    log(
      `Reviewing ${model.name}: ${diffFiles.map((f) => `${f.name}${f.changed ? " (changed)" : ""}`).join(", ")}`,
    );
    reviews.push(
      await reviewModel({
        head: model,
        io: nodeDatasetIo,
        ...(base ? { base } : {}),
        compare: pr !== undefined,
        files: diffFiles,
        missing,
        baseUnavailable: pr !== undefined && !changes?.baseAvailable,
        commit: pr?.headSha || context.sha,
        repository: context.repository,
        ...(pr ? { pullRequest: pr.number } : {}),
        ...(options.parallel ? { parallel: options.parallel } : {}),
        catalog: config.config.catalog,
        sha256File,
      }),
    );
  }

  const input: ReviewInput = {
    marker: VALIDATE_MARKER,
    repository: context.repository,
    serverUrl: context.serverUrl,
    headSha: pr?.headSha || context.sha,
    ...(pr ? { baseSha: pr.baseSha, pullRequest: pr.number } : {}),
    failOn: options.failOn,
    models: reviews.map((r) => r.reviewed),
    untouchedModels: untouched,
    ...(context.runUrl ? { runUrl: context.runUrl } : {}),
    notes: [...notes, ...warningNotes(options.configPath, config)],
  };
  return { input, reviews, changes, missing: [...allMissing] };
}

/** Config warnings as notes, one per message: the same warning for five models is one note with five lines. */
function warningNotes(configPath: string, config: ParsedConfig): string[] {
  const lines = new Map<string, number[]>();
  for (const w of config.warnings) {
    // A base model's lifecycle has its own callout in the comment, with what to do.
    if (w.topic === "lifecycle") continue;
    lines.set(w.message, [...(lines.get(w.message) ?? []), w.line]);
  }
  return [...lines].map(([message, at]) => `${configPath}:${at.join(", ")}: ${message}`);
}

interface ModelFile {
  /** Repository path of the head version. */
  name: string;
  role: DiffFile["role"];
  headPath: string;
  /** Repository path of the base version: the base config's path for the same role. */
  baseName: string | undefined;
  changed: boolean;
}

function datasetFiles(
  model: ResolvedModel,
  base: ResolvedModel | undefined,
  config: ResolvedConfig,
  baseConfig: ResolvedConfig | undefined,
  workspace: string,
  changed: ReadonlySet<string>,
  isPullRequest: boolean,
): ModelFile[] {
  const baseFiles = base && baseConfig ? datasetsOf(base, baseConfig.root) : [];
  return datasetsOf(model, config.root).map((f) => {
    const name = repositoryName(workspace, f.path);
    const before = baseFiles.find((b) => b.role === f.role);
    // Without a base config (a new model, or none readable) the base version is the same path's.
    const baseName = before ? repositoryName(workspace, before.path) : baseConfig ? undefined : name;
    return {
      name,
      role: f.role,
      headPath: f.path,
      baseName,
      changed: isPullRequest && (changed.has(name) || baseName !== name),
    };
  });
}
