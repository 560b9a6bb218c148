import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);

// ../../packages/core/src/dataset/worker-entry.ts
import { parentPort, workerData } from "node:worker_threads";

// ../../packages/core/src/dataset/line-checker.ts
import { isUtf8 } from "node:buffer";
import { hash } from "node:crypto";

// ../../packages/core/src/rules/conversation.ts
function describeType(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "a string";
  return `a ${typeof value}`;
}
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ../../packages/core/src/rules/define.ts
function defineRule(meta) {
  return Object.freeze(meta);
}
function formatPath(path) {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
var messagePaths = [];
var contentPaths = [];
var blockTextPaths = [];
var systemBlockPaths = [];
function cached(slots, index, make) {
  let value = slots[index];
  if (value === void 0) {
    value = make();
    slots[index] = value;
  }
  return value;
}
var frozen = (...path) => Object.freeze(path);
var messagePath = (i) => cached(messagePaths, i, () => frozen("messages", i));
var contentPath = (i) => cached(contentPaths, i, () => frozen("messages", i, "content"));
var blockTextPath = (i, j) => cached(
  cached(blockTextPaths, i, () => []),
  j,
  () => frozen("messages", i, "content", j, "text")
);
var systemBlockPath = (i) => cached(systemBlockPaths, i, () => frozen("system", i, "text"));
var keyPaths = /* @__PURE__ */ new Map();
var keyPath = (key) => {
  let path = keyPaths.get(key);
  if (!path) {
    path = frozen(key);
    keyPaths.set(key, path);
  }
  return path;
};

// ../../packages/core/src/rules/secret-patterns.ts
var GITLEAKS_URL = "https://github.com/gitleaks/gitleaks/blob/b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b/config/gitleaks.toml";
var GITLEAKS_LICENSE = "MIT (Copyright (c) 2019 Zachary Rice)";
var gitleaks = (rule, adapted) => adapted === void 0 ? { rule, url: GITLEAKS_URL, license: GITLEAKS_LICENSE } : { rule, url: GITLEAKS_URL, license: GITLEAKS_LICENSE, adapted };
var detectSecrets = (rule, file, adapted) => ({
  rule,
  url: `https://github.com/Yelp/detect-secrets/blob/master/detect_secrets/plugins/${file}`,
  license: "Apache-2.0",
  adapted
});
var END = String.raw`(?=[\x60'"\s;]|\\[nr]|$)`;
var SECRET_PATTERNS = [
  {
    kind: "AWS access key id",
    pattern: String.raw`\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b`,
    markers: ["A3T", "AKIA", "ASIA", "ABIA", "ACCA"],
    keep: 4,
    source: gitleaks("aws-access-token")
  },
  {
    kind: "AWS secret access key",
    pattern: String.raw`(?:aws_secret_access_key|AWS_SECRET_ACCESS_KEY|[sS]ecretAccessKey)["'\s]{0,8}[:=]\s{0,8}["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])`,
    markers: ["_secret", "_SECRET", "ecretAccessKey"],
    keep: 0,
    source: detectSecrets(
      "AWSKeyDetector (secret access key)",
      "aws.py",
      "40 characters of [A-Za-z0-9/+] after an assignment, as detect-secrets reads them, but only after the key's own name (a bare 40-character string is too common in text to be an error)."
    )
  },
  {
    kind: "Amazon Bedrock API key",
    pattern: String.raw`\bABSK[A-Za-z0-9+/]{109,269}={0,2}${END}`,
    markers: ["ABSK"],
    keep: 4,
    source: gitleaks("aws-amazon-bedrock-api-key-long-lived")
  },
  {
    kind: "Amazon Bedrock API key",
    pattern: "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t",
    markers: ["bedrock-api-key-"],
    keep: 16,
    source: gitleaks("aws-amazon-bedrock-api-key-short-lived")
  },
  {
    kind: "private key",
    pattern: "-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----",
    markers: ["PRIVATE KEY"],
    keep: 11,
    source: gitleaks(
      "private-key",
      "The header alone is reported (as detect-secrets' PrivateKeyDetector does): a key pasted into a prompt is often cut short, and the header is enough to know it must go."
    )
  },
  {
    kind: "OpenAI API key",
    pattern: String.raw`\b(?:sk-(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})\b|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20})${END}`,
    markers: ["T3BlbkFJ"],
    keep: 3,
    source: gitleaks("openai-api-key")
  },
  {
    kind: "Anthropic API key",
    pattern: String.raw`\bsk-ant-api03-[a-zA-Z0-9_\-]{93}AA${END}`,
    markers: ["sk-ant-"],
    keep: 13,
    source: gitleaks("anthropic-api-key")
  },
  {
    kind: "Anthropic admin API key",
    pattern: String.raw`\bsk-ant-admin01-[a-zA-Z0-9_\-]{93}AA${END}`,
    markers: ["sk-ant-"],
    keep: 15,
    source: gitleaks("anthropic-admin-api-key")
  },
  {
    kind: "GitHub token",
    pattern: String.raw`\b(?:gh[pousr]_[0-9a-zA-Z]{36}|github_pat_\w{82})`,
    markers: ["_[A-Za-z0-9]{36}", "_pat_"],
    keep: 4,
    source: gitleaks(
      "github-pat",
      "One pattern for gitleaks' github-pat, github-oauth, github-app-token, github-refresh-token and github-fine-grained-pat."
    )
  },
  {
    kind: "Google API key",
    pattern: String.raw`\bAIza[\w-]{35}${END}`,
    markers: ["AIza"],
    keep: 4,
    source: gitleaks("gcp-api-key")
  },
  {
    kind: "Stripe key",
    pattern: String.raw`\b(?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99}${END}`,
    markers: ["_(?:test|live|prod)_"],
    keep: 8,
    source: gitleaks("stripe-access-token")
  },
  {
    kind: "Slack token",
    pattern: "xoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]{0,255}",
    markers: ["xox[abposr]-"],
    keep: 5,
    source: gitleaks("slack-bot-token")
  },
  {
    kind: "Slack token",
    pattern: "xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}",
    markers: ["xox[abposr]-"],
    keep: 5,
    source: gitleaks("slack-user-token")
  },
  {
    kind: "Slack token",
    pattern: String.raw`xox[os]-\d{1,20}-\d{1,20}-\d{1,20}-[a-fA-F\d]{1,255}`,
    markers: ["xox[abposr]-"],
    keep: 5,
    source: gitleaks("slack-legacy-token")
  },
  {
    kind: "Slack token",
    pattern: String.raw`xapp-\d-[A-Za-z0-9]{1,255}-\d{1,50}-[A-Za-z0-9]{1,255}`,
    markers: ["xapp-"],
    keep: 5,
    source: gitleaks("slack-app-token", "The `xapp-` prefix in lower case, as Slack issues it.")
  },
  {
    kind: "Slack token",
    pattern: String.raw`xoxe.xox[bp]-\d-[A-Za-z0-9]{163,166}`,
    markers: ["xox[abposr]-"],
    keep: 5,
    source: gitleaks("slack-config-access-token", "The `xoxe` prefix in lower case, as Slack issues it.")
  },
  {
    kind: "Slack webhook URL",
    pattern: String.raw`(?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}`,
    markers: [String.raw`hooks\.slack\.com`],
    keep: 23,
    source: gitleaks(
      "slack-webhook-url",
      "The dots of the host name are literal (upstream's match any character)."
    )
  },
  {
    kind: "Twilio API key",
    pattern: String.raw`\bSK[0-9a-fA-F]{32}\b`,
    markers: ["SK[0-9a-fA-F]{32}"],
    keep: 2,
    source: gitleaks(
      "twilio-api-key",
      "Between word boundaries, so the 34 characters are a token of their own, not the middle of a longer hexadecimal string."
    )
  },
  {
    kind: "JSON Web Token",
    pattern: String.raw`\bey[a-zA-Z0-9]{17,4096}\.ey[a-zA-Z0-9\/\\_-]{17,16384}\.(?:[a-zA-Z0-9\/\\_-]{10,4096}={0,2})?${END}`,
    markers: [String.raw`\.ey`],
    keep: 2,
    source: gitleaks("jwt")
  },
  {
    kind: "Azure AD client secret",
    pattern: String.raw`(?<=^|[\\'"\x60\s>=:(,)])[a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34}(?=$|[\\'"\x60\s<),])`,
    markers: ["Q~"],
    keep: 0,
    source: gitleaks("azure-ad-client-secret", "Upstream's leading delimiter group is a lookbehind.")
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
      "Upstream's `://[^:]+:([^@]+)@`, with the scheme written out (`postgresql`, `mongodb+srv`, `redis`, `amqp`...), the scheme starting where a run of scheme characters starts (so a long run is read once), an empty user name allowed (`redis://:password@host`), white space, quotes and template braces (`{password}`) not part of a password, bounded lengths, and a host required after the `@`."
    )
  }
];

