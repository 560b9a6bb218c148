/**
 * The constraints Amazon Bedrock puts on a CreateModelCustomizationJob request, copied from the official
 * Smithy model (`com.amazonaws.bedrock`, API 2023-04-20, 2026-04 models), and a check of a whole request against them.
 *
 * The service answers a request that breaks any of these with a bare "ValidationException" after the
 * data has been uploaded; checking first turns that into a precise message before any byte is sent.
 */

import { CUSTOMIZATION_TYPES } from "../catalog/customization-types";
import type { CustomizationType } from "../catalog/schema";
import type { CustomizationConfig } from "./customization-shapes";

/** The request as the API takes it (the fields tunegate sets), independent of any SDK. */
export interface CreateJobRequest {
  jobName: string;
  customModelName: string;
  roleArn: string;
  clientRequestToken: string;
  baseModelIdentifier: string;
  customizationType: CustomizationType;
  customModelKmsKeyId?: string;
  jobTags: JobTag[];
  customModelTags: JobTag[];
  trainingDataConfig: { s3Uri: string };
  validationDataConfig?: { validators: { s3Uri: string }[] };
  outputDataConfig: { s3Uri: string };
  /** Reinforcement fine-tuning or distillation settings (a union: one member). */
  customizationConfig?: CustomizationConfig;
  /** Supervised jobs only. The API takes a string-to-string map: `"2"`, not `2`. */
  hyperParameters?: Record<string, string>;
  vpcConfig?: { subnetIds: string[]; securityGroupIds: string[] };
}

export interface JobTag {
  key: string;
  value: string;
}

interface StringShape {
  min?: number;
  max: number;
  pattern?: RegExp;
}

/** Shapes from bedrock-2023-04-20.json, by their Smithy names. */
export const SMITHY = {
  JobName: { min: 1, max: 63, pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9+\-.])*$/ },
  CustomModelName: { min: 1, max: 63, pattern: /^([0-9a-zA-Z][_-]?){1,63}$/ },
  RoleArn: { max: 2048, pattern: /^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role\/.+$/ },
  IdempotencyToken: { min: 1, max: 256, pattern: /^[a-zA-Z0-9]([-a-zA-Z0-9]{0,254}[a-zA-Z0-9])?$/ },
  BaseModelIdentifier: {
    min: 1,
    max: 2048,
    pattern:
      /^(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(([0-9]{12}:custom-model\/([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})\/[a-z0-9]{12})|(:foundation-model\/[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2})))|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})|(([0-9a-zA-Z][_-]?)+)$/,
  },
  KmsKeyId: {
    min: 1,
    max: 2048,
    pattern:
      /^(arn:aws(-[^:]+)?:kms:[a-zA-Z0-9-]*:[0-9]{12}:((key\/[a-zA-Z0-9-]{36})|(alias\/[a-zA-Z0-9-_/]+)))|([a-zA-Z0-9-]{36})|(alias\/[a-zA-Z0-9-_/]+)$/,
  },
  TagKey: { min: 1, max: 128, pattern: /^[a-zA-Z0-9\s._:/=+@-]*$/ },
  TagValue: { min: 0, max: 256, pattern: /^[a-zA-Z0-9\s._:/=+@-]*$/ },
  // The one copy of Bedrock's S3 URI rule: job requests, uploads and media URIs in records all use it.
  // 2026-04 model: the bucket is at least 3 characters and ends in a letter or digit.
  S3Uri: {
    min: 1,
    max: 1024,
    pattern:
      /^s3:\/\/[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](?:\/[-!_*'().a-z0-9A-Z]+(?:\/[-!_*'().a-z0-9A-Z]+)*)?\/?$/,
  },
  SubnetId: { max: 32, pattern: /^[-0-9a-zA-Z]+$/ },
  SecurityGroupId: { max: 32, pattern: /^[-0-9a-zA-Z]+$/ },
} as const satisfies Record<string, StringShape>;

/** TagList allows 200 entries, but the service keeps at most 50 tags on one resource. */
export const MAX_TAGS_PER_RESOURCE = 50;
export const MAX_VALIDATORS = 10;
export const MAX_SUBNETS = 16;
export const MAX_SECURITY_GROUPS = 5;

export interface RequestProblem {
  /** Path of the field in the request, e.g. `jobTags[3].value`. */
  field: string;
  message: string;
}

/** Length and pattern of one string field; an empty list when it conforms. */
export function checkString(field: string, value: string, shape: StringShape): RequestProblem[] {
  const problems: RequestProblem[] = [];
  const min = shape.min ?? 0;
  if (value.length < min || value.length > shape.max) {
    problems.push({
      field,
      message: `is ${value.length} characters long; Bedrock accepts ${min} to ${shape.max}.`,
    });
  }
  if (shape.pattern && !shape.pattern.test(value)) {
    problems.push({ field, message: `${JSON.stringify(value)} does not match ${shape.pattern.source}.` });
  }
  return problems;
}

