// from-report runs with a write token on files a fork's run produced. An artifact unpacked by a tool that
// restores links can hold a "report" that is a link to any file on the runner: the action reads only
// regular files inside the report folder, and refuses the rest before a byte of them is read or posted.
import { linkSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAction } from "@tunegate/testkit";
import { describe, expect, it } from "vitest";
import { ACTION, sha } from "./support";

const SECRET = "ghs_secretTokenValueFromTheRunner";
const head = sha(0xf00d);

/** A workspace with the report folder `artifact/`, and `outside/secret.txt` beside it. */
function workspace(): { root: string; artifact: string; secret: string } {
  const root = mkdtempSync(join(tmpdir(), "tunegate-from-report-"));
  const artifact = join(root, "artifact");
  mkdirSync(artifact);
  mkdirSync(join(root, "outside"));
  const secret = join(root, "outside", "secret.txt");
  writeFileSync(secret, `TOKEN=${SECRET}\n`);
  return { root, artifact, secret };
}

const reportJson = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ headSha: head, pullRequest: 3, markdownFile: "tunegate-report.md", ...extra });

async function post(root: string, env: Record<string, string> = {}) {
  // No GitHub is reachable: a refused file fails the step before any request.
  return runAction({
    script: ACTION,
    workspace: root,
    inputs: { "from-report": "artifact/tunegate-report.json", "github-token": "write-token" },
    eventName: "workflow_run",
    event: { workflow_run: { head_sha: head } },
    env,
  });
}

describe("from-report reads only regular files inside the report folder", () => {
  it("refuses a Markdown file that is a link to /proc/self/environ", async () => {
    const { root, artifact } = workspace();
    writeFileSync(join(artifact, "tunegate-report.json"), reportJson());
    symlinkSync("/proc/self/environ", join(artifact, "tunegate-report.md"));
    const run = await post(root, { TUNEGATE_SECRET: SECRET });
    expect(run.code).toBe(1);
    expect(run.annotations.map((a) => a.message).join("\n")).toContain(
      `${join("artifact", "tunegate-report.md")} is a symbolic link; from-report reads only regular files inside the report folder`,
    );
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  }, 200_000);

  it("refuses a Markdown file that is a relative link out of the folder", async () => {
    const { root, artifact } = workspace();
    writeFileSync(join(artifact, "tunegate-report.json"), reportJson());
    symlinkSync("../outside/secret.txt", join(artifact, "tunegate-report.md"));
    const run = await post(root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("is a symbolic link");
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  }, 200_000);

  it("refuses a report JSON that is itself a link", async () => {
    const { root, artifact } = workspace();
    const elsewhere = join(root, "outside", "report.json");
    writeFileSync(elsewhere, reportJson({ markdown: "posted from outside" }));
    symlinkSync(elsewhere, join(artifact, "tunegate-report.json"));
    const run = await post(root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${join("artifact", "tunegate-report.json")} is a symbolic link`);
  }, 200_000);

  it("refuses a hard link and a name that leaves the folder", async () => {
    const { root, artifact, secret } = workspace();
    writeFileSync(join(artifact, "tunegate-report.json"), reportJson());
    linkSync(secret, join(artifact, "tunegate-report.md"));
    const hard = await post(root);
    expect(hard.code).toBe(1);
    expect(hard.stdout).toContain("is a hard link to another file");
    expect(hard.stdout + hard.stderr).not.toContain(SECRET);

    writeFileSync(join(artifact, "tunegate-report.json"), reportJson({ markdownFile: ".." }));
    const up = await post(root);
    expect(up.code).toBe(1);
    expect(up.stdout).toContain("is not a file name");
  }, 200_000);
});
