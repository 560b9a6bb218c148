import { dirname, resolve } from "node:path";
import type { ResolvedConfig, ResolvedModel } from "@tunegate/core";
import { headOf, originRepository, uncommittedPaths } from "@tunegate/git";
import { type Io, UsageError } from "../io";

/** The repository tag a dry run shows when none is known: a valid owner/name that says why it is there. */
const DRY_RUN_REPOSITORY = "local-checkout/no-github-remote";

/**
 * The clone, commit and repository the jobs are tagged with. The datasets and tunegate.yml must be
 * committed (a job tagged with HEAD must train HEAD's data) unless `allowDirty`; a dry run, which tags
 * nothing, may go without a repository.
 */
export async function trainingSource(
  io: Io,
  o: {
    configPath: string;
    config: ResolvedConfig;
    models: readonly ResolvedModel[];
    allowDirty: boolean;
    dryRun: boolean;
  },
): Promise<{ top: string; commit: string; repository: string }> {
  const { configPath, config, models } = o;
  const git = await headOf(dirname(configPath)).catch(() => {
    throw new UsageError(
      "tunegate train tags each job with the commit its data comes from: run it inside a git clone with at least one commit.",
    );
  });
  const datasets = models.flatMap((m) => [m.training, m.validation].filter((p) => p !== undefined));
  const dirty = await uncommittedPaths(git.top, [
    configPath,
    ...datasets.map((p) => resolve(config.root, p)),
  ]);
  if (dirty.length > 0 && !o.allowDirty) {
    throw new UsageError(
      `${dirty.join(", ")} ${dirty.length === 1 ? "has" : "have"} uncommitted changes, but the job would be tagged with commit ${git.commit.slice(0, 7)}. Commit them first, or pass --allow-dirty.`,
    );
  }
  let repository = io.env.GITHUB_REPOSITORY ?? (await originRepository(git.top));
  if (!repository && o.dryRun) {
    // A dry run sends nothing, so nothing is tagged: show the request with a stand-in value and say so.
    repository = DRY_RUN_REPOSITORY;
    io.stderr.write(
      `note: no GitHub repository is known (no GITHUB_REPOSITORY, no GitHub remote "origin"); the request below tags the job with "${DRY_RUN_REPOSITORY}" instead. A real run needs one of them.\n`,
    );
  }
  if (!repository) {
    throw new UsageError(
      'No repository to tag the jobs with: set GITHUB_REPOSITORY=owner/name, or add the GitHub remote "origin".',
    );
  }

  return { ...git, repository };
}
