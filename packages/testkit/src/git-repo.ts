import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A throwaway git repository for end-to-end tests: write files, commit, branch, merge. */
export class GitRepo {
  readonly dir: string;

  constructor(dir = mkdtempSync(join(tmpdir(), "tunegate-repo-"))) {
    this.dir = dir;
    this.git("init", "-q", "-b", "main");
    this.git("config", "user.name", "Dataset Author");
    this.git("config", "user.email", "author@example.invalid");
    this.git("config", "commit.gpgsign", "false");
  }

  git(...args: string[]): string {
    return execFileSync("git", args, { cwd: this.dir, encoding: "utf8" }).trim();
  }

  write(files: Record<string, string | Buffer>): this {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
    return this;
  }

  remove(...paths: string[]): this {
    for (const p of paths) rmSync(join(this.dir, p), { force: true });
    return this;
  }

  /** Commits everything and returns the commit's SHA. */
  commit(message: string): string {
    this.git("add", "-A");
    this.git("commit", "-q", "--allow-empty", "-m", message);
    return this.head();
  }

  head(): string {
    return this.git("rev-parse", "HEAD");
  }

  checkout(ref: string, create = false): this {
    if (create) this.git("checkout", "-q", "-b", ref);
    else this.git("checkout", "-q", ref);
    return this;
  }

  /** Merges `branch` into the current branch with a merge commit; returns its SHA. */
  merge(branch: string, message = `Merge ${branch}`): string {
    this.git("merge", "-q", "--no-ff", "-m", message, branch);
    return this.head();
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
