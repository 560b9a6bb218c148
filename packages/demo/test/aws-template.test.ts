// docs/aws/tunegate.cfn.yml, checked offline: it parses with CloudFormation's short-form functions,
// every reference resolves, it has the resources docs/aws-setup.md describes, and its policies grant
// exactly what that page explains, statement by statement.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  pageStatements,
  parseTemplate,
  policyDrift,
  TEMPLATE,
  templateStatements,
  unresolvedReferences,
} from "@tunegate/docs/aws-template";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const text = readFileSync(join(ROOT, TEMPLATE), "utf8");
const template = parseTemplate(text);

describe("the CloudFormation template", () => {
  it("has the OIDC provider, both roles, the bucket and its policy", () => {
    const types = Object.fromEntries(Object.entries(template.Resources).map(([k, v]) => [k, v.Type]));
    expect(types).toEqual({
      GitHubOidcProvider: "AWS::IAM::OIDCProvider",
      DataBucket: "AWS::S3::Bucket",
      DataBucketPolicy: "AWS::S3::BucketPolicy",
      BedrockServiceRole: "AWS::IAM::Role",
      GitHubRole: "AWS::IAM::Role",
    });
  });

  it("resolves every reference", () => {
    expect(unresolvedReferences(template)).toEqual([]);
    // ... and would notice one that does not resolve.
    const broken = parseTemplate(text.replace("!GetAtt BedrockServiceRole.Arn", "!GetAtt ServiceRole.Arn"));
    expect(unresolvedReferences(broken)).toEqual([expect.stringContaining("!GetAtt ServiceRole")]);
  });

  it("keeps the bucket private and encrypted, and Bedrock's trust to this account's jobs", () => {
    const bucket = template.Resources.DataBucket!.Properties!;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(JSON.stringify(bucket.BucketEncryption)).toContain("SSEAlgorithm");
    const trust = JSON.stringify(template.Resources.BedrockServiceRole!.Properties!.AssumeRolePolicyDocument);
    expect(trust).toContain('"Service":"bedrock.amazonaws.com"');
    expect(trust).toContain('"aws:SourceAccount"');
    const github = JSON.stringify(template.Resources.GitHubRole!.Properties!.AssumeRolePolicyDocument);
    expect(github).toContain("token.actions.githubusercontent.com:sub");
    expect(github).toContain("repo:${GitHubRepository}:ref:refs/heads/${GitHubBranch}");
  });

  it("grants what docs/aws-setup.md explains, statement by statement", () => {
    expect(templateStatements(template).size).toBeGreaterThanOrEqual(10);
    expect(policyDrift(ROOT)).toEqual([]);
  });

  it("would notice a permission the page does not explain", () => {
    const page = readFileSync(join(ROOT, "docs/aws-setup.md"), "utf8");
    const widened = templateStatements(
      parseTemplate(
        text.replace(
          "- bedrock:GetModelCustomizationJob",
          "- bedrock:GetModelCustomizationJob\n                  - bedrock:DeleteCustomModel",
        ),
      ),
    );
    expect(widened.get("StartAndReadJobs")).toContain("bedrock:DeleteCustomModel");
    expect(pageStatements(page).get("StartAndReadJobs")).not.toContain("bedrock:DeleteCustomModel");
  });
});
