/**
 * The credential formats the secret scan looks for, as data with where each comes from. They are taken
 * from maintained rule sets that secret scanners run every day rather than written here, so a format a
 * provider changes is fixed by following the upstream rule, not by guessing:
 *
 * - gitleaks' default configuration, config/gitleaks.toml (MIT License, Copyright (c) 2019 Zachary
 *   Rice), read at commit b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b.
 * - Yelp's detect-secrets plugins (Apache License 2.0), for the two formats gitleaks has no rule for:
 *   credentials in a URI and an AWS secret access key after its name.
 *
 * Adapted for how they run here, each change noted at its pattern:
 * - They run on hostile text in JavaScript's backtracking engine, so every repetition is bounded (an
 *   upstream `+`, `*` or `{n,}` gets an upper bound well above any real key): a scan of a line costs at
 *   most the line's length times a small constant, whatever the line holds.
 * - Capture groups become non-capturing (the scanner tells detectors apart by group), and upstream's
 *   trailing delimiter group `(?:[\x60'"\s;]|\\[nr]|$)` becomes a lookahead, so the match is the secret
 *   alone and masking it hides all of it.
 * - `(?i)` (which JavaScript cannot scope) is written out as both cases in the classes it covers.
 *
 * `markers` are regular expressions of which at least one appears in the raw JSON line whenever the
 * pattern matches the decoded text: the scanner runs the patterns only on lines holding a marker. A
 * marker uses only characters JSON writes as themselves (letters, digits, `_-.~:`), or allows for the
 * escape when it does not (`/` may be written `\/`); the property test of sensitive.ts checks it.
 */

export interface SecretSource {
  /** The rule's id in its rule set. */
  rule: string;
  url: string;
  license: string;
  /** How the pattern differs from upstream beyond the adaptations every pattern gets. */
  adapted?: string;
}

export interface SecretPattern {
  /** What was found, for the message: "OpenAI API key". */
  kind: string;
  /** A JavaScript regular expression source: bounded repetitions only, no capture groups. */
  pattern: string;
  /**
   * Regex sources, at least one of which matches in the raw JSON line of any match (see
   * SECRET_MARKERS). Each holds a character that is rare in prose and that the marker allows alone at
   * its position ("AccessKey", not `[sS]ecret`): every line is searched for one such character of each
   * marker (marker-search.ts), and a common one is found, and checked, at every few characters.
   */
  markers: readonly string[];
  /**
   * How much of a match may be shown: a number of leading characters (the provider's prefix, never the
   * secret), or a function of the match for formats whose secret sits in the middle.
   */
  keep: number | ((match: string) => number);
  source: SecretSource;
}

const GITLEAKS_URL =
  "https://github.com/gitleaks/gitleaks/blob/b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b/config/gitleaks.toml";
const GITLEAKS_LICENSE = "MIT (Copyright (c) 2019 Zachary Rice)";
const gitleaks = (rule: string, adapted?: string): SecretSource =>
  adapted === undefined
    ? { rule, url: GITLEAKS_URL, license: GITLEAKS_LICENSE }
    : { rule, url: GITLEAKS_URL, license: GITLEAKS_LICENSE, adapted };
const detectSecrets = (rule: string, file: string, adapted: string): SecretSource => ({
  rule,
  url: `https://github.com/Yelp/detect-secrets/blob/master/detect_secrets/plugins/${file}`,
  license: "Apache-2.0",
  adapted,
});

