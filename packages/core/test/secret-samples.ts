/**
 * One credential of each format the scan knows, shaped as its provider issues it (made-up values: the
 * documented examples where a provider publishes one, otherwise characters of the right class and
 * length). Shared by the detector tests, the marker property and the per-output masking tests.
 */
const alnum = (n: number, seed = 7) => {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let out = "";
  for (let i = 0; i < n; i++) out += chars[(i * 31 + seed * 17 + ((i * i) % 13)) % chars.length];
  return out;
};
const hex = (n: number, seed = 3) => {
  let out = "";
  for (let i = 0; i < n; i++) out += "0123456789abcdef"[(i * 7 + seed * 5 + ((i * i) % 11)) % 16];
  return out;
};

export const SECRET_SAMPLES: readonly [kind: string, text: string][] = [
  // Not AWS's documented example key: the rule's own documentation shows that one.
  ["AWS access key id", "AKIA2E7Q4ZEXAMPLE5QR"],
  ["AWS secret access key", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"],
  ["AWS secret access key", '"secretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"'],
  ["Amazon Bedrock API key", `ABSK${alnum(132)}`],
  ["private key", "-----BEGIN RSA PRIVATE KEY-----"],
  ["private key", "-----BEGIN OPENSSH PRIVATE KEY-----"],
  ["OpenAI API key", `sk-proj-${alnum(74, 1)}T3BlbkFJ${alnum(74, 2)}`],
  ["OpenAI API key", `sk-svcacct-${alnum(58, 3)}T3BlbkFJ${alnum(58, 4)}`],
  ["OpenAI API key", `sk-${alnum(20, 5)}T3BlbkFJ${alnum(20, 6)}`],
  ["Anthropic API key", `sk-ant-api03-${alnum(93, 8)}AA`],
  ["Anthropic admin API key", `sk-ant-admin01-${alnum(93, 9)}AA`],
  ["GitHub token", `ghp_${alnum(36, 10)}`],
  ["GitHub token", `github_pat_${alnum(82, 11)}`],
  ["Google API key", `AIzaSy${alnum(33, 12)}`],
  ["Stripe key", `sk_live_${alnum(24, 13)}`],
  ["Stripe key", `rk_test_${alnum(24, 14)}`],
  ["Slack token", `xoxb-1234567890-1234567890123-${alnum(24, 15)}`],
  ["Slack token", `xoxp-1234567890-1234567890-1234567890-${hex(32, 1)}`],
  ["Slack token", `xoxe-1234567890-1234567890-1234567890-${alnum(30, 18)}`],
  ["Slack token", `xapp-1-A0123456789-1234567890123-${hex(64, 2)}`],
  ["Slack webhook URL", `https://hooks.slack.com/services/T00000000/B00000000/${alnum(24, 16)}`],
  ["Twilio API key", `SK${hex(32, 4)}`],
  [
    "JSON Web Token",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
  ],
  ["Azure AD client secret", `abc8Q~${alnum(34, 17)}`],
  ["connection string with a password", "postgresql://app:s3cr3t-pw@db.internal:5432/prod"],
  ["connection string with a password", "postgres://admin:hunter2@localhost/app"],
  ["connection string with a password", "mongodb+srv://svc:Zq8pL2vX@cluster0.ab1cd.mongodb.net/prod"],
  ["connection string with a password", "mysql://root:toor99@10.0.0.5:3306/shop"],
  ["connection string with a password", "redis://:r3d1spass@cache.internal:6379/0"],
  ["connection string with a password", "amqps://guest:bunny42@mq.example.net/vhost"],
];

/** A stretch of a sample that only its secret part holds: what no output may contain. */
export function secretPart(text: string): string {
  const at = text.indexOf("@");
  if (text.includes("://") && at > 0) return text.slice(text.lastIndexOf(":", at) + 1, at);
  return text.slice(-10);
}
