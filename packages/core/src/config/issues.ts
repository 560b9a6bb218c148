import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Pair,
  type YAMLMap,
} from "yaml";
import { UserError } from "../user-error";

/** One problem (or warning) in tunegate.yml, pointed at its place in the file. */
export interface ConfigIssue {
  message: string;
  /** Where in the file's structure, e.g. `models.support-router.hyperparameters.batchSize`; "" for the file. */
  path: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** What to do about it, when the message alone does not say. */
  hint?: string;
  /**
   * What the warning is about, when a report shows it elsewhere: a base model's lifecycle is said once
   * in the pull-request comment, beside the models it concerns.
   */
  topic?: "lifecycle";
}

/** tunegate.yml cannot be used: every problem found, in file order. */
export class ConfigError extends UserError {
  override name = "ConfigError";
  constructor(
    /** The config file as the user named it. */
    readonly file: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(formatIssues(file, issues));
  }
}

/** There is no config file where one was expected. */
export class ConfigNotFoundError extends ConfigError {
  override name = "ConfigNotFoundError";
}

export function formatIssue(file: string, issue: ConfigIssue): string {
  const where = issue.path === "" ? "" : `${issue.path}: `;
  const hint = issue.hint ? `\n    hint: ${issue.hint}` : "";
  return `${file}:${issue.line}:${issue.column}: ${where}${issue.message}${hint}`;
}

function formatIssues(file: string, issues: readonly ConfigIssue[]): string {
  const head = issues.length === 1 ? `${file} has a problem:` : `${file} has ${issues.length} problems:`;
  return [head, ...issues.map((i) => `  ${formatIssue(file, i)}`)].join("\n");
}

export function compareIssues(a: ConfigIssue, b: ConfigIssue): number {
  return a.line - b.line || a.column - b.column || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

export type PathSegment = string | number;

/** `["models", "a", "s3", "bucket"]` -> `models.a.s3.bucket`; indexes as `[0]`. */
export function formatConfigPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out;
}

/** What part of a path an issue is about: its value, its key, or a key that is not there. */
export type IssueTarget = "value" | "key" | "missing";

interface Found {
  /** The key node of the last segment found (absent for the root and for sequence items). */
  key?: Node;
  value?: Node;
  /** How many segments of the path exist in the document. */
  depth: number;
  /** The nearest key node on the way, for a position when the path runs out. */
  nearestKey?: Node;
}

/**
 * Maps paths in the parsed file to line and column, from the YAML nodes' ranges. Aliases are followed to
 * their anchors, so a value reached through `*alias` points at where it is written.
 */
export class Locator {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  position(offset: number): { line: number; column: number } {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /** Whether every segment of `path` is written in the file. */
  has(path: readonly PathSegment[]): boolean {
    return this.find(path).depth === path.length;
  }

  /**
   * The position an issue about `path` is reported at. A value: where it starts (or its key, when the
   * value is empty). A key: where the key starts. A missing key: the key of the mapping it belongs in.
   * When the path runs out early, the deepest key that exists.
   */
  locate(path: readonly PathSegment[], target: IssueTarget): { line: number; column: number } {
    const found = this.find(path);
    const complete = found.depth === path.length;
    let node: Node | undefined;
    if (complete && target === "key") node = found.key ?? found.value;
    else if (complete && target === "value") node = isEmpty(found.value) ? found.key : found.value;
    // A missing key, or a path that runs out: the key of the mapping it belongs in, or the list item.
    else node = found.key ?? (found.depth > 0 ? found.value : undefined);
    node ??= found.nearestKey ?? (this.doc.contents as Node | null) ?? undefined;
    const offset = node?.range?.[0] ?? 0;
    return this.position(offset);
  }

  /**
   * Mapping keys YAML reads as something other than the text written (`007:` is the number 7, `1.0:`
   * is 1, `true:` a boolean): as names they would silently change, so they must be quoted.
   */
  retypedKeys(): { path: PathSegment[]; written: string; read: string }[] {
    const found: { path: PathSegment[]; written: string; read: string }[] = [];
    const walk = (node: Node | null | undefined, path: PathSegment[], seen: Set<Node>) => {
      const n = this.resolve(node);
      if (n === undefined || seen.has(n)) return;
      seen.add(n);
      if (isMap(n)) {
        for (const pair of n.items) {
          const key = pair.key;
          if (!isScalar(key)) continue;
          const read = String(key.value);
          if (typeof key.value !== "string" && read !== key.source) {
            found.push({ path: [...path, read], written: String(key.source), read });
          }
          walk(pair.value as Node | null, [...path, read], seen);
        }
      } else if (isSeq(n)) {
        for (const [i, item] of n.items.entries()) walk(item as Node | null, [...path, i], seen);
      }
    };
    walk(this.doc.contents as Node | null, [], new Set());
    return found;
  }

  /** Each mapping's pairs by key text, built on first use: a lookup per issue must not scan the mapping. */
  readonly #byKey = new WeakMap<object, Map<string, Pair>>();

  #pair(map: YAMLMap, seg: PathSegment): Pair | undefined {
    let index = this.#byKey.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items as Pair[]) {
        if (!isScalar(p.key)) continue;
        const name = String(p.key.value);
        if (!index.has(name)) index.set(name, p);
      }
      this.#byKey.set(map, index);
    }
    return index.get(String(seg));
  }

  /**
   * Keys written twice in one mapping, at the second one. YAML's own check (`uniqueKeys`) compares each
   * key with every key before it, which takes a minute on a mapping with 50,000 keys; this is one pass.
   */
  duplicateKeys(): number[] {
    const offsets: number[] = [];
    const walk = (node: Node | null | undefined, seen: Set<Node>) => {
      const n = this.resolve(node);
      if (n === undefined || seen.has(n)) return;
      seen.add(n);
      if (isMap(n)) {
        const keys = new Set<string>();
        for (const pair of n.items) {
          const key = pair.key;
          if (isScalar(key)) {
            const name = `${typeof key.value}:${String(key.value)}`;
            if (keys.has(name)) offsets.push(key.range?.[0] ?? 0);
            keys.add(name);
          }
          walk(pair.value as Node | null, seen);
        }
      } else if (isSeq(n)) {
        for (const item of n.items) walk(item as Node | null, seen);
      }
    };
    walk(this.doc.contents as Node | null, new Set());
    return offsets;
  }

  private find(path: readonly PathSegment[]): Found {
    let current: Node | undefined = this.resolve(this.doc.contents as Node | null);
    const found: Found = { depth: 0, ...(current ? { value: current } : {}) };
    for (const seg of path) {
      if (current === undefined) break;
      if (isMap(current)) {
        const pair = this.#pair(current, seg);
        if (!pair) break;
        found.key = pair.key as Node;
        found.nearestKey = pair.key as Node;
        current = this.resolve(pair.value as Node | null);
      } else if (isSeq(current) && typeof seg === "number") {
        const item = current.items[seg] as Node | undefined;
        if (item === undefined) break;
        delete found.key;
        current = this.resolve(item);
      } else {
        break;
      }
      if (current === undefined) delete found.value;
      else found.value = current;
      found.depth++;
    }
    return found;
  }

  private resolve(node: Node | null | undefined): Node | undefined {
    if (node === null || node === undefined) return undefined;
    if (isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? node;
    return node;
  }
}

function isEmpty(node: Node | undefined): boolean {
  return node === undefined || (isScalar(node) && node.value === null && node.source === "");
}