// gitleaks' delimiter after a token, as a lookahead (see above).
const END = String.raw`(?=[\x60'"\s;]|\\[nr]|$)`;

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    kind: "AWS access key id",
    pattern: String.raw`\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b`,
    markers: ["A3T", "AKIA", "ASIA", "ABIA", "ACCA"],
    keep: 4,
    source: gitleaks("aws-access-token"),
  },
  {
    kind: "AWS secret access key",
    pattern: String.raw`(?:aws_secret_access_key|AWS_SECRET_ACCESS_KEY|[sS]ecretAccessKey)["'\s]{0,8}[:=]\s{0,8}["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])`,
    markers: ["_secret", "_SECRET", "AccessKey"],
    keep: 0,
    source: detectSecrets(
      "AWSKeyDetector (secret access key)",
      "aws.py",
      "40 characters of [A-Za-z0-9/+] after an assignment, as detect-secrets reads them, but only after the key's own name (a bare 40-character string is too common in text to be an error).",
    ),
  },
  {
    kind: "Amazon Bedrock API key",
    pattern: String.raw`\bABSK[A-Za-z0-9+/]{109,269}={0,2}${END}`,
    markers: ["ABSK"],
    keep: 4,
    source: gitleaks("aws-amazon-bedrock-api-key-long-lived"),
  },
  {
    kind: "Amazon Bedrock API key",
    pattern: "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t",
    markers: ["YmVkcm9jay5hbWF6b25hd3MuY29t"],
    keep: 16,
    source: gitleaks("aws-amazon-bedrock-api-key-short-lived"),
  },
  {
    kind: "private key",
    pattern: "-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----",
    markers: ["PRIVATE KEY"],
    keep: 11,
    source: gitleaks(
      "private-key",
      "The header alone is reported (as detect-secrets' PrivateKeyDetector does): a key pasted into a prompt is often cut short, and the header is enough to know it must go.",
    ),
  },
  {
    kind: "OpenAI API key",
    pattern: String.raw`\b(?:sk-(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})\b|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20})${END}`,
    markers: ["T3BlbkFJ"],
    keep: 3,
    source: gitleaks("openai-api-key"),
  },
  {
    kind: "Anthropic API key",
    pattern: String.raw`\bsk-ant-api03-[a-zA-Z0-9_\-]{93}AA${END}`,
    markers: ["k-ant-"],
    keep: 13,
    source: gitleaks("anthropic-api-key"),
  },
  {
    kind: "Anthropic admin API key",
    pattern: String.raw`\bsk-ant-admin01-[a-zA-Z0-9_\-]{93}AA${END}`,
    markers: ["k-ant-"],
    keep: 15,
    source: gitleaks("anthropic-admin-api-key"),
  },
  {
    kind: "GitHub token",
    pattern: String.raw`\b(?:gh[pousr]_[0-9a-zA-Z]{36}|github_pat_\w{82})`,
    markers: ["_[A-Za-z0-9]{36}", "_pat_"],
    keep: 4,
    source: gitleaks(
      "github-pat",
      "One pattern for gitleaks' github-pat, github-oauth, github-app-token, github-refresh-token and github-fine-grained-pat.",
    ),
  },
  {
    kind: "Google API key",
    pattern: String.raw`\bAIza[\w-]{35}${END}`,
    markers: ["AIza"],
    keep: 4,
    source: gitleaks("gcp-api-key"),
  },
  {
    kind: "Stripe key",
    pattern: String.raw`\b(?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99}${END}`,
    markers: ["_(?:test|live|prod)_"],
    keep: 8,
    source: gitleaks("stripe-access-token"),
  },
  {
    kind: "Slack token",
    pattern: "xoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]{0,255}",
    markers: ["xox[abeposr]-"],
    keep: 5,
    source: gitleaks("slack-bot-token"),
  },
  {
    kind: "Slack token",
    pattern: "xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}",
    markers: ["xox[abeposr]-"],
    keep: 5,
    source: gitleaks("slack-user-token"),
  },
  {
    kind: "Slack token",
    pattern: String.raw`xox[os]-\d{1,20}-\d{1,20}-\d{1,20}-[a-fA-F\d]{1,255}`,
    markers: ["xox[abeposr]-"],
    keep: 5,
    source: gitleaks("slack-legacy-token"),
  },
  {
    kind: "Slack token",
    pattern: String.raw`xapp-\d-[A-Za-z0-9]{1,255}-\d{1,50}-[A-Za-z0-9]{1,255}`,
    markers: ["xapp-"],
    keep: 5,
    source: gitleaks("slack-app-token", "The `xapp-` prefix in lower case, as Slack issues it."),
  },
  {
    kind: "Slack token",
    pattern: String.raw`xoxe.xox[bp]-\d-[A-Za-z0-9]{163,166}`,
    markers: ["xox[abeposr]-"],
    keep: 5,
    source: gitleaks("slack-config-access-token", "The `xoxe` prefix in lower case, as Slack issues it."),
  },
  {
    kind: "Slack webhook URL",
    pattern: String.raw`(?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}`,
    markers: [String.raw`slack\.com`],
    keep: 23,
    source: gitleaks(
      "slack-webhook-url",
      "The dots of the host name are literal (upstream's match any character).",
    ),
  },
  {
    kind: "Twilio API key",
    pattern: String.raw`\bSK[0-9a-fA-F]{32}\b`,
    markers: ["SK[0-9a-fA-F]{32}"],
    keep: 2,
    source: gitleaks(
      "twilio-api-key",
      "Between word boundaries, so the 34 characters are a token of their own, not the middle of a longer hexadecimal string.",
    ),
  },
  {
    kind: "JSON Web Token",
    pattern: String.raw`\bey[a-zA-Z0-9]{17,4096}\.ey[a-zA-Z0-9\/\\_-]{17,16384}\.(?:[a-zA-Z0-9\/\\_-]{10,4096}={0,2})?${END}`,
    markers: [String.raw`\.ey`],
    keep: 2,
    source: gitleaks("jwt"),
  },
  {
    kind: "Azure AD client secret",
    pattern: String.raw`(?<=^|[\\'"\x60\s>=:(,)])[a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34}(?=$|[\\'"\x60\s<),])`,
    markers: ["Q~"],
    keep: 0,
    source: gitleaks("azure-ad-client-secret", "Upstream's leading delimiter group is a lookbehind."),
  },
  {
    kind: "connection string with a password",
    pattern: String.raw`(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}://[^\s:@/"'<>{}]{0,256}:[^\s@/"'<>{}]{1,256}@(?=[^\s@/"'<>{}])`,
    markers: [String.raw`:\\?/\\?/`],
    // The scheme and user name say what it is; the password is not shown.
    keep: (match) => match.indexOf(":", match.indexOf("://") + 3) + 1,
    source: detectSecrets(
      "BasicAuthDetector",
      "basic_auth.py",
      "Upstream's `://[^:]+:([^@]+)@`, with the scheme written out (`postgresql`, `mongodb+srv`, `redis`, `amqp`...), the scheme starting where a run of scheme characters starts (so a long run is read once), an empty user name allowed (`redis://:password@host`), white space, quotes and template braces (`{password}`) not part of a password, bounded lengths, and a host required after the `@`.",
    ),
  },
];
