// The pull request comments `npm run demo` prints, in a form that is the same on every run: the golden
// file test/golden/demo-comments.txt holds them, and the demo's end-to-end test compares byte for byte.
// Only what truly changes run to run is replaced: the ids the Bedrock stand-in draws at random for
// jobs, custom models, deployments and provisioned throughput, and the wall-clock start, end and length of the job.
// Commit SHAs (and so job names and the loss curves seeded by them) are pinned by running the demo with
// fixed git dates (GOLDEN_GIT_DATES).
import { readFileSync, writeFileSync } from "node:fs";

export const GOLDEN_FILE = new URL("./golden/demo-comments.txt", import.meta.url);

/** Fixed author and committer dates: the demo's commits, and so their SHAs, are the same every run. */
export const GOLDEN_GIT_DATES = {
  GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z",
};

const RESOURCE_ARN =
  /arn:aws:bedrock:[a-z0-9-]+:\d{12}:(?:model-customization-job|custom-model-deployment|custom-model|provisioned-model)\/(?:[\w.:-]+\/)?([a-z0-9]{12})(?![a-z0-9])/g;

/** The comment blocks of the demo's output (from "┌─" to "└─"), normalised. */
export function demoComments(stdout: string): string {
  // Ids are collected from whole ARNs anywhere in the output (a comment's table may wrap one), then
  // replaced everywhere by a placeholder of the same width, so the tables keep their layout.
  const ids = new Map<string, string>();
  for (const match of stdout.matchAll(RESOURCE_ARN)) {
    const id = match[1]!;
    if (!ids.has(id)) ids.set(id, `<resource-${ids.size + 1}>`.padEnd(12, ">").slice(0, 12));
  }
  const blocks: string[] = [];
  let block: string[] | undefined;
  for (const line of stdout.split("\n")) {
    if (line.startsWith("  ┌─")) block = [];
    if (block) block.push(line);
    if (block && line === "  └─") {
      blocks.push(block.join("\n"));
      block = undefined;
    }
  }
  let text = `${blocks.join("\n\n")}\n`;
  for (const [id, placeholder] of ids) {
    text = text.replaceAll(id, placeholder);
    // A narrow table cell can also wrap inside an id: "/abc" at the end of one line, "def" starting the
    // same cell on the next. The piece after "/" and the rest are replaced by the placeholder's pieces.
    for (let k = 1; k < id.length; k++) {
      const wrapped = new RegExp(
        `/${id.slice(0, k)}(\\s*│[^\\n]*\\n[^\\n]*?│\\s*)${id.slice(k)}(?![a-z0-9])`,
        "g",
      );
      text = text.replace(wrapped, `/${placeholder.slice(0, k)}$1${placeholder.slice(k)}`);
    }
  }
  return (
    text
      .replace(/\b\d+ min \d+ s \(started/g, "<duration> (started")
      // The job's length has one or two digits of seconds (real time passes before the clock is moved
      // on), so the padding of its table cell varies by one: keep one space before the cell's end.
      .replace(/(<duration> \(started[^\n]*?) +│/g, "$1 │")
      .replace(/\b\d{4}-\d\d-\d\d \d\d:\d\d UTC\b/g, "YYYY-MM-DD hh:mm UTC")
      .replace(/\b\d{4}-\d\d-\d\d(?=\s*│)/g, "YYYY-MM-DD")
      .replace(/(│\s+)\d\d:\d\d UTC\)/g, "$1hh:mm UTC)")
  );
}

/** The golden file; with UPDATE_DEMO_GOLDEN=1 in the environment, `actual` is written to it first. */
export function goldenComments(actual: string): string {
  if (process.env.UPDATE_DEMO_GOLDEN === "1") writeFileSync(GOLDEN_FILE, actual);
  return readFileSync(GOLDEN_FILE, "utf8");
}
