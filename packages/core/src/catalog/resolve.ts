import { builtInCatalog, Catalog, CatalogError } from "./catalog";
import { BUILT_IN_MODELS } from "./models";
import { type BaseModel, baseModelSchema, type CatalogAddition } from "./schema";

// Apart from catalog.ts because it needs the catalog schema (and so zod): only a configuration's
// additions are parsed at run time; the built-in entries are held to the schema by a test.

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Keys that replace as a whole: a lifecycle is one statement by one source, so an entry that says
 * "active" must not keep the end-of-life date of the entry it extends.
 */
const WHOLE_VALUE_KEYS = new Set(["lifecycle"]);

/** Objects merge key by key; arrays and scalars replace, so an addition can shrink a Region list. */
function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    out[k] = k in base && !WHOLE_VALUE_KEYS.has(k) ? deepMerge(base[k], v) : v;
  }
  return out;
}

/**
 * Built-in entries plus additions from configuration, each entry an addition made or changed validated
 * against the catalog schema. Additions apply in order, so one can extend an entry another addition made.
 */
export function resolveCatalog(additions: readonly CatalogAddition[] = []): Catalog {
  if (additions.length === 0) return builtInCatalog();
  const entries = new Map<string, unknown>(BUILT_IN_MODELS.map((m) => [m.id, m]));
  const added = new Set<string>();
  for (const [index, addition] of additions.entries()) {
    const { extends: parentId, ...patch } = addition;
    const parent = parentId === undefined ? entries.get(addition.id) : entries.get(parentId);
    if (parentId !== undefined && parent === undefined) {
      throw new CatalogError(
        `catalog[${index}] ("${addition.id}") extends "${parentId}", which is not in the catalog. Known: ${[...entries.keys()].join(", ")}.`,
      );
    }
    entries.set(addition.id, parent === undefined ? patch : deepMerge(parent, patch));
    added.add(addition.id);
  }
  const models: BaseModel[] = [];
  for (const [id, entry] of entries) {
    if (!added.has(id)) {
      models.push(structuredClone(entry as BaseModel));
      continue;
    }
    const parsed = baseModelSchema.safeParse(entry);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .map((i) => `${i.path.join(".") || "(entry)"}: ${i.message}`)
        .join("; ");
      throw new CatalogError(`Catalog entry "${id}" is invalid: ${issues}.`);
    }
    models.push(parsed.data);
  }
  return new Catalog(models);
}
