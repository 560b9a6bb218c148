import { RE2JS } from "re2js";

/**
 * Label patterns come from tunegate.yml or the command line, so a pull request controls them. A
 * backtracking engine (JavaScript's RegExp) can take exponential time on a pattern such as `^(a+)+$`;
 * RE2 matches in time linear in the text, so a label pattern is run by RE2 and may use only what RE2
 * can run: no lookaround, no backreferences.
 */
export interface LabelPattern {
  readonly source: string;
  /** The first group's text, or the whole match when the pattern has no group or it did not take part. */
  label(text: string): string | undefined;
}

/**
 * Why a label pattern cannot be used, or undefined when it can. The one place that compiles label
 * patterns (no flags: `^` anchors at the start of the reply), for the engine, the configuration and
 * the CLI alike. A pattern must be valid JavaScript syntax (as documented) and one RE2 can run.
 */
export function labelPatternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
  } catch (err) {
    return (err as Error).message;
  }
  const compiled = re2(pattern);
  if (!(compiled instanceof Error)) return undefined;
  const reason = compiled.message.replace(/^error parsing regexp: /, "");
  return `${reason}; label patterns run in linear time (RE2), which has no lookaround or backreferences`;
}

/**
 * RE2 programs by pattern, each compiled once: a command checks its pattern, then the engine checks and
 * compiles it for every file, and a compile costs milliseconds. A program is immutable (each match has
 * its own matcher), so every user of a pattern can share it.
 */
const programs = new Map<string, RE2JS | Error>();
/** Patterns are a handful per run; a process that tries many (the config fuzzer) keeps no more than this. */
const MAX_PROGRAMS = 64;

function re2(pattern: string): RE2JS | Error {
  let program = programs.get(pattern);
  if (program === undefined) {
    try {
      program = RE2JS.compile(pattern);
    } catch (err) {
      program = err instanceof Error ? err : new Error(String(err));
    }
    if (programs.size >= MAX_PROGRAMS) programs.clear();
    programs.set(pattern, program);
  }
  return program;
}

export function compileLabelPattern(pattern: string | undefined): LabelPattern | undefined {
  if (pattern === undefined) return undefined;
  const problem = labelPatternProblem(pattern);
  if (problem !== undefined) {
    throw new Error(`The label pattern /${pattern}/ is not a valid regular expression: ${problem}.`);
  }
  const compiled = re2(pattern) as RE2JS;
  const hasGroup = compiled.groupCount() > 0;
  const prefix = anchoredPrefix(pattern);
  return {
    source: pattern,
    label(text: string): string | undefined {
      // RE2 in JavaScript copies the text before matching: a reply that cannot match is turned away first.
      if (prefix !== undefined && !text.startsWith(prefix)) return undefined;
      const m = compiled.matcher(text);
      if (!m.find()) return undefined;
      return (hasGroup ? m.group(1) : null) ?? m.group(0) ?? undefined;
    },
  };
}

/**
 * The text every match must start with, for a pattern anchored at the start (`^ROUTE: (\S+)` gives
 * "ROUTE: "), or undefined when there is none to be sure of: no `^`, or an alternation anywhere (the
 * anchor may belong to one branch only). The literal run stops at the first character with a meaning in
 * a pattern, and loses its last character when a quantifier follows it.
 */
export function anchoredPrefix(pattern: string): string | undefined {
  if (!pattern.startsWith("^") || pattern.includes("|")) return undefined;
  let end = 1;
  while (end < pattern.length && !"\\^$.|?*+()[]{}".includes(pattern[end]!)) end++;
  if (end < pattern.length && "?*{".includes(pattern[end]!)) end--;
  const prefix = pattern.slice(1, end);
  return prefix === "" ? undefined : prefix;
}
