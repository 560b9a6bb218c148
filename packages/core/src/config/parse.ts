import { dirname, resolve as resolvePath } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { catalogOf } from "./catalog-additions";
import { Reporter } from "./issue-reporter";
import { ConfigError, type ConfigIssue, compareIssues, Locator, type PathSegment } from "./issues";
import { isPlain } from "./merge-layers";
import { resolveModel } from "./resolve-model";
import { configFileSchema, MODEL_NAME_PATTERN } from "./schema";
import type { ParseConfigOptions, ParsedConfig, ResolvedModel } from "./types";
import { configErrorMap, convertZodIssues } from "./zod-issues";

export { mergeLayers } from "./merge-layers";

/**
 * Reads tunegate.yml text into the resolved configuration, or throws a ConfigError that lists every
 * problem with its line and column. Stages: YAML syntax (stop there: positions after a syntax error are
 * guesses), the schema (types, patterns, unknown keys), the catalog additions, then each model with its
 * defaults merged in (required fields, base model, Region, hyperparameter names and ranges, tags).
 * Later stages skip values an earlier stage already reported, so one mistake gives one message.
 */
export function parseConfig(text: string, options: ParseConfigOptions): ParsedConfig {
  const file = options.path;
  const lines = new LineCounter();
  // Duplicate keys are found by the locator in one pass (YAML's own check is quadratic in a mapping's size).
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const locator = new Locator(doc, lines);
  const fromYaml = (e: { message: string; pos: [number, number]; code: string }): ConfigIssue => ({
    message: e.code === "DUPLICATE_KEY" ? "duplicate key: each key may appear once in a mapping" : e.message,
    path: "",
    ...locator.position(e.pos[0]),
  });
  const duplicates = locator.duplicateKeys().map((offset) => ({
    message: "duplicate key: each key may appear once in a mapping",
    path: "",
    ...locator.position(offset),
  }));
  if (doc.errors.length > 0 || duplicates.length > 0) {
    throw new ConfigError(file, [...doc.errors.map(fromYaml), ...duplicates].sort(compareIssues));
  }
  const report = new Reporter(locator);
  for (const w of doc.warnings) report.warningAt(fromYaml(w));

  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (err) {
    // The yaml library caps alias expansion (100 by default): an alias bomb stops here, not in memory.
    throw new ConfigError(file, [{ message: (err as Error).message, path: "", line: 1, column: 1 }]);
  }
  if (raw === null || raw === undefined) {
    throw new ConfigError(file, [
      {
        message: "the file is empty",
        path: "",
        line: 1,
        column: 1,
        hint: "start with `version: 1` and declare the models to fine-tune under `models:`.",
      },
    ]);
  }

  const parsed = configFileSchema.safeParse(raw, { error: configErrorMap });
  const dirty: PathSegment[][] = [];
  if (!parsed.success) {
    for (const issue of convertZodIssues(parsed.error.issues, raw, configFileSchema, locator))
      report.add(issue);
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((s): s is PathSegment => typeof s !== "symbol");
      // An unknown key taints only itself, not the mapping that holds it.
      if (issue.code === "unrecognized_keys") for (const key of issue.keys) dirty.push([...path, key]);
      else dirty.push(path);
    }
  }
  for (const { path, written, read } of locator.retypedKeys()) {
    report.error(
      path,
      "key",
      `YAML reads the key ${written} as ${read}`,
      `quote it ("${written}") to keep it as written.`,
    );
    dirty.push(path);
  }
  const isClean = (path: readonly PathSegment[]) => !dirty.some((d) => overlaps(d, path));
  /** A problem at this path or above it (a name YAML retyped, a model that is not a mapping). */
  const taintedAt = (path: readonly PathSegment[]) =>
    dirty.some((d) => d.length <= path.length && overlaps(d, path));

  const top = isPlain(raw) ? raw : {};
  const catalog = catalogOf(top.catalog, isClean, report);
  const defaults = isPlain(top.defaults) ? top.defaults : {};
  const models: ResolvedModel[] = [];
  const lifecycleWarned = new Set<string>();
  const root = options.root ?? dirname(resolvePath(file));
  if (isPlain(top.models)) {
    for (const [name, layer] of Object.entries(top.models)) {
      if (!MODEL_NAME_PATTERN.test(name) || !isPlain(layer) || taintedAt(["models", name])) continue;
      const resolved = resolveModel({
        name,
        layer,
        defaults,
        raw,
        catalog,
        isClean,
        report,
        today: options.today,
        root,
        outsideRepository: options.outsideRepository,
        lifecycleWarned,
        file,
        datasetProblem: options.datasetProblem,
      });
      if (resolved) models.push(resolved);
    }
  }

  const errors = report.errors();
  if (errors.length > 0) throw new ConfigError(file, errors);
  return { config: { path: file, root, catalog: catalog.catalog, models }, warnings: report.warnings() };
}

/** Whether one path is the other or inside it. */
function overlaps(a: readonly PathSegment[], b: readonly PathSegment[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (String(a[i]) !== String(b[i])) return false;
  return true;
}
