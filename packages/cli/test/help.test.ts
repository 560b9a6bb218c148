import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { tunegate } from "./run";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

describe("tunegate help and version", () => {
  it("--version prints the package version", async () => {
    for (const flag of ["--version", "-v"]) {
      const r = await tunegate([flag]);
      expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
    }
  });

  it("--help lists every command with examples", async () => {
    const r = await tunegate(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: tunegate <command> [options]");
    expect(r.stdout).toMatch(/^ {2}validate +Check datasets/m);
    expect(r.stdout).toMatch(/^ {2}stats +Show records/m);
    expect(r.stdout).toContain("Examples:\n  tunegate validate train:data/train.jsonl");
    expect((await tunegate(["-h"])).stdout).toBe(r.stdout);
  });

  it.each([
    ["validate", "Usage: tunegate validate <files...> [options]", "--severity RULE=LEVEL"],
    ["stats", "Usage: tunegate stats <file> [options]", "--epochs N"],
    ["train", "Usage: tunegate train [options]", "--dry-run"],
    ["status", "Usage: tunegate status [JOB] [options]", "--repository OWNER/NAME"],
  ])("%s --help, -h and `help <command>` print the help with examples", async (command, usage, option) => {
    const long = await tunegate([command, "--help"]);
    expect(long.code).toBe(0);
    expect(long.stderr).toBe("");
    expect(long.stdout.startsWith(usage)).toBe(true);
    expect(long.stdout).toContain(option);
    expect(long.stdout).toMatch(/Examples:\n {2}tunegate /);
    expect((await tunegate([command, "-h"])).stdout).toBe(long.stdout);
    expect((await tunegate(["help", command])).stdout).toBe(long.stdout);
  });

  it("no command prints the help on stderr and exits 2; an unknown command exits 2", async () => {
    const none = await tunegate([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe("");
    expect(none.stderr).toContain("Usage: tunegate <command>");
    const unknown = await tunegate(["publish"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^tunegate: unknown command "publish"\. Commands: validate, stats, (\w+, )*train, status(, \w+)*\. Run `tunegate --help` for usage\.\n$/,
    );
  });
});
