import { describe, expect, it } from "vitest";
import { ALL_RULES, FINGERPRINT_KEY, type SarifLog, toSarif } from "../src/index";
import { validateDatasets } from "./engine";
import { check, claudeLines, claudeRecord, HAIKU, tempFile } from "./support";

const LEVELS = new Set(["error", "warning", "note"]);

/**
 * What GitHub code scanning documents as required or used (docs.github.com, "SARIF support for code
 * scanning"); no SARIF 2.1.0 schema ships in an installed package, so the structure is asserted here.
 */
function assertGitHubSarif(log: SarifLog) {
  expect(log.version).toBe("2.1.0");
  expect(log.$schema).toMatch(/sarif-2\.1\.0/);
  expect(log.runs).toHaveLength(1);
  const run = log.runs[0]!;
  const driver = run.tool.driver;
  expect(driver.name).toBe("tunegate");
  expect(driver.informationUri).toMatch(/^https:\/\//);
  const ids = driver.rules.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const rule of driver.rules) {
    expect(rule.id).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
    expect(rule.name).toMatch(/^[A-Za-z0-9]+$/);
    expect(rule.shortDescription.text.length).toBeGreaterThan(0);
    expect(rule.shortDescription.text.length).toBeLessThanOrEqual(1024);
    expect(rule.fullDescription.text.length).toBeGreaterThan(0);
    expect(rule.help.text.length).toBeGreaterThan(0);
    expect(LEVELS.has(rule.defaultConfiguration.level)).toBe(true);
  }
  for (const result of run.results) {
    expect(driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
    expect(LEVELS.has(result.level)).toBe(true);
    expect(result.message.text.length).toBeGreaterThan(0);
    expect(result.locations).toHaveLength(1);
    const { artifactLocation, region } = result.locations[0]!.physicalLocation;
    expect(artifactLocation.uri).not.toMatch(/\\|^\.\//);
    expect(Number.isInteger(region.startLine) && region.startLine >= 1).toBe(true);
    expect(Number.isInteger(region.startColumn) && region.startColumn >= 1).toBe(true);
    expect(Object.keys(result.partialFingerprints).length).toBeGreaterThan(0);
  }
}

describe("toSarif", () => {
  it("describes every rule from ALL_RULES and points each result at its rule, file, line and column", async () => {
    const content = [
      JSON.stringify({
        messages: [
          { role: "user", content: "Hi" },
          { role: "bot", content: "x" },
        ],
      }),
      claudeRecord("key AKIAIOSFODNN7EXAMPLE please", "ROUTE: security"),
      claudeRecord("same", "ROUTE: a"),
      claudeRecord("same", "ROUTE: a"),
    ].join("\n");
    const path = tempFile(`${content}\n${claudeLines(32)}`);
    const report = await validateDatasets([{ path, role: "train", name: ".\\data\\train.jsonl" }], {
      model: HAIKU,
      severities: { "dataset/duplicate-record": "notice" },
    });
    const log = toSarif(report, { toolVersion: "1.2.3" });
    assertGitHubSarif(log);

    const driver = log.runs[0]!.tool.driver;
    expect(driver.version).toBe("1.2.3");
    expect(driver.rules.map((r) => r.id).slice(0, ALL_RULES.length)).toEqual(ALL_RULES.map((r) => r.id));
    const roles = driver.rules.find((r) => r.id === "claude/role-invalid")!;
    expect(roles.defaultConfiguration.level).toBe("error");
    expect(roles.shortDescription.text).toBe(ALL_RULES.find((r) => r.id === "claude/role-invalid")!.title);
    expect(driver.rules.find((r) => r.id === "labels/missing")!.defaultConfiguration.level).toBe("note");

    const results = log.runs[0]!.results;
    const role = results.find((r) => r.ruleId === "claude/role-invalid")!;
    expect(role.level).toBe("error");
    expect(role.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: "data/train.jsonl", uriBaseId: "%SRCROOT%" },
      region: { startLine: 1, startColumn: report.files[0]!.problems.find((p) => p.line === 1)!.column },
    });
    const secret = results.find((r) => r.ruleId === "sensitive/secret")!;
    expect(secret.locations[0]!.physicalLocation.region.startLine).toBe(2);
    expect(secret.message.text).not.toContain("AKIAIOSFODNN7EXAMPLE");
    // A severity override shows in the result's level, the rule keeps its default.
    expect(results.find((r) => r.ruleId === "dataset/duplicate-record")!.level).toBe("note");
    expect(driver.rules.find((r) => r.id === "dataset/duplicate-record")!.defaultConfiguration.level).toBe(
      "warning",
    );
  });

  it("keeps fingerprints when records are added above a problem, and tells repeats apart", async () => {
    const bad = JSON.stringify({ messages: [{ role: "user", content: "Hi" }] });
    const records = claudeLines(40).trimEnd().split("\n");
    const before = await check([...records, bad, bad.replace("Hi", "Hello")].join("\n"));
    const after = await check(
      [claudeRecord("a new first record", "ROUTE: x"), ...records, bad, bad.replace("Hi", "Hello")].join(
        "\n",
      ),
    );
    const fingerprints = async (file: Awaited<ReturnType<typeof check>>) =>
      toSarif(
        {
          model: { id: HAIKU.id, name: HAIKU.name, format: HAIKU.format },
          files: [file],
          summary: file.counts,
        },
        { toolVersion: "0" },
      ).runs[0]!.results.map((r) => `${r.ruleId} ${r.partialFingerprints[FINGERPRINT_KEY]}`);
    const a = await fingerprints(before);
    const b = await fingerprints(after);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
    expect(before.problems[0]!.line).not.toBe(after.problems[0]!.line);
  });

  it("adds a notice for problems the engine counted but did not list", async () => {
    const file = await check(`${"{oops\n".repeat(40)}`, { maxProblemsPerFile: 5 });
    const report = {
      model: { id: HAIKU.id, name: HAIKU.name, format: HAIKU.format },
      files: [file],
      summary: file.counts,
    };
    const log = toSarif(report, { toolVersion: "0" });
    assertGitHubSarif(log);
    const results = log.runs[0]!.results;
    expect(results.filter((r) => r.ruleId === "json/invalid")).toHaveLength(5);
    const more = results.find((r) => r.ruleId === "file/too-many-problems")!;
    expect(more.level).toBe("note");
    expect(more.message.text).toMatch(
      /^35 more problems were found in this file but not listed\. Fix the problems listed first/,
    );
  });

  it("writes an absolute path as a file URI", async () => {
    const file = await check("", {});
    const log = toSarif(
      {
        model: { id: HAIKU.id, name: HAIKU.name, format: HAIKU.format },
        files: [
          {
            ...file,
            path: "/tmp/my data/x.jsonl",
            problems: file.problems.map((p) => ({ ...p, file: "/tmp/my data/x.jsonl" })),
          },
        ],
        summary: file.counts,
      },
      { toolVersion: "0" },
    );
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation).toEqual({
      uri: "file:///tmp/my%20data/x.jsonl",
    });
  });
});