// ../../packages/core/src/rules/sensitive.ts
var sensitiveRules = {
  secret: defineRule({
    id: "sensitive/secret",
    severity: "error",
    title: "No credentials or private keys in training text",
    hint: "Remove the secret from the dataset and rotate it: it is in the repository history now.",
    example: {
      bad: '{"messages": [{"role": "user", "content": "Deploy with AKIAIOSFODNN7EXAMPLE"}, {"role": "assistant", "content": "Done."}]}',
      good: '{"messages": [{"role": "user", "content": "Deploy with the key from the vault"}, {"role": "assistant", "content": "Done."}]}'
    }
  }),
  personalData: defineRule({
    id: "sensitive/personal-data",
    severity: "warning",
    title: "No personal data (e-mail addresses, phone numbers, card numbers, US SSNs) in training text",
    hint: "Replace it with a placeholder (<EMAIL>, <PHONE>, ...) unless the data is public and meant to be learned.",
    example: {
      bad: '{"messages": [{"role": "user", "content": "Refund jane.doe@example.com"}, {"role": "assistant", "content": "ROUTE: billing"}]}',
      good: '{"messages": [{"role": "user", "content": "Refund <EMAIL>"}, {"role": "assistant", "content": "ROUTE: billing"}]}'
    }
  })
};
var SECRET = sensitiveRules.secret.id;
var PERSONAL = sensitiveRules.personalData.id;
var DETECTORS = [
  ...SECRET_PATTERNS.map((p) => [
    { kind: p.kind, family: "secret", rule: SECRET, keep: p.keep },
    p.pattern
  ]),
  [
    // RFC 5321 bounds: 64 characters before the @, 63 per domain label. The local part starts only where
    // a run of its characters starts (not at every word boundary inside it), so a long run is read once.
    { kind: "e-mail address", family: "email", rule: PERSONAL, keep: 1 },
    String.raw`(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,63}\b`
  ],
  [
    { kind: "US social security number", family: "digits", rule: PERSONAL, keep: 0 },
    String.raw`\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b`
  ],
  [
    // 4-4-4-(1..7) and American Express 4-6-5 groupings, with or without single separators.
    {
      kind: "payment card number",
      family: "digits",
      rule: PERSONAL,
      keep: 0,
      verify: (m) => luhn(m.replace(/[ -]/g, ""))
    },
    String.raw`\b\d{4}(?:[ -]?\d{4}){2}[ -]?\d{1,7}\b|\b\d{4}[ -]?\d{6}[ -]?\d{5}\b`
  ],
  [
    { kind: "phone number", family: "digits", rule: PERSONAL, keep: 0 },
    String.raw`(?:\+\d{1,3}[ .-]?)?(?:\(\d{3}\) ?|\b\d{3}[ .-])\d{3}[ .-]\d{4}\b|\+\d{1,3}(?:[ .-]\d{2,4}){2,4}\b`
  ]
];
function combine(detectors) {
  for (const [d, source] of detectors) {
    if (new RegExp(`${source}|`).exec("").length !== 1)
      throw new Error(`The ${d.kind} pattern has a capture group.`);
  }
  return { detectors, regex: new RegExp(detectors.map(([, source]) => `(${source})`).join("|"), "g") };
}
var ALL = combine(DETECTORS);
var BY_FAMILY = {
  secret: combine(DETECTORS.filter(([d]) => d.family === "secret")),
  email: combine(DETECTORS.filter(([d]) => d.family === "email")),
  digits: combine(DETECTORS.filter(([d]) => d.family === "digits"))
};
var ESCAPED_ASCII = String.raw`\\u00[0-7][0-9A-Fa-f]`;
var SECRET_MARKERS = [
  ...new Set(SECRET_PATTERNS.flatMap((p) => p.markers)),
  ESCAPED_ASCII
];
var ESCAPED_ASCII_MARKER = new RegExp(ESCAPED_ASCII);
var DIGIT_MARKER = /\d\d[-. )] ?\d\d|\d{13}/;
function sensitiveFamilies(rawLine, secretMarked) {
  if (secretMarked && ESCAPED_ASCII_MARKER.test(rawLine)) return ["secret", "email", "digits"];
  const families = secretMarked ? ["secret"] : [];
  if (rawLine.includes("@")) families.push("email");
  if (DIGIT_MARKER.test(rawLine)) families.push("digits");
  return families;
}
function maskSensitive(text) {
  const found = scan(text, ALL, true);
  if (found.length === 0) return text;
  let out = "";
  let at = 0;
  for (const m of found) {
    if (m.index < at) continue;
    out += text.slice(at, m.index) + m.masked;
    at = m.index + m.length;
  }
  return out + text.slice(at);
}
function luhn(digits) {
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
function mask(text, keep) {
  const shown = text.slice(
    0,
    typeof keep === "number" ? Math.min(keep, Math.floor(text.length / 2)) : keep(text)
  );
  return shown + "*".repeat(Math.min(text.length - shown.length, 16));
}
function findSensitive(text, families) {
  if (families === void 0) return scan(text, ALL);
  if (families.length === 1) return scan(text, BY_FAMILY[families[0]]);
  return families.flatMap((f) => scan(text, BY_FAMILY[f])).sort((a, b) => a.index - b.index);
}
function scan(text, { detectors, regex }, unverified = false) {
  const found = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    const group = m.findIndex((g, i) => i > 0 && g !== void 0);
    const detector = detectors[group - 1][0];
    if (detector.verify && !unverified && !detector.verify(m[0])) continue;
    found.push({
      rule: detector.rule,
      kind: detector.kind,
      index: m.index,
      masked: mask(m[0], detector.keep),
      length: m[0].length
    });
  }
  return found;
}

// ../../packages/core/src/rules/preview.ts
function preview(value, max = 40) {
  const json = maskSensitive(
    JSON.stringify(typeof value === "string" ? maskSensitive(value) : value) ?? String(value)
  );
  return json.length <= max ? json : `${json.slice(0, max - 4)}..."`;
}

// ../../packages/core/src/rules/messages.ts
var MESSAGE_KEYS = /* @__PURE__ */ new Set(["role", "content"]);
function readMessages(messages, rules, readContent, report) {
  if (messages === void 0) {
    report({ rule: rules.messagesMissing, path: [], message: 'The record has no "messages".' });
    return void 0;
  }
  if (!Array.isArray(messages)) {
    report({
      rule: rules.messagesType,
      path: ["messages"],
      message: `"messages" is ${describeType(messages)}; it must be an array of messages.`
    });
    return void 0;
  }
  if (messages.length < 2) {
    report({
      rule: rules.messagesType,
      path: ["messages"],
      message: `"messages" has ${messages.length} message${messages.length === 1 ? "" : "s"}; at least 2 are needed (a user message and the assistant's reply).`
    });
  }
  const turns = [];
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (!isObject(m)) {
      report({
        rule: rules.messageShape,
        path: ["messages", i],
        message: `messages[${i}] is ${describeType(m)}; it must be an object with "role" and "content".`
      });
      continue;
    }
    for (const key in m) {
      if (!MESSAGE_KEYS.has(key)) {
        report({
          rule: rules.unknownKey,
          path: ["messages", i, key],
          message: `Unknown key "${key}" in messages[${i}].`
        });
      }
    }
    const role = m.role;
    if (role === void 0) {
      report({ rule: rules.messageShape, path: ["messages", i], message: `messages[${i}] has no "role".` });
    } else if (role !== "user" && role !== "assistant") {
      report({
        rule: rules.roleInvalid,
        path: ["messages", i, "role"],
        message: `messages[${i}].role is ${preview(role)}; it must be "user" or "assistant".`,
        ...role === "system" ? { hint: 'Move the system prompt out of "messages" into the top-level "system".' } : {}
      });
    }
    const { parts, readable } = readContent(m.content, i, report);
    turns.push({
      role: typeof role === "string" ? role : "",
      parts,
      path: messagePath(i),
      readable
    });
  }
  return turns;
}

