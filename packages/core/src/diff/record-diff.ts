import type { Conversation } from "../rules/conversation";
import { recordIdentity, type Sha1 } from "./record-identity";
import { DEFAULT_SAMPLE_LIMITS, type SampleLimits, type SampleRecord, toSample } from "./sample";

/** What changed between the base and head versions of one dataset file, record by record. */
export interface RecordDiffCounts {
  /** Records whose prompt is new. */
  added: number;
  /** Records whose prompt is gone. */
  removed: number;
  /** Records whose prompt stayed and whose reply or system prompt changed. */
  modified: number;
  unchanged: number;
}

export interface ModifiedSample {
  head: SampleRecord;
  /** The base version (absent when the base file could not be read back). */
  base?: SampleRecord;
  /** What differs between the two: the system prompt, the final reply, or both. */
  changed: ("system" | "reply")[];
}

export interface RecordDiff extends RecordDiffCounts {
  /** Readable records compared on each side (records the engine could not parse are not compared). */
  compared: { base: number; head: number };
  /** A few records of each kind, in file order, to show reviewers. */
  samples: { added: SampleRecord[]; modified: ModifiedSample[]; removed: SampleRecord[] };
}

export interface RecordDiffOptions {
  /** SHA-1 of a text (DatasetIo.sha1): records are compared by digests of their parts. */
  sha1: Sha1;
  /** Samples kept of each kind (default 3). */
  samples?: number;
  limits?: SampleLimits;
}

/** Reads the base records on the given lines back (a second, targeted pass over the base file). */
export type BaseReader = (
  lines: ReadonlySet<number>,
  visit: (line: number, conversation: Conversation) => void,
) => Promise<void>;

interface PendingModified {
  head: SampleRecord;
  key: string;
  system: string;
  reply: string;
  baseLine: number;
}

/**
 * Builds the record-level diff in two streaming passes: every base record, then every head record
 * (feed them from the engine's `onRecord`). Memory is a few short digests per distinct record plus the
 * samples; record text is kept only for samples, which are cut to `limits`.
 *
 * Counting is a multiset match: per prompt, identical (system, reply) pairs are unchanged; the leftover
 * base and head records of that prompt pair up as modified; what remains is added or removed. So
 * reordering a file changes nothing and a duplicated record counts as one added.
 */
export class RecordDiffBuilder {
  readonly #sha1: Sha1;
  readonly #samples: number;
  readonly #limits: SampleLimits;
  readonly #basePairs = new Map<string, number>();
  readonly #headPairs = new Map<string, number>();
  readonly #baseKeys = new Map<string, number>();
  readonly #headKeys = new Map<string, number>();
  /** First base line of each prompt: where a modified record's earlier version is read back. */
  readonly #baseLine = new Map<string, number>();
  readonly #added: SampleRecord[] = [];
  readonly #sampledAdded = new Set<string>();
  readonly #modified: PendingModified[] = [];
  #headStarted = false;
  #baseCount = 0;
  #headCount = 0;

  constructor(options: RecordDiffOptions) {
    this.#sha1 = options.sha1;
    this.#samples = options.samples ?? 3;
    this.#limits = options.limits ?? DEFAULT_SAMPLE_LIMITS;
  }

  addBase(record: { line: number; conversation: Conversation }): void {
    if (this.#headStarted) throw new Error("Every base record must be added before the first head record.");
    const id = recordIdentity(record.conversation, this.#sha1);
    this.#baseCount++;
    bump(this.#basePairs, id.key + id.system + id.reply);
    bump(this.#baseKeys, id.key);
    if (!this.#baseLine.has(id.key)) this.#baseLine.set(id.key, record.line);
  }

  addHead(record: { line: number; conversation: Conversation }): void {
    this.#headStarted = true;
    const id = recordIdentity(record.conversation, this.#sha1);
    this.#headCount++;
    const pair = id.key + id.system + id.reply;
    bump(this.#headPairs, pair);
    bump(this.#headKeys, id.key);
    if (this.#samples === 0) return;
    // Only records whose kind is certain now become samples; finish() drops any the counts contradict.
    const baseLine = this.#baseLine.get(id.key);
    if (baseLine === undefined) {
      if (this.#added.length < this.#samples && !this.#sampledAdded.has(id.key)) {
        this.#sampledAdded.add(id.key);
        this.#added.push(toSample(record.line, record.conversation, this.#limits));
      }
    } else if (!this.#basePairs.has(pair) && this.#modified.length < this.#samples * 2) {
      if (!this.#modified.some((m) => m.key === id.key)) {
        this.#modified.push({
          head: toSample(record.line, record.conversation, this.#limits),
          key: id.key,
          system: id.system,
          reply: id.reply,
          baseLine,
        });
      }
    }
  }

  /** Counts, and samples with the base side read back through `readBase` when given. */
  async finish(readBase?: BaseReader): Promise<RecordDiff> {
    const exactByKey = new Map<string, number>();
    let unchanged = 0;
    for (const [pair, headCount] of this.#headPairs) {
      const same = Math.min(headCount, this.#basePairs.get(pair) ?? 0);
      if (same === 0) continue;
      unchanged += same;
      const key = pair.slice(0, pair.length / 3);
      exactByKey.set(key, (exactByKey.get(key) ?? 0) + same);
    }
    let added = 0;
    let removed = 0;
    let modified = 0;
    const modifiedKeys = new Set<string>();
    const removedKeys: string[] = [];
    const leftovers = (key: string) => {
      const same = exactByKey.get(key) ?? 0;
      const base = (this.#baseKeys.get(key) ?? 0) - same;
      const head = (this.#headKeys.get(key) ?? 0) - same;
      const m = Math.min(base, head);
      modified += m;
      added += head - m;
      removed += base - m;
      if (m > 0) modifiedKeys.add(key);
    };
    for (const key of this.#baseKeys.keys()) {
      leftovers(key);
      if (!this.#headKeys.has(key) && removedKeys.length < this.#samples) removedKeys.push(key);
    }
    for (const key of this.#headKeys.keys()) if (!this.#baseKeys.has(key)) leftovers(key);

    const pending = this.#modified.filter((m) => modifiedKeys.has(m.key)).slice(0, this.#samples);
    const wanted = new Map<number, "modified" | "removed">();
    for (const m of pending) wanted.set(m.baseLine, "modified");
    for (const key of removedKeys) wanted.set(this.#baseLine.get(key)!, "removed");
    const baseSamples = new Map<number, { sample: SampleRecord; system: string; reply: string }>();
    if (readBase && wanted.size > 0) {
      await readBase(new Set(wanted.keys()), (line, conversation) => {
        const id = recordIdentity(conversation, this.#sha1);
        baseSamples.set(line, {
          sample: toSample(line, conversation, this.#limits),
          system: id.system,
          reply: id.reply,
        });
      });
    }
    return {
      added,
      removed,
      modified,
      unchanged,
      compared: { base: this.#baseCount, head: this.#headCount },
      samples: {
        added: this.#added,
        modified: pending.map((m) => {
          const base = baseSamples.get(m.baseLine);
          const changed: ModifiedSample["changed"] = base
            ? [
                ...(base.system !== m.system ? ["system" as const] : []),
                ...(base.reply !== m.reply ? ["reply" as const] : []),
              ]
            : [];
          return base ? { head: m.head, base: base.sample, changed } : { head: m.head, changed };
        }),
        removed: removedKeys.flatMap((key) => {
          const found = baseSamples.get(this.#baseLine.get(key)!);
          return found ? [found.sample] : [];
        }),
      },
    };
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
