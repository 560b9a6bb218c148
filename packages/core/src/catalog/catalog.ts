import { BUILT_IN_MODELS, NOT_CUSTOMIZABLE } from "./models";
import { type BaseModel, baseModelSchema, type CatalogAddition } from "./schema";

/** The resolved set of base models tunegate checks against: built-in entries plus the user's. */
export class Catalog {
  readonly #byId: ReadonlyMap<string, BaseModel>;

  constructor(models: readonly BaseModel[]) {
    this.#byId = new Map(models.map((m) => [m.id, m]));
  }

  get models(): BaseModel[] {
    return [...this.#byId.values()];
  }

  find(id: string): BaseModel | undefined {
    return this.#byId.get(id) ?? this.#byId.get(stripArn(id));
  }

  /** The entry for `id`, or an error that says why it is not there and what to use instead. */
  get(id: string): BaseModel {
    const found = this.find(id);
    if (found) return found;
    throw new CatalogError(describeUnknownModel(id, this.models));
  }
}

export class CatalogError extends Error {
  override name = "CatalogError";
}

/** `arn:aws:bedrock:us-west-2::foundation-model/<id>` names the same base model as `<id>`. */
function stripArn(id: string): string {
  const m = /^arn:aws[^:]*:bedrock:[^:]*:[^:]*:foundation-model\/(.+)$/.exec(id);
  return m?.[1] ?? id;
}

function describeUnknownModel(id: string, models: readonly BaseModel[]): string {
  const notCustomizable = NOT_CUSTOMIZABLE.find((n) => n.pattern.test(id));
  if (notCustomizable) return `"${id}" is not a base model tunegate can fine-tune: ${notCustomizable.why}.`;
  const near = models.filter((m) => m.id.startsWith(id) || id.startsWith(m.id.replace(/:\d+k$/, "")));
  if (near.length > 0) {
    return `"${id}" is not a customizable base model identifier. Did you mean ${near.map((m) => `"${m.id}"`).join(" or ")}? Customization takes the id with its context suffix (e.g. ":200k"), not the inference id.`;
  }
  return `"${id}" is not in the base-model catalog. Known: ${models.map((m) => m.id).join(", ")}. To use another model, add it under "catalog:" in tunegate.yml (it may extend a known entry).`;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Objects merge key by key; arrays and scalars replace, so an addition can shrink a Region list. */
function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = k in base ? deepMerge(base[k], v) : v;
  return out;
}

/**
 * Built-in entries plus additions from configuration, each validated against the catalog schema.
 * Additions apply in order, so one can extend an entry another addition made.
 */
export function resolveCatalog(additions: readonly CatalogAddition[] = []): Catalog {
  const entries = new Map<string, unknown>(BUILT_IN_MODELS.map((m) => [m.id, m]));
  for (const [index, addition] of additions.entries()) {
    const { extends: parentId, ...patch } = addition;
    const parent = parentId === undefined ? entries.get(addition.id) : entries.get(parentId);
    if (parentId !== undefined && parent === undefined) {
      throw new CatalogError(
        `catalog[${index}] ("${addition.id}") extends "${parentId}", which is not in the catalog. Known: ${[...entries.keys()].join(", ")}.`,
      );
    }
    entries.set(addition.id, parent === undefined ? patch : deepMerge(parent, patch));
  }
  const models: BaseModel[] = [];
  for (const [id, entry] of entries) {
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

/** A warning for a legacy or retired base model, with its date, or undefined for an active one. */
export function lifecycleWarning(model: BaseModel, today: Date = new Date()): string | undefined {
  const lc = model.lifecycle;
  if (!lc || lc.status === "active") return undefined;
  const eol = lc.endOfLife;
  if (eol && new Date(`${eol}T00:00:00Z`) <= today) {
    return `${model.name} (${model.id}) reached its end-of-life on ${eol}; AWS may refuse new customization jobs. Source: ${lc.source}.`;
  }
  return `${model.name} (${model.id}) is ${lc.status}${eol ? ` and reaches end-of-life on ${eol}` : ""}. Source: ${lc.source}.`;
}