// ../../packages/core/src/rules/claude-format.ts
var formats = ["claude-messages"];
var good = '{"system": "You route tickets.", "messages": [{"role": "user", "content": "My card was charged twice"}, {"role": "assistant", "content": "ROUTE: billing"}]}';
var claudeRules = {
  unknownKey: defineRule({
    id: "claude/unknown-key",
    severity: "error",
    title: "Only `system` and `messages` may appear in a record, and only `role` and `content` in a message",
    hint: "Remove the key: Claude fine-tuning rejects extraneous keys. Keep metadata in a separate file keyed by line.",
    formats,
    example: { bad: good.replace('{"system"', '{"id": 17, "system"'), good }
  }),
  systemType: defineRule({
    id: "claude/system-type",
    severity: "error",
    title: "`system` is a string",
    hint: 'Write the system prompt as one string: "system": "You are ...".',
    formats,
    example: { bad: good.replace('"You route tickets."', '[{"text": "You route tickets."}]'), good }
  }),
  messagesMissing: defineRule({
    id: "claude/messages-missing",
    severity: "error",
    title: "Every record has a `messages` array",
    hint: 'Add "messages": [{"role": "user", ...}, {"role": "assistant", ...}].',
    formats,
    example: { bad: '{"system": "You route tickets."}', good }
  }),
  messagesType: defineRule({
    id: "claude/messages-type",
    severity: "error",
    title: "`messages` is an array of at least two message objects",
    hint: "Give at least one user message followed by one assistant message.",
    formats,
    example: { bad: '{"messages": [{"role": "user", "content": "Hi"}]}', good }
  }),
  messageShape: defineRule({
    id: "claude/message-shape",
    severity: "error",
    title: "Each message is an object with a `role` and a `content`",
    hint: 'Write each message as {"role": "user" | "assistant", "content": "..."}.',
    formats,
    example: { bad: '{"messages": ["Hi", {"role": "assistant", "content": "Hello"}]}', good }
  }),
  roleInvalid: defineRule({
    id: "claude/role-invalid",
    severity: "error",
    title: "A message role is `user` or `assistant`",
    hint: 'Use "user" or "assistant"; put a system prompt in the top-level "system" string.',
    formats,
    example: { bad: good.replace('"role": "user"', '"role": "human"'), good }
  }),
  contentType: defineRule({
    id: "claude/content-type",
    severity: "error",
    title: "Message `content` is a plain string",
    hint: 'Write "content": "text". Content blocks are not documented for Claude 3 Haiku fine-tuning, and it takes no images.',
    formats,
    example: {
      bad: good.replace(
        '"content": "ROUTE: billing"',
        '"content": [{"type": "text", "text": "ROUTE: billing"}]'
      ),
      good
    }
  })
};
var TOP_KEYS = /* @__PURE__ */ new Set(["system", "messages"]);
var readClaudeContent = (content, i, report) => {
  if (typeof content === "string") {
    return {
      parts: [{ kind: "text", text: content, path: contentPath(i) }],
      readable: true
    };
  }
  report(
    content === void 0 ? {
      rule: claudeRules.messageShape.id,
      path: ["messages", i],
      message: `messages[${i}] has no "content".`
    } : {
      rule: claudeRules.contentType.id,
      path: ["messages", i, "content"],
      message: `messages[${i}].content is ${describeType(content)}; Claude 3 Haiku fine-tuning takes a string.`
    }
  );
  return { parts: [], readable: false };
};
var claudeIds = {
  messagesMissing: claudeRules.messagesMissing.id,
  messagesType: claudeRules.messagesType.id,
  messageShape: claudeRules.messageShape.id,
  roleInvalid: claudeRules.roleInvalid.id,
  unknownKey: claudeRules.unknownKey.id
};
var claudeParser = {
  parse(record, report) {
    if (!isObject(record)) return void 0;
    for (const key in record) {
      if (!TOP_KEYS.has(key)) {
        report({
          rule: claudeRules.unknownKey.id,
          path: [key],
          message: `Unknown key "${key}" in the record.`
        });
      }
    }
    const system = [];
    if (record.system !== void 0) {
      if (typeof record.system === "string")
        system.push({ kind: "text", text: record.system, path: keyPath("system") });
      else {
        report({
          rule: claudeRules.systemType.id,
          path: ["system"],
          message: `"system" is ${describeType(record.system)}; Claude records take a string.`
        });
      }
    }
    const turns = readMessages(record.messages, claudeIds, readClaudeContent, report);
    if (!turns) return void 0;
    return { system, turns };
  }
};

