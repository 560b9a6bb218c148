/**
 * The likely fix for a failed customization job, from its `failureMessage`. The patterns follow the
 * messages AWS's troubleshooting page quotes (fine-tuning-troubleshooting.html); a message none of them
 * matches gets no hint rather than a guess.
 */

export interface FailureHint {
  /** A short name for the kind of failure, e.g. "S3 read permission". */
  kind: string;
  /** What to do about it, in Markdown-free prose. */
  fix: string;
}

interface Known {
  pattern: RegExp;
  hint: (match: RegExpExecArray) => FailureHint;
}

const KNOWN: readonly Known[] = [
  {
    pattern:
      /S3 perms missing \(PutObject\)|Could not validate PutObject permissions|Could not write output/i,
    hint: () => ({
      kind: "S3 write permission",
      fix:
        "The job's service role cannot write to the output folder. Grant it s3:PutObject (and s3:ListBucket) on " +
        "the output bucket and prefix, check that the bucket policy and any KMS key allow the role, and that the " +
        "bucket is in the job's Region. Bedrock probes this with output/.write_access_check_file.tmp before training.",
    }),
  },
  {
    pattern: /Could not validate GetObject permissions|AccessDenied.*GetObject|GetObject.*Access ?Denied/i,
    hint: () => ({
      kind: "S3 read permission",
      fix:
        "The job's service role cannot read the training or validation file. Grant it s3:GetObject on the dataset " +
        "keys and s3:ListBucket on the bucket; the bucket must be in the job's Region, and the role's trust policy " +
        "must name bedrock.amazonaws.com.",
    }),
  },
  {
    pattern: /Unable to parse Amazon S3 file|must conform to (?:the )?JSONL format|JSONL/i,
    hint: () => ({
      kind: "data format",
      fix:
        "A data file is not valid JSONL for this base model: every line must be one JSON record in the model's " +
        "format, with no empty lines. Run `tunegate validate` on the file; it points at the line and says what " +
        "to change.",
    }),
  },
  {
    pattern:
      /Max sum of input and output token length|exceeds total limit|Input size exceeded|token (?:length|limit|count)/i,
    hint: () => ({
      kind: "token limit",
      fix:
        "At least one record is longer than the base model accepts. Run `tunegate validate` (it reports records " +
        "over the token limit by line) and shorten or split them, or drop them from the dataset.",
    }),
  },
  {
    pattern:
      /licen[cs]e|accept(?:ed)? the (?:terms|EULA)|EULA|model access|end user (?:licen[cs]e )?agreement/i,
    hint: () => ({
      kind: "licence terms",
      fix:
        "The account has not accepted the base model's licence terms or been granted access to it in this Region. " +
        "Request access to the model in the Bedrock console (Model access) with the account the job runs in, then " +
        "merge again or re-run the train action.",
    }),
  },
  {
    pattern:
      /number of records|minimum (?:of )?\d+ records|too (?:few|many) records|records? (?:count|limit)/i,
    hint: () => ({
      kind: "record count",
      fix:
        "The dataset has fewer or more records than the base model's quota allows. `tunegate validate` checks " +
        "the counts against the catalog's quotas for the model.",
    }),
  },
  {
    pattern: /ServiceQuotaExceeded|quota|limit exceeded/i,
    hint: () => ({
      kind: "service quota",
      fix:
        "An account quota was reached (e.g. concurrent customization jobs or custom models). Wait for running " +
        "jobs to end, delete unused custom models, or ask for a quota increase in Service Quotas.",
    }),
  },
  {
    pattern: /Internal(?:Server)?(?: server)? ?Error|internal failure/i,
    hint: () => ({
      kind: "service error",
      fix: "Bedrock reported an internal error; this is usually transient. Start the job again (re-run the train action).",
    }),
  },
];

/** The fix for a known failure message, or undefined when the message matches none. */
export function failureHint(message: string | undefined): FailureHint | undefined {
  if (!message) return undefined;
  for (const known of KNOWN) {
    const match = known.pattern.exec(message);
    if (match) return known.hint(match);
  }
  return undefined;
}