/** Checks one tag list: count, key and value shapes, duplicate keys, and the reserved `aws:` prefix. */
export function checkTags(field: string, tags: readonly JobTag[]): RequestProblem[] {
  const problems: RequestProblem[] = [];
  if (tags.length > MAX_TAGS_PER_RESOURCE) {
    problems.push({
      field,
      message: `has ${tags.length} tags; a Bedrock resource holds at most ${MAX_TAGS_PER_RESOURCE}.`,
    });
  }
  const seen = new Set<string>();
  tags.forEach((tag, i) => {
    problems.push(...checkString(`${field}[${i}].key`, tag.key, SMITHY.TagKey));
    problems.push(...checkString(`${field}[${i}].value`, tag.value, SMITHY.TagValue));
    if (tag.key.toLowerCase().startsWith("aws:")) {
      problems.push({
        field: `${field}[${i}].key`,
        message: `"${tag.key}": the aws: prefix is reserved by AWS.`,
      });
    }
    if (seen.has(tag.key)) {
      problems.push({ field: `${field}[${i}].key`, message: `"${tag.key}" appears more than once.` });
    }
    seen.add(tag.key);
  });
  return problems;
}

/**
 * Every constraint the Smithy model states for the fields of `request`, plus the service's tag limit.
 * Hyperparameter ranges depend on the base model and are checked where the request is planned.
 */
export function checkCreateJobRequest(request: CreateJobRequest): RequestProblem[] {
  const problems: RequestProblem[] = [
    ...checkString("jobName", request.jobName, SMITHY.JobName),
    ...checkString("customModelName", request.customModelName, SMITHY.CustomModelName),
    ...checkString("roleArn", request.roleArn, SMITHY.RoleArn),
    ...checkString("clientRequestToken", request.clientRequestToken, SMITHY.IdempotencyToken),
    ...checkString("baseModelIdentifier", request.baseModelIdentifier, SMITHY.BaseModelIdentifier),
    ...checkTags("jobTags", request.jobTags),
    ...checkTags("customModelTags", request.customModelTags),
    ...checkString("trainingDataConfig.s3Uri", request.trainingDataConfig.s3Uri, SMITHY.S3Uri),
    ...checkString("outputDataConfig.s3Uri", request.outputDataConfig.s3Uri, SMITHY.S3Uri),
  ];
  if (!(CUSTOMIZATION_TYPES as readonly string[]).includes(request.customizationType)) {
    problems.push({
      field: "customizationType",
      message: `"${request.customizationType}" is not one of ${CUSTOMIZATION_TYPES.join(", ")}.`,
    });
  }
  if (request.customModelKmsKeyId !== undefined) {
    problems.push(...checkString("customModelKmsKeyId", request.customModelKmsKeyId, SMITHY.KmsKeyId));
  }
  const validators = request.validationDataConfig?.validators;
  if (validators !== undefined) {
    if (validators.length > MAX_VALIDATORS) {
      problems.push({
        field: "validationDataConfig.validators",
        message: `has ${validators.length} entries; Bedrock accepts at most ${MAX_VALIDATORS}.`,
      });
    }
    validators.forEach((v, i) => {
      problems.push(...checkString(`validationDataConfig.validators[${i}].s3Uri`, v.s3Uri, SMITHY.S3Uri));
    });
  }
  for (const [name, value] of Object.entries(request.hyperParameters ?? {})) {
    if (typeof value !== "string") {
      problems.push({
        field: `hyperParameters.${name}`,
        message: 'must be a string (the API takes "2", not 2).',
      });
    }
  }
  const vpc = request.vpcConfig;
  if (vpc !== undefined) {
    problems.push(...checkList("vpcConfig.subnetIds", vpc.subnetIds, 1, MAX_SUBNETS, SMITHY.SubnetId));
    problems.push(
      ...checkList(
        "vpcConfig.securityGroupIds",
        vpc.securityGroupIds,
        1,
        MAX_SECURITY_GROUPS,
        SMITHY.SecurityGroupId,
      ),
    );
  }
  return problems;
}

function checkList(
  field: string,
  values: readonly string[],
  min: number,
  max: number,
  shape: StringShape,
): RequestProblem[] {
  const problems: RequestProblem[] = [];
  if (values.length < min || values.length > max) {
    problems.push({ field, message: `has ${values.length} entries; Bedrock accepts ${min} to ${max}.` });
  }
  values.forEach((value, i) => {
    problems.push(...checkString(`${field}[${i}]`, value, shape));
  });
  return problems;
}