// ../../packages/core/src/rules/converse-format.ts
var formats2 = ["bedrock-conversation-2024"];
var SCHEMA_VERSION = "bedrock-conversation-2024";
var good2 = '{"schemaVersion": "bedrock-conversation-2024", "system": [{"text": "You route tickets."}], "messages": [{"role": "user", "content": [{"text": "My card was charged twice"}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}';
var converseRules = {
  schemaVersion: defineRule({
    id: "converse/schema-version",
    severity: "error",
    title: "Every record has a `schemaVersion` string",
    hint: 'Add "schemaVersion": "bedrock-conversation-2024" to every record.',
    formats: formats2,
    example: { bad: good2.replace('"schemaVersion": "bedrock-conversation-2024", ', ""), good: good2 }
  }),
  // AWS's own Nova tool-use sample trains with "tooluse-dataset-2024", so another value is not an error.
  schemaVersionValue: defineRule({
    id: "converse/schema-version-value",
    severity: "warning",
    title: '`schemaVersion` is the documented "bedrock-conversation-2024"',
    hint: 'Use "schemaVersion": "bedrock-conversation-2024", the value AWS documents.',
    formats: formats2,
    example: { bad: good2.replace('"bedrock-conversation-2024"', '"conversation-v1"'), good: good2 }
  }),
  unknownKey: defineRule({
    id: "converse/unknown-key",
    severity: "error",
    title: "Only `schemaVersion`, `system` and `messages` appear in a record, `role` and `content` in a message",
    hint: "Remove the key; keep metadata in a separate file keyed by line.",
    formats: formats2,
    example: { bad: good2.replace("{", '{"id": 17, '), good: good2 }
  }),
  systemType: defineRule({
    id: "converse/system-type",
    severity: "error",
    title: '`system` is an array of `{"text": "..."}` blocks',
    hint: 'Write "system": [{"text": "You are ..."}].',
    formats: formats2,
    example: { bad: good2.replace('[{"text": "You route tickets."}]', '"You route tickets."'), good: good2 }
  }),
  messagesMissing: defineRule({
    id: "converse/messages-missing",
    severity: "error",
    title: "Every record has a `messages` array",
    hint: 'Add "messages": [{"role": "user", "content": [{"text": ...}]}, {"role": "assistant", ...}].',
    formats: formats2,
    example: { bad: '{"schemaVersion": "bedrock-conversation-2024"}', good: good2 }
  }),
  messagesType: defineRule({
    id: "converse/messages-type",
    severity: "error",
    title: "`messages` is an array of at least two message objects",
    hint: "Give at least one user message followed by one assistant message.",
    formats: formats2,
    example: {
      bad: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Hi"}]}]}',
      good: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "My card was charged twice"}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}'
    }
  }),
  messageShape: defineRule({
    id: "converse/message-shape",
    severity: "error",
    title: "Each message is an object with a `role` and a `content` array",
    hint: 'Write each message as {"role": "user" | "assistant", "content": [{"text": "..."}]}.',
    formats: formats2,
    example: {
      bad: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"content": [{"text": "Hi"}]}, {"role": "assistant", "content": [{"text": "Hello"}]}]}',
      good: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "My card was charged twice"}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}'
    }
  }),
  roleInvalid: defineRule({
    id: "converse/role-invalid",
    severity: "error",
    title: "A message role is `user` or `assistant`",
    hint: 'Use "user" or "assistant"; put a system prompt in the top-level "system" array.',
    formats: formats2,
    example: {
      bad: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "customer", "content": [{"text": "My card was charged twice"}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}',
      good: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "My card was charged twice"}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}'
    }
  }),
  contentType: defineRule({
    id: "converse/content-type",
    severity: "error",
    title: "Message `content` is a non-empty array of content blocks",
    hint: 'Write "content": [{"text": "..."}].',
    formats: formats2,
    example: { bad: good2.replace('[{"text": "ROUTE: billing"}]', '"ROUTE: billing"'), good: good2 }
  }),
  contentBlock: defineRule({
    id: "converse/content-block",
    severity: "error",
    title: "Each content block holds exactly one of `text`, `image` or `video`",
    hint: 'Write {"text": "..."}, {"image": {"format": "png", "source": {"s3Location": {"uri": "s3://..."}}}} or the same for "video".',
    formats: formats2,
    example: {
      bad: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "My card was charged twice", "type": "text"}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}',
      good: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "My card was charged twice"}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}'
    }
  }),
  mediaUnsupported: defineRule({
    id: "converse/media-unsupported",
    severity: "error",
    title: "Images and videos appear only for base models that take them",
    hint: "Remove the media block or pick a base model that accepts media (e.g. Nova Lite or Pro).",
    formats: formats2,
    example: {
      bad: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Is this a refund?"}, {"image": {"format": "png", "source": {"s3Location": {"uri": "s3://my-bucket/receipt.png"}}}}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]} (for Nova Micro)',
      good: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Is this a refund?"}, {"image": {"format": "png", "source": {"s3Location": {"uri": "s3://my-bucket/receipt.png"}}}}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]} (for Nova Lite or Pro)'
    }
  }),
  mediaRole: defineRule({
    id: "converse/media-in-assistant",
    severity: "error",
    title: "Images and videos appear in user turns only",
    hint: "Move the media block into the user message it belongs to.",
    formats: formats2,
    example: {
      bad: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Show the receipt"}]}, {"role": "assistant", "content": [{"text": "Here it is"}, {"image": {"format": "png", "source": {"s3Location": {"uri": "s3://my-bucket/receipt.png"}}}}]}]}',
      good: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Is this a refund?"}, {"image": {"format": "png", "source": {"s3Location": {"uri": "s3://my-bucket/receipt.png"}}}}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}'
    }
  }),
  mediaCount: defineRule({
    id: "converse/media-count",
    severity: "error",
    title: "At most the model's number of images per message and videos per record",
    hint: "Split the record, or drop media beyond the limit.",
    formats: formats2,
    example: {
      bad: "(a user message with 11 image blocks for Nova Lite, which takes 10)",
      good: "(at most 10 images in a message, and one video in a record)"
    }
  }),
  mediaSource: defineRule({
    id: "converse/media-source",
    severity: "error",
    title: "A media block names a supported format and an `s3Location.uri`",
    hint: 'Write {"format": "png", "source": {"s3Location": {"uri": "s3://bucket/key.png", "bucketOwner": "123456789012"}}}.',
    formats: formats2,
    example: {
      bad: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Is this a refund?"}, {"image": {"format": "bmp", "source": {"s3Location": {"uri": "https://example.com/r.bmp"}}}}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}',
      good: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Is this a refund?"}, {"image": {"format": "png", "source": {"s3Location": {"uri": "s3://my-bucket/receipt.png"}}}}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}'
    }
  })
};
var TOP_KEYS2 = /* @__PURE__ */ new Set(["schemaVersion", "system", "messages"]);
var BLOCK_KINDS = ["text", "image", "video"];
var readConverseContent = (content, i, report) => {
  const parts = [];
  if (!Array.isArray(content) || content.length === 0) {
    report({
      rule: converseRules.contentType.id,
      path: content === void 0 ? ["messages", i] : ["messages", i, "content"],
      message: content === void 0 ? `messages[${i}] has no "content".` : `messages[${i}].content is ${Array.isArray(content) ? "an empty array" : describeType(content)}; it must be a non-empty array of content blocks.`
    });
    return { parts, readable: false };
  }
  content.forEach((block, j) => {
    const path = ["messages", i, "content", j];
    const kinds = isObject(block) ? BLOCK_KINDS.filter((k) => k in block) : [];
    const extra = isObject(block) ? Object.keys(block).filter((k) => !BLOCK_KINDS.includes(k)) : [];
    if (!isObject(block) || kinds.length !== 1 || extra.length > 0) {
      report({
        rule: converseRules.contentBlock.id,
        path,
        message: !isObject(block) ? `messages[${i}].content[${j}] is ${describeType(block)}; it must be an object.` : extra.length > 0 ? `messages[${i}].content[${j}] has unknown key${extra.length > 1 ? "s" : ""} ${extra.map((k) => `"${k}"`).join(", ")}.` : `messages[${i}].content[${j}] must hold exactly one of "text", "image" or "video" (it has ${kinds.length}).`
      });
      return;
    }
    const kind = kinds[0];
    const value = block[kind];
    if (kind === "text") {
      if (typeof value === "string") parts.push({ kind: "text", text: value, path: blockTextPath(i, j) });
      else {
        report({
          rule: converseRules.contentBlock.id,
          path: [...path, "text"],
          message: `messages[${i}].content[${j}].text is ${describeType(value)}; it must be a string.`
        });
      }
    } else {
      const media = isObject(value) ? value : {};
      const source = isObject(media.source) ? media.source : {};
      const s3 = isObject(source.s3Location) ? source.s3Location : {};
      parts.push({ kind, format: media.format, uri: s3.uri, path: [...path, kind] });
    }
  });
  return { parts, readable: true };
};
var converseIds = {
  messagesMissing: converseRules.messagesMissing.id,
  messagesType: converseRules.messagesType.id,
  messageShape: converseRules.messageShape.id,
  roleInvalid: converseRules.roleInvalid.id,
  unknownKey: converseRules.unknownKey.id
};
var converseParser = {
  parse(record, report) {
    if (!isObject(record)) return void 0;
    for (const key in record) {
      if (!TOP_KEYS2.has(key)) {
        report({
          rule: converseRules.unknownKey.id,
          path: [key],
          message: `Unknown key "${key}" in the record.`
        });
      }
    }
    const version = record.schemaVersion;
    if (typeof version !== "string") {
      report({
        rule: converseRules.schemaVersion.id,
        path: version === void 0 ? [] : ["schemaVersion"],
        message: version === void 0 ? 'The record has no "schemaVersion".' : `"schemaVersion" is ${describeType(version)}; it must be the string "${SCHEMA_VERSION}".`
      });
    } else if (version !== SCHEMA_VERSION) {
      report({
        rule: converseRules.schemaVersionValue.id,
        path: ["schemaVersion"],
        message: `"schemaVersion" is ${preview(version)}; AWS documents "${SCHEMA_VERSION}".`
      });
    }
    const system = [];
    if (record.system !== void 0) {
      if (!Array.isArray(record.system)) {
        report({
          rule: converseRules.systemType.id,
          path: ["system"],
          message: `"system" is ${describeType(record.system)}; it must be an array of {"text": ...} blocks.`
        });
      } else {
        record.system.forEach((block, i) => {
          if (isObject(block) && typeof block.text === "string" && Object.keys(block).length === 1) {
            system.push({ kind: "text", text: block.text, path: systemBlockPath(i) });
          } else {
            report({
              rule: converseRules.systemType.id,
              path: ["system", i],
              message: `system[${i}] is not a {"text": "..."} block.`
            });
          }
        });
      }
    }
    const turns = readMessages(record.messages, converseIds, readConverseContent, report);
    if (!turns) return void 0;
    return { system, turns };
  }
};

