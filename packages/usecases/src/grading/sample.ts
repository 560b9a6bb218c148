import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { type GradeSample, gradeSampleOf, type SampleOptions } from "@tunegate/core";

export interface DatasetSample {
  /** The records picked, in file order. */
  samples: GradeSample[];
  /** Non-empty lines of the file. */
  records: number;
  /** Records that could be sent to the grader (the rest are the dataset rules' business). */
  gradable: number;
  /** Why records were left out: the first few, with the count of all. */
  skipped: { line: number; reason: string }[];
  skippedCount: number;
}

const SKIPS_KEPT = 5;

/**
 * A deterministic sample of `size` gradable records: those whose line has the smallest SHA-256. The
 * same file gives the same sample on every run and machine, the sample is spread over the whole file,
 * and an edit elsewhere in the file leaves the rest of the sample as it was. Memory holds the sample
 * only (and the ids seen, to leave out a repeated id, which the dataset rules report).
 */
export async function sampleDataset(
  path: string,
  size: number,
  options: SampleOptions = {},
): Promise<DatasetSample> {
  const kept: { key: string; sample: GradeSample }[] = [];
  const ids = new Set<string>();
  const skipped: DatasetSample["skipped"] = [];
  let skippedCount = 0;
  let records = 0;
  let gradable = 0;
  let line = 0;
  const skip = (at: number, reason: string) => {
    skippedCount += 1;
    if (skipped.length < SKIPS_KEPT) skipped.push({ line: at, reason });
  };
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const raw of lines) {
    line += 1;
    const text = line === 1 ? raw.replace(/^\uFEFF/, "") : raw;
    if (text.trim() === "") continue;
    records += 1;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      skip(line, "the line is not JSON");
      continue;
    }
    const sample = gradeSampleOf(record, line, options);
    if ("skipped" in sample) {
      skip(line, sample.skipped);
      continue;
    }
    if (sample.ownId) {
      const id = String(sample.item.id);
      if (ids.has(id)) {
        skip(line, `its id ${JSON.stringify(id)} repeats an earlier record's`);
        continue;
      }
      ids.add(id);
    }
    gradable += 1;
    const key = createHash("sha256").update(text).digest("hex");
    if (kept.length < size || key < kept[kept.length - 1]!.key) {
      const at = kept.findIndex((k) => key < k.key);
      kept.splice(at === -1 ? kept.length : at, 0, { key, sample });
      if (kept.length > size) kept.pop();
    }
  }
  const samples = kept.map((k) => k.sample).sort((a, b) => a.line - b.line);
  return { samples: uniqueIds(samples, ids), records, gradable, skipped, skippedCount };
}

/** An id made up from a line must not be a record's own id: the grader's scores are matched by id. */
function uniqueIds(samples: GradeSample[], own: ReadonlySet<string>): GradeSample[] {
  return samples.map((s) => {
    if (s.ownId || !own.has(String(s.item.id))) return s;
    let n = 2;
    while (own.has(`${s.item.id}-${n}`)) n += 1;
    return { ...s, item: { ...s.item, id: `${s.item.id}-${n}` } };
  });
}
