import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync, writeSync } from "node:fs";

/** One answer of the teacher, paid for: the journal keeps it so no run asks for it again. */
export interface JournalEntry {
  /** SHA-256 of the prompt's identity (core's promptIdentity): prompt, teacher and settings. */
  key: string;
  text: string;
  stopReason?: string;
  inputTokens?: number;
  outputTokens?: number;
}

export const journalKey = (identity: string): string => createHash("sha256").update(identity).digest("hex");

/**
 * An append-only JSONL file beside the output. Each answer is written (synchronously) as soon as it
 * arrives, before its call gives up its slot, so a run killed at any point has every answer it received
 * but the few in flight. A line torn by a kill is skipped when the journal is read back.
 */
export class Journal {
  readonly entries = new Map<string, JournalEntry>();
  #fd: number | undefined;
  #tornTail = false;

  constructor(readonly path: string) {
    if (!existsSync(path)) return;
    const text = readFileSync(path, "utf8");
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      try {
        const entry = JSON.parse(line) as Partial<JournalEntry>;
        if (typeof entry.key === "string" && typeof entry.text === "string")
          this.entries.set(entry.key, entry as JournalEntry);
      } catch {
        // A torn last line: that answer is asked again.
      }
    }
    this.#tornTail = text.length > 0 && !text.endsWith("\n");
  }

  append(entry: JournalEntry): void {
    if (this.#fd === undefined) {
      this.#fd = openSync(this.path, "a");
      // Start on a fresh line after a torn one, so the new entry is not glued to it.
      if (this.#tornTail) writeSync(this.#fd, "\n");
    }
    writeSync(this.#fd, `${JSON.stringify(entry)}\n`);
    this.entries.set(entry.key, entry);
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }
}