// ../../packages/core/src/rules/samples.ts
function sampleRecord(format, turns, system) {
  if (format === "prompt-completion") {
    return JSON.stringify({ prompt: turns[0]?.[1] ?? "", completion: turns[1]?.[1] ?? "" });
  }
  if (format === "claude-messages") {
    return JSON.stringify({
      ...system === void 0 ? {} : { system },
      messages: turns.map(([role, content]) => ({ role, content }))
    });
  }
  return JSON.stringify({
    schemaVersion: "bedrock-conversation-2024",
    ...system === void 0 ? {} : { system: [{ text: system }] },
    messages: turns.map(([role, text]) => ({ role, content: [{ text }] }))
  });
}

// ../../packages/core/src/rules/conversation-rules.ts
var FAMILY = {
  "claude-messages": "claude",
  "bedrock-conversation-2024": "converse",
  "prompt-completion": "prompt-completion"
};
var TICKET = "My card was charged twice";
var ROUTE = "ROUTE: billing";
function familyOf(format) {
  const sample = (turns) => sampleRecord(format, turns);
  return {
    family: FAMILY[format],
    formats: [format],
    sample,
    good: sample([
      ["user", TICKET],
      ["assistant", ROUTE]
    ])
  };
}
function roleRules(format) {
  const { family, formats: formats4, sample, good: good4 } = familyOf(format);
  return {
    firstUser: defineRule({
      id: `${family}/first-user`,
      severity: "error",
      title: "The first message is from the user",
      hint: "Start the conversation with a user message; a system prompt goes in the top-level `system`.",
      formats: formats4,
      example: {
        bad: sample([
          ["assistant", "How can I help?"],
          ["user", TICKET],
          ["assistant", ROUTE]
        ]),
        good: good4
      }
    }),
    lastAssistant: defineRule({
      id: `${family}/last-assistant`,
      severity: "error",
      title: "The last message is from the assistant",
      hint: "End the conversation with the assistant's reply: that is what the model learns to write.",
      formats: formats4,
      example: {
        bad: sample([
          ["user", TICKET],
          ["assistant", ROUTE],
          ["user", "Thanks"]
        ]),
        good: good4
      }
    }),
    rolesAlternate: defineRule({
      id: `${family}/roles-alternate`,
      severity: "error",
      title: "Roles alternate: user, assistant, user, assistant, ...",
      hint: "Merge consecutive messages of the same role into one, or insert the missing turn.",
      formats: formats4,
      example: {
        bad: sample([
          ["user", "My card"],
          ["user", "was charged twice"],
          ["assistant", ROUTE]
        ]),
        good: good4
      }
    })
  };
}
function contentRules(format, reservedExample) {
  const { family, formats: formats4, sample, good: good4 } = familyOf(format);
  return {
    emptyContent: defineRule({
      id: `${family}/empty-content`,
      severity: "error",
      title: "No message is empty or only white space",
      hint: "Write the text, or drop the record.",
      formats: formats4,
      example: {
        bad: sample([
          ["user", TICKET],
          ["assistant", " "]
        ]),
        good: good4
      }
    }),
    reservedString: defineRule({
      id: `${family}/reserved-string`,
      severity: "error",
      title: "No text contains a string the base model reserves",
      hint: "Remove or rephrase the reserved string; the catalog entry of the base model names its source.",
      formats: formats4,
      example: {
        bad: sample([
          ["user", `${reservedExample} ${TICKET}`],
          ["assistant", ROUTE]
        ]),
        good: good4
      }
    })
  };
}
var conversationRules = {
  claude: { ...roleRules("claude-messages"), ...contentRules("claude-messages", "Ticket:\nHuman:") },
  converse: {
    ...roleRules("bedrock-conversation-2024"),
    ...contentRules("bedrock-conversation-2024", "User:")
  },
  // Built-in prompt/completion models reserve nothing; the example uses a string a catalog entry could add.
  promptCompletion: contentRules("prompt-completion", "[EOS]")
};
var allConversationRules = Object.values(conversationRules).flatMap(
  (r) => Object.values(r)
);
function isBlank(text) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 160 && c !== 65279) return false;
  }
  return true;
}
var show = (s) => JSON.stringify(s);
function checkConversation(conv, model, report, reservedMayOccur = true) {
  const turns = conv.turns;
  const rules = model.format === "claude-messages" ? conversationRules.claude : model.format === "bedrock-conversation-2024" ? conversationRules.converse : void 0;
  const content = rules ?? conversationRules.promptCompletion;
  if (rules && turns.length > 0) {
    const first = turns[0];
    if (first.role === "assistant") {
      report({
        rule: rules.firstUser.id,
        path: [...first.path, "role"],
        message: `The first message is from "${first.role}", not "user".`
      });
    }
    const last = turns[turns.length - 1];
    if (last.role === "user") {
      report({
        rule: rules.lastAssistant.id,
        path: [...last.path, "role"],
        message: `The last message is from "user"; the record must end with the assistant's reply.`
      });
    }
    for (let i = 1; i < turns.length; i++) {
      const prev = turns[i - 1];
      const cur = turns[i];
      if (cur.role !== "" && cur.role === prev.role && (cur.role === "user" || cur.role === "assistant")) {
        report({
          rule: rules.rolesAlternate.id,
          path: [...cur.path, "role"],
          message: `${formatTurn(cur.path)} is a second "${cur.role}" message in a row; roles must alternate.`
        });
      }
    }
  }
  const reserved = reservedMayOccur ? model.reservedStrings.values : [];
  const checkText = (part) => {
    for (const r of reserved) {
      if (part.text.includes(r)) {
        report({
          rule: content.reservedString.id,
          path: part.path,
          message: `The text contains the reserved string ${show(r)}.`,
          hint: `Remove or rephrase ${show(r)} (${model.reservedStrings.source}).`
        });
      }
    }
  };
  conv.system.forEach(checkText);
  for (const turn of turns) {
    if (!turn.readable) continue;
    const texts = turn.parts.filter((p) => p.kind === "text");
    if (texts.length === 0 || texts.every((t) => isBlank(t.text))) {
      const at = texts[0]?.path ?? turn.path;
      report({
        rule: content.emptyContent.id,
        path: at,
        message: `${formatTurn(turn.path)} (${turn.role || "no role"}) has no text${texts.length > 0 ? " but white space" : ""}.`
      });
    }
    texts.forEach(checkText);
  }
  if (model.format === "bedrock-conversation-2024") checkMedia(conv, model, report);
}
function reservedStringMarkers(model) {
  const markers = [];
  for (const value of model.reservedStrings.values) {
    const core = value.trim();
    const raw = JSON.stringify(core).slice(1, -1);
    if (core === "" || raw !== core || !/^[\x20-\x7e]+$/.test(core)) return void 0;
    markers.push(core.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  }
  return markers;
}
function formatTurn(path) {
  return path.length === 2 ? `${path[0]}[${path[1]}]` : String(path.join("."));
}
function checkMedia(conv, model, report) {
  const media = model.media;
  let videos = 0;
  for (const turn of conv.turns) {
    let images = 0;
    for (const part of turn.parts) {
      if (part.kind === "text") continue;
      const allowed = part.kind === "image" ? media?.images : media?.videos;
      if (!allowed) {
        report({
          rule: converseRules.mediaUnsupported.id,
          path: part.path,
          message: `${model.name} takes no ${part.kind}s in training data.`
        });
        continue;
      }
      if (turn.role !== "user") {
        report({
          rule: converseRules.mediaRole.id,
          path: part.path,
          message: `A ${part.kind} appears in a "${turn.role || "no role"}" message; media go in user messages only.`
        });
      }
      if (part.kind === "image") images++;
      else videos++;
      const formatsOk = part.kind === "image" ? media.imageFormats : media.videoFormats;
      if (typeof part.format !== "string" || !formatsOk.includes(part.format)) {
        report({
          rule: converseRules.mediaSource.id,
          path: [...part.path, "format"],
          message: `The ${part.kind} format is ${part.format === void 0 ? "missing" : preview(part.format)}; use one of ${formatsOk.join(", ")}.`
        });
      }
      if (typeof part.uri !== "string" || !/^s3:\/\/[a-z0-9][-.a-z0-9]{1,61}\/.+/.test(part.uri)) {
        report({
          rule: converseRules.mediaSource.id,
          path: [...part.path, "source", "s3Location", "uri"],
          message: `The ${part.kind} has no valid source.s3Location.uri (got ${part.uri === void 0 ? "nothing" : preview(part.uri)}).`
        });
      }
    }
    if (media && images > media.maxImagesPerMessage) {
      report({
        rule: converseRules.mediaCount.id,
        path: [...turn.path, "content"],
        message: `${formatTurn(turn.path)} has ${images} images; ${model.name} takes at most ${media.maxImagesPerMessage} per message.`
      });
    }
  }
  if (media && videos > media.maxVideosPerRecord) {
    report({
      rule: converseRules.mediaCount.id,
      path: ["messages"],
      message: `The record has ${videos} videos; ${model.name} takes at most ${media.maxVideosPerRecord} per record.`
    });
  }
}

// ../../packages/core/src/rules/file-rules.ts
var fileRules = {
  empty: defineRule({
    id: "file/empty",
    severity: "error",
    title: "The file holds at least one record",
    hint: "Add records, or remove the file from the configuration.",
    example: { bad: "(a file of 0 bytes)", good: "(one JSON record per line)" }
  }),
  tooLarge: defineRule({
    id: "file/too-large",
    severity: "error",
    title: "The file is within the base model's size limit for its role",
    hint: "Split the data or move records from the validation file to the training file.",
    example: {
      bad: "(a 12 GiB training file for Claude 3 Haiku, which takes 10 GiB)",
      good: "(two smaller datasets, or fewer records: at most 10 GiB)"
    }
  }),
  notUtf8: defineRule({
    id: "file/not-utf8",
    severity: "error",
    title: "The file is UTF-8",
    hint: "Re-encode the file as UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8`), then check the line for mojibake.",
    example: {
      bad: "(a file saved as Windows-1252: caf\\xe9 is the single byte 0xE9)",
      good: "(the same file re-encoded as UTF-8: caf\xE9 is 0xC3 0xA9)"
    }
  }),
  bom: defineRule({
    id: "file/bom",
    severity: "error",
    title: "The file does not start with a byte-order mark",
    hint: "Save the file as UTF-8 without BOM; the first line is not valid JSON to Bedrock with it.",
    example: {
      bad: '(a file whose first bytes are EF BB BF, then {"messages": ...})',
      good: "(the same file saved as UTF-8 without BOM)"
    }
  }),
  crlf: defineRule({
    id: "file/crlf",
    severity: "warning",
    title: "Lines end with LF, not CRLF",
    hint: "Convert line ends to LF (`dos2unix FILE`, or `* text eol=lf` in .gitattributes) so the stored file matches what is reviewed.",
    example: {
      bad: '{"prompt": "a", "completion": "b"}\\r\\n',
      good: '{"prompt": "a", "completion": "b"}\\n'
    }
  }),
  emptyLine: defineRule({
    id: "file/empty-line",
    severity: "error",
    title: "No empty lines",
    hint: "Delete the empty line: Bedrock rejects a JSONL file with empty lines.",
    example: {
      bad: '{"prompt": "a", "completion": "b"}\n\n{"prompt": "c", "completion": "d"}',
      good: '{"prompt": "a", "completion": "b"}\n{"prompt": "c", "completion": "d"}'
    }
  }),
  lfsPointer: defineRule({
    id: "file/git-lfs-pointer",
    severity: "error",
    title: "The file holds the data, not a Git LFS pointer",
    hint: "Fetch the LFS object (`git lfs pull`, or `lfs: true` in actions/checkout) before validating or training.",
    example: {
      bad: "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a...\nsize 12345",
      good: "(the JSONL data itself)"
    }
  }),
  compressed: defineRule({
    id: "file/compressed",
    severity: "error",
    title: "The file is plain JSONL, not compressed",
    hint: "Decompress it (e.g. `gunzip FILE`): Bedrock reads plain JSONL.",
    example: {
      bad: "(train.jsonl.gz, or train.jsonl holding gzip bytes)",
      good: "(train.jsonl as plain text; compress only in transit)"
    }
  }),
  tooManyProblems: defineRule({
    id: "file/too-many-problems",
    severity: "notice",
    title: "Problems beyond the per-file limit are counted, not listed",
    hint: "Fix the problems listed first; they are usually one mistake repeated.",
    example: {
      bad: '(a file with 5,000 records that all miss "messages")',
      good: "(the first listed problems fixed; usually one mistake repeated)"
    }
  })
};
var jsonRules = {
  invalid: defineRule({
    id: "json/invalid",
    severity: "error",
    title: "Each line is one valid JSON value",
    hint: "Fix the JSON at the column shown; a common cause is a record split over several lines or a trailing comma.",
    example: { bad: '{"prompt": "a", "completion": "b",}', good: '{"prompt": "a", "completion": "b"}' }
  }),
  notObject: defineRule({
    id: "json/not-object",
    severity: "error",
    title: "Each line is a JSON object",
    hint: "Write one record object per line, not an array or a bare value.",
    example: { bad: '[{"prompt": "a", "completion": "b"}]', good: '{"prompt": "a", "completion": "b"}' }
  })
};

// ../../packages/core/src/rules/prompt-completion-format.ts
var formats3 = ["prompt-completion"];
var good3 = '{"prompt": "Classify: My card was charged twice", "completion": "billing"}';
var promptCompletionRules = {
  missingField: defineRule({
    id: "prompt-completion/missing-field",
    severity: "error",
    title: "Every record has a `prompt` and a `completion`",
    hint: 'Write {"prompt": "...", "completion": "..."}.',
    formats: formats3,
    example: { bad: '{"prompt": "Classify: My card was charged twice"}', good: good3 }
  }),
  fieldType: defineRule({
    id: "prompt-completion/field-type",
    severity: "error",
    title: "`prompt` and `completion` are strings",
    hint: "Serialise structured values to text before writing the record.",
    formats: formats3,
    example: { bad: '{"prompt": "Classify: My card was charged twice", "completion": ["billing"]}', good: good3 }
  }),
  unknownKey: defineRule({
    id: "prompt-completion/unknown-key",
    severity: "warning",
    title: "Only `prompt` and `completion` appear in a record",
    hint: "Remove the key; Bedrock does not train on it.",
    formats: formats3,
    example: { bad: '{"prompt": "Classify: ...", "completion": "billing", "id": 3}', good: good3 }
  })
};
var KEYS = ["prompt", "completion"];
var promptCompletionParser = {
  parse(record, report) {
    if (!isObject(record)) return void 0;
    for (const key in record) {
      if (!KEYS.includes(key)) {
        report({
          rule: promptCompletionRules.unknownKey.id,
          path: [key],
          message: `Unknown key "${key}" in the record.`
        });
      }
    }
    const turns = [];
    for (const key of KEYS) {
      const value = record[key];
      if (value === void 0) {
        report({
          rule: promptCompletionRules.missingField.id,
          path: [],
          message: `The record has no "${key}".`
        });
      } else if (typeof value !== "string") {
        report({
          rule: promptCompletionRules.fieldType.id,
          path: [key],
          message: `"${key}" is ${describeType(value)}; it must be a string.`
        });
      }
      const text = typeof value === "string" ? value : "";
      turns.push({
        role: key === "prompt" ? "user" : "assistant",
        parts: [{ kind: "text", text, path: keyPath(key) }],
        path: keyPath(key),
        readable: typeof value === "string"
      });
    }
    return { system: [], turns };
  }
};

// ../../packages/core/src/dataset/json-locate.ts
function locateValue(text, path) {
  let pos = skipWs(text, 0);
  for (const seg of path) {
    const next = typeof seg === "number" ? findElement(text, pos, seg) : findMember(text, pos, seg);
    if (next < 0) break;
    pos = next;
  }
  return pos;
}
function rawIndexInString(text, quoteAt, decodedIndex) {
  let raw = quoteAt + 1;
  for (let decoded = 0; decoded < decodedIndex && raw < text.length; decoded++) {
    if (text.charCodeAt(raw) === 92) raw += text[raw + 1] === "u" ? 6 : 2;
    else raw++;
  }
  return raw;
}
function skipWs(text, pos) {
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    pos++;
  }
  return pos;
}
function skipString(text, pos) {
  pos++;
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === 92) pos += 2;
    else if (c === 34) return pos + 1;
    else pos++;
  }
  return pos;
}
function skipValue(text, pos) {
  const c = text[pos];
  if (c === '"') return skipString(text, pos);
  if (c === "{" || c === "[") {
    let depth = 0;
    while (pos < text.length) {
      const ch = text[pos];
      if (ch === '"') {
        pos = skipString(text, pos);
        continue;
      }
      if (ch === "{" || ch === "[") depth++;
      else if (ch === "}" || ch === "]") {
        depth--;
        if (depth === 0) return pos + 1;
      }
      pos++;
    }
    return pos;
  }
  while (pos < text.length && !",}] 	\r\n".includes(text[pos])) pos++;
  return pos;
}
function findMember(text, pos, key) {
  if (text[pos] !== "{") return -1;
  pos = skipWs(text, pos + 1);
  while (pos < text.length && text[pos] === '"') {
    const end = skipString(text, pos);
    const raw = text.slice(pos, end);
    let name;
    try {
      name = raw.includes("\\") ? JSON.parse(raw) : raw.slice(1, -1);
    } catch {
      return -1;
    }
    pos = skipWs(text, end);
    if (text[pos] !== ":") return -1;
    pos = skipWs(text, pos + 1);
    if (name === key) return pos;
    pos = skipWs(text, skipValue(text, pos));
    if (text[pos] !== ",") return -1;
    pos = skipWs(text, pos + 1);
  }
  return -1;
}
function findElement(text, pos, index) {
  if (text[pos] !== "[") return -1;
  pos = skipWs(text, pos + 1);
  for (let i = 0; pos < text.length && text[pos] !== "]"; i++) {
    if (i === index) return pos;
    pos = skipWs(text, skipValue(text, pos));
    if (text[pos] !== ",") return -1;
    pos = skipWs(text, pos + 1);
  }
  return -1;
}

