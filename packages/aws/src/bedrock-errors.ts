import { UserError } from "@tunegate/core";

/**
 * Turns Bedrock control-plane failures into messages a tunegate user can act on: what AWS refused, in
 * the user's terms, and the likely fix (an IAM action, a Region, a quota, a setting in tunegate.yml).
 */

export type BedrockOperation =
  | "CreateModelCustomizationJob"
  | "GetModelCustomizationJob"
  | "ListModelCustomizationJobs"
  | "StopModelCustomizationJob"
  | "ListTagsForResource"
  | "GetFoundationModel"
  | "CreateProvisionedModelThroughput"
  | "GetProvisionedModelThroughput"
  | "ListProvisionedModelThroughputs"
  | "DeleteProvisionedModelThroughput"
  | "CreateModelInvocationJob"
  | "GetModelInvocationJob"
  | "ListModelInvocationJobs"
  | "CreateCustomModelDeployment"
  | "GetCustomModelDeployment"
  | "ListCustomModelDeployments"
  | "UpdateCustomModelDeployment"
  | "DeleteCustomModelDeployment"
  | "TagResource";

export interface BedrockErrorContext {
  operation: BedrockOperation;
  region?: string | undefined;
  /** The service role the job would run as (CreateModelCustomizationJob). */
  roleArn?: string | undefined;
  baseModelId?: string | undefined;
  /** Job name or ARN (Get, Stop, tags). */
  jobIdentifier?: string | undefined;
}

/** Error raised by tunegate's Bedrock calls; `cause` keeps the SDK or network error. */
export class BedrockJobError extends UserError {
  override readonly name = "BedrockJobError";
  /** The service's error type (`AccessDeniedException`, ...) or a Node network code. */
  readonly code: string;
  readonly status: number | undefined;
  /** The likely fix, already part of `message`; separate so a CLI or a comment can format it. */
  readonly hint: string;
  /** Attempts the SDK made, retries included. */
  readonly attempts: number | undefined;
  constructor(
    message: string,
    details: {
      code: string;
      status: number | undefined;
      hint: string;
      attempts: number | undefined;
      cause: unknown;
    },
  ) {
    super(message, { fix: details.hint, cause: details.cause });
    this.code = details.code;
    this.status = details.status;
    this.hint = details.hint;
    this.attempts = details.attempts;
  }
}

const CREDENTIAL_CODES = new Set([
  "CredentialsProviderError",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "ExpiredTokenException",
  "ExpiredToken",
  "IncompleteSignature",
  "MissingAuthenticationToken",
]);
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
const THROTTLING_CODES = new Set(["ThrottlingException", "TooManyRequestsException", "Throttling"]);

const SETUP_DOC = "docs/aws-setup.md";

