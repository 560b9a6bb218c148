import { type Catalog, CatalogError } from "../catalog/catalog";
import { BUILT_IN_MODELS } from "../catalog/models";
import { resolveCatalog } from "../catalog/resolve";
import type { CatalogAddition } from "../catalog/schema";
import type { Reporter } from "./issue-reporter";
import type { PathSegment } from "./issues";
import { isPlain } from "./merge-layers";
import { closest } from "./suggest";

// Catalog additions

export interface ConfiguredCatalog {
  catalog: Catalog;
  /** Ids of additions that failed: models using them are not checked further (one message is enough). */
  failed: Set<string>;
  /** Ids the file added or changed, so messages can say a range comes from this file. */
  configured: Set<string>;
}

/**
 * Applies the file's catalog additions one by one, so that every broken entry is reported (the catalog
 * itself stops at the first) and the good ones still serve the models.
 */
export function catalogOf(
  rawCatalog: unknown,
  isClean: (path: PathSegment[]) => boolean,
  report: Reporter,
): ConfiguredCatalog {
  const entries = Array.isArray(rawCatalog) ? rawCatalog : [];
  const good: CatalogAddition[] = [];
  const known = new Set(BUILT_IN_MODELS.map((m) => m.id));
  const failed = new Set<string>();
  const configured = new Set<string>();
  for (const [i, entry] of entries.entries()) {
    const id = isPlain(entry) && typeof entry.id === "string" ? entry.id : undefined;
    if (!isPlain(entry) || id === undefined || !isClean(["catalog", i])) {
      if (id !== undefined) failed.add(id);
      continue;
    }
    const parent = entry.extends;
    if (typeof parent === "string" && !known.has(parent)) {
      const near = closest(parent, known);
      report.error(
        ["catalog", i, "extends"],
        "value",
        `"${parent}" is not in the catalog, so "${id}" cannot extend it`,
        near
          ? `did you mean "${near}"? (entries extend built-in ids or ids added above them)`
          : `known ids: ${[...known].join(", ")}.`,
      );
      failed.add(id);
      continue;
    }
    try {
      resolveCatalog([...good, entry as CatalogAddition]);
    } catch (err) {
      if (!(err instanceof CatalogError)) throw err;
      report.error(
        ["catalog", i],
        "value",
        err.message,
        parent === undefined && !known.has(id)
          ? `a new id needs a complete entry; or add "extends: <id>" to start from a known entry.`
          : undefined,
      );
      failed.add(id);
      continue;
    }
    good.push(entry as CatalogAddition);
    known.add(id);
    configured.add(id);
  }
  return { catalog: resolveCatalog(good), failed, configured };
}
