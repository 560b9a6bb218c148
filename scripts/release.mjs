// `npm run release` (the publish step of .github/workflows/release.yml): tags the version the
// changesets applied. Users run the actions from tags, so a release is: the committed bundles match the
// source, `vX.Y.Z` points at this commit, and the major tag `vX` is moved to it. Nothing is published
// to npm (every package is private). Idempotent: when `vX.Y.Z` exists, it does nothing.
//
//   node scripts/release.mjs [--dry-run]     (REMOTE=origin by default)
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dryRun = process.argv.includes("--dry-run");
const remote = process.env.REMOTE ?? "origin";
const run = (cmd, args, options = {}) =>
  (
    execFileSync(cmd, args, {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      ...options,
    }) ?? ""
  ).trim();
const act = (cmd, args) => {
  console.log(`${dryRun ? "would run" : "run"}: ${cmd} ${args.join(" ")}`);
  if (!dryRun) execFileSync(cmd, args, { cwd: root, stdio: "inherit" });
};

// The CLI and the actions share one version (a fixed group in .changeset/config.json).
const version = JSON.parse(readFileSync(join(root, "packages/cli/package.json"), "utf8")).version;
for (const action of ["validate", "train", "report"]) {
  const v = JSON.parse(readFileSync(join(root, "actions", action, "package.json"), "utf8")).version;
  if (v !== version)
    throw new Error(`actions/${action} is at ${v}, the CLI at ${version}: they release together`);
}
const tag = `v${version}`;
const major = `v${version.split(".")[0]}`;

run("git", ["fetch", "--quiet", "--tags", "--force", remote]);
if (run("git", ["tag", "--list", tag]) === tag) {
  console.log(`${tag} is already released; nothing to do.`);
  process.exit(0);
}

// The bundles users run must be the ones built from this commit's source.
run("npx", ["turbo", "run", "build", "--filter=./actions/*"], { stdio: ["ignore", "inherit", "inherit"] });
// Porcelain status also lists chunks a fresh build adds, which `git diff` would not show.
if (run("git", ["status", "--porcelain", "--", "actions/dist"]) !== "") {
  throw new Error(
    "The committed bundles differ from a fresh build: run `npm run build` and commit actions/dist",
  );
}

act("git", ["tag", "--annotate", tag, "--message", `tunegate ${tag}`]);
act("git", ["tag", "--force", "--annotate", major, "--message", `tunegate ${tag} (latest ${major})`]);
act("git", ["push", remote, `refs/tags/${tag}`]);
act("git", ["push", "--force", remote, `refs/tags/${major}`]);

// A GitHub release with this version's changelog, when the gh CLI and a token are there (in Actions).
if (process.env.GH_TOKEN || process.env.GITHUB_TOKEN) {
  const changelog = readFileSync(join(root, "packages/cli/CHANGELOG.md"), "utf8");
  const section = changelog.split(/^## /m).find((s) => s.startsWith(`${version}\n`)) ?? `${version}\n`;
  act("gh", [
    "release",
    "create",
    tag,
    "--title",
    `tunegate ${tag}`,
    "--notes",
    section.slice(version.length).trim(),
  ]);
}
// changesets/action reads "New tag:" lines to set its `published` output.
console.log(`New tag: ${tag}`);
