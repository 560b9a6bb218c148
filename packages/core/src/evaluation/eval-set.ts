import type { BaseModel } from "../catalog/schema";
import type { DatasetIo } from "../dataset/io";
import { validateDatasets } from "../dataset/validate";

/**
 * An evaluation dataset is a file in the training format of the base model: each record's final
 * assistant turn is the reference answer, everything before it is the prompt. It is read through the
 * same engine as training data, so every record format normalises the same way.
 */

export interface EvalMessage {
  role: "user" | "assistant";
  text: string;
}

export interface EvalCase {
  /** Stable id: the record's line number in the file, as text. */
  id: string;
  line: number;
  /** The system prompt's text ("" when none). */
  system: string;
  /** The conversation up to, not including, the reference answer; starts with a user turn. */
  messages: EvalMessage[];
  reference: string;
}

export interface EvalSet {
  path: string;
  cases: EvalCase[];
  /** Records that cannot be asked: no final assistant reply, or a conversation Converse refuses. */
  skipped: { line: number; reason: string }[];
  /** Problems the validator found in the file (they do not stop an evaluation, but are worth a look). */
  problems: { errors: number; warnings: number };
}

export interface ReadEvalSetOptions {
  model: BaseModel;
  /** Files, digests and threads (`nodeDatasetIo` of @tunegate/files). */
  io: DatasetIo;
  /** How reports name the file; defaults to `path`. */
  name?: string;
}

/** Reads an evaluation dataset into cases; records that cannot be asked are listed, not thrown. */
export async function readEvalSet(path: string, options: ReadEvalSetOptions): Promise<EvalSet> {
  const cases: EvalCase[] = [];
  const skipped: EvalSet["skipped"] = [];
  const report = await validateDatasets([{ path, role: "validation", name: options.name ?? path }], {
    model: options.model,
    io: options.io,
    maxProblemsPerFile: 0,
    onRecord(record) {
      const { conversation, line, answer } = record;
      const turns = conversation.turns;
      const last = turns[turns.length - 1];
      if (last?.role !== "assistant" || answer.trim() === "") {
        skipped.push({ line, reason: "the record does not end with an assistant reply to compare against" });
        return;
      }
      const messages: EvalMessage[] = [];
      for (const turn of turns.slice(0, -1)) {
        if (turn.role !== "user" && turn.role !== "assistant") {
          skipped.push({ line, reason: `a turn has the role ${JSON.stringify(turn.role)}` });
          return;
        }
        messages.push({ role: turn.role, text: textOf(turn.parts) });
      }
      if (messages[0]?.role !== "user") {
        skipped.push({ line, reason: "the prompt does not start with a user turn" });
        return;
      }
      cases.push({
        id: String(line),
        line,
        system: conversation.system.map((p) => p.text).join("\n"),
        messages,
        reference: answer,
      });
    },
  });
  const file = report.files[0];
  return {
    path: options.name ?? path,
    cases,
    skipped,
    problems: { errors: file?.counts.errors ?? 0, warnings: file?.counts.warnings ?? 0 },
  };
}

/** Text parts only: images and videos in a prompt are not sent by the evaluation (text models). */
function textOf(parts: readonly { kind: string; text?: string }[]): string {
  return parts
    .filter((p): p is { kind: "text"; text: string } => p.kind === "text" && typeof p.text === "string")
    .map((p) => p.text)
    .join("\n");
}
