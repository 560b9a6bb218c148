import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);

// packages/core/src/user-error.ts
var UserError = class extends Error {
  name = "UserError";
  /** What to do about it, when the message does not say so already. */
  fix;
  constructor(message, options = {}) {
    super(message, "cause" in options ? { cause: options.cause } : void 0);
    this.fix = options.fix;
  }
};
function isUserError(err) {
  return err instanceof UserError;
}
function userErrorText(err) {
  return err.fix && !err.message.includes(err.fix) ? `${err.message}
Fix: ${err.fix}` : err.message;
}

// packages/core/src/catalog/customization-types.ts
var CUSTOMIZATION_TYPES = [
  "FINE_TUNING",
  "CONTINUED_PRE_TRAINING",
  "DISTILLATION",
  "REINFORCEMENT_FINE_TUNING"
];

// packages/core/src/jobs/constraints.ts
var SMITHY = {
  JobName: { min: 1, max: 63, pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9+\-.])*$/ },
  CustomModelName: { min: 1, max: 63, pattern: /^([0-9a-zA-Z][_-]?){1,63}$/ },
  RoleArn: { max: 2048, pattern: /^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role\/.+$/ },
  IdempotencyToken: { min: 1, max: 256, pattern: /^[a-zA-Z0-9]([-a-zA-Z0-9]{0,254}[a-zA-Z0-9])?$/ },
  BaseModelIdentifier: {
    min: 1,
    max: 2048,
    pattern: /^(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(([0-9]{12}:custom-model\/([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})\/[a-z0-9]{12})|(:foundation-model\/[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2})))|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})|(([0-9a-zA-Z][_-]?)+)$/
  },
  KmsKeyId: {
    min: 1,
    max: 2048,
    pattern: /^(arn:aws(-[^:]+)?:kms:[a-zA-Z0-9-]*:[0-9]{12}:((key\/[a-zA-Z0-9-]{36})|(alias\/[a-zA-Z0-9-_/]+)))|([a-zA-Z0-9-]{36})|(alias\/[a-zA-Z0-9-_/]+)$/
  },
  TagKey: { min: 1, max: 128, pattern: /^[a-zA-Z0-9\s._:/=+@-]*$/ },
  TagValue: { min: 0, max: 256, pattern: /^[a-zA-Z0-9\s._:/=+@-]*$/ },
  // The one copy of Bedrock's S3 URI rule: job requests, uploads and media URIs in records all use it.
  // 2026-04 model: the bucket is at least 3 characters and ends in a letter or digit.
  S3Uri: {
    min: 1,
    max: 1024,
    pattern: /^s3:\/\/[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](?:\/[-!_*'().a-z0-9A-Z]+(?:\/[-!_*'().a-z0-9A-Z]+)*)?\/?$/
  },
  SubnetId: { max: 32, pattern: /^[-0-9a-zA-Z]+$/ },
  SecurityGroupId: { max: 32, pattern: /^[-0-9a-zA-Z]+$/ }
};
var MAX_TAGS_PER_RESOURCE = 50;
var MAX_VALIDATORS = 10;
var MAX_SUBNETS = 16;
var MAX_SECURITY_GROUPS = 5;
function checkString(field, value, shape) {
  const problems = [];
  const min = shape.min ?? 0;
  if (value.length < min || value.length > shape.max) {
    problems.push({
      field,
      message: `is ${value.length} characters long; Bedrock accepts ${min} to ${shape.max}.`
    });
  }
  if (shape.pattern && !shape.pattern.test(value)) {
    problems.push({ field, message: `${JSON.stringify(value)} does not match ${shape.pattern.source}.` });
  }
  return problems;
}
function checkTags(field, tags) {
  const problems = [];
  if (tags.length > MAX_TAGS_PER_RESOURCE) {
    problems.push({
      field,
      message: `has ${tags.length} tags; a Bedrock resource holds at most ${MAX_TAGS_PER_RESOURCE}.`
    });
  }
  const seen = /* @__PURE__ */ new Set();
  tags.forEach((tag, i) => {
    problems.push(...checkString(`${field}[${i}].key`, tag.key, SMITHY.TagKey));
    problems.push(...checkString(`${field}[${i}].value`, tag.value, SMITHY.TagValue));
    if (tag.key.toLowerCase().startsWith("aws:")) {
      problems.push({
        field: `${field}[${i}].key`,
        message: `"${tag.key}": the aws: prefix is reserved by AWS.`
      });
    }
    if (seen.has(tag.key)) {
      problems.push({ field: `${field}[${i}].key`, message: `"${tag.key}" appears more than once.` });
    }
    seen.add(tag.key);
  });
  return problems;
}
function checkCreateJobRequest(request) {
  const problems = [
    ...checkString("jobName", request.jobName, SMITHY.JobName),
    ...checkString("customModelName", request.customModelName, SMITHY.CustomModelName),
    ...checkString("roleArn", request.roleArn, SMITHY.RoleArn),
    ...checkString("clientRequestToken", request.clientRequestToken, SMITHY.IdempotencyToken),
    ...checkString("baseModelIdentifier", request.baseModelIdentifier, SMITHY.BaseModelIdentifier),
    ...checkTags("jobTags", request.jobTags),
    ...checkTags("customModelTags", request.customModelTags),
    ...checkString("trainingDataConfig.s3Uri", request.trainingDataConfig.s3Uri, SMITHY.S3Uri),
    ...checkString("outputDataConfig.s3Uri", request.outputDataConfig.s3Uri, SMITHY.S3Uri)
  ];
  if (!CUSTOMIZATION_TYPES.includes(request.customizationType)) {
    problems.push({
      field: "customizationType",
      message: `"${request.customizationType}" is not one of ${CUSTOMIZATION_TYPES.join(", ")}.`
    });
  }
  if (request.customModelKmsKeyId !== void 0) {
    problems.push(...checkString("customModelKmsKeyId", request.customModelKmsKeyId, SMITHY.KmsKeyId));
  }
  const validators = request.validationDataConfig?.validators;
  if (validators !== void 0) {
    if (validators.length > MAX_VALIDATORS) {
      problems.push({
        field: "validationDataConfig.validators",
        message: `has ${validators.length} entries; Bedrock accepts at most ${MAX_VALIDATORS}.`
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
        message: 'must be a string (the API takes "2", not 2).'
      });
    }
  }
  const vpc = request.vpcConfig;
  if (vpc !== void 0) {
    problems.push(...checkList("vpcConfig.subnetIds", vpc.subnetIds, 1, MAX_SUBNETS, SMITHY.SubnetId));
    problems.push(
      ...checkList(
        "vpcConfig.securityGroupIds",
        vpc.securityGroupIds,
        1,
        MAX_SECURITY_GROUPS,
        SMITHY.SecurityGroupId
      )
    );
  }
  return problems;
}
function checkList(field, values, min, max, shape) {
  const problems = [];
  if (values.length < min || values.length > max) {
    problems.push({ field, message: `has ${values.length} entries; Bedrock accepts ${min} to ${max}.` });
  }
  values.forEach((value, i) => {
    problems.push(...checkString(`${field}[${i}]`, value, shape));
  });
  return problems;
}

export {
  UserError,
  isUserError,
  userErrorText,
  CUSTOMIZATION_TYPES,
  SMITHY,
  MAX_TAGS_PER_RESOURCE,
  checkString,
  checkCreateJobRequest
};