export function explainBedrockError(error: unknown, context: BedrockErrorContext): BedrockJobError {
  if (error instanceof BedrockJobError) return error;
  const { code, status, serverMessage, attempts } = inspect(error);
  const { operation, region, roleArn, baseModelId, jobIdentifier } = context;
  const where = region ? ` in ${region}` : "";
  let summary = `Bedrock ${operation}${where} failed: ${code}${status ? ` (HTTP ${status})` : ""}`;
  if (serverMessage && serverMessage !== code) summary += ` - ${serverMessage}`;
  let hint: string;

  if (code === "AccessDeniedException" || (status === 403 && !CREDENTIAL_CODES.has(code))) {
    const passRole = /iam:PassRole/i.test(serverMessage);
    const role = roleArn ?? "the Bedrock service role";
    const passRoleFix =
      `allow iam:PassRole on ${role} for the identity running tunegate, with the condition ` +
      `"iam:PassedToService": "bedrock.amazonaws.com"`;
    if (operation === "GetFoundationModel") {
      hint =
        "tunegate reads the base model's lifecycle (GetFoundationModel) before it uploads anything: allow " +
        "bedrock:GetFoundationModel on arn:aws:bedrock:*::foundation-model/* for the identity running tunegate " +
        `(docs/aws/tunegate.cfn.yml grants it; update the stack, or see ${SETUP_DOC}).`;
    } else if (passRole) {
      hint = `The identity running tunegate may not hand the service role to Bedrock: ${passRoleFix} (see ${SETUP_DOC}).`;
    } else if (operation === "CreateModelCustomizationJob") {
      hint =
        `Missing iam:PassRole or Bedrock permissions: ${passRoleFix}, and allow bedrock:CreateModelCustomizationJob ` +
        "and bedrock:TagResource (tunegate tags every job) on the job and custom-model resources. " +
        `Also check that model access to ${baseModelId ?? "the base model"} is granted${where} (Bedrock console, Model access), and that no SCP denies Bedrock (see ${SETUP_DOC}).`;
    } else {
      hint = `Allow bedrock:${operation} for the identity running tunegate (see ${SETUP_DOC}).`;
    }
  } else if (CREDENTIAL_CODES.has(code)) {
    hint =
      "The AWS credentials are missing, wrong or expired. In GitHub Actions use aws-actions/configure-aws-credentials " +
      "(OIDC) before this step; locally run `aws sts get-caller-identity` with the same profile to check them.";
  } else if (
    (code === "ResourceNotFoundException" || status === 404) &&
    /Provisioned|Invocation/.test(operation)
  ) {
    hint = `Bedrock knows no such ${/Provisioned/.test(operation) ? "provisioned throughput" : "model or batch inference job"}${where}: check the name or ARN and the Region.`;
  } else if (code === "ResourceNotFoundException" || status === 404) {
    hint =
      operation === "CreateModelCustomizationJob"
        ? `The base model ${baseModelId ?? ""} cannot be customized${where}: it is not offered there, or the account has no ` +
          "access to it. Set the model's region in tunegate.yml to a Region where the base model supports fine-tuning, " +
          "and grant model access in the Bedrock console of that Region."
        : operation.endsWith("CustomModelDeployment")
          ? `The custom model deployment or the model ${jobIdentifier ?? ""} does not exist${where}: it was deleted, or the Region differs. Run \`tunegate deploy status <model>\` to see what is deployed.`
          : `No customization job ${jobIdentifier ?? ""} exists${where}. Check the job name or ARN and the Region.`;
  } else if (code === "ValidationException" && operation === "GetFoundationModel") {
    hint =
      `Bedrock does not offer ${baseModelId ?? "the base model"}${where}. Check the model's baseModel and region ` +
      "in tunegate.yml, and that model access is granted in the Bedrock console of that Region.";
  } else if (code === "ValidationException") {
    hint = validationHint(serverMessage, operation);
  } else if (code === "ServiceQuotaExceededException") {
    hint =
      "An account quota was reached (for example customization jobs running at once, or custom models per account). " +
      "Wait for running jobs to end, delete custom models you no longer need, or request an increase in the " +
      `Service Quotas console (service "Amazon Bedrock")${where}.`;
  } else if (code === "TooManyTagsException") {
    hint =
      "Bedrock keeps at most 50 tags on a resource; tunegate adds up to 7. Remove tags from the model in tunegate.yml.";
  } else if (code === "ConflictException" || code === "ResourceInUseException") {
    hint =
      "A job or custom model of this name exists already, or the clientRequestToken was used for a different request. " +
      "tunegate reports an existing job of the same training instead of starting another; a custom model of this name " +
      "must be deleted, or the data or settings changed so the name changes.";
  } else if (THROTTLING_CODES.has(code) || status === 429) {
    hint =
      `Bedrock kept throttling the requests${attempts ? ` through ${attempts} attempts with exponential backoff` : ""}. ` +
      "This is usually temporary: run the step again later, or spread out concurrent tunegate runs.";
  } else if (UNREACHABLE_CODES.has(code)) {
    hint =
      "The Bedrock endpoint cannot be reached. Check the network, the Region, and AWS_ENDPOINT_URL_BEDROCK / " +
      "AWS_ENDPOINT_URL if you point tunegate at another endpoint.";
  } else if (status !== undefined && status >= 500) {
    hint =
      "Bedrock had an internal error and the retries ran out. This is usually temporary: run the step again.";
  } else {
    hint = "See the Bedrock error above.";
  }
  if (attempts && attempts > 1 && !summary.includes("attempts")) summary += ` (after ${attempts} attempts)`;
  return new BedrockJobError(`${summary}. ${hint}`, { code, status, hint, attempts, cause: error });
}

function validationHint(message: string, operation: BedrockOperation): string {
  if (/hyper ?param/i.test(message)) {
    return "Fix the hyperparameter in tunegate.yml; `tunegate train --dry-run` shows the request without sending it.";
  }
  if (/s3|bucket|uri/i.test(message)) {
    return (
      "Check the S3 settings: the bucket must be in the job's Region, and the service role must be able to read the data " +
      "prefix and write the output prefix (see docs/aws-setup.md)."
    );
  }
  if (/role|trust|assume/i.test(message)) {
    return 'Check the service role: its trust policy must allow "bedrock.amazonaws.com" to assume it (see docs/aws-setup.md).';
  }
  return operation === "CreateModelCustomizationJob"
    ? "tunegate checks every field against the API's published constraints before sending, so this is a rule they do not " +
        "state; change the setting the message names in tunegate.yml."
    : "Bedrock refused the request as invalid.";
}

interface ErrorFacts {
  code: string;
  status: number | undefined;
  serverMessage: string;
  attempts: number | undefined;
}

/** Reads the fields the SDK and Node put on errors without trusting their shape. */
function inspect(error: unknown): ErrorFacts {
  const record = typeof error === "object" && error !== null ? (error as Record<string, unknown>) : {};
  const metadata =
    typeof record.$metadata === "object" && record.$metadata !== null
      ? (record.$metadata as Record<string, unknown>)
      : {};
  const status = typeof metadata.httpStatusCode === "number" ? metadata.httpStatusCode : undefined;
  const attempts = typeof metadata.attempts === "number" ? metadata.attempts : undefined;
  const nodeCode = typeof record.code === "string" ? record.code : undefined;
  const name = typeof record.name === "string" ? record.name : undefined;
  const named = name && name !== "Error" && name !== "Unknown" && !/^\d+$/.test(name) ? name : undefined;
  const code = named ?? nodeCode ?? (status ? `HTTP${status}` : "Error");
  const rawMessage = error instanceof Error ? error.message : String(error);
  const serverMessage = rawMessage === "UnknownError" ? "" : rawMessage.replace(/\.+$/, "");
  return {
    code: nodeCode && UNREACHABLE_CODES.has(nodeCode) ? nodeCode : code,
    status,
    serverMessage,
    attempts,
  };
}
