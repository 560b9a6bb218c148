import { describe, expect, it } from "vitest";
import { type CreateJobRequest, checkCreateJobRequest, planJob } from "../src/index";
import { planInput } from "./jobs-support";

const valid = (): CreateJobRequest => structuredClone(planJob(planInput()).request);

function fieldsOf(mutate: (r: CreateJobRequest) => void): string[] {
  const request = valid();
  mutate(request);
  return checkCreateJobRequest(request).map((p) => p.field);
}

describe("checkCreateJobRequest: each Smithy constraint is enforced", () => {
  it("accepts a planned request", () => {
    expect(checkCreateJobRequest(valid())).toEqual([]);
  });

  it.each([
    ["jobName with an underscore", (r: CreateJobRequest) => (r.jobName = "a_b"), ["jobName"]],
    ["jobName of 64 characters", (r: CreateJobRequest) => (r.jobName = "a".repeat(64)), ["jobName"]],
    ["jobName starting with a hyphen", (r: CreateJobRequest) => (r.jobName = "-a"), ["jobName"]],
    ["customModelName with a dot", (r: CreateJobRequest) => (r.customModelName = "a.b"), ["customModelName"]],
    [
      "customModelName with a double hyphen",
      (r: CreateJobRequest) => (r.customModelName = "a--b"),
      ["customModelName"],
    ],
    [
      "empty token",
      (r: CreateJobRequest) => (r.clientRequestToken = ""),
      ["clientRequestToken", "clientRequestToken"],
    ],
    [
      "token ending in a hyphen",
      (r: CreateJobRequest) => (r.clientRequestToken = "abc-"),
      ["clientRequestToken"],
    ],
    [
      "token with an underscore (2026-04 pattern)",
      (r: CreateJobRequest) => (r.clientRequestToken = "run_1"),
      ["clientRequestToken"],
    ],
    [
      "bucket ending in a hyphen (2026-04 pattern)",
      (r: CreateJobRequest) => (r.trainingDataConfig.s3Uri = "s3://bucket-/train.jsonl"),
      ["trainingDataConfig.s3Uri"],
    ],
    ["role without account", (r: CreateJobRequest) => (r.roleArn = "arn:aws:iam::role/x"), ["roleArn"]],
    // The Smithy pattern's alternatives are not grouped, so only the first is anchored at the start and the
    // last at the end: "claude 3" passes (it ends like a model name); a trailing space does not.
    [
      "identifier ending in a space",
      (r: CreateJobRequest) => (r.baseModelIdentifier = "claude 3 "),
      ["baseModelIdentifier"],
    ],
    [
      "unknown customization type",
      (r: CreateJobRequest) => (r.customizationType = "LORA" as "FINE_TUNING"),
      ["customizationType"],
    ],
    ["bad KMS key", (r: CreateJobRequest) => (r.customModelKmsKeyId = "my key"), ["customModelKmsKeyId"]],
    [
      "S3 URI with a space",
      (r: CreateJobRequest) => (r.trainingDataConfig.s3Uri = "s3://bucket/a b"),
      ["trainingDataConfig.s3Uri"],
    ],
    [
      "output URI too long",
      (r: CreateJobRequest) => (r.outputDataConfig.s3Uri = `s3://bucket/${"a".repeat(1020)}`),
      ["outputDataConfig.s3Uri"],
    ],
    [
      "11 validators",
      (r: CreateJobRequest) =>
        (r.validationDataConfig = { validators: Array(11).fill({ s3Uri: "s3://bucket/v" }) }),
      ["validationDataConfig.validators"],
    ],
    ["tag value with a comma", (r: CreateJobRequest) => (r.jobTags[0]!.value = "a,b"), ["jobTags[0].value"]],
    ["empty tag key", (r: CreateJobRequest) => (r.customModelTags[0]!.key = ""), ["customModelTags[0].key"]],
    [
      "tag value of 257 characters",
      (r: CreateJobRequest) => (r.jobTags[0]!.value = "v".repeat(257)),
      ["jobTags[0].value"],
    ],
    ["duplicate tag keys", (r: CreateJobRequest) => r.jobTags.push({ ...r.jobTags[0]! }), ["jobTags[8].key"]],
    [
      "numeric hyperparameter",
      (r: CreateJobRequest) => ((r.hyperParameters as Record<string, unknown>).epochCount = 2),
      ["hyperParameters.epochCount"],
    ],
    [
      "VPC without security groups, subnet with an underscore",
      (r: CreateJobRequest) => (r.vpcConfig = { subnetIds: ["subnet_1"], securityGroupIds: [] }),
      ["vpcConfig.subnetIds[0]", "vpcConfig.securityGroupIds"],
    ],
  ])("%s", (_name, mutate, fields) => {
    expect(fieldsOf(mutate)).toEqual(fields);
  });

  it("accepts a tag value of 0 characters and one with spaces, slashes and @", () => {
    expect(fieldsOf((r) => (r.jobTags[0]!.value = ""))).toEqual([]);
    expect(fieldsOf((r) => (r.jobTags[0]!.value = "ops team/eu @acme +1 a=b"))).toEqual([]);
  });
});
