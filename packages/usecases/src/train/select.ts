import { dirname, isAbsolute, resolve } from "node:path";
import type { BedrockClient } from "@aws-sdk/client-bedrock";
import {
  changedModels,
  modelFingerprint,
  parseConfig,
  type ResolvedConfig,
  repositoryName,
} from "@tunegate/core";
import { isAncestor, pathsChangedSince, readTextAt } from "@tunegate/git";
import type { Log } from "../ports";
import { type CompareCommits, changedPaths } from "./changed-paths";
import { lastTrainedCommits } from "./last-trained";

/**
 * The models whose datasets or settings changed since `base` (a revision: the push's earlier head, the
 * pushed commit's parent, or the commit a model was last trained on). A changed dataset selects its
 * model. A changed config file selects the models whose settings differ from the config at `base`
 * (compared by `modelFingerprint`), and new models; when that config cannot be read from git, every model.
 * Selecting too many costs nothing: a model whose data and settings did not change plans the same
 * training key, so the existing job is reported and no second one starts.
 */
export async function modelsChangedBy(
  config: ResolvedConfig,
  paths: readonly string[],
  workspace: string,
  base: string,
): Promise<{ names: string[]; note?: string }> {
  const changed = changedModels(config, paths, { repositoryRoot: workspace });
  if (!changed.some((c) => c.configChanged)) return { names: changed.map((c) => c.model.name) };
  const parent = await configAt(config, workspace, base);
  if (!parent) {
    return {
      names: changed.map((c) => c.model.name),
      note: "tunegate.yml changed and its previous version could not be read from git: every model counts as changed.",
    };
  }
  const before = new Map(parent.models.map((m) => [m.name, modelFingerprint(m)]));
  const names = changed
    .filter((c) => {
      const datasetChanged = c.paths.length > 1 || !c.configChanged;
      return datasetChanged || before.get(c.model.name) !== modelFingerprint(c.model);
    })
    .map((c) => c.model.name);
  return { names };
}

/** The config as it was at revision `base`, resolved the same way; undefined if unknown. */
async function configAt(
  config: ResolvedConfig,
  workspace: string,
  base: string,
): Promise<ResolvedConfig | undefined> {
  const absolute = isAbsolute(config.path) ? config.path : resolve(workspace, config.path);
  const text = await readTextAt(workspace, base, repositoryName(workspace, absolute));
  if (text === undefined) return undefined;
  try {
    return parseConfig(text, { path: config.path, root: dirname(absolute) }).config;
  } catch {
    // A config at `base` that no longer parses says nothing about what changed.
    return undefined;
  }
}

export interface PushSelection {
  config: ResolvedConfig;
  workspace: string;
  /** The pushed commit, and the branch head before the push (the event's `before`). */
  sha: string;
  before?: string | undefined;
  /** This repository's name, as its jobs are tagged. */
  repository: string;
  compare?: CompareCommits | undefined;
  /** Bedrock per Region, to read which commits were trained; absent: only this push's changes count. */
  bedrock?: ((region: string) => BedrockClient) | undefined;
  log: Log;
}

/**
 * The models whose datasets or settings changed in this push, plus any that changed since the commit
 * they were last trained on: a run that was skipped or cancelled (a concurrency group keeps only the
 * newest queued run) is caught up by the next one. A model never trained is compared with the newest
 * commit any of this repository's models was trained on. Models whose data and settings did not change
 * plan the training key of their existing job, which is reported, not started again.
 */
export async function modelsChangedInPush(s: PushSelection): Promise<string[]> {
  const { config, workspace, sha, log } = s;
  const changed = await changedPaths({ workspace, sha, before: s.before, compare: s.compare });
  log.info(`Changed files (${changed.source}): ${changed.paths.length}`);
  const selected = await modelsChangedBy(config, changed.paths, workspace, changed.base);
  if (selected.note) log.info(selected.note);
  const names = new Set(selected.names);
  if (!s.bedrock) {
    log.info("Dry run: the models this push changed, without looking up what earlier runs trained.");
    return [...names];
  }

  let last: Awaited<ReturnType<typeof lastTrainedCommits>>;
  try {
    const clients = new Map(config.models.map((m) => [m.region, s.bedrock!(m.region)]));
    last = await lastTrainedCommits(clients, s.repository);
  } catch (error) {
    log.warning(
      `Could not read which commits the models were last trained on (${(error as Error).message}); only this push's changes count, so a model changed by a skipped or cancelled run is not caught up.`,
    );
    return [...names];
  }
  let floor: string | undefined;
  for (const commit of last.commits) {
    // A re-run of a merge finds it trained at this very commit, its own ancestor: asking git would only
    // cost a process (and were `sha` missing from the checkout, a floor at `sha` skips the same models
    // as no floor).
    if (commit === sha || (await isAncestor(workspace, commit, sha))) {
      floor = commit;
      break;
    }
  }
  const bases = new Map<string, string[]>();
  for (const m of config.models) {
    if (names.has(m.name)) continue;
    const base = last.byModel.get(m.name) ?? floor;
    if (!base || base === sha) continue;
    bases.set(base, [...(bases.get(base) ?? []), m.name]);
  }
  for (const [base, models] of bases) {
    const paths = await pathsChangedSince(workspace, base, sha);
    if (!paths) {
      log.info(
        `${models.join(", ")}: last trained at ${base.slice(0, 7)}, which is not in this checkout's history; changes since then are not looked for (check out with fetch-depth: 0 to catch up skipped runs).`,
      );
      continue;
    }
    const since = await modelsChangedBy(config, paths, workspace, base);
    for (const name of since.names.filter((n) => models.includes(n))) {
      log.info(`${name}: changed since ${base.slice(0, 7)}, the commit it was last trained on; catching up.`);
      names.add(name);
    }
  }
  return config.models.map((m) => m.name).filter((n) => names.has(n));
}
