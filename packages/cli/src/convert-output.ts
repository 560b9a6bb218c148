import type { ConvertReport } from "@tunegate/core";
import type { MediaUploads } from "@tunegate/usecases";

/** What `tunegate convert` prints: the uploads, then the conversion and the check of its output. */

/** What --upload-media sent, found already there, or (dry run) would send. */
export function renderUploads(uploads: MediaUploads, dryRun: boolean): string {
  const objects = uploads.objects();
  const count = (state: string) => objects.filter((o) => o.state === state).length;
  const head = dryRun
    ? `Media (dry run): ${plural(count("planned"), "image")} would be uploaded; nothing was sent`
    : `Media: ${plural(count("uploaded"), "image")} uploaded, ${count("present").toLocaleString("en-US")} already there`;
  const lines = [head];
  for (const o of objects.slice(0, MAX_PROBLEMS_SHOWN))
    lines.push(
      `  ${o.state === "planned" ? "would upload" : o.state === "uploaded" ? "uploaded" : "already there"} ${o.uri} (${plural(o.bytes, "byte")})`,
    );
  if (objects.length > MAX_PROBLEMS_SHOWN)
    lines.push(`  ... and ${objects.length - MAX_PROBLEMS_SHOWN} more`);
  return `${lines.join("\n")}\n`;
}

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
const MAX_PROBLEMS_SHOWN = 50;

export function render(
  report: ConvertReport,
  inName: string,
  outName: string,
  mapName: string,
  lossy: boolean,
): string {
  const lines: string[] = [];
  const model = report.target.model;
  lines.push(
    `${inName}: read as ${report.from} (${report.detected ? "detected" : "--from"}), written as ${report.target.format}${model ? ` for ${model.name}` : ""} to ${outName}`,
  );
  const withLosses = report.notes.filter((n) => n.written).length;
  const left = report.records - report.written;
  lines.push(
    `${plural(report.records, "record")}: ${report.written.toLocaleString("en-US")} written (${report.exact.toLocaleString("en-US")} exactly${withLosses > 0 ? `, ${withLosses} without what they could not carry` : ""}), ${left.toLocaleString("en-US")} left out`,
  );
  for (const note of report.notes) {
    lines.push(`${inName}:${note.line}: ${note.written ? "written without" : "not converted:"}`);
    for (const loss of note.losses) lines.push(`  - ${loss.path ? `${loss.path}: ` : ""}${loss.what}`);
  }
  if (report.notesOmitted > 0)
    lines.push(`... and ${plural(report.notesOmitted, "more record")} with losses`);
  if (left > 0 && !lossy && report.notes.some((n) => !n.losses.some((l) => l.fatal)))
    lines.push("Run with --lossy to write those records without what they cannot carry.");
  const v = report.validation;
  if (!v)
    lines.push(
      `No Bedrock model trains on ${report.target.format}: the output was not checked against a model's rules.`,
    );
  else {
    const { errors, warnings, notices } = v.summary;
    lines.push(
      `${outName} checked under ${v.model.name}: ${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(notices, "notice")}`,
    );
    const problems = v.files.flatMap((f) => f.problems);
    for (const p of problems.slice(0, MAX_PROBLEMS_SHOWN)) {
      lines.push(
        `  ${outName}:${p.line}:${p.column} (input line ${report.inputLine(p.line)}) ${p.severity} ${p.rule}: ${p.message}`,
      );
    }
    if (problems.length > MAX_PROBLEMS_SHOWN)
      lines.push(`  ... and ${problems.length - MAX_PROBLEMS_SHOWN} more`);
  }
  lines.push(`Line map: ${mapName} (line N holds the input line of output line N)`);
  return `${lines.join("\n")}\n`;
}
