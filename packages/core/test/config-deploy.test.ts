// The deploy: section of a model: accepted for a base model served on demand, an error at its line
// (with the way out) for one served only through Provisioned Throughput, and AWS's name rules.
import { describe, expect, it } from "vitest";
import { ConfigError, type ConfigIssue, parseConfig } from "../src/index";

const ROLE = "arn:aws:iam::123456789012:role/FineTune";
const model = (base: string, deploy: string) =>
  [
    "version: 1",
    "models:",
    "  router:",
    `    baseModel: ${base}`,
    "    training: data/train.jsonl",
    "    s3: { bucket: my-bucket }",
    `    roleArn: ${ROLE}`,
    deploy,
    "",
  ].join("\n");

function issues(text: string): ConfigIssue[] {
  try {
    parseConfig(text, { path: "tunegate.yml", today: new Date("2026-01-01T00:00:00Z") });
  } catch (err) {
    if (err instanceof ConfigError) return [...err.issues];
    throw err;
  }
  return [];
}

describe("deploy", () => {
  it("resolves on a Nova base model, promoting on the gates by default", () => {
    const { config } = parseConfig(model("amazon.nova-lite-v1:0:300k", "    deploy: { name: router-prod }"), {
      path: "tunegate.yml",
    });
    expect(config.models[0]!.deploy).toEqual({ name: "router-prod", on: "gates" });
    const never = parseConfig(model("amazon.nova-lite-v1:0:300k", "    deploy: { name: r, on: never }"), {
      path: "tunegate.yml",
    });
    expect(never.config.models[0]!.deploy).toEqual({ name: "r", on: "never" });
  });

  it("is an error at its line on a base model served only through Provisioned Throughput", () => {
    const found = issues(
      model("anthropic.claude-3-haiku-20240307-v1:0:200k", "    deploy: { name: router-prod }"),
    );
    expect(found).toHaveLength(1);
    expect(found[0]!, JSON.stringify(found)).toMatchObject({ line: 8, path: "models.router.deploy" });
    expect(found[0]!.message).toContain("Claude 3 Haiku");
    expect(found[0]!.message).toContain("cannot be served on demand");
    expect(found[0]!.hint).toContain("remove deploy:");
  });

  it("takes AWS's deployment name rules and nothing else", () => {
    const bad = issues(model("amazon.nova-lite-v1:0:300k", "    deploy: { name: 'a--b', on: sometimes }"));
    expect(bad.map((i) => i.path)).toEqual(
      expect.arrayContaining(["models.router.deploy.name", "models.router.deploy.on"]),
    );
    expect(
      issues(model("amazon.nova-lite-v1:0:300k", `    deploy: { name: ${"a".repeat(64)} }`)),
    ).toHaveLength(1);
    expect(issues(model("amazon.nova-lite-v1:0:300k", "    deploy: { name: x, extra: 1 }"))).toHaveLength(1);
  });
});
