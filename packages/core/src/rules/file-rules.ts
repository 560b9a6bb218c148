import { defineRule } from "./define";

/** Problems of the file as a whole or of its bytes, before any record is read. */
export const fileRules = {
  empty: defineRule({
    id: "file/empty",
    severity: "error",
    title: "The file holds at least one record",
    hint: "Add records, or remove the file from the configuration.",
    example: { bad: "(a file of 0 bytes)", good: "(one JSON record per line)" },
  }),
  tooLarge: defineRule({
    id: "file/too-large",
    severity: "error",
    title: "The file is within the base model's size limit for its role",
    hint: "Split the data or move records from the validation file to the training file.",
    example: {
      bad: "(a 12 GiB training file for Claude 3 Haiku, which takes 10 GiB)",
      good: "(two smaller datasets, or fewer records: at most 10 GiB)",
    },
  }),
  notUtf8: defineRule({
    id: "file/not-utf8",
    severity: "error",
    title: "The file is UTF-8",
    hint: "Re-encode the file as UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8`), then check the line for mojibake.",
    example: {
      bad: "(a file saved as Windows-1252: caf\\xe9 is the single byte 0xE9)",
      good: "(the same file re-encoded as UTF-8: café is 0xC3 0xA9)",
    },
  }),
  bom: defineRule({
    id: "file/bom",
    severity: "error",
    title: "The file does not start with a byte-order mark",
    hint: "Save the file as UTF-8 without BOM; the first line is not valid JSON to Bedrock with it.",
    example: {
      bad: '(a file whose first bytes are EF BB BF, then {"messages": ...})',
      good: "(the same file saved as UTF-8 without BOM)",
    },
  }),
  crlf: defineRule({
    id: "file/crlf",
    severity: "warning",
    title: "Lines end with LF, not CRLF",
    hint: "Convert line ends to LF (`dos2unix FILE`, or `* text eol=lf` in .gitattributes) so the stored file matches what is reviewed.",
    example: {
      bad: '{"prompt": "a", "completion": "b"}\\r\\n',
      good: '{"prompt": "a", "completion": "b"}\\n',
    },
  }),
  emptyLine: defineRule({
    id: "file/empty-line",
    severity: "error",
    title: "No empty lines",
    hint: "Delete the empty line: Bedrock rejects a JSONL file with empty lines.",
    example: {
      bad: '{"prompt": "a", "completion": "b"}\n\n{"prompt": "c", "completion": "d"}',
      good: '{"prompt": "a", "completion": "b"}\n{"prompt": "c", "completion": "d"}',
    },
  }),
  lfsPointer: defineRule({
    id: "file/git-lfs-pointer",
    severity: "error",
    title: "The file holds the data, not a Git LFS pointer",
    hint: "Fetch the LFS object (`git lfs pull`, or `lfs: true` in actions/checkout) before validating or training.",
    example: {
      bad: "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a...\nsize 12345",
      good: "(the JSONL data itself)",
    },
  }),
  compressed: defineRule({
    id: "file/compressed",
    severity: "error",
    title: "The file is plain JSONL, not compressed",
    hint: "Decompress it (e.g. `gunzip FILE`): Bedrock reads plain JSONL.",
    example: {
      bad: "(train.jsonl.gz, or train.jsonl holding gzip bytes)",
      good: "(train.jsonl as plain text; compress only in transit)",
    },
  }),
  tooManyProblems: defineRule({
    id: "file/too-many-problems",
    severity: "notice",
    title: "Problems beyond the per-file limit are counted, not listed",
    hint: "Fix the problems listed first; they are usually one mistake repeated.",
    example: {
      bad: '(a file with 5,000 records that all miss "messages")',
      good: "(the first listed problems fixed; usually one mistake repeated)",
    },
  }),
};

export const jsonRules = {
  invalid: defineRule({
    id: "json/invalid",
    severity: "error",
    title: "Each line is one valid JSON value",
    hint: "Fix the JSON at the column shown; a common cause is a record split over several lines or a trailing comma.",
    example: { bad: '{"prompt": "a", "completion": "b",}', good: '{"prompt": "a", "completion": "b"}' },
  }),
  notObject: defineRule({
    id: "json/not-object",
    severity: "error",
    title: "Each line is a JSON object",
    hint: "Write one record object per line, not an array or a bare value.",
    example: { bad: '[{"prompt": "a", "completion": "b"}]', good: '{"prompt": "a", "completion": "b"}' },
  }),
};
