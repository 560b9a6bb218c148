// How Lambda reads the FunctionName of an Invoke: a name, a partial ARN or a full ARN, each with an
// optional `:qualifier` (a version or alias).

export interface FunctionReference {
  readonly name: string;
  readonly qualifier: string | undefined;
  /** From a full ARN only. */
  readonly region: string | undefined;
  /** From a full or partial ARN. */
  readonly accountId: string | undefined;
}

// Lambda's own pattern for FunctionName in Invoke, with groups for the parts.
const FUNCTION_NAME =
  /^(?:arn:aws[a-zA-Z-]*:lambda:([a-z]{2}(?:-gov)?-[a-z]+-\d{1}):)?(?:(\d{12}):function:)?([a-zA-Z0-9-_.]{1,64})(?::(\$LATEST|[a-zA-Z0-9-_]+))?$/;

export function parseFunctionName(text: string): FunctionReference | undefined {
  const m = FUNCTION_NAME.exec(text);
  if (!m) return undefined;
  // A full ARN names its account: "arn:aws:lambda:us-east-1:function:x" (no account) is not one.
  if (m[1] !== undefined && m[2] === undefined) return undefined;
  return { region: m[1], accountId: m[2], name: m[3]!, qualifier: m[4] };
}

export function functionArn(region: string, accountId: string, name: string, qualifier?: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}${qualifier ? `:${qualifier}` : ""}`;
}