// ../../packages/core/src/dataset/json-syntax.ts
var WS = /* @__PURE__ */ new Set([" ", "	", "\n", "\r"]);
var NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
var LITERALS = ["true", "false", "null"];
function findJsonSyntaxError(text) {
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.has(text[i])) i++;
  };
  const fail = (reason, at = i) => ({ index: at, reason });
  const describe = (at) => at >= text.length ? "the end of the line" : `${JSON.stringify(text[at])}`;
  const scanString = () => {
    const start = i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return void 0;
      }
      if (c < 32)
        return fail("a control character (such as a raw tab or newline) inside a string must be escaped");
      if (c === 92) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            return fail("\\u must be followed by four hex digits");
          i += 6;
        } else if (e !== void 0 && '"\\/bfnrt'.includes(e)) i += 2;
        else return fail(`invalid escape \\${e ?? ""} in a string`);
      } else i++;
    }
    return fail("a string is not closed", start);
  };
  const scanScalar = () => {
    const c = text[i];
    if (c === '"') return scanString();
    for (const lit of LITERALS) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return void 0;
      }
    }
    NUMBER.lastIndex = i;
    if (c !== void 0 && (c === "-" || c >= "0" && c <= "9") && NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return void 0;
    }
    if (c === "'") return fail("strings must use double quotes");
    return fail(`expected a value, found ${describe(i)}`);
  };
  const stack = [];
  skip();
  if (i >= text.length) return fail("the line holds no JSON");
  for (; ; ) {
    skip();
    const c = text[i];
    if (c === "{" || c === "[") {
      stack.push(c);
      i++;
      skip();
      const close = c === "{" ? "}" : "]";
      if (text[i] === close) {
        stack.pop();
        i++;
      } else if (c === "{") {
        const keyError = scanKey();
        if (keyError) return keyError;
        continue;
      } else continue;
    } else {
      const err = scanScalar();
      if (err) return err;
    }
    for (; ; ) {
      skip();
      const top = stack[stack.length - 1];
      if (top === void 0) {
        return i < text.length ? fail(`unexpected ${describe(i)} after the end of the record`) : void 0;
      }
      const close = top === "{" ? "}" : "]";
      if (text[i] === close) {
        stack.pop();
        i++;
        continue;
      }
      if (text[i] !== ",") return fail(`expected "," or "${close}", found ${describe(i)}`);
      i++;
      skip();
      if (text[i] === close) return fail(`a trailing comma before "${close}"`, i - 1);
      if (top === "{") {
        const keyError = scanKey();
        if (keyError) return keyError;
      }
      break;
    }
  }
  function scanKey() {
    skip();
    if (text[i] !== '"') {
      return fail(`expected a property name in double quotes, found ${describe(i)}`);
    }
    const err = scanString();
    if (err) return err;
    skip();
    if (text[i] !== ":") return fail(`expected ":" after the property name, found ${describe(i)}`);
    i++;
    return void 0;
  }
}

