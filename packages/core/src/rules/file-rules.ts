import type { BaseModel } from "../catalog/schema";
import { startsWithBom } from "../dataset/line-bytes";
import { DatasetReadError } from "../dataset/read-error";
import { formatBytes } from "../format-bytes";
import { defineRule, type EmitProblem } from "./define";

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

/** file/empty: true when the file holds no bytes at all (then nothing else is checked). */
export function checkEmpty(emit: EmitProblem, bytes: number): boolean {
  if (bytes !== 0) return false;
  emit(fileRules.empty.id, 1, 1, "", "The file is empty.");
  return true;
}

/** file/too-large: the file's size against the base model's limit for its role. */
export function checkFileSize(
  emit: EmitProblem,
  bytes: number,
  role: "train" | "validation",
  model: BaseModel,
): void {
  const maxBytes = role === "train" ? model.quotas.maxTrainingFileBytes : model.quotas.maxValidationFileBytes;
  if (maxBytes === undefined || bytes <= maxBytes) return;
  emit(
    fileRules.tooLarge.id,
    1,
    1,
    "",
    `The ${role === "train" ? "training" : "validation"} file is ${formatBytes(bytes)}; ${model.name} takes at most ${formatBytes(maxBytes)}.`,
  );
}

/** file/crlf: one warning for the whole file, at its first CRLF line. */
export function checkCrlf(emit: EmitProblem, crlf: { count: number; first: number }): void {
  const { count, first } = crlf;
  if (count === 0) return;
  emit(
    fileRules.crlf.id,
    first,
    1,
    "",
    `${count} line${count === 1 ? " ends" : "s end"} with CRLF (the first is line ${first}).`,
  );
}

/**
 * The file's first bytes: file/compressed, file/git-lfs-pointer, file/not-utf8 (UTF-16) and file/bom.
 * "unreadable" means no line of it is worth checking; a NUL byte (binary data) is a read error instead.
 */
export function checkHead(emit: EmitProblem, head: Buffer, name: string): "text" | "bom" | "unreadable" {
  const compressed = detectCompression(head);
  if (compressed) {
    emit(fileRules.compressed.id, 1, 1, "", `The file is ${compressed}-compressed, not plain JSONL.`);
    return "unreadable";
  }
  if (head.toString("latin1", 0, 42) === "version https://git-lfs.github.com/spec/v1") {
    emit(
      fileRules.lfsPointer.id,
      1,
      1,
      "",
      "The file is a Git LFS pointer: the dataset itself was not checked out.",
    );
    return "unreadable";
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    emit(
      fileRules.notUtf8.id,
      1,
      1,
      "",
      "The file is UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8.",
      "Re-save the file as UTF-8 without BOM.",
    );
    return "unreadable";
  }
  // JSONL text never holds a NUL byte (JSON allows none outside strings and escapes it inside), so
  // one in the first bytes means an image, an archive or a program: one clear read error, rather
  // than a finding for every "line" of noise.
  const nul = head.indexOf(0);
  if (nul !== -1) {
    throw new DatasetReadError(
      `${name}: is a binary file (byte ${nul} is NUL), not JSONL text. Give the dataset's .jsonl file; a UTF-16 text file must be re-saved as UTF-8.`,
    );
  }
  if (startsWithBom(head)) {
    emit(fileRules.bom.id, 1, 1, "", "The file starts with a UTF-8 byte-order mark (EF BB BF).");
    return "bom";
  }
  return "text";
}

const MAGIC: readonly [string, number[]][] = [
  ["gzip", [0x1f, 0x8b]],
  ["zip", [0x50, 0x4b, 0x03, 0x04]],
  ["zstd", [0x28, 0xb5, 0x2f, 0xfd]],
  ["xz", [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ["bzip2", [0x42, 0x5a, 0x68]],
];

function detectCompression(head: Buffer): string | undefined {
  return MAGIC.find(([, magic]) => magic.every((b, i) => head[i] === b))?.[0];
}
