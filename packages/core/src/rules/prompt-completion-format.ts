import {
  type Conversation,
  describeType,
  type FormatParser,
  isObject,
  type RecordFinding,
  type Turn,
} from "./conversation";
import { defineRule, keyPath } from "./define";
import { reportUnknownKeys } from "./unknown-keys";

/** Prompt/completion records (Titan Text, Llama 3.1): `{"prompt": "...", "completion": "..."}`. */
const formats = ["prompt-completion"] as const;
const good = '{"prompt": "Classify: My card was charged twice", "completion": "billing"}';

export const promptCompletionRules = {
  missingField: defineRule({
    id: "prompt-completion/missing-field",
    severity: "error",
    title: "Every record has a `prompt` and a `completion`",
    hint: 'Write {"prompt": "...", "completion": "..."}.',
    formats,
    example: { bad: '{"prompt": "Classify: My card was charged twice"}', good },
  }),
  fieldType: defineRule({
    id: "prompt-completion/field-type",
    severity: "error",
    title: "`prompt` and `completion` are strings",
    hint: "Serialise structured values to text before writing the record.",
    formats,
    example: { bad: '{"prompt": "Classify: My card was charged twice", "completion": ["billing"]}', good },
  }),
  unknownKey: defineRule({
    id: "prompt-completion/unknown-key",
    severity: "warning",
    title: "Only `prompt` and `completion` appear in a record",
    hint: "Remove the key; Bedrock does not train on it.",
    formats,
    example: { bad: '{"prompt": "Classify: ...", "completion": "billing", "id": 3}', good },
  }),
};

const KEYS = ["prompt", "completion"] as const;
const KNOWN_KEYS: ReadonlySet<string> = new Set(KEYS);

export const promptCompletionParser: FormatParser = {
  parse(record, report: (f: RecordFinding) => void): Conversation | undefined {
    if (!isObject(record)) return undefined;
    reportUnknownKeys(record, KNOWN_KEYS, [], "the record", promptCompletionRules.unknownKey.id, report);
    const turns: Turn[] = [];
    for (const key of KEYS) {
      const value = record[key];
      if (value === undefined) {
        report({
          rule: promptCompletionRules.missingField.id,
          path: [],
          message: `The record has no "${key}".`,
        });
      } else if (typeof value !== "string") {
        report({
          rule: promptCompletionRules.fieldType.id,
          path: [key],
          message: `"${key}" is ${describeType(value)}; it must be a string.`,
        });
      }
      const text = typeof value === "string" ? value : "";
      turns.push({
        role: key === "prompt" ? "user" : "assistant",
        parts: [{ kind: "text", text, path: keyPath(key) }],
        path: keyPath(key),
        readable: typeof value === "string",
      });
    }
    return { system: [], turns };
  },
};