// ../../packages/core/src/dataset/line-checker.ts
var PARSERS = {
  "claude-messages": claudeParser,
  "bedrock-conversation-2024": converseParser,
  "prompt-completion": promptCompletionParser
};
var LineChecker = class {
  parser;
  #model;
  #labels;
  #markers;
  constructor(options) {
    this.#model = options.model;
    this.parser = PARSERS[options.model.format];
    this.#labels = compileLabelPattern(options.labelPattern);
    const reserved = reservedStringMarkers(options.model);
    this.#markers = reserved ? new RegExp([...SECRET_MARKERS, ...reserved].join("|")) : void 0;
  }
  /** Checks every line of the batch; `onRecord` (same thread only) sees each readable record. */
  checkBatch(batch, options = {}, onRecord) {
    const sampleChars = options.sampleChars ?? 0;
    const bom = options.bom ?? false;
    const { bytes } = batch;
    const capacity = countLines(bytes);
    const out = {
      findings: [],
      crlf: { count: 0, first: 0 },
      records: {
        count: 0,
        line: new Int32Array(capacity),
        offset: new Float64Array(capacity),
        length: new Int32Array(capacity),
        chars: new Int32Array(capacity),
        turns: new Int32Array(capacity),
        hasSystem: new Uint8Array(capacity),
        promptKey: new Float64Array(capacity),
        labels: this.#labels ? [] : void 0
      },
      tokenChecks: [],
      sample: "",
      sampleRecords: 0
    };
    let start = 0;
    let line = batch.firstLine;
    while (start < bytes.length) {
      let end = bytes.indexOf(10, start);
      if (end === -1) end = bytes.length;
      this.#checkLine(
        bytes.subarray(start, end),
        line,
        batch.offset + start,
        out,
        sampleChars,
        bom,
        onRecord
      );
      start = end + 1;
      line++;
    }
    return out;
  }
  #checkLine(raw, line, offset, out, sampleChars, bom, onRecord) {
    const find = (rule, column, path, message, hint) => out.findings.push(
      hint === void 0 ? { rule, line, column, path, message } : { rule, line, column, path, message, hint }
    );
    let bytes = raw;
    let lead = 0;
    if (line === 1 && bom && bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191) {
      bytes = bytes.subarray(3);
      lead = 3;
    }
    if (bytes.length > 0 && bytes[bytes.length - 1] === 13) {
      if (out.crlf.count++ === 0) out.crlf.first = line;
      bytes = bytes.subarray(0, bytes.length - 1);
    }
    if (isBlankBytes(bytes)) {
      find(
        fileRules.emptyLine.id,
        1,
        "",
        bytes.length === 0 ? "The line is empty." : "The line holds only white space."
      );
      return;
    }
    const rec = out.records;
    const index = rec.count++;
    rec.line[index] = line;
    rec.offset[index] = offset;
    rec.length[index] = raw.length;
    if (!isUtf8(bytes)) {
      const bad = firstInvalidUtf8(bytes);
      find(
        fileRules.notUtf8.id,
        bytes.subarray(0, bad).toString("utf8").length + 1,
        "",
        `Invalid UTF-8 at byte offset ${offset + lead + bad} of the file (byte 0x${bytes[bad].toString(16).padStart(2, "0")}).`
      );
    }
    const text = bytes.toString("utf8");
    let record;
    try {
      record = JSON.parse(text);
    } catch {
      const error = findJsonSyntaxError(text) ?? { index: 0, reason: "not valid JSON" };
      find(
        jsonRules.invalid.id,
        error.index + 1,
        "",
        `Invalid JSON at column ${error.index + 1}: ${error.reason}.`
      );
      this.#noIdentity(rec, index);
      return;
    }
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      const what = Array.isArray(record) ? "an array" : record === null ? "null" : `a ${typeof record}`;
      find(jsonRules.notObject.id, 1, "", `The line is ${what}, not a record object.`);
      this.#noIdentity(rec, index);
      return;
    }
    let findings;
    let malformed = false;
    const report = (f) => {
      findings ??= [];
      findings.push(f);
    };
    const conv = this.parser.parse(record, (f) => {
      if (losesContent(f)) malformed = true;
      report(f);
    });
    if (conv) {
      const marked = this.#markers === void 0 || this.#markers.test(text);
      checkConversation(conv, this.#model, report, marked);
      this.#summarise(
        conv,
        malformed ? record : void 0,
        text,
        line,
        index,
        out,
        sampleChars,
        marked,
        onRecord
      );
    } else this.#noIdentity(rec, index);
    if (findings) {
      for (const f of findings) {
        find(f.rule, locateValue(text, f.path) + 1, formatPath(f.path.map(maskKey)), f.message, f.hint);
      }
    }
  }
  /** A record with no readable conversation still counts, with no identity. */
  #noIdentity(rec, index) {
    rec.labels?.push(void 0);
    rec.chars[index] = 0;
    rec.promptKey[index] = Number.NaN;
  }
  #summarise(conv, malformed, text, line, index, out, sampleChars, secretMarked, onRecord) {
    const rec = out.records;
    let chars = 0;
    for (const t of conv.system) chars += t.text.length;
    for (const turn of conv.turns) for (const p of turn.parts) if (p.kind === "text") chars += p.text.length;
    const limit = this.#model.quotas.maxTokensPerRecord;
    if (limit !== void 0 && rec.length[index] > limit) {
      const texts = textsOf(conv);
      let contentBytes = 0;
      for (const t of texts) contentBytes += Buffer.byteLength(t.text);
      if (contentBytes > limit)
        out.tokenChecks.push({ line, text: texts.map((t) => t.text).join("\n"), chars });
    }
    const families = sensitiveFamilies(text, secretMarked);
    if (families.length > 0) {
      for (const part of textsOf(conv)) {
        for (const match of findSensitive(part.text, families)) {
          const at = rawIndexInString(text, locateValue(text, part.path), match.index);
          const where = formatPath(part.path);
          out.findings.push({
            rule: match.rule,
            line,
            column: at + 1,
            path: where,
            message: `${match.kind.charAt(0).toUpperCase()}${match.kind.slice(1)} in ${where}: ${match.masked}`
          });
        }
      }
    }
    const answerTurn = finalReply(conv);
    const answer = answerTurn ? joinText(answerTurn.parts) : "";
    const digest = hash("sha1", recordIdentity(conv, malformed), "buffer");
    rec.promptKey[index] = promptKey(digest);
    rec.chars[index] = chars;
    rec.turns[index] = conv.turns.length;
    rec.hasSystem[index] = conv.system.some((s) => s.text.length > 0) ? 1 : 0;
    if (this.#labels) {
      const m = this.#labels.exec(answer);
      rec.labels.push(m ? maskSensitive(m[1] ?? m[0]) : void 0);
    }
    if (out.sample.length < sampleChars) {
      for (const t of textsOf(conv)) out.sample += `${t.text}
`;
      out.sampleRecords++;
    }
    onRecord?.({ line, conversation: conv, promptHash: digest.toString("base64"), answer });
  }
};
function labelPatternProblem(pattern) {
  try {
    new RegExp(pattern);
    return void 0;
  } catch (err) {
    return err.message;
  }
}
function compileLabelPattern(pattern) {
  if (pattern === void 0) return void 0;
  const problem = labelPatternProblem(pattern);
  if (problem !== void 0) {
    throw new Error(`The label pattern /${pattern}/ is not a valid regular expression: ${problem}.`);
  }
  return new RegExp(pattern);
}
function losesContent(finding) {
  const name = finding.rule.slice(finding.rule.indexOf("/") + 1);
  return name !== "unknown-key" && !name.startsWith("schema-version");
}
function recordIdentity(conv, malformed) {
  return malformed === void 0 ? promptText(conv) : `${JSON.stringify(malformed)}`;
}
function promptText(conv) {
  const answerTurn = finalReply(conv);
  let prompt = "";
  for (const t of conv.system) prompt += `${t.text}`;
  for (const turn of conv.turns)
    if (turn !== answerTurn) prompt += `${turn.role}${joinText(turn.parts)}`;
  return prompt;
}
function promptKey(digest) {
  return digest.readUIntBE(0, 6) * 32 + (digest[6] >> 3);
}
function finalReply(conv) {
  const last = conv.turns[conv.turns.length - 1];
  return last && last.role === "assistant" ? last : void 0;
}
function joinText(parts) {
  let out = "";
  for (const p of parts) if (p.kind === "text") out += out ? `
${p.text}` : p.text;
  return out;
}
function maskKey(segment) {
  return typeof segment === "string" ? maskSensitive(segment) : segment;
}
function textsOf(conv) {
  const texts = [...conv.system];
  for (const turn of conv.turns) for (const p of turn.parts) if (p.kind === "text") texts.push(p);
  return texts;
}
function countLines(bytes) {
  let n = 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < bytes.length - 1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}
