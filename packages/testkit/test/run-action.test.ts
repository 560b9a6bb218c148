import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GitRepo, parseAnnotations, parseOutputFile, runAction, startS3 } from "../src/index";

describe("runAction runs a script as the GitHub runner does", () => {
  it("on Node 24, with inputs, event, outputs, summary and annotations", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tunegate-kit-"));
    const script = join(dir, "index.mjs");
    writeFileSync(
      script,
      `import { appendFileSync, readFileSync } from "node:fs";
const event = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, "utf8"));
appendFileSync(process.env.GITHUB_OUTPUT, "version=" + process.versions.node + "\\n");
appendFileSync(process.env.GITHUB_OUTPUT, "multi<<EOF_1\\nline 1\\nline 2\\nEOF_1\\n");
appendFileSync(process.env.GITHUB_OUTPUT, "input=" + process.env["INPUT_FAIL-ON"] + "\\n");
appendFileSync(process.env.GITHUB_STEP_SUMMARY, "# PR " + event.number);
console.log("::error file=data/a.jsonl,line=3,col=5,title=claude%3A x::bad%0Aline");`,
    );
    const run = await runAction({
      script,
      workspace: dir,
      inputs: { "fail-on": "warning" },
      event: { number: 7 },
    });
    expect(run.code).toBe(0);
    expect(run.outputs.version).toMatch(/^24\./);
    expect(run.outputs.multi).toBe("line 1\nline 2");
    expect(run.outputs.input).toBe("warning");
    expect(run.summary).toBe("# PR 7");
    expect(run.annotations).toEqual([
      {
        level: "error",
        properties: { file: "data/a.jsonl", line: "3", col: "5", title: "claude: x" },
        message: "bad\nline",
      },
    ]);
  });

  it("parses outputs and annotations", () => {
    expect(parseOutputFile("a=1\nb<<D\nx\ny\nD\n")).toEqual({ a: "1", b: "x\ny" });
    expect(parseAnnotations("noise\n::warning::w\n")).toEqual([
      { level: "warning", properties: {}, message: "w" },
    ]);
  });
});

describe("GitRepo and startS3", () => {
  it("commits, branches and merges", () => {
    const repo = new GitRepo();
    const base = repo.write({ "a.txt": "1" }).commit("base");
    repo.checkout("feature", true);
    const head = repo.write({ "a.txt": "2" }).commit("change");
    repo.checkout("main");
    const merge = repo.merge("feature");
    expect(new Set([base, head, merge]).size).toBe(3);
    expect(repo.git("show", `${merge}:a.txt`)).toBe("2");
    repo.dispose();
  });

  it("serves S3 on loopback", async () => {
    const s3 = await startS3({ buckets: ["my-bucket"] });
    const res = await fetch(`${s3.endpoint}/my-bucket`);
    expect(res.status).toBe(200);
    await s3.close();
  });
});