function isBlankBytes(bytes) {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 32 && b !== 9) return false;
  }
  return true;
}
function firstInvalidUtf8(bytes) {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 128 ? 0 : b >= 194 && b <= 223 ? 1 : b >= 224 && b <= 239 ? 2 : b >= 240 && b <= 244 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === void 0 || (c & 192) !== 128) return i;
    }
    const c1 = bytes[i + 1];
    if (b === 224 && c1 < 160 || b === 237 && c1 > 159 || b === 240 && c1 < 144 || b === 244 && c1 > 143)
      return i;
    i += need + 1;
  }
  return bytes.length;
}

// ../../packages/core/src/dataset/worker-entry.ts
function runDatasetWorker() {
  const port = parentPort;
  if (!port) throw new Error("runDatasetWorker must run in a worker thread");
  const checker = new LineChecker(workerData);
  port.on("message", (req) => {
    try {
      const bytes = Buffer.from(
        req.batch.bytes.buffer,
        req.batch.bytes.byteOffset,
        req.batch.bytes.byteLength
      );
      const result = checker.checkBatch({ ...req.batch, bytes }, req.options);
      const r = result.records;
      port.postMessage({ id: req.id, result }, [
        r.line.buffer,
        r.offset.buffer,
        r.length.buffer,
        r.chars.buffer,
        r.turns.buffer,
        r.hasSystem.buffer,
        r.promptKey.buffer
      ]);
    } catch (err) {
      port.postMessage({
        id: req.id,
        error: err instanceof Error ? err.stack ?? err.message : String(err)
      });
    }
  });
}

// src/dataset-worker.ts
runDatasetWorker();
